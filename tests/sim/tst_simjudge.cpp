// The simulator as an LLM judge: pairwise and rubric verdicts, position bias, judge errors, unreadable prompts.
#include "AnswerEngine.h"
#include "JudgePrompt.h"
#include "ReferenceMatch.h"
#include "SimServer.h"
#include "SimTestClient.h"

#include <QJsonArray>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace tierlens;

namespace {

const QString kData = QStringLiteral(TIERLENS_TEST_DATA);
const QString kFlash = QStringLiteral("deepseek-v4-flash");
const QString kPro = QStringLiteral("deepseek-v4-pro");

const QString kCapitalQuestion = QStringLiteral("What is the capital of France?");
const QString kParis = QStringLiteral("The capital of France is Paris.");
const QString kLyon = QStringLiteral("The capital of France is Lyon.");

QString pairwiseSystem()
{
    return JudgePrompt::pairwiseSystemLine()
        + u"\nDecide which answer is more correct and more useful; length is not a merit.\n"
          "Reply with a JSON object only: {\"winner\": \"A\" | \"B\" | \"tie\", \"reason\": \"<one sentence>\"}."_s;
}

QString rubricSystem()
{
    return JudgePrompt::rubricSystemLine()
        + u"\nReply with a JSON object only: {\"score\": <integer 1-5>, \"reason\": \"<one sentence>\"}."_s;
}

QString pairwiseUser(const QString& question, const QString& reference, const QString& a, const QString& b)
{
    QString text = u"[Question]\n"_s + question + u"\n\n"_s;
    if (!reference.isNull())
        text += u"[Reference answer]\n"_s + reference + u"\n\n"_s;
    return text + u"[Answer A]\n"_s + a + u"\n\n[Answer B]\n"_s + b + u"\n\nWhich answer is better? Reply in JSON."_s;
}

QString rubricUser(const QString& question, const QString& reference, const QString& answer)
{
    QString text
        = u"[Rubric]\nThe answer must state the correct result plainly.\n\n[Question]\n"_s + question + u"\n\n"_s;
    if (!reference.isNull())
        text += u"[Reference answer]\n"_s + reference + u"\n\n"_s;
    return text + u"[Answer]\n"_s + answer + u"\n\nScore the answer in JSON."_s;
}

QJsonObject body(const QString& system, const QString& user, const QString& model = kFlash)
{
    return QJsonObject {
        { u"model"_s, model },
        { u"response_format"_s, QJsonObject { { u"type"_s, u"json_object"_s } } },
        { u"thinking"_s, QJsonObject { { u"type"_s, u"disabled"_s } } },
        { u"messages"_s,
          QJsonArray { QJsonObject { { u"role"_s, u"system"_s }, { u"content"_s, system } },
                       QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, user } } } },
    };
}

QMap<QString, ModelProfile> profilesWith(const QJsonObject& overrides)
{
    QMap<QString, ModelProfile> profiles = builtinModelProfiles();
    const QString error = applyProfileOverrides(profiles, QJsonObject { { u"*"_s, overrides } });
    if (!error.isEmpty())
        qFatal("%s", qPrintable(error));
    return profiles;
}

QMap<QString, ModelProfile> perfectJudge(double positionBias = 0.0)
{
    return profilesWith(
        QJsonObject { { u"quality"_s, QJsonObject { { u"judge"_s, 1.0 } } }, { u"position_bias"_s, positionBias } });
}

// The engine directly, without sockets: one answer per seed, parsed as the JSON object the judge returns.
QJsonObject judge(const QJsonObject& requestBody, const ModelProfile& profile, quint64 seed, SimAnswer* raw = nullptr)
{
    ChatRequest request;
    if (const auto error = ChatRequest::parse(QJsonDocument(requestBody).toJson(), &request))
        qFatal("%s", qPrintable(error->message));
    const SimAnswer answer = AnswerEngine::answer(request, profile, seed);
    if (raw)
        *raw = answer;
    return QJsonDocument::fromJson(answer.content.toUtf8()).object();
}

QString winner(const QString& system, const QString& user, const ModelProfile& profile, quint64 seed = 1)
{
    return judge(body(system, user), profile, seed).value("winner"_L1).toString();
}

