#include "checks/judge/JudgeVerdict.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace tierlens;

Q_DECLARE_METATYPE(PairwiseVerdict::Winner)
Q_DECLARE_METATYPE(PairOutcome)

class TestJudgeVerdict : public QObject
{
    Q_OBJECT

private slots:
    void pairwiseGood_data()
    {
        QTest::addColumn<QString>("content");
        QTest::addColumn<PairwiseVerdict::Winner>("winner");
        QTest::addColumn<QString>("reason");
        QTest::newRow("plain A") << u"{\"winner\": \"A\", \"reason\": \"A is correct.\"}"_s << PairwiseVerdict::A
                                 << u"A is correct."_s;
        QTest::newRow("lower b") << u"{\"winner\":\"b\",\"reason\":\"B cites the source.\"}"_s << PairwiseVerdict::B
                                 << u"B cites the source."_s;
        QTest::newRow("TIE padded") << u"  {\"winner\": \" TIE \", \"reason\": \"Both fine.\"}\n"_s
                                    << PairwiseVerdict::Tie << u"Both fine."_s;
        QTest::newRow("draw") << u"{\"winner\": \"Draw\", \"reason\": \"Same.\"}"_s << PairwiseVerdict::Tie
                              << u"Same."_s;
        QTest::newRow("no reason") << u"{\"winner\": \"A\"}"_s << PairwiseVerdict::A << QString();
        QTest::newRow("fenced") << u"```json\n{\"winner\": \"B\", \"reason\": \"Shorter and right.\"}\n```"_s
                                << PairwiseVerdict::B << u"Shorter and right."_s;
        QTest::newRow("bare fence") << u"```\n{\"winner\": \"a\", \"reason\": \"r\"}\n```"_s << PairwiseVerdict::A
                                    << u"r"_s;
        QTest::newRow("prose around")
            << u"After comparing both, here is my verdict:\n{\"winner\": \"B\", \"reason\": \"B handles {x}.\"}\n"
               u"Hope this helps."_s
            << PairwiseVerdict::B << u"B handles {x}."_s;
        QTest::newRow("stray brace in prose")
            << u"Ignoring the {placeholder} text: {\"winner\": \"tie\", \"reason\": \"Equal.\"}"_s
            << PairwiseVerdict::Tie << u"Equal."_s;
        QTest::newRow("nested object") << u"Verdict: {\"winner\": \"A\", \"reason\": \"ok\", \"detail\": {\"a\": 1}}"_s
                                       << PairwiseVerdict::A << u"ok"_s;
        QTest::newRow("escaped quote and brace")
            << u"{\"winner\": \"A\", \"reason\": \"A says \\\"}\\\" correctly.\"}"_s << PairwiseVerdict::A
            << u"A says \"}\" correctly."_s;
    }

    void pairwiseGood()
    {
        QFETCH(QString, content);
        QFETCH(PairwiseVerdict::Winner, winner);
        QFETCH(QString, reason);
        QString error;
        const auto v = PairwiseVerdict::parse(content, &error);
        QVERIFY2(v.has_value(), qPrintable(error));
        QCOMPARE(v->winner, winner);
        QCOMPARE(v->reason, reason);
    }

    void pairwiseBad_data()
    {
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("error");
        QTest::newRow("bad winner") << u"{\"winner\": \"C\", \"reason\": \"x\"}"_s
                                    << u"field \"winner\": expected \"A\", \"B\" or \"tie\", got \"C\""_s;
        QTest::newRow("winner number") << u"{\"winner\": 1}"_s
                                       << u"field \"winner\": expected \"A\", \"B\" or \"tie\", got 1"_s;
        QTest::newRow("winner both") << u"{\"winner\": \"A and B\"}"_s
                                     << u"field \"winner\": expected \"A\", \"B\" or \"tie\", got \"A and B\""_s;
        QTest::newRow("missing winner") << u"{\"reason\": \"A is better\"}"_s << u"field \"winner\" is missing"_s;
        QTest::newRow("no JSON") << u"Answer A is better."_s << u"the reply holds no JSON object"_s;
        QTest::newRow("empty") << QString() << u"the reply holds no JSON object"_s;
        QTest::newRow("whitespace") << u"  \n "_s << u"the reply holds no JSON object"_s;
        QTest::newRow("truncated") << u"{\"winner\": \"A\", \"reas"_s << u"the reply holds no JSON object"_s;
        QTest::newRow("array") << u"[\"A\"]"_s << u"the reply holds no JSON object"_s;
        QTest::newRow("two objects") << u"First {\"winner\": \"A\"} then {\"winner\": \"B\"}"_s
                                     << u"the reply holds 2 JSON objects; expected exactly one"_s;
    }

