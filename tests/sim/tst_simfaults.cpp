// SimServer's fault modes on the wire: what each one sends, how it is selected (profile, X-Sim-Fault, /faults)
// and what the stats count as served and billed.
#include "SimServer.h"
#include "SimTestClient.h"

#include <QJsonArray>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace tierlens;

namespace {

const QString kFlash = u"deepseek-v4-flash"_s;

struct FaultReply
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QByteArray retryAfter;
};

FaultReply send(QNetworkAccessManager& nam, const QUrl& base, const QByteArray& body, const QByteArray& fault = {})
{
    QUrl url = base;
    url.setPath(u"/chat/completions"_s);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    if (!fault.isEmpty())
        request.setRawHeader("X-Sim-Fault"_ba, fault);
    QNetworkReply* reply = nam.post(request, body);
    QByteArray received;
    // Read as it arrives: a reset connection may drop what was buffered but not yet read.
    QObject::connect(reply, &QNetworkReply::readyRead, reply, [&] { received += reply->readAll(); });
    SimTestClient::wait(reply);
    FaultReply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.error = reply->error();
    r.body = received + reply->readAll();
    r.retryAfter = reply->rawHeader("Retry-After"_ba);
    return r;
}

QList<QByteArray> dataLines(const QByteArray& body)
{
    QList<QByteArray> out;
    for (const QByteArray& line : body.split('\n')) {
        if (line.startsWith("data: "))
            out.append(line.mid(6));
    }
    return out;
}

QJsonObject flashStats(const SimServer& server)
{
    return server.stats().value("models"_L1).toObject().value(kFlash).toObject();
}

SimConfig fastConfig()
{
    SimConfig c;
    c.timeScale = 0.001;
    c.logRequests = false;
    return c;
}

} // namespace

class TestSimFaults : public QObject
{
    Q_OBJECT
private slots:
    void specsParseAndPrint();
    void rateLimitWithAndWithoutRetryAfter();
    void serverErrors();
    void resetMidStream();
    void cutBeforeDone();
    void malformedSseAndJson();
    void keepaliveWaitIsScaled();
    void slowDripSplitsEvents();
    void oversizedAnswersStillHonourMaxTokens();
    void burstsAndRates();
    void faultsEndpointSwitchesModesWhileRunning();
};

void TestSimFaults::specsParseAndPrint()
{
    SimFault f;
    QCOMPARE(SimFault::parse(u"reset,rate=0.25,burst=3"_s, &f), QString());
    QCOMPARE(f.mode, SimFault::Mode::Reset);
    QCOMPARE(f.rate, 0.25);
    QCOMPARE(f.burst, 3);
    QCOMPARE(f.toSpec(), u"reset,rate=0.25,burst=3"_s);
    QCOMPARE(SimFault::parse(u"oversized,tokens=5000"_s, &f), QString());
    QCOMPARE(f.tokens, 5000);
    QCOMPARE(f.rate, 1.0); // back to the defaults: a spec describes the whole fault
    QVERIFY(!SimFault::parse(u"meltdown"_s, &f).isEmpty());
    QVERIFY(!SimFault::parse(u"reset,rate=2"_s, &f).isEmpty());
    QVERIFY(!SimFault::parse(u"reset,colour=2"_s, &f).isEmpty());
    QVERIFY(!SimFault::parse(u"reset,rate"_s, &f).isEmpty());
    QCOMPARE(f.mode, SimFault::Mode::Oversized); // a rejected spec leaves the fault as it was

    SimConfig config;
    QCOMPARE(config.setModelFault(u"deepseek-v4-pro=cut,rate=0.5"_s), QString());
    QCOMPARE(config.profiles.value(u"deepseek-v4-pro"_s).fault.toSpec(), u"cut,rate=0.5"_s);
    QCOMPARE(config.profiles.value(kFlash).fault.mode, SimFault::Mode::None);
    QCOMPARE(config.setModelFault(u"*=slow-drip"_s), QString());
    QCOMPARE(config.profiles.value(kFlash).fault.mode, SimFault::Mode::SlowDrip);
    QVERIFY(!config.setModelFault(u"no-such-model=cut"_s).isEmpty());
    QVERIFY(!config.setModelFault(u"cut"_s).isEmpty());
}

