// promptfoo's JavaScript in Tierlens' checks: javascript assertions, the test's transform and an assertion's own,
// run in the sandbox with its time limit.
#include "checks/AssertionEvaluator.h"
#include "checks/JavaScriptSandbox.h"

#include <QElapsedTimer>
#include <QJSValue>
#include <QJsonDocument>
#include <QTest>

using namespace tierlens;
using namespace Qt::StringLiterals;

namespace {
QVector<Assertion> parse(const QByteArray& json)
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
    s.latencyMs = 900;
    s.prompt = u"What is the capital of France?"_s;
    s.vars = QJsonObject { { u"city"_s, u"Paris"_s }, { u"n"_s, 3 } };
    return s;
}

AssertionResult one(const QByteArray& json, const CheckSubject& subject)
{
    AssertionEvaluator evaluator;
    return evaluator.evaluate(parse(json).constFirst(), subject);
}
} // namespace

class TestJavaScriptChecks : public QObject
{
    Q_OBJECT

private slots:
    void returnedValuesAsPromptfooReadsThem_data();
    void returnedValuesAsPromptfooReadsThem();
    void reasonsSayWhatHappened();
    void transformsAsInPromptfoosJsonOutputExample();
    void anAssertionsOwnTransform();
    void toolCallsAreTheOutputWhenThereIsNoText();
    void modulesReadFromFiles();
    void theSandboxHasNoWayOut();
    void aScriptThatRunsForeverIsStopped();
    void compileErrorsNameTheScript();
    void badScriptsAreRefusedWithWhere_data();
    void badScriptsAreRefusedWithWhere();
};

void TestJavaScriptChecks::returnedValuesAsPromptfooReadsThem_data()
{
    QTest::addColumn<QByteArray>("assertion");
    QTest::addColumn<QString>("output");
    QTest::addColumn<bool>("pass");
    QTest::addColumn<double>("score");

    const QString paris = u"The capital of France is Paris."_s;
    QTest::newRow("expression true") << QByteArray(R"J({"type":"javascript","value":"output.includes('Paris')"})J")
                                     << paris << true << 1.0;
    QTest::newRow("expression false") << QByteArray(R"J({"type":"javascript","value":"output.includes('Lyon')"})J")
                                      << paris << false << 0.0;
    QTest::newRow("not-, true") << QByteArray(R"J({"type":"not-javascript","value":"output.includes('Paris')"})J")
                                << paris << false << 0.0;
    QTest::newRow("trailing semicolon") << QByteArray(R"J({"type":"javascript","value":"output.length > 5;"})J")
                                        << paris << true << 1.0;
    QTest::newRow("declarations then an expression")
        << QByteArray(R"J({"type":"javascript","value":"const s = JSON.parse(output).score; s > 0.5"})J")
        << u"{\"score\": 0.75}"_s << true << 1.0;
    QTest::newRow("a semicolon inside a string")
        << QByteArray(R"J({"type":"javascript","value":"const s = output; s === 'a;b'"})J") << u"a;b"_s << true << 1.0;
    QTest::newRow("number above 0") << QByteArray(R"J({"type":"javascript","value":"output.length / 100"})J") << paris
                                    << true << 0.31;
    QTest::newRow("number under the threshold")
        << QByteArray(R"J({"type":"javascript","value":"output.length / 100","threshold":0.5})J") << paris << false
        << 0.31;
    QTest::newRow("number at the threshold")
        << QByteArray(R"J({"type":"javascript","value":"output.length / 100","threshold":0.31})J") << paris << true
        << 0.31;
    QTest::newRow("zero fails") << QByteArray(R"J({"type":"javascript","value":"0"})J") << paris << false << 0.0;
    QTest::newRow("a body of several lines with a grading result") << QByteArray(
        R"J({"type":"javascript","value":"const words = output.split(' ');\nreturn {pass: words.length < 10, score: 0.8, reason: 'short: ' + words.length};"})J")
                                                                   << paris << true << 0.8;
    QTest::newRow("grading result under its threshold")
        << QByteArray(R"J({"type":"javascript","value":"({pass: true, score: 0.2})","threshold":0.5})J") << paris
        << false << 0.2;
    QTest::newRow("the test's vars and prompt") << QByteArray(
        R"J({"type":"javascript","value":"output.includes(context.vars.city) && context.prompt.includes('capital') && context.vars.n === 3"})J")
                                                << paris << true << 1.0;
    QTest::newRow("a string is no verdict")
        << QByteArray(R"J({"type":"javascript","value":"'yes'"})J") << paris << false << 0.0;
    QTest::newRow("undefined is no verdict")
        << QByteArray(R"J({"type":"javascript","value":"const x = output.length;\nif (x < 0) return true;"})J") << paris
        << false << 0.0;
    QTest::newRow("a thrown false fails, with not- too")
        << QByteArray(R"J({"type":"not-javascript","value":"const a = 1;\nthrow false;"})J") << paris << false << 0.0;
    QTest::newRow("a thrown grading result fails")
        << QByteArray(R"J({"type":"javascript","value":"const a = 1;\nthrow {pass: true, score: 1};"})J") << paris
        << false << 0.0;
    QTest::newRow("a throw fails, with not- too")
        << QByteArray(R"J({"type":"not-javascript","value":"JSON.parse(output).x"})J") << paris << false << 0.0;
}

