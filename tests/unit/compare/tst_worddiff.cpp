// Word diff: tokens in Latin, CJK and combining text, spans against hand-worked diffs, the HTML of each side, the
// changed ratio, and two ~20 KB answers diffed back into exactly the texts they came from.

#include "compare/WordDiff.h"

#include <QTest>

using namespace Qt::StringLiterals;
using tierlens::DiffSpan;
using tierlens::WordDiff;

using Spans = QVector<DiffSpan>;
Q_DECLARE_METATYPE(DiffSpan)

namespace {

DiffSpan same(const QString& t)
{
    return DiffSpan { DiffSpan::Same, t };
}
DiffSpan removed(const QString& t)
{
    return DiffSpan { DiffSpan::Removed, t };
}
DiffSpan added(const QString& t)
{
    return DiffSpan { DiffSpan::Added, t };
}

QString side(const Spans& spans, DiffSpan::Kind changed)
{
    QString text;
    for (const DiffSpan& s : spans) {
        if (s.kind == DiffSpan::Same || s.kind == changed)
            text += s.text;
    }
    return text;
}

QString describe(const Spans& spans)
{
    QStringList parts;
    for (const DiffSpan& s : spans) {
        const QChar mark = s.kind == DiffSpan::Same ? u'=' : s.kind == DiffSpan::Removed ? u'-' : u'+';
        parts << mark + u'[' + s.text + u']';
    }
    return parts.join(u' ');
}

// Non-whitespace tokens of every span of one kind, in order.
QStringList wordsOf(const Spans& spans, DiffSpan::Kind kind)
{
    QStringList words;
    for (const DiffSpan& s : spans) {
        if (s.kind != kind)
            continue;
        for (const QString& t : WordDiff::tokenize(s.text)) {
            if (!t.trimmed().isEmpty())
                words << t;
        }
    }
    return words;
}

// A deterministic "answer": sentences of words from a fixed vocabulary, some Chinese, paragraphs and a list.
QStringList answerWords(quint32 seed, int count)
{
    static const QStringList vocabulary = [] {
        QStringList v { u"the"_s,     u"model"_s,    u"answer"_s,  u"is"_s,    u"a"_s,     u"of"_s,
                        u"to"_s,      u"and"_s,      u"latency"_s, u"token"_s, u"price"_s, u"cache"_s,
                        u"request"_s, u"response"_s, u"flash"_s,   u"pro"_s,   u"模型"_s,  u"回答"_s,
                        u"价格"_s,    u"缓存"_s,     u"value_1"_s, u"42"_s,    u"x86_64"_s };
        for (int i = 0; i < 150; ++i)
            v << u"w"_s + QString::number(i, 36);
        return v;
    }();
    QStringList words;
    quint32 state = seed;
    for (int i = 0; i < count; ++i) {
        state = state * 1664525u + 1013904223u;
        words << vocabulary.at(int((state >> 8) % quint32(vocabulary.size())));
    }
    return words;
}

QString join(const QStringList& words)
{
    QString text;
    for (qsizetype i = 0; i < words.size(); ++i) {
        if (i > 0)
            text += i % 97 == 0 ? u"\n\n- "_s : i % 13 == 0 ? u". "_s : u" "_s;
        text += words.at(i);
    }
    return text;
}

} // namespace

class TestWordDiff : public QObject
{
    Q_OBJECT

private slots:
    void tokenize_data();
    void tokenize();
    void diff_data();
    void diff();
    void html();
    void changedRatio_data();
    void changedRatio();
    void largeAnswersWithFewChanges();
    void largeUnrelatedAnswers();
};

void TestWordDiff::tokenize_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("tokens");
    QTest::newRow("empty") << QString() << QStringList {};
    QTest::newRow("punctuation alone") << u"Hello, world!"_s
                                       << QStringList { u"Hello"_s, u","_s, u" "_s, u"world"_s, u"!"_s };
    QTest::newRow("underscore, digits, whitespace runs")
        << u"foo_bar42  baz\n\tx"_s << QStringList { u"foo_bar42"_s, u"  "_s, u"baz"_s, u"\n\t"_s, u"x"_s };
    QTest::newRow("each symbol its own") << u"a--b.c"_s
                                         << QStringList { u"a"_s, u"-"_s, u"-"_s, u"b"_s, u"."_s, u"c"_s };
    QTest::newRow("accented letters") << u"Größe straße"_s << QStringList { u"Größe"_s, u" "_s, u"straße"_s };
    QTest::newRow("combining accent stays") << u"cafe\u0301 x"_s << QStringList { u"cafe\u0301"_s, u" "_s, u"x"_s };
    QTest::newRow("Chinese ideographs") << u"你好世界"_s << QStringList { u"你"_s, u"好"_s, u"世"_s, u"界"_s };
    QTest::newRow("Chinese with Latin and full stop")
        << u"我用Qt写代码。"_s << QStringList { u"我"_s, u"用"_s, u"Qt"_s, u"写"_s, u"代"_s, u"码"_s, u"。"_s };
    QTest::newRow("kana and prolonged sound mark")
        << u"コーヒーです"_s << QStringList { u"コ"_s, u"ー"_s, u"ヒ"_s, u"ー"_s, u"で"_s, u"す"_s };
    QTest::newRow("hangul") << u"한국어 텍스트"_s
                            << QStringList { u"한"_s, u"국"_s, u"어"_s, u" "_s, u"텍"_s, u"스"_s, u"트"_s };
    QTest::newRow("ideograph outside the BMP") << u"\U00020000x"_s << QStringList { u"\U00020000"_s, u"x"_s };
    QTest::newRow("emoji pair kept whole")
        << u"a\U0001F600\U0001F600b"_s << QStringList { u"a"_s, u"\U0001F600"_s, u"\U0001F600"_s, u"b"_s };
}

