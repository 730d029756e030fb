#include "checks/AssertionEvaluator.h"

#include <QJsonDocument>
#include <QTest>

using namespace tierlens;
using namespace Qt::StringLiterals;

namespace {
QVector<Assertion> parse(const char* json)
{
    QString where, error;
    const auto list = Assertion::parseList(QJsonDocument::fromJson(json).array(), &where, &error);
    if (!list)
        qFatal("%s: %s", qPrintable(where), qPrintable(error));
    return *list;
}

CheckSubject answer(const QString& content)
{
    CheckSubject s;
    s.content = content;
    s.finishReason = u"stop"_s;
    s.latencyMs = 1200;
    s.costUsd = 0.002;
    s.completionTokens = 300;
    return s;
}

const char* kWeatherTool
    = R"([{"type": "function", "function": {"name": "get_weather", "parameters":)"
      R"({"type": "object", "properties": {"city": {"type": "string"}, "unit": {"enum": ["c", "f"]}},)"
      R"("required": ["city"], "additionalProperties": false}}}])";
} // namespace

class TestAssertionEvaluator : public QObject
{
    Q_OBJECT

private slots:
    void deterministicTypes_data()
    {
        QTest::addColumn<QByteArray>("assertion");
        QTest::addColumn<QString>("content");
        QTest::addColumn<bool>("pass");
        QTest::newRow("equals trims") << QByteArray(R"([{"type":"equals","value":"391"}])") << u" 391\n"_s << true;
        QTest::newRow("equals differs") << QByteArray(R"([{"type":"equals","value":"391"}])") << u"391."_s << false;
        QTest::newRow("contains") << QByteArray(R"([{"type":"contains","value":"Paris"}])") << u"It is Paris."_s
                                  << true;
        QTest::newRow("contains is case-sensitive")
            << QByteArray(R"([{"type":"contains","value":"Paris"}])") << u"paris"_s << false;
        QTest::newRow("icontains") << QByteArray(R"([{"type":"icontains","value":"Paris"}])") << u"PARIS"_s << true;
        QTest::newRow("not-contains") << QByteArray(R"([{"type":"not-contains","value":"sorry"}])") << u"Sure."_s
                                      << true;
        QTest::newRow("not-icontains fails")
            << QByteArray(R"([{"type":"not-icontains","value":"sorry"}])") << u"SORRY"_s << false;
        QTest::newRow("contains-any") << QByteArray(R"([{"type":"contains-any","value":["a1","b2"]}])") << u"x b2"_s
                                      << true;
        QTest::newRow("contains-any none")
            << QByteArray(R"([{"type":"contains-any","value":["a1","b2"]}])") << u"x"_s << false;
        QTest::newRow("contains-all") << QByteArray(R"([{"type":"contains-all","value":["a","b"]}])") << u"b a"_s
                                      << true;
        QTest::newRow("contains-all missing")
            << QByteArray(R"([{"type":"contains-all","value":["a","b"]}])") << u"a"_s << false;
        QTest::newRow("icontains-all") << QByteArray(R"([{"type":"icontains-all","value":["A","B"]}])") << u"a b"_s
                                       << true;
        QTest::newRow("regex") << QByteArray(R"([{"type":"regex","value":"^\\d{3}$"}])") << u"391"_s << true;
        QTest::newRow("not-regex") << QByteArray(R"([{"type":"not-regex","value":"\\d"}])") << u"none"_s << true;
        QTest::newRow("starts-with") << QByteArray(R"([{"type":"starts-with","value":"Yes"}])") << u"  Yes, it is"_s
                                     << true;
        QTest::newRow("is-json") << QByteArray(R"([{"type":"is-json"}])") << u"{\"a\": 1}"_s << true;
        QTest::newRow("is-json fenced") << QByteArray(R"([{"type":"is-json"}])") << u"```json\n[1, 2]\n```"_s << true;
        QTest::newRow("is-json whitespace") << QByteArray(R"([{"type":"is-json"}])") << u"  \n "_s << false;
        QTest::newRow("is-json prose") << QByteArray(R"([{"type":"is-json"}])") << u"{\"a\": 1} and more"_s << false;
        QTest::newRow("json-schema") << QByteArray(
            R"([{"type":"json-schema","value":{"type":"object","required":["email"]}}])")
                                     << u"{\"email\": \"a@b.c\"}"_s << true;
        QTest::newRow("json-schema missing")
            << QByteArray(R"([{"type":"json-schema","value":{"type":"object","required":["email"]}}])")
            << u"{\"mail\": \"a@b.c\"}"_s << false;
        QTest::newRow("is-json with schema")
            << QByteArray(R"([{"type":"is-json","value":{"type":"array","minItems":2}}])") << u"[1]"_s << false;
        QTest::newRow("finish-reason") << QByteArray(R"([{"type":"finish-reason","value":"stop"}])") << u"x"_s << true;
        QTest::newRow("max-latency") << QByteArray(R"([{"type":"max-latency-ms","value":1000}])") << u"x"_s << false;
        QTest::newRow("max-cost") << QByteArray(R"([{"type":"max-cost-usd","value":0.01}])") << u"x"_s << true;
        QTest::newRow("max-tokens") << QByteArray(R"([{"type":"max-tokens","value":299}])") << u"x"_s << false;
    }
    void deterministicTypes()
    {
        QFETCH(QByteArray, assertion);
        QFETCH(QString, content);
        QFETCH(bool, pass);
        AssertionEvaluator evaluator;
        const auto list = parse(assertion.constData());
        const AssertionResult r = evaluator.evaluate(list.constFirst(), answer(content));
        QVERIFY2(r.pass == pass, qPrintable(r.reason));
        QCOMPARE(r.score, pass ? 1.0 : 0.0);
        QVERIFY(!r.reason.isEmpty());
    }