void TestJavaScriptChecks::returnedValuesAsPromptfooReadsThem()
{
    QFETCH(QByteArray, assertion);
    QFETCH(QString, output);
    QFETCH(bool, pass);
    QFETCH(double, score);
    const AssertionResult r = one('[' + assertion + ']', answer(output));
    QVERIFY2(r.pass == pass, qPrintable(r.reason));
    QCOMPARE(r.score, score);
    QVERIFY(!r.reason.isEmpty());
}

void TestJavaScriptChecks::reasonsSayWhatHappened()
{
    const AssertionResult graded = one(
        R"J([{"type":"javascript","value":"const city = context.vars.city;\nreturn {pass: false, score: 0, reason: 'no city named'};"}])J",
        answer(u"x"_s));
    QCOMPARE(graded.reason, u"no city named"_s);
    const AssertionResult threw
        = one(R"J([{"type":"javascript","value":"const a = 1;\nthrow new Error('boom at ' + a);"}])J", answer(u"x"_s));
    QVERIFY(!threw.pass);
    QVERIFY2(threw.reason.contains(u"boom at 1"_s) && threw.reason.contains(u"line 2"_s), qPrintable(threw.reason));
    const AssertionResult odd = one(R"J([{"type":"javascript","value":"[1, 2]"}])J", answer(u"x"_s));
    QVERIFY2(odd.reason.contains(u"[1,2]"_s), qPrintable(odd.reason));
    const AssertionResult nothing
        = one(R"J([{"type":"javascript","value":"const x = 1;\nif (x < 0) return true;"}])J", answer(u"x"_s));
    QVERIFY2(nothing.reason.contains(u"undefined"_s), qPrintable(nothing.reason));
    const AssertionResult thrownText
        = one(R"J([{"type":"javascript","value":"const x = 1;\nthrow 'no city';"}])J", answer(u"x"_s));
    QVERIFY2(thrownText.reason.contains(u"threw no city"_s), qPrintable(thrownText.reason));
    // A transform that throws a string fails the check: the string is not the answer.
    const AssertionResult transformThrew
        = one(R"J([{"type":"equals","value":"x","transform":"const y = 1;\nthrow 'x';"}])J", answer(u"x"_s));
    QVERIFY2(!transformThrew.pass && transformThrew.reason.contains(u"transform failed"_s),
             qPrintable(transformThrew.reason));
}

