#include "TokenText.h"

namespace tierlens {

QStringList TokenText::pieces(const QString& text)
{
    QStringList out;
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const qsizetype start = i;
        while (i < n && text.at(i).isSpace())
            ++i;
        // A run of pure whitespace longer than a few characters (code indentation) is a token of its own.
        if (i - start >= 4 && i < n) {
            out.append(text.mid(start, i - start));
            continue;
        }
        qsizetype wordEnd = i;
        if (wordEnd < n && !text.at(wordEnd).isLetterOrNumber()) {
            // Punctuation is a token of its own; keep surrogate pairs together.
            wordEnd += (text.at(wordEnd).isHighSurrogate() && wordEnd + 1 < n) ? 2 : 1;
        } else {
            while (wordEnd < n && text.at(wordEnd).isLetterOrNumber())
                ++wordEnd;
        }
        if (wordEnd - start <= 7) {
            out.append(text.mid(start, wordEnd - start));
        } else {
            for (qsizetype p = start; p < wordEnd; p += 4)
                out.append(text.mid(p, qMin<qsizetype>(4, wordEnd - p)));
        }
        i = wordEnd;
    }
    return out;
}

void TokenText::appendJsonString(QByteArray& out, const QString& text)
{
    static const char hex[] = "0123456789abcdef";
    const QByteArray utf8 = text.toUtf8();
    out.reserve(out.size() + utf8.size() + 2);
    out.append('"');
    for (char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"':
            out.append("\\\"", 2);
            break;
        case '\\':
            out.append("\\\\", 2);
            break;
        case '\n':
            out.append("\\n", 2);
            break;
        case '\r':
            out.append("\\r", 2);
            break;
        case '\t':
            out.append("\\t", 2);
            break;
        default:
            if (u < 0x20) {
                const char esc[] = { '\\', 'u', '0', '0', hex[u >> 4], hex[u & 15] };
                out.append(esc, 6);
            } else {
                out.append(c);
            }
        }
    }
    out.append('"');
}

} // namespace tierlens