int score(const QString& user, const ModelProfile& profile, quint64 seed = 1)
{
    return judge(body(rubricSystem(), user), profile, seed).value("score"_L1).toInt(-1);
}

} // namespace

class TestSimJudge : public QObject
{
    Q_OBJECT
private slots:
    void correctAnswerWinsInBothOrders_data();
    void correctAnswerWinsInBothOrders();
    void judgeQualityFlipsClearVerdicts();
    void bothCorrectFollowsPositionBias();
    void rubricScoresRightAndWrong();
    void referenceLessUsesTaskFamilies();
    void toolCallAndJsonReferences();
    void referenceMatchRules();
    void missingSectionsNeverCrash();
    void deterministicUnderSeed();
    void endToEndStreamingWithReasoning();
    void profileFieldsValidated();
};

void TestSimJudge::correctAnswerWinsInBothOrders_data()
{
    QTest::addColumn<QString>("model");
    QTest::newRow("flash") << kFlash;
    QTest::newRow("pro") << kPro;
}

void TestSimJudge::correctAnswerWinsInBothOrders()
{
    QFETCH(QString, model);
    const ModelProfile profile = perfectJudge(1.0).value(model);
    for (quint64 seed = 0; seed < 50; ++seed) {
        QCOMPARE(winner(pairwiseSystem(), pairwiseUser(kCapitalQuestion, u"Paris"_s, kParis, kLyon), profile, seed),
                 u"A"_s);
        QCOMPARE(winner(pairwiseSystem(), pairwiseUser(kCapitalQuestion, u"Paris"_s, kLyon, kParis), profile, seed),
                 u"B"_s);
    }
    SimAnswer raw;
    const QJsonObject reply = judge(
        body(pairwiseSystem(), pairwiseUser(kCapitalQuestion, u"  paris "_s, kLyon, kParis), model), profile, 3, &raw);
    QCOMPARE(reply.size(), 2);
    QCOMPARE(reply.value("winner"_L1).toString(), u"B"_s);
    QVERIFY(reply.value("reason"_L1).toString().contains("reference"_L1));
    QCOMPARE(raw.category, u"judge"_s);
    QCOMPARE(raw.family, u"judge-pairwise"_s);
    QVERIFY(raw.content.startsWith("{\"winner\":"_L1)); // compact, no closing pleasantries, not wrapped
}

void TestSimJudge::judgeQualityFlipsClearVerdicts()
{
    // Built-in judge quality: Flash 0.85, Pro 0.95; a flipped verdict picks the wrong answer.
    const QMap<QString, ModelProfile> profiles = builtinModelProfiles();
    QCOMPARE(profiles.value(kFlash).qualityFor(u"judge"_s), 0.85);
    QCOMPARE(profiles.value(kPro).qualityFor(u"judge"_s), 0.95);
    const QString user = pairwiseUser(kCapitalQuestion, u"Paris"_s, kParis, kLyon);
    QMap<QString, int> flips;
    const int runs = 400;
    for (const QString& model : { kFlash, kPro }) {
        for (quint64 seed = 0; seed < runs; ++seed) {
            const QString w = winner(pairwiseSystem(), user, profiles.value(model), seed);
            QVERIFY2(w == "A"_L1 || w == "B"_L1, qPrintable(w)); // a clear case never ends in a tie
            flips[model] += w == "B"_L1 ? 1 : 0;
        }
    }
    QVERIFY2(flips.value(kFlash) > runs * 0.08 && flips.value(kFlash) < runs * 0.22,
             qPrintable(QString::number(flips.value(kFlash))));
    QVERIFY2(flips.value(kPro) > 0 && flips.value(kPro) < runs * 0.10, qPrintable(QString::number(flips.value(kPro))));
    QVERIFY(flips.value(kFlash) > flips.value(kPro));
}