// promptfoo's json-output example: the test's transform parses the answer once, an is-json schema and a
// javascript check read the parsed object, and contains-any reads what its own transform picks out of it.
void TestJavaScriptChecks::transformsAsInPromptfoosJsonOutputExample()
{
    const QVector<Assertion> list = parse(R"J([
        {"type":"is-json","value":{"type":"object","required":["color","countries"],
         "properties":{"color":{"type":"string"},"countries":{"type":"array","items":{"type":"string"}}}}},
        {"type":"javascript","value":"output.color === 'purple' && output.countries.includes('Brazil')"},
        {"type":"contains-any","transform":"output.countries","value":["Guatemala","Costa Rica","India","Indonesia"]}
    ])J");
    CheckSubject s = answer(u"{\"color\": \"purple\", \"countries\": [\"Brazil\", \"Paraguay\", \"India\"]}"_s);
    s.transform = u"JSON.parse(output)"_s;
    AssertionEvaluator evaluator;
    CheckOutcome outcome = evaluator.evaluateAll(list, s);
    for (const AssertionResult& r : outcome.results)
        QVERIFY2(r.pass, qPrintable(r.reason));
    QVERIFY(outcome.pass);

    s.content = u"{\"color\": \"yellow\", \"countries\": [\"Ecuador\"]}"_s;
    outcome = evaluator.evaluateAll(list, s);
    QVERIFY(outcome.results.at(0).pass);
    QVERIFY(!outcome.results.at(1).pass);
    QVERIFY(!outcome.results.at(2).pass);
    QVERIFY2(outcome.results.at(2).reason.contains(u"none of"_s), qPrintable(outcome.results.at(2).reason));

    // An answer the transform cannot parse fails every check, saying why.
    s.content = u"purple, grown in Brazil"_s;
    outcome = evaluator.evaluateAll(list, s);
    QVERIFY(!outcome.pass);
    for (const AssertionResult& r : outcome.results)
        QVERIFY2(!r.pass && r.reason.contains(u"transform failed"_s), qPrintable(r.reason));

    // A transform that returns nothing is no answer either.
    s.transform = u"undefined"_s;
    s.content = u"{}"_s;
    QVERIFY(evaluator.evaluateAll(list, s).results.at(0).reason.contains(u"returned nothing"_s));
}

void TestJavaScriptChecks::anAssertionsOwnTransform()
{
    QVERIFY(
        one(R"J([{"type":"equals","transform":"output.trim().toUpperCase()","value":"PARIS"}])J", answer(u" paris "_s))
            .pass);
    const AssertionResult bad
        = one(R"J([{"type":"equals","transform":"output.nope.x","value":"PARIS"}])J", answer(u"paris"_s));
    QVERIFY(!bad.pass);
    QVERIFY2(bad.reason.contains(u"TypeError"_s), qPrintable(bad.reason));
}

void TestJavaScriptChecks::toolCallsAreTheOutputWhenThereIsNoText()
{
    CheckSubject s = answer({});
    s.toolCalls.append(ToolCall { u"call_1"_s, u"function"_s, u"get_weather"_s, u"{\"city\":\"Paris\"}"_s });
    const AssertionResult r = one(
        R"J([{"type":"javascript","value":"output[0].function.name === 'get_weather' && JSON.parse(output[0].function.arguments).city === context.vars.city"}])J",
        s);
    QVERIFY2(r.pass, qPrintable(r.reason));
}

void TestJavaScriptChecks::modulesReadFromFiles()
{
    const QByteArray module
        = R"J({"type":"javascript","value":{"file":"checks.js","source":"const min = 3;\nmodule.exports = (output, context) => output.length > min;\nmodule.exports.exact = (output) => ({pass: output === 'Paris', score: 1, reason: 'exact'});"}})J";
    QVERIFY(one('[' + module + ']', answer(u"Paris"_s)).pass);
    QVERIFY(!one('[' + module + ']', answer(u"no"_s)).pass);
    const QByteArray named
        = R"J({"type":"javascript","value":{"file":"checks.js","function":"exact","source":"module.exports.exact = (output) => output === 'Paris';"}})J";
    QVERIFY(one('[' + named + ']', answer(u"Paris"_s)).pass);
    QVERIFY(!one('[' + named + ']', answer(u"Lyon"_s)).pass);
    const QByteArray missing
        = R"J({"type":"javascript","value":{"file":"checks.js","function":"other","source":"module.exports.exact = () => true;"}})J";
    const AssertionResult r = one('[' + missing + ']', answer(u"Paris"_s));
    QVERIFY(!r.pass);
    QVERIFY2(r.reason.contains(u"no function \"other\""_s), qPrintable(r.reason));
}

