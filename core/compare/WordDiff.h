#pragma once
// A word-level diff of two answers, as spans for a side-by-side view and a single "how different" figure.

#include <QString>
#include <QStringView>
#include <QVector>

namespace tierlens {

struct DiffSpan
{
    enum Kind { Same, Removed, Added };
    Kind kind = Same;
    QString text;

    bool operator==(const DiffSpan& o) const { return kind == o.kind && text == o.text; }
    bool operator!=(const DiffSpan& o) const { return !(*this == o); }
};

class WordDiff
{
public:
    enum class Side { Left, Right };

    // Tokens: runs of letters, digits and underscores (combining marks stay with the letter they follow), runs of
    // whitespace, and every other character on its own. Each CJK ideograph, kana and hangul character is a token
    // of its own, since Chinese and Japanese put no spaces between words. A surrogate pair is never split.
    // Concatenating the tokens gives the text back. Linear in the text's length.
    static QVector<QString> tokenize(const QString& text);

    // Spans from left to right: the Same and Removed spans concatenated give left back, the Same and Added ones
    // give right. Adjacent spans of one kind are merged, and inside a change Removed comes before Added. Where
    // both sides changed, whitespace the two happen to share between changed words is folded into the change
    // ("-a b c +x y z" rather than "-a +x ' ' -b +y ' ' -c +z"), which reads far better side by side.
    static QVector<DiffSpan> diff(const QString& left, const QString& right);

    // One side of a side-by-side view: Left shows Same and Removed spans, Right shows Same and Added ones.
    // HTML-escaped, line breaks as <br>, runs of spaces and tabs kept (as &nbsp;) so indentation survives rich
    // text's whitespace collapsing; changed spans are wrapped in <span style="background-color:..;color:..">
    // with colours chosen for the palette (dark: light text on deep red/green; light: the reverse).
    static QString toHtml(const QVector<DiffSpan>& spans, Side side, bool dark);

    // Share of tokens that differ: (removed + added) / (left + right) tokens, 0 for identical texts (and for
    // two empty ones), 1 when nothing is shared. For sorting "most different first".
    static double changedRatio(const QVector<DiffSpan>& spans);

    // How many tokens tokenize() would cut text into, without building them.
    static qsizetype tokenCount(QStringView text);
};

} // namespace tierlens