void TestSimJudge::bothCorrectFollowsPositionBias()
{
    const QString ab = pairwiseUser(kCapitalQuestion, u"Paris"_s, kParis, u"Paris."_s);
    const QString ba = pairwiseUser(kCapitalQuestion, u"Paris"_s, u"Paris."_s, kParis);
    // Always biased: "A" whichever answer comes first, so swapping the order exposes the bias.
    const ModelProfile biased = perfectJudge(1.0).value(kFlash);
    const ModelProfile fair = perfectJudge(0.0).value(kFlash);
    for (quint64 seed = 0; seed < 30; ++seed) {
        QCOMPARE(winner(pairwiseSystem(), ab, biased, seed), u"A"_s);
        QCOMPARE(winner(pairwiseSystem(), ba, biased, seed), u"A"_s);
        QCOMPARE(winner(pairwiseSystem(), ab, fair, seed), u"tie"_s);
        QCOMPARE(winner(pairwiseSystem(), ba, fair, seed), u"tie"_s);
        // Both wrong is not a clear verdict either.
        QCOMPARE(
            winner(pairwiseSystem(), pairwiseUser(kCapitalQuestion, u"Paris"_s, kLyon, u"Marseille"_s), fair, seed),
            u"tie"_s);
    }
    // The default bias, 0.3: some "A", the rest "tie", never "B"; and judge quality does not touch it.
    const ModelProfile standard = builtinModelProfiles().value(kPro);
    QCOMPARE(standard.positionBias, 0.3);
    int a = 0;
    const int runs = 400;
    for (quint64 seed = 0; seed < runs; ++seed) {
        const QString w = winner(pairwiseSystem(), ab, standard, seed);
        QVERIFY2(w == "A"_L1 || w == "tie"_L1, qPrintable(w));
        a += w == "A"_L1 ? 1 : 0;
    }
    QVERIFY2(a > runs * 0.2 && a < runs * 0.4, qPrintable(QString::number(a)));
}

void TestSimJudge::rubricScoresRightAndWrong()
{
    const ModelProfile perfect = perfectJudge().value(kPro);
    for (quint64 seed = 0; seed < 30; ++seed) {
        QCOMPARE(score(rubricUser(kCapitalQuestion, u"Paris"_s, kParis), perfect, seed), 5);
        QCOMPARE(score(rubricUser(kCapitalQuestion, u"Paris"_s, kLyon), perfect, seed), 2);
    }
    // Noise of one point at probability 1 - quality, clamped to 1..5.
    const ModelProfile flash = builtinModelProfiles().value(kFlash);
    QMap<int, int> right;
    QMap<int, int> wrong;
    for (quint64 seed = 0; seed < 400; ++seed) {
        ++right[score(rubricUser(kCapitalQuestion, u"Paris"_s, kParis), flash, seed)];
        ++wrong[score(rubricUser(kCapitalQuestion, u"Paris"_s, kLyon), flash, seed)];
    }
    QCOMPARE(QSet<int>(right.keyBegin(), right.keyEnd()), (QSet<int> { 4, 5 }));
    QCOMPARE(QSet<int>(wrong.keyBegin(), wrong.keyEnd()), (QSet<int> { 1, 2, 3 }));
    QVERIFY2(right.value(4) > 10 && right.value(4) < 50, qPrintable(QString::number(right.value(4))));
    QVERIFY(wrong.value(2) > 300);
}

void TestSimJudge::referenceLessUsesTaskFamilies()
{
    const ModelProfile profile = perfectJudge().value(kFlash);
    // 12 trays of 24 cookies: the arithmetic family knows the right answer is 288.
    const QString question = u"A baker fills 12 trays with 24 cookies each. How many cookies are there in total?"_s;
    const QString right = u"12 × 24 = 288, so there are 288 cookies."_s;
    const QString wrong = u"There are 278 cookies in total."_s;
    QCOMPARE(winner(pairwiseSystem(), pairwiseUser(question, QString(), right, wrong), profile), u"A"_s);
    QCOMPARE(winner(pairwiseSystem(), pairwiseUser(question, QString(), wrong, right), profile), u"B"_s);
    QCOMPARE(score(rubricUser(question, QString(), right), profile), 5);
    QCOMPARE(score(rubricUser(question, QString(), wrong), profile), 2);
    // A factual question and a trick question, also through the families.
    QCOMPARE(winner(pairwiseSystem(),
                    pairwiseUser(u"Who wrote Pride and Prejudice?"_s, QString(), u"Charlotte Bronte wrote it."_s,
                                 u"It was Jane Austen."_s),
                    profile),
             u"B"_s);
    QCOMPARE(score(rubricUser(u"Which is larger, 9.11 or 9.9?"_s, QString(), u"9.9 is larger."_s), profile), 5);
    // Nothing knows the answer to an open question: no clear verdict, middle score.
    const QString open = u"What makes a good code review?"_s;
    QCOMPARE(winner(pairwiseSystem(), pairwiseUser(open, QString(), u"Kindness."_s, u"Speed."_s), profile), u"tie"_s);
    QCOMPARE(score(rubricUser(open, QString(), u"Kindness."_s), profile), 3);
    // An empty reference section is no reference.
    const QString emptyReference = u"[Question]\n"_s + question + u"\n\n[Reference answer]\n\n[Answer A]\n"_s + wrong
        + u"\n\n[Answer B]\n"_s + right + u"\n\nWhich answer is better? Reply in JSON."_s;
    QCOMPARE(winner(pairwiseSystem(), emptyReference, profile), u"B"_s);
}

