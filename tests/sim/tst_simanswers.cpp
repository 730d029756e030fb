// What SimServer answers: the sample prompt set at quality 1.0, tool-call pieces, JSON mode, determinism.
#include "SimServer.h"
#include "SimTestClient.h"

#include <QFile>
#include <QJsonArray>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace tierlens;

namespace {

const QString kData = QStringLiteral(TIERLENS_TEST_DATA);
const QString kSample = QStringLiteral(TIERLENS_TEST_DATA "/../../resources/prompts/sample.jsonl");

SimConfig perfectConfig()
{
    SimConfig c;
    c.timeScale = 0.0005;
    const QString error = loadProfileFile(c.profiles, kData + u"/sim/perfect-quality.json"_s);
    if (!error.isEmpty())
        qFatal("%s", qPrintable(error));
    return c;
}

// The request body a client builds from one sample line: system, messages or prompt, then the options.
QJsonObject requestFor(const QJsonObject& line, const QString& model)
{
    QJsonArray messages;
    if (line.contains("system"_L1))
        messages.append(QJsonObject { { u"role"_s, u"system"_s }, { u"content"_s, line.value("system"_L1) } });
    if (line.contains("messages"_L1)) {
        for (const QJsonValue& m : line.value("messages"_L1).toArray())
            messages.append(m);
    } else {
        messages.append(QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, line.value("prompt"_L1) } });
    }
    QJsonObject body { { u"model"_s, model }, { u"messages"_s, messages } };
    const QJsonObject options = line.value("options"_L1).toObject();
    for (auto it = options.begin(); it != options.end(); ++it)
        body.insert(it.key(), it.value());
    return body;
}

QList<QJsonObject> sampleLines()
{
    QFile file(kSample);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QJsonObject> lines;
    for (const QByteArray& raw : file.readAll().split('\n')) {
        if (!raw.trimmed().isEmpty())
            lines.append(QJsonDocument::fromJson(raw).object());
    }
    return lines;
}

QList<QJsonObject> sseChunks(const QByteArray& body)
{
    QList<QJsonObject> chunks;
    for (const QByteArray& line : body.split('\n')) {
        if (line.startsWith("data: {"))
            chunks.append(QJsonDocument::fromJson(line.mid(6)).object());
    }
    return chunks;
}

} // namespace

class TestSimAnswers : public QObject
{
    Q_OBJECT
private slots:
    void sampleSetAnsweredCorrectly_data();
    void sampleSetAnsweredCorrectly();
    void sampleSetShape();
    void toolCallArgumentsArriveInPieces();
    void jsonModeAnswersJson();
    void deterministicUnderSeed();
    void qualityZeroGivesWrongAnswers();
    void profileFileErrorsSayWhere();
};

void TestSimAnswers::sampleSetAnsweredCorrectly_data()
{
    QTest::addColumn<QString>("model");
    QTest::newRow("flash") << u"deepseek-v4-flash"_s;
    QTest::newRow("pro") << u"deepseek-v4-pro"_s;
    QTest::newRow("novita-pro") << u"deepseek/deepseek-v4-pro"_s;
}

void TestSimAnswers::sampleSetAnsweredCorrectly()
{
    QFETCH(QString, model);
    SimServer server(perfectConfig());
    QVERIFY(server.listen());
    SimTestClient client(server.serverUrl());
    const QList<QJsonObject> lines = sampleLines();
    QVERIFY(lines.size() >= 40);
    for (const QJsonObject& line : lines) {
        const QString id = line.value("id"_L1).toString();
        const SimReply r = client.post(u"/chat/completions"_s, requestFor(line, model));
        QVERIFY2(r.status == 200, qPrintable(id + u": "_s + QString::fromUtf8(r.body)));
        QVERIFY2(r.headers.value("x-sim-family") != "none", qPrintable(id + u" was not recognised"_s));
        QCOMPARE(QString::fromUtf8(r.headers.value("x-sim-category")), line.value("category"_L1).toString());
        const QJsonObject message
            = r.json().value("choices"_L1).toArray().first().toObject().value("message"_L1).toObject();
        const QString content = message.value("content"_L1).toString();
        const QString expected = line.value("expected"_L1).toString();
        const QJsonArray calls = message.value("tool_calls"_L1).toArray();
        if (expected.startsWith("{\"name\""_L1)) {
            const QJsonObject want = QJsonDocument::fromJson(expected.toUtf8()).object();
            QVERIFY2(calls.size() == 1, qPrintable(id));
            const QJsonObject fn = calls.first().toObject().value("function"_L1).toObject();
            QCOMPARE(fn.value("name"_L1).toString(), want.value("name"_L1).toString());
            QCOMPARE(QJsonDocument::fromJson(fn.value("arguments"_L1).toString().toUtf8()).object(),
                     want.value("arguments"_L1).toObject());
        } else if (line.value("options"_L1).toObject().value("response_format"_L1).isObject()) {
            QCOMPARE(QJsonDocument::fromJson(content.toUtf8()).object(),
                     QJsonDocument::fromJson(expected.toUtf8()).object());
        } else if (!expected.isEmpty()) {
            QVERIFY2(calls.isEmpty(), qPrintable(id));
            QVERIFY2(content.contains(expected, Qt::CaseInsensitive),
                     qPrintable(id + u": expected \""_s + expected + u"\" in: "_s + content));
        } else {
            QVERIFY2(calls.isEmpty() && !content.trimmed().startsWith(u'{'), qPrintable(id));
        }
    }
}

