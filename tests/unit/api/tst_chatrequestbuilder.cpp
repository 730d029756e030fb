#include "api/ChatRequestBuilder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tierlens;

namespace {
Prompt userPrompt(const QString& text)
{
    Prompt p;
    p.id = u"p1"_s;
    p.messages.append(QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, text } });
    return p;
}

QJsonObject body(const QString& model, const RequestOptions& opts, const Prompt& prompt)
{
    const QByteArray bytes = ChatRequestBuilder::build(model, opts, prompt);
    [&] { QVERIFY2(!bytes.contains('\n') && !bytes.contains(": "), bytes.constData()); }(); // compact
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    [&] { QCOMPARE(err.error, QJsonParseError::NoError); }();
    return doc.object();
}

QJsonObject parse(const char* json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}
} // namespace

class TestChatRequestBuilder : public QObject
{
    Q_OBJECT

private slots:
    void defaults();
    void systemPromptFirst();
    void eachOption_data();
    void eachOption();
    void extraAndPromptOverrides();
    void optionsSnapshotRoundTrip();
    void optionsSnapshotErrors_data();
    void optionsSnapshotErrors();
    void knownKeys();
};

void TestChatRequestBuilder::defaults()
{
    const QJsonObject b = body(u"deepseek-v4-flash"_s, RequestOptions(), userPrompt(u"Hi"_s));
    QCOMPARE(b, parse(R"({"model":"deepseek-v4-flash","messages":[{"role":"user","content":"Hi"}],
                         "stream":true,"stream_options":{"include_usage":true}})"));
}

void TestChatRequestBuilder::systemPromptFirst()
{
    Prompt p = userPrompt(u"Q1"_s);
    p.system = u"Be terse."_s;
    p.messages.append(QJsonObject { { u"role"_s, u"assistant"_s }, { u"content"_s, u"A1"_s } });
    p.messages.append(QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"Q2"_s } });
    const QJsonArray m = body(u"m"_s, RequestOptions(), p).value("messages"_L1).toArray();
    QCOMPARE(m.size(), 4);
    QCOMPARE(m[0].toObject(), parse(R"({"role":"system","content":"Be terse."})"));
    QCOMPARE(m[1].toObject().value("content"_L1).toString(), u"Q1"_s);
    QCOMPARE(m[3].toObject().value("content"_L1).toString(), u"Q2"_s);
}

void TestChatRequestBuilder::eachOption_data()
{
    QTest::addColumn<QByteArray>("options"); // snapshot format
    QTest::addColumn<QByteArray>("expected"); // the body minus model and messages
    QTest::newRow("thinking on")
        << R"({"thinking":true})"_ba
        << R"({"stream":true,"stream_options":{"include_usage":true},"thinking":{"type":"enabled"}})"_ba;
    QTest::newRow("thinking off")
        << R"({"thinking":false})"_ba
        << R"({"stream":true,"stream_options":{"include_usage":true},"thinking":{"type":"disabled"}})"_ba;
    QTest::newRow("effort") << R"({"reasoning_effort":"max"})"_ba
                            << R"({"stream":true,"stream_options":{"include_usage":true},"reasoning_effort":"max"})"_ba;
    QTest::newRow("sampling")
        << R"({"temperature":0.2,"top_p":0.9,"max_tokens":4096})"_ba
        << R"({"stream":true,"stream_options":{"include_usage":true},"temperature":0.2,"top_p":0.9,"max_tokens":4096})"_ba;
    QTest::newRow("json mode")
        << R"({"json_mode":true})"_ba
        << R"({"stream":true,"stream_options":{"include_usage":true},"response_format":{"type":"json_object"}})"_ba;
    QTest::newRow("no usage option") << R"({"include_usage":false})"_ba
                                     << R"({"stream":true})"_ba;
    QTest::newRow("not streaming") << R"({"stream":false})"_ba
                                   << R"({"stream":false})"_ba;
    QTest::newRow("extra")
        << R"({"extra":{"user_id":"tierlens","stop":["END"]}})"_ba
        << R"({"stream":true,"stream_options":{"include_usage":true},"user_id":"tierlens","stop":["END"]})"_ba;
}