void TestSimFaults::rateLimitWithAndWithoutRetryAfter()
{
    SimConfig config;
    config.timeScale = 0.01;
    SimServer server(config);
    QVERIFY(server.listen());
    QNetworkAccessManager nam;
    const FaultReply withHeader = send(nam, server.serverUrl(), chatBody(false), "rate-limit,retry_after_ms=3000");
    QCOMPARE(withHeader.status, 429);
    QCOMPARE(withHeader.retryAfter, "0.030"_ba); // 3 s scaled by 0.01
    QCOMPARE(QJsonDocument::fromJson(withHeader.body).object().value("error"_L1).toObject().value("type"_L1),
             u"rate_limit_error"_s);
    const FaultReply bare = send(nam, server.serverUrl(), chatBody(true), "rate-limit-bare");
    QCOMPARE(bare.status, 429);
    QVERIFY(bare.retryAfter.isEmpty());

    SimConfig unscaled;
    SimServer real(unscaled);
    QVERIFY(real.listen());
    QCOMPARE(send(nam, real.serverUrl(), chatBody(false), "rate-limit").retryAfter, "1"_ba);

    const QJsonObject stats = flashStats(server);
    QCOMPARE(stats.value("faults_injected"_L1).toObject().value("rate-limit"_L1).toInt(), 1);
    QCOMPARE(stats.value("faults_injected"_L1).toObject().value("rate-limit-bare"_L1).toInt(), 1);
    QCOMPARE(stats.value("rejected_429"_L1).toInt(), 2);
    QCOMPARE(stats.value("billed"_L1).toInt(), 0);
}

void TestSimFaults::serverErrors()
{
    SimServer server(fastConfig());
    QVERIFY(server.listen());
    QNetworkAccessManager nam;
    QSet<int> statuses;
    for (int i = 0; i < 16; ++i)
        statuses.insert(send(nam, server.serverUrl(), chatBody(i % 2 == 0), "server-error").status);
    QVERIFY(statuses == (QSet<int> { 500, 503 }));
    QCOMPARE(flashStats(server).value("faults_injected"_L1).toObject().value("server-error"_L1).toInt(), 16);
    QCOMPARE(flashStats(server).value("completion_tokens"_L1).toInt(), 0);
}

void TestSimFaults::resetMidStream()
{
    SimServer server(fastConfig());
    QVERIFY(server.listen());
    QNetworkAccessManager nam;
    for (const bool stream : { true, false }) {
        const FaultReply r = send(nam, server.serverUrl(), chatBody(stream), "reset");
        QCOMPARE(r.status, 200); // the headers went out before the reset
        QCOMPARE(r.error, QNetworkReply::RemoteHostClosedError);
        QVERIFY(!r.body.contains("[DONE]"));
    }
    const QJsonObject stats = flashStats(server);
    QCOMPARE(stats.value("faults_injected"_L1).toObject().value("reset"_L1).toInt(), 2);
    QCOMPARE(stats.value("billed"_L1).toInt(), 0);
    QCOMPARE(stats.value("ok"_L1).toInt(), 0);
    QVERIFY(stats.value("completion_tokens_sent"_L1).toInt() > 0); // the stream got part of the way
    // The server is still there for the next client.
    QCOMPARE(send(nam, server.serverUrl(), chatBody(true)).status, 200);
}

void TestSimFaults::cutBeforeDone()
{
    SimServer server(fastConfig());
    QVERIFY(server.listen());
    QNetworkAccessManager nam;
    int afterUsage = 0;
    for (int i = 0; i < 30; ++i) {
        const FaultReply r = send(nam, server.serverUrl(), chatBody(true, u"Question %1"_s.arg(i)), "cut");
        QCOMPARE(r.status, 200);
        QVERIFY(!r.body.contains("[DONE]"));
        QVERIFY(r.body.contains("chat.completion.chunk")); // the role chunk at least
        afterUsage += r.body.contains("\"usage\":{") ? 1 : 0;
    }
    QVERIFY2(afterUsage > 0, "no stream was cut between the usage chunk and [DONE]");
    QVERIFY(afterUsage < 30);
    // Usage that went out counts as billed, cut or not; nothing else does.
    QCOMPARE(flashStats(server).value("billed"_L1).toInt(), afterUsage);
    QCOMPARE(flashStats(server).value("ok"_L1).toInt(), 0);
}

