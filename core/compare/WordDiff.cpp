#include "WordDiff.h"

#include "util/TextScripts.h"

#include <QHash>

#include <dtl/dtl.hpp>

#include <vector>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

enum class CharClass { Word, Space, Single, Mark };

// Letters of scripts written without spaces (and hangul, which the diff treats the same way): a token each,
// with the half-width prolonged sound mark.
bool isCjkLetter(char32_t u)
{
    return isCjkCharacter(u) || u == 0xFF70;
}

CharClass classify(char32_t u)
{
    if (u < 0x80) {
        if ((u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'_')
            return CharClass::Word;
        return QChar::isSpace(u) ? CharClass::Space : CharClass::Single;
    }
    if (isCjkLetter(u))
        return CharClass::Single;
    if (QChar::isLetterOrNumber(u))
        return CharClass::Word;
    if (QChar::isMark(u))
        return CharClass::Mark;
    if (QChar::isSpace(u))
        return CharClass::Space;
    return CharClass::Single;
}

// Calls onToken(start, length) for each token, left to right, in one pass.
template <typename Emit> void forEachToken(QStringView text, Emit&& onToken)
{
    const qsizetype n = text.size();
    qsizetype start = 0;
    CharClass current = CharClass::Single;
    for (qsizetype i = 0; i < n;) {
        const QChar c = text[i];
        char32_t u = c.unicode();
        qsizetype width = 1;
        if (c.isHighSurrogate() && i + 1 < n && text[i + 1].isLowSurrogate()) {
            u = QChar::surrogateToUcs4(c, text[i + 1]);
            width = 2;
        }
        const CharClass k = classify(u);
        bool extend = false;
        if (i > start) {
            // A combining mark stays with what it modifies (an accent with its letter, a variation selector
            // with its emoji), never with whitespace.
            if (k == CharClass::Mark)
                extend = current != CharClass::Space;
            else
                extend = k == current && (k == CharClass::Word || k == CharClass::Space);
        }
        if (!extend) {
            if (i > start)
                onToken(start, i - start);
            start = i;
            current = k == CharClass::Mark ? CharClass::Single : k;
        }
        i += width;
    }
    if (n > start)
        onToken(start, n - start);
}

QVector<QStringView> tokenViews(QStringView text)
{
    QVector<QStringView> tokens;
    forEachToken(text, [&](qsizetype start, qsizetype length) { tokens.append(text.mid(start, length)); });
    return tokens;
}

bool isBlank(const QString& text)
{
    for (const QChar c : text) {
        if (!c.isSpace())
            return false;
    }
    return true;
}

void appendSpan(QVector<DiffSpan>& spans, DiffSpan::Kind kind, QStringView text)
{
    if (text.isEmpty())
        return;
    if (!spans.isEmpty() && spans.last().kind == kind)
        spans.last().text += text;
    else
        spans.append(DiffSpan { kind, text.toString() });
}

// Folds whitespace-only Same spans that sit between changed spans into the change, when the change has both a
// Removed and an Added side; a one-sided change (only deletions, only insertions) is left as it is.
QVector<DiffSpan> foldSharedWhitespace(const QVector<DiffSpan>& raw)
{
    QVector<DiffSpan> out;
    const qsizetype n = raw.size();
    for (qsizetype i = 0; i < n;) {
        if (raw.at(i).kind == DiffSpan::Same) {
            appendSpan(out, DiffSpan::Same, raw.at(i).text);
            ++i;
            continue;
        }
        qsizetype end = i;
        bool hasRemoved = false;
        bool hasAdded = false;
        for (qsizetype j = i; j < n;) {
            const DiffSpan& s = raw.at(j);
            if (s.kind != DiffSpan::Same) {
                hasRemoved = hasRemoved || s.kind == DiffSpan::Removed;
                hasAdded = hasAdded || s.kind == DiffSpan::Added;
                end = ++j;
            } else if (j + 1 < n && raw.at(j + 1).kind != DiffSpan::Same && isBlank(s.text)) {
                ++j;
            } else {
                break;
            }
        }
        if (hasRemoved && hasAdded) {
            QString removed;
            QString added;
            for (qsizetype j = i; j < end; ++j) {
                const DiffSpan& s = raw.at(j);
                if (s.kind != DiffSpan::Added)
                    removed += s.text;
                if (s.kind != DiffSpan::Removed)
                    added += s.text;
            }
            appendSpan(out, DiffSpan::Removed, removed);
            appendSpan(out, DiffSpan::Added, added);
        } else {
            for (qsizetype j = i; j < end; ++j)
                appendSpan(out, raw.at(j).kind, raw.at(j).text);
        }
        i = end;
    }
    return out;
}

QString escapeForHtml(QStringView text, bool& afterSpace)
{
    QString out;
    out.reserve(text.size() + text.size() / 8);
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text[i];
        switch (c.unicode()) {
        case u'&':
            out += u"&amp;"_s;
            break;
        case u'<':
            out += u"&lt;"_s;
            break;
        case u'>':
            out += u"&gt;"_s;
            break;
        case u'"':
            out += u"&quot;"_s;
            break;
        case u'\r':
            if (i + 1 < n && text[i + 1] == u'\n')
                continue;
            Q_FALLTHROUGH();
        case u'\n':
            out += u"<br>"_s;
            afterSpace = true; // a space opening a line would be dropped too
            continue;
        case u'\t':
            out += u"&nbsp;&nbsp;&nbsp;&nbsp;"_s;
            afterSpace = true;
            continue;
        case u' ':
            // Rich text collapses runs of spaces: keep the first as a breakable space, the rest as &nbsp;.
            out += afterSpace ? u"&nbsp;"_s : u" "_s;
            afterSpace = true;
            continue;
        default:
            out += c;
            break;
        }
        afterSpace = false;
    }
    return out;
}

} // namespace