void TestSimJudge::toolCallAndJsonReferences()
{
    const ModelProfile profile = perfectJudge().value(kPro);
    const QString question = u"What is the weather like in Berlin right now, in celsius?"_s;
    const QString reference = u"{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Berlin\",\"unit\":\"celsius\"}}"_s;
    const QString right = u"tool call: get_weather({\"city\":\"Berlin\",\"unit\":\"celsius\",\"days\":1})"_s;
    const QString wrongCity = u"tool call: get_weather({\"city\":\"Paris\",\"unit\":\"celsius\"})"_s;
    const QString wrongTool = u"tool call: search_web({\"city\":\"Berlin\",\"unit\":\"celsius\"})"_s;
    const QString noCall = u"It is sunny in Berlin, get_weather says city Berlin celsius."_s;
    for (const QString& wrong : { wrongCity, wrongTool, noCall }) {
        QCOMPARE(winner(pairwiseSystem(), pairwiseUser(question, reference, right, wrong), profile), u"A"_s);
        QCOMPARE(winner(pairwiseSystem(), pairwiseUser(question, reference, wrong, right), profile), u"B"_s);
    }
    // The right call among other lines and calls still counts.
    QCOMPARE(score(rubricUser(question, reference, u"Let me check.\n"_s + wrongTool + u'\n' + right), profile), 5);
    QCOMPARE(score(rubricUser(question, reference, wrongCity), profile), 2);

    const QString extract = u"Extract the email and answer in json with the key email: write to ann@example.org."_s;
    const QString jsonRef = u"{\"email\":\"ann@example.org\"}"_s;
    QCOMPARE(score(rubricUser(extract, jsonRef, u"{\"email\": \"ann@example.org\", \"phone\": null}"_s), profile), 5);
    QCOMPARE(score(rubricUser(extract, jsonRef, u"```json\n{\"email\":\"ann@example.org\"}\n```"_s), profile), 5);
    QCOMPARE(score(rubricUser(extract, jsonRef, u"{\"email\":\"ann@example.com\"}"_s), profile), 2);
    QCOMPARE(score(rubricUser(extract, jsonRef, u"The email is ann@example.org"_s), profile), 2);
    // Without a reference the extraction family supplies the JSON to compare against.
    QCOMPARE(score(rubricUser(extract, QString(), u"{\"email\":\"ann@example.org\"}"_s), profile), 5);
    QCOMPARE(score(rubricUser(extract, QString(), u"{\"email\":\"bob@example.org\"}"_s), profile), 2);
}