void TestSimAnswers::sampleSetShape()
{
    const QList<QJsonObject> lines = sampleLines();
    QMap<QString, int> perCategory;
    QSet<QString> systems;
    for (const QJsonObject& line : lines) {
        ++perCategory[line.value("category"_L1).toString()];
        if (line.contains("system"_L1))
            systems.insert(line.value("system"_L1).toString());
        if (line.value("options"_L1).toObject().contains("response_format"_L1))
            QVERIFY(QJsonDocument(line).toJson().toLower().contains("json"));
    }
    const QStringList categories { u"easy"_s,       u"reasoning"_s, u"factual"_s,      u"coding"_s,
                                   u"extraction"_s, u"tool-use"_s,  u"long-context"_s, u"failure-prone"_s };
    QCOMPARE(QStringList(perCategory.keys()).size(), categories.size());
    for (const QString& c : categories)
        QVERIFY2(perCategory.value(c) >= 3, qPrintable(c));
    QCOMPARE(systems.size(), 1); // byte-identical so the demo shows cache hits
    QVERIFY(systems.begin()->toUtf8().size() >= 256);
}

void TestSimAnswers::toolCallArgumentsArriveInPieces()
{
    SimServer server(perfectConfig());
    QVERIFY(server.listen());
    SimTestClient client(server.serverUrl());
    QJsonObject weatherLine;
    for (const QJsonObject& line : sampleLines()) {
        if (line.value("id"_L1).toString() == "tool-weather"_L1)
            weatherLine = line;
    }
    QJsonObject body = requestFor(weatherLine, u"deepseek-v4-flash"_s);
    body.insert(u"stream"_s, true);
    const SimReply r = client.post(u"/chat/completions"_s, body);
    QString args;
    int pieces = 0;
    QString name;
    QString finish;
    for (const QJsonObject& chunk : sseChunks(r.body)) {
        const QJsonObject choice = chunk.value("choices"_L1).toArray().first().toObject();
        if (choice.value("finish_reason"_L1).isString())
            finish = choice.value("finish_reason"_L1).toString();
        const QJsonArray calls = choice.value("delta"_L1).toObject().value("tool_calls"_L1).toArray();
        if (calls.isEmpty())
            continue;
        const QJsonObject call = calls.first().toObject();
        QCOMPARE(call.value("index"_L1).toInt(), 0);
        if (pieces == 0) {
            QVERIFY(call.value("id"_L1).toString().startsWith("call_"_L1));
            name = call.value("function"_L1).toObject().value("name"_L1).toString();
        } else {
            QVERIFY(!call.contains("id"_L1));
        }
        args += call.value("function"_L1).toObject().value("arguments"_L1).toString();
        ++pieces;
    }
    QCOMPARE(name, u"get_weather"_s);
    QCOMPARE(finish, u"tool_calls"_s);
    QVERIFY(pieces >= 4);
    QJsonParseError error;
    const QJsonObject parsed = QJsonDocument::fromJson(args.toUtf8(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(parsed.value("city"_L1).toString(), u"Berlin"_s);
}

void TestSimAnswers::jsonModeAnswersJson()
{
    SimServer server(perfectConfig());
    QVERIFY(server.listen());
    SimTestClient client(server.serverUrl());
    const QJsonObject body {
        { u"model"_s, u"deepseek-v4-flash"_s },
        { u"response_format"_s, QJsonObject { { u"type"_s, u"json_object"_s } } },
        { u"messages"_s,
          QJsonArray {
              QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"Answer in json: who wrote Hamlet?"_s } } } }
    };
    const QString content = client.post(u"/chat/completions"_s, body)
                                .json()
                                .value("choices"_L1)
                                .toArray()
                                .first()
                                .toObject()
                                .value("message"_L1)
                                .toObject()
                                .value("content"_L1)
                                .toString();
    const QJsonDocument doc = QJsonDocument::fromJson(content.toUtf8());
    QVERIFY2(doc.isObject(), qPrintable(content));
    QVERIFY(doc.object().value("answer"_L1).toString().contains("Shakespeare"_L1));
}