    void pairwiseBad()
    {
        QFETCH(QString, content);
        QFETCH(QString, error);
        QString actual;
        QVERIFY(!PairwiseVerdict::parse(content, &actual).has_value());
        QCOMPARE(actual, error);
        QVERIFY(!PairwiseVerdict::parse(content, nullptr).has_value()); // a null error pointer is allowed
    }

    void rubricGood_data()
    {
        QTest::addColumn<QString>("content");
        QTest::addColumn<int>("score");
        QTest::addColumn<QString>("reason");
        QTest::newRow("integer") << u"{\"score\": 4, \"reason\": \"Misses one point.\"}"_s << 4
                                 << u"Misses one point."_s;
        QTest::newRow("one") << u"{\"score\": 1, \"reason\": \"Off topic.\"}"_s << 1 << u"Off topic."_s;
        QTest::newRow("five as 5.0") << u"{\"score\": 5.0, \"reason\": \"All points.\"}"_s << 5 << u"All points."_s;
        QTest::newRow("numeric string") << u"{\"score\": \" 3 \", \"reason\": \"Half.\"}"_s << 3 << u"Half."_s;
        QTest::newRow("fenced") << u"```json\n{\"score\": 2, \"reason\": \"Wrong unit.\"}\n```"_s << 2
                                << u"Wrong unit."_s;
        QTest::newRow("prose around") << u"Grading now.\n{\"score\": \"5\"}\nDone."_s << 5 << QString();
    }

    void rubricGood()
    {
        QFETCH(QString, content);
        QFETCH(int, score);
        QFETCH(QString, reason);
        QString error;
        const auto v = RubricVerdict::parse(content, &error);
        QVERIFY2(v.has_value(), qPrintable(error));
        QCOMPARE(v->score, score);
        QCOMPARE(v->reason, reason);
    }

    void rubricBad_data()
    {
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("error");
        const QString range = u"field \"score\": expected a whole number from 1 to 5, got "_s;
        QTest::newRow("zero") << u"{\"score\": 0}"_s << range + u"0"_s;
        QTest::newRow("six") << u"{\"score\": 6, \"reason\": \"x\"}"_s << range + u"6"_s;
        QTest::newRow("negative") << u"{\"score\": -2}"_s << range + u"-2"_s;
        QTest::newRow("string out of range") << u"{\"score\": \"7\"}"_s << range + u"\"7\""_s;
        QTest::newRow("fraction") << u"{\"score\": 3.5}"_s << range + u"3.5"_s;
        QTest::newRow("word") << u"{\"score\": \"four\"}"_s << range + u"\"four\""_s;
        QTest::newRow("null") << u"{\"score\": null}"_s << range + u"null"_s;
        QTest::newRow("bool") << u"{\"score\": true}"_s << range + u"true"_s;
        QTest::newRow("missing") << u"{\"reason\": \"good\"}"_s << u"field \"score\" is missing"_s;
        QTest::newRow("no JSON") << u"I'd give it a 4."_s << u"the reply holds no JSON object"_s;
    }

    void rubricBad()
    {
        QFETCH(QString, content);
        QFETCH(QString, error);
        QString actual;
        QVERIFY(!RubricVerdict::parse(content, &actual).has_value());
        QCOMPARE(actual, error);
    }

    void combine_data()
    {
        // First order shows the first model as A; second order shows the second model as A.
        QTest::addColumn<PairwiseVerdict::Winner>("firstAsA");
        QTest::addColumn<PairwiseVerdict::Winner>("secondAsA");
        QTest::addColumn<PairOutcome>("outcome");
        using V = PairwiseVerdict;
        QTest::newRow("A,A: position bias") << V::A << V::A << PairOutcome::Tie;
        QTest::newRow("A,B: first both times") << V::A << V::B << PairOutcome::FirstWins;
        QTest::newRow("A,tie") << V::A << V::Tie << PairOutcome::Tie;
        QTest::newRow("B,A: second both times") << V::B << V::A << PairOutcome::SecondWins;
        QTest::newRow("B,B: position bias") << V::B << V::B << PairOutcome::Tie;
        QTest::newRow("B,tie") << V::B << V::Tie << PairOutcome::Tie;
        QTest::newRow("tie,A") << V::Tie << V::A << PairOutcome::Tie;
        QTest::newRow("tie,B") << V::Tie << V::B << PairOutcome::Tie;
        QTest::newRow("tie,tie") << V::Tie << V::Tie << PairOutcome::Tie;
    }

    void combine()
    {
        QFETCH(PairwiseVerdict::Winner, firstAsA);
        QFETCH(PairwiseVerdict::Winner, secondAsA);
        QFETCH(PairOutcome, outcome);
        QCOMPARE(PairwiseVerdict::combine({ firstAsA, u"r1"_s }, { secondAsA, u"r2"_s }), outcome);
    }
};

QTEST_GUILESS_MAIN(TestJudgeVerdict)
#include "tst_judgeverdict.moc"