void TestSimJudge::referenceMatchRules()
{
    QVERIFY(ReferenceMatch::matches(u"The  Capital is\nPARIS."_s, u" capital is paris "_s));
    QVERIFY(!ReferenceMatch::matches(u"Lyon"_s, u"Paris"_s));
    QVERIFY(!ReferenceMatch::matches(u"anything"_s, u"   "_s));
    QVERIFY(ReferenceMatch::matches(u"[1, {\"a\": 2, \"b\": 3}]"_s, u"[1, {\"a\": 2}]"_s));
    QVERIFY(!ReferenceMatch::matches(u"[1, {\"a\": 2}, 4]"_s, u"[1, {\"a\": 2}]"_s));
    QVERIFY(ReferenceMatch::matches(u"{\"n\": 2.0}"_s, u"{\"n\": 2}"_s));
    QVERIFY(!ReferenceMatch::matches(u"{\"n\": \"2\"}"_s, u"{\"n\": 2}"_s));
    // Arguments as JSON text, the way the API sends them, and a call without arguments.
    QVERIFY(
        ReferenceMatch::matches(u"tool call: f({\"x\":1})"_s, u"{\"name\":\"f\",\"arguments\":\"{\\\"x\\\":1}\"}"_s));
    QVERIFY(ReferenceMatch::matches(u"tool call: ping()"_s, u"{\"name\":\"ping\",\"arguments\":{}}"_s));
    QVERIFY(!ReferenceMatch::matches(u"tool call: ping(not json)"_s, u"{\"name\":\"ping\",\"arguments\":{}}"_s));
    // An object that merely has a name is compared as JSON, not as a tool call.
    QVERIFY(ReferenceMatch::matches(u"{\"name\":\"Ann\",\"age\":3}"_s, u"{\"name\":\"Ann\"}"_s));
}

void TestSimJudge::missingSectionsNeverCrash()
{
    const ModelProfile profile = perfectJudge().value(kFlash);
    const QJsonObject unreadPair { { u"winner"_s, u"tie"_s }, { u"reason"_s, u"could not read the answers"_s } };
    const QStringList brokenPairs {
        u"[Question]\nWhat is 2 + 2?\n\n[Answer A]\n4\n\nWhich answer is better? Reply in JSON."_s,
        u"[Answer A]\n4\n\n[Answer B]\n5\nReply in JSON."_s,
        u"[Question]\nq\n[Answer B]\n5\n[Answer A]\n4\njson"_s, // out of order
        u"json"_s,
    };
    for (const QString& user : brokenPairs) {
        SimAnswer raw;
        QCOMPARE(judge(body(pairwiseSystem(), user), profile, 1, &raw), unreadPair);
        QCOMPARE(raw.category, u"judge"_s);
    }
    const QStringList brokenRubrics {
        u"[Question]\nWhat is 2 + 2?\n\n[Answer]\n4\n\nScore the answer in JSON."_s,
        u"[Rubric]\nBe right.\n\n[Question]\nWhat is 2 + 2?\nScore the answer in JSON."_s,
    };
    for (const QString& user : brokenRubrics) {
        const QJsonObject reply = judge(body(rubricSystem(), user), profile, 1);
        QCOMPARE(reply.value("score"_L1).toInt(), 1);
        QVERIFY(reply.value("reason"_L1).isString());
    }
    // The first line must match byte for byte; otherwise it is an ordinary prompt.
    SimAnswer raw;
    judge(body(u" "_s + pairwiseSystem(), pairwiseUser(kCapitalQuestion, u"Paris"_s, kParis, kLyon)), profile, 1, &raw);
    QVERIFY(raw.category != "judge"_L1);
    // Sections come in order only: an answer quoting a header stays answer text.
    const JudgePrompt quoted
        = JudgePrompt::parse(pairwiseSystem(), pairwiseUser(u"q"_s, QString(), u"I saw\n[Question]\nhere"_s, u"b"_s));
    QVERIFY(quoted.readable());
    QVERIFY(!quoted.hasReference());
    QCOMPARE(quoted.answerA(), u"I saw\n[Question]\nhere"_s);
    QCOMPARE(quoted.answerB(), u"b"_s);
    QCOMPARE(quoted.question(), u"q"_s);
}

void TestSimJudge::deterministicUnderSeed()
{
    const ModelProfile profile = builtinModelProfiles().value(kFlash);
    const QStringList users { pairwiseUser(kCapitalQuestion, u"Paris"_s, kParis, kLyon),
                              pairwiseUser(kCapitalQuestion, u"Paris"_s, kParis, u"Paris."_s) };
    auto run = [&](quint64 base) {
        QStringList out;
        for (quint64 seed = base; seed < base + 100; ++seed) {
            for (const QString& user : users)
                out += QString::fromUtf8(QJsonDocument(judge(body(pairwiseSystem(), user), profile, seed)).toJson());
            out += QString::number(score(rubricUser(kCapitalQuestion, u"Paris"_s, kParis), profile, seed));
        }
        return out;
    };
    QCOMPARE(run(0), run(0));
    QVERIFY(run(0) != run(1000));
}