void TestChatRequestBuilder::eachOption()
{
    QFETCH(QByteArray, options);
    QFETCH(QByteArray, expected);
    QString error;
    const RequestOptions opts = RequestOptions::fromJson(QJsonDocument::fromJson(options).object(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QJsonObject b = body(u"deepseek-v4-pro"_s, opts, userPrompt(u"x"_s));
    QCOMPARE(b.take("model"_L1).toString(), u"deepseek-v4-pro"_s);
    QVERIFY(b.take("messages"_L1).isArray());
    QCOMPARE(b, QJsonDocument::fromJson(expected).object());
}

void TestChatRequestBuilder::extraAndPromptOverrides()
{
    RequestOptions opts;
    opts.thinking = true;
    opts.temperature = 0.7;
    opts.maxTokens = 1000;
    opts.extra = parse(R"({"temperature":0.5,"stop":["A"],"model":"evil","stream":false})");
    Prompt p = userPrompt(u"x"_s);
    p.options = parse(R"({"thinking":{"type":"disabled"},"max_tokens":null,"stop":["B"],
                         "tools":[{"type":"function","function":{"name":"f","parameters":{}}}],
                         "tool_choice":"required","stream":false,"stream_options":{"include_usage":false},
                         "messages":[]})");
    QJsonObject b = body(u"deepseek-v4-flash"_s, opts, p);
    QCOMPARE(b.take("messages"_L1).toArray().size(), 1); // the prompt cannot replace its own messages this way
    QCOMPARE(b, parse(R"({"model":"deepseek-v4-flash","stream":true,"stream_options":{"include_usage":true},
                         "thinking":{"type":"disabled"},"temperature":0.5,"stop":["B"],
                         "tools":[{"type":"function","function":{"name":"f","parameters":{}}}],
                         "tool_choice":"required"})"));
}

void TestChatRequestBuilder::optionsSnapshotRoundTrip()
{
    RequestOptions a;
    QString error;
    QCOMPARE(RequestOptions::fromJson(a.toJson(), &error), a);
    QVERIFY(error.isEmpty());
    QCOMPARE(a.toJson(), parse(R"({"json_mode":false,"stream":true,"include_usage":true})"));

    a.thinking = false;
    a.reasoningEffort = u"high"_s;
    a.temperature = 0.0;
    a.topP = 1.0;
    a.maxTokens = 393216;
    a.jsonMode = true;
    a.stream = false;
    a.includeUsage = false;
    a.extra = parse(R"({"user_id":"u1"})");
    QCOMPARE(a.toJson(), parse(R"({"thinking":false,"reasoning_effort":"high","temperature":0,"top_p":1,
                                   "max_tokens":393216,"json_mode":true,"stream":false,"include_usage":false,
                                   "extra":{"user_id":"u1"}})"));
    const RequestOptions b = RequestOptions::fromJson(a.toJson(), &error);
    QVERIFY(error.isEmpty());
    QCOMPARE(b, a);
    QVERIFY(b != RequestOptions());
}

void TestChatRequestBuilder::optionsSnapshotErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("unknown key") << R"({"temprature":0.1})"_ba << u"\"temprature\": unknown key"_s;
    QTest::newRow("thinking string") << R"({"thinking":"enabled"})"_ba << u"\"thinking\": expected true or false"_s;
    QTest::newRow("max_tokens zero") << R"({"max_tokens":0})"_ba << u"\"max_tokens\": expected a positive integer"_s;
    QTest::newRow("max_tokens fraction") << R"({"max_tokens":1.5})"_ba << u"\"max_tokens\""_s;
    QTest::newRow("top_p string") << R"({"top_p":"0.9"})"_ba << u"\"top_p\": expected a number"_s;
    QTest::newRow("extra array") << R"({"extra":[]})"_ba << u"\"extra\": expected an object"_s;
}

void TestChatRequestBuilder::optionsSnapshotErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, messagePart);
    QString error;
    const RequestOptions r = RequestOptions::fromJson(QJsonDocument::fromJson(json).object(), &error);
    QVERIFY2(error.contains(messagePart), qPrintable(error));
    QCOMPARE(r, RequestOptions());
}

void TestChatRequestBuilder::knownKeys()
{
    const QStringList keys = ChatRequestBuilder::knownPromptOptionKeys();
    QCOMPARE(keys.size(), 14);
    for (const auto k :
         { "thinking", "reasoning_effort", "tools", "tool_choice", "response_format", "user_id", "top_logprobs" })
        QVERIFY2(keys.contains(QLatin1StringView(k)), k);
    QVERIFY(!keys.contains(u"stream"_s));
    QVERIFY(!keys.contains(u"model"_s));
}

QTEST_GUILESS_MAIN(TestChatRequestBuilder)
#include "tst_chatrequestbuilder.moc"