void TestJavaScriptChecks::theSandboxHasNoWayOut()
{
    // Only ECMAScript's built-ins: nothing to load modules, reach the network or the disk, or start processes.
    const AssertionResult r = one(
        R"J([{"type":"javascript","value":"typeof require === 'undefined' && typeof process === 'undefined' && typeof XMLHttpRequest === 'undefined' && typeof fetch === 'undefined' && typeof Qt === 'undefined' && typeof setTimeout === 'undefined'"}])J",
        answer(u"x"_s));
    QVERIFY2(r.pass, qPrintable(r.reason));
    // A script cannot leave state behind for the next answer's checks.
    AssertionEvaluator evaluator;
    const QVector<Assertion> list = parse(
        R"J([{"type":"javascript","value":"output = 'changed';\ncontext.vars.city = 'Lyon';\nArray.prototype.includes = () => true;\ntry { Object.getPrototypeOf([][Symbol.iterator]()).next = () => ({done: true}); } catch (e) {}\nleak = 1;\nreturn true;"},
            {"type":"javascript","value":"let n = 0;\nfor (const x of [1, 2]) n += x;\nreturn output === 'Paris' && context.vars.city === 'Paris' && ![1].includes(2) && typeof leak === 'undefined' && n === 3;"}])J");
    const CheckOutcome outcome = evaluator.evaluateAll(list, answer(u"Paris"_s));
    QVERIFY2(outcome.results.at(0).pass, qPrintable(outcome.results.at(0).reason));
    QVERIFY2(outcome.results.at(1).pass, qPrintable(outcome.results.at(1).reason));
    // Error classes still name their instances (Error prototypes are not frozen).
    QVERIFY(
        one(R"J([{"type":"javascript","value":"class Bad extends Error { constructor(m) { super(m); this.name = 'Bad'; } }\nreturn new Bad('x').name === 'Bad';"}])J",
            answer(u"x"_s))
            .pass);
    // Code cannot step out of its function body to run at compile time.
    AssertionEvaluator escape;
    QString where;
    const QString error = escape.compileScripts(
        parse(R"J([{"type":"javascript","value":"1 }); while (true) {}; (function () { return 1"}])J"), {}, &where);
    QVERIFY2(error.contains(u"SyntaxError"_s), qPrintable(error));
}

