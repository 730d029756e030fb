#pragma once
// Characters of the scripts written without spaces between words (Chinese, Japanese; Korean with them), which
// token estimates and word diffs count one by one.

#include <QChar>

namespace tierlens {

// Han, Hiragana, Katakana, Hangul and Bopomofo letters, the CJK symbols and punctuation block (U+3000..U+303F:
// 、。「」〇々〆) and the prolonged sound mark ー.
inline bool isCjkCharacter(char32_t u)
{
    if (u < 0x1100)
        return false;
    switch (QChar::script(u)) {
    case QChar::Script_Han:
    case QChar::Script_Hiragana:
    case QChar::Script_Katakana:
    case QChar::Script_Hangul:
    case QChar::Script_Bopomofo:
        return true;
    default:
        break;
    }
    return (u >= 0x3000 && u <= 0x303F) || u == 0x30FC;
}

} // namespace tierlens