void TestWordDiff::tokenize()
{
    QFETCH(QString, text);
    QFETCH(QStringList, tokens);
    const QVector<QString> got = WordDiff::tokenize(text);
    QCOMPARE(QStringList(got.begin(), got.end()), tokens);
    QCOMPARE(WordDiff::tokenCount(text), tokens.size());
}

void TestWordDiff::diff_data()
{
    QTest::addColumn<QString>("left");
    QTest::addColumn<QString>("right");
    QTest::addColumn<Spans>("spans");
    QTest::newRow("both empty") << QString() << QString() << Spans {};
    QTest::newRow("identical") << u"same text"_s << u"same text"_s << Spans { same(u"same text"_s) };
    QTest::newRow("all added") << QString() << u"new text"_s << Spans { added(u"new text"_s) };
    QTest::newRow("all removed") << u"old text"_s << QString() << Spans { removed(u"old text"_s) };
    QTest::newRow("one word replaced") << u"the cat sat"_s << u"the dog sat"_s
                                       << Spans { same(u"the "_s), removed(u"cat"_s), added(u"dog"_s),
                                                  same(u" sat"_s) };
    QTest::newRow("word inserted") << u"a c"_s << u"a b c"_s << Spans { same(u"a "_s), added(u"b "_s), same(u"c"_s) };
    QTest::newRow("words deleted, spaces not folded")
        << u"a b c d"_s << u"a d"_s << Spans { same(u"a "_s), removed(u"b c "_s), same(u"d"_s) };
    QTest::newRow("shared spaces folded into the change")
        << u"The quick brown fox"_s << u"A slow red fox"_s
        << Spans { removed(u"The quick brown"_s), added(u"A slow red"_s), same(u" fox"_s) };
    QTest::newRow("a shared word splits the change")
        << u"one two three"_s << u"uno two tres"_s
        << Spans { removed(u"one"_s), added(u"uno"_s), same(u" two "_s), removed(u"three"_s), added(u"tres"_s) };
    QTest::newRow("Chinese characters") << u"我喜欢苹果。"_s << u"我喜欢香蕉。"_s
                                        << Spans { same(u"我喜欢"_s), removed(u"苹果"_s), added(u"香蕉"_s),
                                                   same(u"。"_s) };
    QTest::newRow("blank line added") << u"line one\nline two"_s << u"line one\n\nline two"_s
                                      << Spans { same(u"line one"_s), removed(u"\n"_s), added(u"\n\n"_s),
                                                 same(u"line two"_s) };
    QTest::newRow("punctuation changed") << u"Yes, it is."_s << u"Yes; it is!"_s
                                         << Spans { same(u"Yes"_s),    removed(u","_s), added(u";"_s),
                                                    same(u" it is"_s), removed(u"."_s), added(u"!"_s) };
}

void TestWordDiff::diff()
{
    QFETCH(QString, left);
    QFETCH(QString, right);
    QFETCH(Spans, spans);
    const Spans got = WordDiff::diff(left, right);
    QVERIFY2(got == spans, qPrintable(describe(got) + u"\nexpected "_s + describe(spans)));
    QCOMPARE(side(got, DiffSpan::Removed), left);
    QCOMPARE(side(got, DiffSpan::Added), right);
}

void TestWordDiff::html()
{
    const Spans spans { same(u"a <b> & \"q\" "_s), removed(u"x\r\ny"_s), added(u"z"_s), same(u"  end\n\tindented"_s) };
    QCOMPARE(WordDiff::toHtml(spans, WordDiff::Side::Left, false),
             u"a &lt;b&gt; &amp; &quot;q&quot; <span style=\"background-color:#ffd7d5;color:#82071e\">x<br>y</span>"
             u" &nbsp;end<br>&nbsp;&nbsp;&nbsp;&nbsp;indented"_s);
    QCOMPARE(WordDiff::toHtml(spans, WordDiff::Side::Right, false),
             u"a &lt;b&gt; &amp; &quot;q&quot; <span style=\"background-color:#ccffd8;color:#055d20\">z</span>"
             u" &nbsp;end<br>&nbsp;&nbsp;&nbsp;&nbsp;indented"_s);
    QCOMPARE(WordDiff::toHtml(spans, WordDiff::Side::Left, true),
             u"a &lt;b&gt; &amp; &quot;q&quot; <span style=\"background-color:#67060c;color:#ffdcd7\">x<br>y</span>"
             u" &nbsp;end<br>&nbsp;&nbsp;&nbsp;&nbsp;indented"_s);
    QCOMPARE(WordDiff::toHtml(spans, WordDiff::Side::Right, true),
             u"a &lt;b&gt; &amp; &quot;q&quot; <span style=\"background-color:#033a16;color:#aff5b4\">z</span>"
             u" &nbsp;end<br>&nbsp;&nbsp;&nbsp;&nbsp;indented"_s);
    // Spaces opening the text or a line would be dropped by rich text, so every one of them is &nbsp;.
    QCOMPARE(WordDiff::toHtml({ same(u"  x\n y"_s) }, WordDiff::Side::Left, false), u"&nbsp;&nbsp;x<br>&nbsp;y"_s);
    QCOMPARE(WordDiff::toHtml({}, WordDiff::Side::Right, true), QString());
}