void TestJavaScriptChecks::aScriptThatRunsForeverIsStopped()
{
    JavaScriptSandbox sandbox(std::chrono::milliseconds(200));
    QElapsedTimer timer;
    timer.start();
    const JavaScriptSandbox::Outcome stuck
        = sandbox.call(u"while (true) {}\nreturn true;"_s, JavaScriptSandbox::Kind::Assertion, sandbox.text(u"x"_s),
                       sandbox.context({}, {}));
    QVERIFY2(stuck.error.contains(u"200 ms"_s), qPrintable(stuck.error));
    qInfo("stopped after %lld ms", timer.elapsed());
    // The sandbox is usable again at once.
    const JavaScriptSandbox::Outcome next = sandbox.call(u"output + '!'"_s, JavaScriptSandbox::Kind::Transform,
                                                         sandbox.text(u"x"_s), sandbox.context({}, {}));
    QVERIFY2(next.error.isEmpty(), qPrintable(next.error));
    QCOMPARE(next.value.toString(), u"x!"_s);

    // Reading what a script returned runs its code too (a getter, toJSON): under the same limit.
    const JavaScriptSandbox::Outcome getter
        = sandbox.call(u"const a = 1;\nreturn { get pass() { while (true) {} } };"_s,
                       JavaScriptSandbox::Kind::Assertion, sandbox.text(u"x"_s), sandbox.context({}, {}));
    QVERIFY2(getter.error.isEmpty(), qPrintable(getter.error));
    const AssertionResult read = sandbox.assertionResult(getter.value, std::nullopt, false);
    QVERIFY(!read.pass);
    QVERIFY2(read.reason.contains(u"200 ms"_s), qPrintable(read.reason));
    const JavaScriptSandbox::Outcome json
        = sandbox.call(u"const a = 1;\nreturn { toJSON() { while (true) {} } };"_s, JavaScriptSandbox::Kind::Transform,
                       sandbox.text(u"x"_s), sandbox.context({}, {}));
    QString problem;
    QVERIFY(!sandbox.toText(json.value, &problem));
    QVERIFY2(problem.contains(u"200 ms"_s), qPrintable(problem));
    QVERIFY(!sandbox.copy(json.value, &problem));
}

void TestJavaScriptChecks::compileErrorsNameTheScript()
{
    AssertionEvaluator evaluator;
    QString where;
    const QVector<Assertion> list
        = parse(R"J([{"type":"contains","value":"a"},{"type":"javascript","value":"output.includes('a'"}])J");
    const QString error = evaluator.compileScripts(list, {}, &where);
    QVERIFY2(error.contains(u"SyntaxError"_s), qPrintable(error));
    QCOMPARE(where, u"assert[1].value"_s);
    const QString second = evaluator.compileScripts(
        parse(R"J([{"type":"javascript","value":"const a = 1;\nconst b = a +;\nreturn b;"}])J"), {}, &where);
    QVERIFY2(second.contains(u"SyntaxError"_s) && second.contains(u"line 2"_s), qPrintable(second));
    QVERIFY(evaluator
                .compileScripts(parse(R"J([{"type":"contains","value":"a","transform":"output.x"}])J"),
                                u"JSON.parse(output"_s, &where)
                .contains(u"SyntaxError"_s));
    QCOMPARE(where, u"transform"_s);
    QVERIFY(
        evaluator.compileScripts(parse(R"J([{"type":"contains","value":"a","transform":"output.x)"}])J"), {}, &where)
            .contains(u"SyntaxError"_s));
    QCOMPARE(where, u"assert[0].transform"_s);
    QVERIFY(evaluator.compileScripts(parse(R"J([{"type":"javascript","value":"output.length > 1"}])J"), {}, &where)
                .isEmpty());
}

void TestJavaScriptChecks::badScriptsAreRefusedWithWhere_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("where");
    QTest::newRow("code not a string") << QByteArray(R"J([{"type":"javascript","value":3}])J") << u"assert[0].value"_s;
    QTest::newRow("empty code") << QByteArray(R"J([{"type":"javascript","value":"  "}])J") << u"assert[0].value"_s;
    QTest::newRow("module without source")
        << QByteArray(R"J([{"type":"javascript","value":{"file":"a.js"}}])J") << u"assert[0].value"_s;
    QTest::newRow("transform not code") << QByteArray(R"J([{"type":"contains","value":"a","transform":["x"]}])J")
                                        << u"assert[0].transform"_s;
    QTest::newRow("threshold not a number")
        << QByteArray(R"J([{"type":"javascript","value":"1","threshold":"high"}])J") << u"assert[0].threshold"_s;
}

void TestJavaScriptChecks::badScriptsAreRefusedWithWhere()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, where);
    QString at, error;
    QVERIFY(!Assertion::parseList(QJsonDocument::fromJson(json).array(), &at, &error));
    QCOMPARE(at, where);
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestJavaScriptChecks)
#include "tst_javascriptchecks.moc"