    void schemaErrorsNameThePointer()
    {
        AssertionEvaluator evaluator;
        const auto list = parse(R"([{"type":"json-schema","value":{"type":"object","properties":
                                   {"items":{"type":"array","items":{"type":"integer","minimum":1}}}}}])");
        const AssertionResult r = evaluator.evaluate(list.constFirst(), answer(u"{\"items\": [3, 0]}"_s));
        QVERIFY(!r.pass);
        QVERIFY2(r.reason.contains(u"/items/1"_s) && r.reason.contains(u"minimum"_s), qPrintable(r.reason));
    }

    void unknownUsageNeverPassesALimit()
    {
        AssertionEvaluator evaluator;
        CheckSubject s = answer(u"x"_s);
        s.costUsd.reset();
        s.completionTokens.reset();
        s.latencyMs.reset();
        for (const char* json : { R"([{"type":"max-cost-usd","value":1}])", R"([{"type":"max-tokens","value":1000}])",
                                  R"([{"type":"max-latency-ms","value":1000}])" }) {
            const AssertionResult r = evaluator.evaluate(parse(json).constFirst(), s);
            QVERIFY2(!r.pass && r.reason.contains(u"unknown"_s), qPrintable(r.reason));
        }
    }

    void toolCalls()
    {
        AssertionEvaluator evaluator;
        CheckSubject s = answer(QString());
        s.tools = QJsonDocument::fromJson(kWeatherTool).array();
        s.toolCalls = { ToolCall { u"call_1"_s, u"function"_s, u"get_weather"_s,
                                   u"{\"city\": \"Paris\", \"unit\": \"c\"}"_s } };
        QVERIFY(evaluator.evaluate(parse(R"([{"type":"tool-call","value":"get_weather"}])").constFirst(), s).pass);
        QVERIFY(evaluator.evaluate(parse(R"([{"type":"tool-call"}])").constFirst(), s).pass);
        QVERIFY(
            evaluator
                .evaluate(parse(R"([{"type":"tool-call","value":{"name":"get_weather","arguments":{"city":"Paris"}}}])")
                              .constFirst(),
                          s)
                .pass);
        QVERIFY(
            !evaluator
                 .evaluate(parse(R"([{"type":"tool-call","value":{"name":"get_weather","arguments":{"city":"Rome"}}}])")
                               .constFirst(),
                           s)
                 .pass);
        QVERIFY(!evaluator.evaluate(parse(R"([{"type":"tool-call","value":"get_time"}])").constFirst(), s).pass);

        s.toolCalls[0].arguments = u"{\"unit\": \"k\"}"_s; // misses city, bad unit: the tool's schema says no
        AssertionResult r
            = evaluator.evaluate(parse(R"([{"type":"tool-call","value":"get_weather"}])").constFirst(), s);
        QVERIFY(!r.pass);
        QVERIFY2(r.reason.contains(u"get_weather"_s), qPrintable(r.reason));
        s.toolCalls[0].arguments = u"{\"city\": \"Par"_s; // cut off
        QVERIFY(!evaluator.evaluate(parse(R"([{"type":"tool-call"}])").constFirst(), s).pass);
        s.toolCalls.clear();
        QVERIFY(!evaluator.evaluate(parse(R"([{"type":"tool-call"}])").constFirst(), s).pass);
    }

    void failedRequestFailsEveryAssertion()
    {
        AssertionEvaluator evaluator;
        CheckSubject s;
        s.error = ErrorClass::RateLimited;
        s.errorMessage = u"too many requests"_s;
        const CheckOutcome o
            = evaluator.evaluateAll(parse(R"([{"type":"not-contains","value":"x"},{"type":"is-json"}])"), s);
        QVERIFY(!o.pass);
        QCOMPARE(o.score, 0.0);
        QVERIFY(o.results.at(0).reason.contains(u"rate_limited"_s));
    }

    void weightedScoreAndPending()
    {
        AssertionEvaluator evaluator;
        const auto list = parse(R"([{"type":"contains","value":"a","weight":3},{"type":"contains","value":"z"},)"
                                R"({"type":"llm-rubric","value":"Is it polite?"}])");
        const CheckOutcome o = evaluator.evaluateAll(list, answer(u"abc"_s));
        QVERIFY(!o.pass);
        QCOMPARE(o.score, 0.75);
        QVERIFY(o.hasPending);
        QVERIFY(o.results.at(2).pending);
        // Once the judge decides, the outcome folds it in.
        QVector<AssertionResult> decided = o.results;
        decided[2] = AssertionResult { true, 0.5, u"judge: 3/5"_s, false };
        const CheckOutcome after = AssertionEvaluator::combine(list, decided);
        QVERIFY(!after.hasPending);
        QCOMPARE(after.score, (3.0 + 0.0 + 0.5) / 5.0);
    }

    void badAssertionsAreRefusedWithWhere_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("where");
        QTest::newRow("not an object") << QByteArray(R"(["contains"])") << u"assert[0]"_s;
        QTest::newRow("unknown type") << QByteArray(
            R"([{"type":"contains","value":"a"},{"type":"python","value":"x"}])")
                                      << u"assert[1].type"_s;
        QTest::newRow("negated rubric") << QByteArray(R"([{"type":"not-llm-rubric","value":"x"}])")
                                        << u"assert[0].type"_s;
        QTest::newRow("contains number") << QByteArray(R"([{"type":"contains","value":3}])") << u"assert[0].value"_s;
        QTest::newRow("any not list") << QByteArray(R"([{"type":"contains-any","value":"a"}])") << u"assert[0].value"_s;
        QTest::newRow("bad regex") << QByteArray("[{\"type\":\"regex\",\"value\":\"[a\"}]") << u"assert[0].value"_s;
        QTest::newRow("negative weight") << QByteArray(R"([{"type":"is-json","weight":-1}])") << u"assert[0].weight"_s;
        QTest::newRow("limit not number")
            << QByteArray(R"([{"type":"max-latency-ms","value":"fast"}])") << u"assert[0].value"_s;
        QTest::newRow("schema not object")
            << QByteArray(R"([{"type":"json-schema","value":"x"}])") << u"assert[0].value"_s;
        QTest::newRow("empty rubric") << QByteArray(R"([{"type":"llm-rubric","value":" "}])") << u"assert[0].value"_s;
    }
    void badAssertionsAreRefusedWithWhere()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, where);
        QString at, error;
        QVERIFY(!Assertion::parseList(QJsonDocument::fromJson(json).array(), &at, &error));
        QCOMPARE(at, where);
        QVERIFY(!error.isEmpty());
    }

    void oneSchemaServesManyAnswers()
    {
        AssertionEvaluator evaluator;
        const auto list = parse(R"([{"type":"json-schema","value":{"type":"integer"}}])");
        for (int i = 0; i < 1000; ++i)
            QCOMPARE(evaluator.evaluate(list.constFirst(), answer(QString::number(i))).pass, true);
        QVERIFY(!evaluator.evaluate(list.constFirst(), answer(u"1.5"_s)).pass);
    }
};

QTEST_GUILESS_MAIN(TestAssertionEvaluator)
#include "tst_assertionevaluator.moc"