void TestSimFaults::malformedSseAndJson()
{
    SimServer server(fastConfig());
    QVERIFY(server.listen());
    QNetworkAccessManager nam;

    const FaultReply sse = send(nam, server.serverUrl(), chatBody(true), "bad-sse");
    QCOMPARE(sse.status, 200);
    QVERIFY(sse.body.contains("[DONE]"));
    QVERIFY2(sse.body.contains("}\ndata: {"), "no event lost its blank line");
    const FaultReply json = send(nam, server.serverUrl(), chatBody(true), "bad-json");
    int invalid = 0;
    for (const QByteArray& data : dataLines(json.body))
        invalid += data != "[DONE]" && !QJsonDocument::fromJson(data).isObject() ? 1 : 0;
    QCOMPARE(invalid, 1);
    QVERIFY(json.body.contains("[DONE]"));
    QCOMPARE(flashStats(server).value("billed"_L1).toInt(), 2); // both streams still sent their usage

    const FaultReply body = send(nam, server.serverUrl(), chatBody(false), "bad-json");
    QCOMPARE(body.status, 200);
    QCOMPARE(body.error, QNetworkReply::NoError); // well framed, only the JSON is broken
    QVERIFY(!QJsonDocument::fromJson(body.body).isObject());
    QVERIFY(!body.body.contains("\"usage\""));
    QCOMPARE(flashStats(server).value("billed"_L1).toInt(), 2);
    // bad-sse needs a stream: a whole body is answered normally and nothing is counted as injected.
    const FaultReply plain = send(nam, server.serverUrl(), chatBody(false), "bad-sse");
    QVERIFY(QJsonDocument::fromJson(plain.body).isObject());
    const QJsonObject faults = flashStats(server).value("faults_injected"_L1).toObject();
    QCOMPARE(faults.value("bad-sse"_L1).toInt(), 1);
    QCOMPARE(faults.value("bad-json"_L1).toInt(), 2);
}

void TestSimFaults::keepaliveWaitIsScaled()
{
    SimConfig config;
    config.timeScale = 0.001;
    config.keepaliveMs = 10000; // 10 ms after scaling
    SimServer server(config);
    QVERIFY(server.listen());
    QNetworkAccessManager nam;
    // A ten-minute wait, 600 ms here: keep-alive comments all along, then the whole answer.
    const FaultReply r = send(nam, server.serverUrl(), chatBody(true), "keepalive-wait,wait_ms=600000");
    QCOMPARE(r.status, 200);
    const QByteArray before = r.body.left(r.body.indexOf("data: "));
    QVERIFY2(before.count(": keep-alive\n\n") >= 20, before.constData());
    QCOMPARE(dataLines(r.body).last(), "[DONE]"_ba);
    QCOMPARE(flashStats(server).value("billed"_L1).toInt(), 1);
}

void TestSimFaults::slowDripSplitsEvents()
{
    SimServer server(fastConfig());
    QVERIFY(server.listen());
    QNetworkAccessManager nam;
    QUrl url = server.serverUrl();
    url.setPath(u"/chat/completions"_s);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    request.setRawHeader("X-Sim-Fault"_ba, "slow-drip,drip_ms=5000"); // 5 ms between tokens here
    QNetworkReply* reply = nam.post(request, chatBody(true));
    QByteArray body;
    int splitReads = 0; // reads that end inside an event
    QObject::connect(reply, &QNetworkReply::readyRead, reply, [&] {
        body += reply->readAll();
        splitReads += body.endsWith("\n\n") ? 0 : 1;
    });
    SimTestClient::wait(reply);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QVERIFY2(splitReads > 3, "events did not arrive in pieces");
    QCOMPARE(dataLines(body).last(), "[DONE]"_ba);
    for (const QByteArray& data : dataLines(body))
        QVERIFY(data == "[DONE]" || QJsonDocument::fromJson(data).isObject());
    QCOMPARE(flashStats(server).value("billed"_L1).toInt(), 1);
}