void TestSimJudge::endToEndStreamingWithReasoning()
{
    SimConfig config;
    config.timeScale = 0.0005;
    config.profiles = builtinModelProfiles();
    QCOMPARE(loadProfileFile(config.profiles, kData + u"/sim/judge-perfect.json"_s), QString());
    SimServer server(config);
    QVERIFY(server.listen());
    SimTestClient client(server.serverUrl());
    QJsonObject request = body(pairwiseSystem(), pairwiseUser(kCapitalQuestion, u"Paris"_s, kLyon, kParis), kPro);
    request.insert(u"thinking"_s, QJsonObject { { u"type"_s, u"enabled"_s } });
    request.insert(u"stream"_s, true);
    request.insert(u"stream_options"_s, QJsonObject { { u"include_usage"_s, true } });
    const SimReply r = client.post(u"/chat/completions"_s, request);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.headers.value("x-sim-category"), "judge"_ba);
    QCOMPARE(r.headers.value("x-sim-family"), "judge-pairwise"_ba);
    QString content;
    QString reasoning;
    QJsonObject usage;
    for (const QByteArray& line : r.body.split('\n')) {
        if (!line.startsWith("data: {"))
            continue;
        const QJsonObject chunk = QJsonDocument::fromJson(line.mid(6)).object();
        if (chunk.value("usage"_L1).isObject())
            usage = chunk.value("usage"_L1).toObject();
        const QJsonObject delta = chunk.value("choices"_L1).toArray().first().toObject().value("delta"_L1).toObject();
        content += delta.value("content"_L1).toString();
        reasoning += delta.value("reasoning_content"_L1).toString();
    }
    const QJsonObject verdict = QJsonDocument::fromJson(content.toUtf8()).object();
    QCOMPARE(verdict.value("winner"_L1).toString(), u"B"_s);
    QVERIFY(!reasoning.isEmpty());
    QVERIFY(usage.value("prompt_tokens"_L1).toInt() > 50);
    QVERIFY(usage.value("completion_tokens"_L1).toInt()
            > usage.value("completion_tokens_details"_L1).toObject().value("reasoning_tokens"_L1).toInt());

    // Non-streaming rubric through the same server.
    const SimReply rubricReply
        = client.post(u"/chat/completions"_s, body(rubricSystem(), rubricUser(kCapitalQuestion, u"Paris"_s, kParis)));
    const QString text = rubricReply.json()
                             .value("choices"_L1)
                             .toArray()
                             .first()
                             .toObject()
                             .value("message"_L1)
                             .toObject()
                             .value("content"_L1)
                             .toString();
    QCOMPARE(QJsonDocument::fromJson(text.toUtf8()).object().value("score"_L1).toInt(), 5);
    QVERIFY(rubricReply.json().value("usage"_L1).toObject().value("completion_tokens"_L1).toInt() > 0);
}

void TestSimJudge::profileFieldsValidated()
{
    QMap<QString, ModelProfile> profiles = builtinModelProfiles();
    const QString error = applyProfileOverrides(
        profiles, QJsonObject { { kFlash, QJsonObject { { u"position_bias"_s, 1.5 } } } }, u"judge.json"_s);
    QVERIFY2(error.contains("position_bias"_L1) && error.contains("judge.json"_L1), qPrintable(error));
    QVERIFY(!applyProfileOverrides(profiles, QJsonObject { { kFlash, QJsonObject { { u"position_bias"_s, u"x"_s } } } })
                 .isEmpty());
    QCOMPARE(applyProfileOverrides(profiles, QJsonObject { { kPro, QJsonObject { { u"position_bias"_s, 0.5 } } } }),
             QString());
    QCOMPARE(profiles.value(kPro).positionBias, 0.5);
    QCOMPARE(profiles.value(kFlash).positionBias, 0.3);
}

QTEST_GUILESS_MAIN(TestSimJudge)
#include "tst_simjudge.moc"