void TestWordDiff::changedRatio_data()
{
    QTest::addColumn<QString>("left");
    QTest::addColumn<QString>("right");
    QTest::addColumn<double>("ratio");
    QTest::newRow("identical") << u"a b c"_s << u"a b c"_s << 0.0;
    QTest::newRow("both empty") << QString() << QString() << 0.0;
    QTest::newRow("one side empty") << QString() << u"a b"_s << 1.0;
    QTest::newRow("nothing shared") << u"abc"_s << u"xyz"_s << 1.0;
    // 4 shared tokens ("the", " ", " ", "sat") on each side, "cat" and "dog" changed: 2 / (8 + 2).
    QTest::newRow("one word of three") << u"the cat sat"_s << u"the dog sat"_s << 0.2;
    // "a " shared (2 x 2), "b c " removed (4), "d" shared (2 x 1): 4 / (6 + 4).
    QTest::newRow("deletion") << u"a b c d"_s << u"a d"_s << 0.4;
}

void TestWordDiff::changedRatio()
{
    QFETCH(QString, left);
    QFETCH(QString, right);
    QFETCH(double, ratio);
    QCOMPARE(WordDiff::changedRatio(WordDiff::diff(left, right)), ratio);
}

void TestWordDiff::largeAnswersWithFewChanges()
{
    // Every 37th word of a ~20 KB answer replaced by a word the answer never uses: the diff must remove exactly
    // the replaced words and add exactly the new ones, and give both texts back.
    const QStringList leftWords = answerWords(7, 5000);
    QStringList rightWords = leftWords;
    QStringList replaced; // as tokens: a Chinese word is two
    QStringList replacements;
    for (qsizetype i = 5; i < rightWords.size(); i += 37) {
        const QVector<QString> tokens = WordDiff::tokenize(leftWords.at(i));
        replaced += QStringList(tokens.begin(), tokens.end());
        replacements << u"NEW"_s + QString::number(i);
        rightWords[i] = replacements.last();
    }
    const QString left = join(leftWords);
    const QString right = join(rightWords);
    QVERIFY2(left.size() > 18000 && left.size() < 24000, qPrintable(QString::number(left.size())));

    const Spans spans = WordDiff::diff(left, right);
    QCOMPARE(side(spans, DiffSpan::Removed), left);
    QCOMPARE(side(spans, DiffSpan::Added), right);
    QCOMPARE(wordsOf(spans, DiffSpan::Removed), replaced);
    QCOMPARE(wordsOf(spans, DiffSpan::Added), replacements);
    for (qsizetype i = 1; i < spans.size(); ++i)
        QVERIFY(spans.at(i).kind != spans.at(i - 1).kind && !spans.at(i).text.isEmpty());
    // Changed tokens over all tokens of both sides, counted from the edit itself rather than from the spans.
    const double expected = double(replaced.size() + replacements.size())
        / double(WordDiff::tokenCount(left) + WordDiff::tokenCount(right));
    QCOMPARE(WordDiff::changedRatio(spans), expected);
    QVERIFY(expected > 0.01 && expected < 0.03);
}

void TestWordDiff::largeUnrelatedAnswers()
{
    // Two unrelated ~20 KB answers from the same vocabulary: many edits, which takes dtl past its path-size
    // limit and into its piecewise mode. The spans must still give both texts back.
    const QString left = join(answerWords(11, 5000));
    const QString right = join(answerWords(12345, 5200));
    const Spans spans = WordDiff::diff(left, right);
    QCOMPARE(side(spans, DiffSpan::Removed), left);
    QCOMPARE(side(spans, DiffSpan::Added), right);
    for (qsizetype i = 1; i < spans.size(); ++i)
        QVERIFY(spans.at(i).kind != spans.at(i - 1).kind && !spans.at(i).text.isEmpty());
    const double ratio = WordDiff::changedRatio(spans);
    QVERIFY2(ratio > 0.3 && ratio < 1.0, qPrintable(QString::number(ratio)));
}

QTEST_GUILESS_MAIN(TestWordDiff)
#include "tst_worddiff.moc"