QVector<QString> WordDiff::tokenize(const QString& text)
{
    QVector<QString> tokens;
    forEachToken(text, [&](qsizetype start, qsizetype length) { tokens.append(text.mid(start, length)); });
    return tokens;
}

qsizetype WordDiff::tokenCount(QStringView text)
{
    qsizetype count = 0;
    forEachToken(text, [&](qsizetype, qsizetype) { ++count; });
    return count;
}

QVector<DiffSpan> WordDiff::diff(const QString& left, const QString& right)
{
    const QVector<QStringView> a = tokenViews(left);
    const QVector<QStringView> b = tokenViews(right);

    // dtl compares the tokens as small integers: one hash lookup per token instead of string compares in its
    // inner loop.
    QHash<QStringView, int> ids;
    ids.reserve(a.size() + b.size());
    const auto intern = [&](const QVector<QStringView>& tokens) {
        std::vector<int> seq;
        seq.reserve(size_t(tokens.size()));
        for (const QStringView t : tokens) {
            auto it = ids.constFind(t);
            if (it == ids.constEnd())
                it = ids.insert(t, int(ids.size()));
            seq.push_back(it.value());
        }
        return seq;
    };
    const std::vector<int> sa = intern(a);
    const std::vector<int> sb = intern(b);

    // The common head and tail never reach dtl: answers to one prompt often share their opening or closing.
    size_t head = 0;
    while (head < sa.size() && head < sb.size() && sa[head] == sb[head])
        ++head;
    size_t tail = 0;
    while (tail < sa.size() - head && tail < sb.size() - head && sa[sa.size() - 1 - tail] == sb[sb.size() - 1 - tail])
        ++tail;

    QVector<DiffSpan> raw;
    for (size_t i = 0; i < head; ++i)
        appendSpan(raw, DiffSpan::Same, a[qsizetype(i)]);

    const std::vector<int> midA(sa.begin() + qsizetype(head), sa.end() - qsizetype(tail));
    const std::vector<int> midB(sb.begin() + qsizetype(head), sb.end() - qsizetype(tail));
    qsizetype ia = qsizetype(head);
    qsizetype ib = qsizetype(head);
    if (midA.empty() || midB.empty()) {
        for (; ia < a.size() - qsizetype(tail); ++ia)
            appendSpan(raw, DiffSpan::Removed, a[ia]);
        for (; ib < b.size() - qsizetype(tail); ++ib)
            appendSpan(raw, DiffSpan::Added, b[ib]);
    } else {
        // deletesFirst: inside each change the deletions come before the insertions.
        dtl::Diff<int> d(midA, midB, true);
        d.compose();
        // The script lists each sequence's elements in order, so walking it consumes both token lists.
        for (const auto& [id, info] : d.getSes().getSequence()) {
            Q_UNUSED(id);
            switch (info.type) {
            case dtl::SES_DELETE:
                appendSpan(raw, DiffSpan::Removed, a[ia++]);
                break;
            case dtl::SES_ADD:
                appendSpan(raw, DiffSpan::Added, b[ib++]);
                break;
            default:
                appendSpan(raw, DiffSpan::Same, a[ia++]);
                ++ib;
                break;
            }
        }
    }
    Q_ASSERT(ia == a.size() - qsizetype(tail) && ib == b.size() - qsizetype(tail));
    for (; ia < a.size(); ++ia)
        appendSpan(raw, DiffSpan::Same, a[ia]);

    return foldSharedWhitespace(raw);
}

QString WordDiff::toHtml(const QVector<DiffSpan>& spans, Side side, bool dark)
{
    // GitHub's diff colours: text and background of each pair differ enough for WCAG AA on either palette,
    // and the text colour is set explicitly so a dark palette's light default text never lands on a light
    // background.
    const QString removedStyle
        = dark ? u"background-color:#67060c;color:#ffdcd7"_s : u"background-color:#ffd7d5;color:#82071e"_s;
    const QString addedStyle
        = dark ? u"background-color:#033a16;color:#aff5b4"_s : u"background-color:#ccffd8;color:#055d20"_s;
    const DiffSpan::Kind shown = side == Side::Left ? DiffSpan::Removed : DiffSpan::Added;

    QString html;
    bool afterSpace = true;
    for (const DiffSpan& span : spans) {
        if (span.kind == DiffSpan::Same) {
            html += escapeForHtml(span.text, afterSpace);
        } else if (span.kind == shown) {
            html += u"<span style=\""_s + (shown == DiffSpan::Removed ? removedStyle : addedStyle) + u"\">"_s
                + escapeForHtml(span.text, afterSpace) + u"</span>"_s;
        }
    }
    return html;
}

double WordDiff::changedRatio(const QVector<DiffSpan>& spans)
{
    qsizetype same = 0;
    qsizetype changed = 0;
    for (const DiffSpan& span : spans) {
        const qsizetype n = tokenCount(span.text);
        if (span.kind == DiffSpan::Same)
            same += 2 * n; // once on each side
        else
            changed += n;
    }
    return same + changed == 0 ? 0.0 : double(changed) / double(same + changed);
}

} // namespace tierlens