void TestSimAnswers::deterministicUnderSeed()
{
    auto run = [](quint64 seed) {
        SimConfig config;
        config.timeScale = 0.0005;
        config.seed = seed;
        SimServer server(config);
        if (!server.listen())
            return QStringList();
        SimTestClient client(server.serverUrl());
        QStringList out;
        for (const QJsonObject& line : sampleLines()) {
            const QJsonObject o = client.post(u"/chat/completions"_s, requestFor(line, u"deepseek-v4-flash"_s)).json();
            const QJsonObject message
                = o.value("choices"_L1).toArray().first().toObject().value("message"_L1).toObject();
            out.append(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact))
                       + QString::fromUtf8(QJsonDocument(o.value("usage"_L1).toObject()).toJson()));
        }
        return out;
    };
    const QStringList a = run(7);
    const QStringList b = run(7);
    const QStringList c = run(8);
    QVERIFY(!a.isEmpty());
    QCOMPARE(a, b);
    QVERIFY(a != c);
}

void TestSimAnswers::qualityZeroGivesWrongAnswers()
{
    SimConfig config;
    config.timeScale = 0.0005;
    QCOMPARE(applyProfileOverrides(
                 config.profiles,
                 QJsonObject { { u"*"_s, QJsonObject { { u"quality"_s, QJsonObject { { u"*"_s, 0.0 } } } } } }),
             QString());
    SimServer server(config);
    QVERIFY(server.listen());
    SimTestClient client(server.serverUrl());
    int checked = 0;
    for (const QJsonObject& line : sampleLines()) {
        const QString expected = line.value("expected"_L1).toString();
        if (expected.isEmpty() || expected.startsWith(u'{') || line.value("category"_L1) == "tool-use"_L1)
            continue;
        const QJsonObject o = client.post(u"/chat/completions"_s, requestFor(line, u"deepseek-v4-pro"_s)).json();
        const QString content = o.value("choices"_L1)
                                    .toArray()
                                    .first()
                                    .toObject()
                                    .value("message"_L1)
                                    .toObject()
                                    .value("content"_L1)
                                    .toString();
        QVERIFY2(!content.contains(expected, Qt::CaseInsensitive),
                 qPrintable(line.value("id"_L1).toString() + u": "_s + content));
        ++checked;
    }
    QVERIFY(checked >= 30);
}

void TestSimAnswers::profileFileErrorsSayWhere()
{
    QMap<QString, ModelProfile> profiles = builtinModelProfiles();
    const QString error = loadProfileFile(profiles, kData + u"/sim/bad-profile.json"_s);
    QVERIFY(error.contains("bad-profile.json"_L1));
    QVERIFY(error.contains("tokens_per_second"_L1));
    QVERIFY(!loadProfileFile(profiles, kData + u"/sim/missing.json"_s).isEmpty());
    QVERIFY(loadProfileFile(profiles, kData + u"/sim/perfect-quality.json"_s).isEmpty());
    QCOMPARE(profiles.value(u"deepseek-v4-pro"_s).ttftMs, 1500.0);
    QCOMPARE(profiles.value(u"deepseek-v4-flash"_s).qualityFor(u"factual"_s), 1.0);
    QCOMPARE(profiles.value(u"deepseek-v4-flash"_s).tokensPerSecond, 103.0);
}

QTEST_GUILESS_MAIN(TestSimAnswers)
#include "tst_simanswers.moc"
