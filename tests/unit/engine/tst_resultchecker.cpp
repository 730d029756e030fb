// ResultChecker: which assertions apply to a prompt, how a judge's score decides an llm-rubric, and checks of
// stored results folding in the judge's verdicts.
#include "engine/ResultChecker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace tierlens;
using namespace Qt::StringLiterals;

namespace {
QJsonArray array(const char* json)
{
    return QJsonDocument::fromJson(json).array();
}

Assertion rubric(const char* json)
{
    QString where, error;
    const auto list = Assertion::parseList(array(json), &where, &error);
    if (!list)
        qFatal("%s: %s", qPrintable(where), qPrintable(error));
    return list->constFirst();
}
} // namespace

class TestResultChecker : public QObject
{
    Q_OBJECT

private slots:
    void defaultsComeFirst()
    {
        PromptSet set;
        set.defaults.insert(u"assert"_s, array(R"([{"type":"max-latency-ms","value":5000}])"));
        Prompt p;
        p.id = u"q1"_s;
        p.metadata.insert(u"assert"_s, array(R"([{"type":"contains","value":"x","weight":2}])"));
        QString error;
        const auto list = ResultChecker::assertionsFor(set, p, &error);
        QVERIFY2(list, qPrintable(error));
        QCOMPARE(list->size(), 2);
        QCOMPARE(list->at(0).type, u"max-latency-ms"_s);
        QCOMPARE(list->at(1).weight, 2.0);
    }

    void badAssertionNamesThePrompt()
    {
        PromptSet set;
        Prompt p;
        p.id = u"q7"_s;
        p.metadata.insert(u"assert"_s, array(R"([{"type":"contains","value":"x"},{"type":"nope"}])"));
        QString error;
        QVERIFY(!ResultChecker::assertionsFor(set, p, &error));
        QVERIFY2(error.contains(u"q7"_s) && error.contains(u"assert[1].type"_s), qPrintable(error));
    }

    void rubricScoreAgainstThreshold_data()
    {
        QTest::addColumn<QByteArray>("assertion");
        QTest::addColumn<int>("score");
        QTest::addColumn<double>("normalized");
        QTest::addColumn<bool>("pass");
        const QByteArray plain = R"([{"type":"llm-rubric","value":"polite"}])";
        const QByteArray strict = R"([{"type":"llm-rubric","value":"polite","threshold":0.8}])";
        QTest::newRow("1 of 5") << plain << 1 << 0.0 << false;
        QTest::newRow("2 of 5") << plain << 2 << 0.25 << false;
        QTest::newRow("3 of 5 passes at the default 0.5") << plain << 3 << 0.5 << true;
        QTest::newRow("5 of 5") << plain << 5 << 1.0 << true;
        QTest::newRow("4 of 5 under threshold 0.8") << strict << 4 << 0.75 << false;
        QTest::newRow("5 of 5 over threshold 0.8") << strict << 5 << 1.0 << true;
    }
    void rubricScoreAgainstThreshold()
    {
        QFETCH(QByteArray, assertion);
        QFETCH(int, score);
        QFETCH(double, normalized);
        QFETCH(bool, pass);
        const AssertionResult r = ResultChecker::rubricResult(rubric(assertion.constData()), score, u"because"_s);
        QCOMPARE(r.score, normalized);
        QCOMPARE(r.pass, pass);
        QVERIFY(!r.pending);
        QVERIFY2(r.reason.contains(u"%1/5"_s.arg(score)) && r.reason.contains(u"because"_s), qPrintable(r.reason));
    }

    void checkLeavesRubricPendingUntilJudged()
    {
        PromptSet set;
        Prompt p;
        p.dbId = 4;
        p.id = u"q"_s;
        p.metadata.insert(u"assert"_s,
                          array(R"([{"type":"icontains","value":"paris"},{"type":"llm-rubric","value":"concise"}])"));
        set.prompts.append(p);
        ResultChecker checker;
        QString error;
        QVERIFY2(checker.load(set, &error), qPrintable(error));
        QVERIFY(checker.hasAssertions());
        AttemptRow a;
        a.id = 77;
        a.promptId = 4;
        a.outcome.content = u"Paris."_s;
        a.outcome.finishReason = u"stop"_s;
        const auto row = checker.check(p, a, 0.001);
        QVERIFY(row);
        QCOMPARE(row->attemptId, qint64(77));
        QCOMPARE(row->pendingCount, 1);
        QVERIFY(row->passed);
        QCOMPARE(row->assertions.size(), 2);
        QCOMPARE(row->assertions.at(0).passed, std::optional<bool>(true));
        QVERIFY(!row->assertions.at(1).passed);

        // A failed call has nothing to grade: the rubric fails with the rest instead of waiting for the judge.
        AttemptRow failed = a;
        failed.outcome.content.clear();
        failed.outcome.error = ErrorClass::ServerError;
        failed.outcome.errorMessage = u"HTTP 500"_s;
        const auto failedRow = checker.check(p, failed, std::nullopt);
        QVERIFY(failedRow);
        QCOMPARE(failedRow->pendingCount, 0);
        QVERIFY(!failedRow->passed);
        QCOMPARE(failedRow->assertions.at(1).passed, std::optional<bool>(false));

        Prompt none;
        none.dbId = 5;
        QVERIFY(!checker.check(none, a, 0.001));
    }
};

QTEST_GUILESS_MAIN(TestResultChecker)
#include "tst_resultchecker.moc"