void TestSimFaults::oversizedAnswersStillHonourMaxTokens()
{
    SimServer server(fastConfig());
    QVERIFY(server.listen());
    QNetworkAccessManager nam;
    const FaultReply r = send(nam, server.serverUrl(), chatBody(false), "oversized,tokens=30000");
    const QJsonObject o = QJsonDocument::fromJson(r.body).object();
    QCOMPARE(o.value("usage"_L1).toObject().value("completion_tokens"_L1).toInt(), 30000);
    QVERIFY(r.body.size() > 100000);

    QJsonObject limited = QJsonDocument::fromJson(chatBody(true)).object();
    limited.insert(u"max_tokens"_s, 2000);
    const FaultReply cut = send(nam, server.serverUrl(), QJsonDocument(limited).toJson(), "oversized,tokens=30000");
    const QList<QByteArray> data = dataLines(cut.body);
    QCOMPARE(data.last(), "[DONE]"_ba);
    const QJsonObject usage = QJsonDocument::fromJson(data.at(data.size() - 2)).object().value("usage"_L1).toObject();
    QCOMPARE(usage.value("completion_tokens"_L1).toInt(), 2000);
    QVERIFY(cut.body.contains("\"finish_reason\":\"length\""));
    QCOMPARE(flashStats(server).value("completion_tokens"_L1).toInt(), 32000);
    QCOMPARE(flashStats(server).value("completion_tokens_sent"_L1).toInt(), 32000);
}

void TestSimFaults::burstsAndRates()
{
    SimConfig config = fastConfig();
    QCOMPARE(config.setModelFault(u"deepseek-v4-flash=server-error,rate=0.2,burst=3"_s), QString());
    SimServer server(config);
    QVERIFY(server.listen());
    QNetworkAccessManager nam;
    QList<bool> failed;
    for (int i = 0; i < 60; ++i)
        failed.append(send(nam, server.serverUrl(), chatBody(false, u"Q%1"_s.arg(i))).status >= 500);
    const int failures = int(failed.count(true));
    QVERIFY(failures > 0 && failures < 60);
    // Every burst is three failures in a row (the last one may be cut short by the end of the loop).
    for (int i = 0; i + 2 < failed.size(); ++i) {
        if (failed.at(i) && (i == 0 || !failed.at(i - 1)))
            QVERIFY2(failed.at(i + 1) && failed.at(i + 2), qPrintable(u"burst at request %1 is short"_s.arg(i)));
    }
    const QJsonObject stats = flashStats(server);
    QCOMPARE(stats.value("faults_injected"_L1).toObject().value("server-error"_L1).toInt(), failures);
    QCOMPARE(stats.value("billed"_L1).toInt(), 60 - failures);
    QCOMPARE(stats.value("ok"_L1).toInt(), 60 - failures);
}

void TestSimFaults::faultsEndpointSwitchesModesWhileRunning()
{
    SimServer server(fastConfig());
    QVERIFY(server.listen());
    SimTestClient client(server.serverUrl());
    QCOMPARE(client.get(u"/faults"_s).json().value(kFlash).toString(), u"none"_s);
    const SimReply set = client.post(u"/faults"_s, QJsonObject { { kFlash, u"rate-limit-bare,rate=1"_s } });
    QCOMPARE(set.status, 200);
    QCOMPARE(set.json().value(kFlash).toString(), u"rate-limit-bare"_s);
    QCOMPARE(set.json().value(u"deepseek-v4-pro"_s).toString(), u"none"_s);
    QNetworkAccessManager nam;
    QCOMPARE(send(nam, server.serverUrl(), chatBody(false)).status, 429);

    // All or nothing: one bad entry changes no model.
    const SimReply bad
        = client.post(u"/faults"_s, QJsonObject { { kFlash, u"none"_s }, { u"deepseek-v4-pro"_s, u"sparks"_s } });
    QCOMPARE(bad.status, 400);
    QVERIFY(bad.body.contains("sparks"));
    QCOMPARE(client.get(u"/faults"_s).json().value(kFlash).toString(), u"rate-limit-bare"_s);

    QCOMPARE(client.post(u"/faults"_s, QJsonObject { { u"*"_s, u"none"_s } }).status, 200);
    QCOMPARE(send(nam, server.serverUrl(), chatBody(false)).status, 200);
    QCOMPARE(send(nam, server.serverUrl(), chatBody(false), "what-ever").status, 400);

    // Which prompt was asked how often, for checks that nothing is sent twice.
    const QJsonObject prompts = client.get(u"/stats/prompts"_s).json().value("models"_L1).toObject();
    QCOMPARE(prompts.value(kFlash).toObject().value(u"What is the capital of France?"_s).toInt(), 2);
}

QTEST_GUILESS_MAIN(TestSimFaults)
#include "tst_simfaults.moc"
