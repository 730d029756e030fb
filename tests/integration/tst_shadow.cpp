// The live shadow proxy end to end: a real client (QNetworkAccessManager, raw sockets) through ShadowProxy to
// tierlens-sim and to servers scripted byte for byte (ScriptedServer), the live run read back from SQLite as another
// process would, and tierlens-cli shadow as a process. What the client gets is the primary's bytes unchanged;
// every mirrored request is recorded once; the spend limit stops mirroring; a candidate that hangs or fails never
// reaches the client; a client leaving mid-stream leaves the proxy serving.

#include "../support/CliProcess.h"
#include "../support/ScriptedServer.h"
#include "../support/SimProcess.h"

#include "live/ShadowProxy.h"
#include "pricing/PriceBookRegistry.h"
#include "store/Store.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tierlens;
using namespace tierlens::testing;

namespace {

QByteArray chatBody(const QString& question, bool stream)
{
    return QJsonDocument(
               QJsonObject { { u"model"_s, kFlash },
                             { u"stream"_s, stream },
                             { u"messages"_s,
                               QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, question } } } } })
        .toJson(QJsonDocument::Compact);
}

QByteArray rawRequest(const QByteArray& body, const QByteArray& extraHeaders = {})
{
    return "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
           "Authorization: Bearer sk-client-key\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n" + extraHeaders + "\r\n" + body;
}

ModelConfig model(const QString& label, const QString& url, const QString& id)
{
    ModelConfig m;
    m.label = label;
    m.baseUrl = url;
    m.modelId = id;
    m.apiKeyEnv = u"TIERLENS_TEST_NO_SUCH_KEY"_s;
    return m;
}

// Sends raw bytes on a connection of its own and collects everything that comes back until the proxy closes it.
struct RawClient
{
    QTcpSocket socket;
    QByteArray received;
    bool closed = false;

    explicit RawClient(quint16 port)
    {
        QObject::connect(&socket, &QTcpSocket::readyRead, [this] { received += socket.readAll(); });
        QObject::connect(&socket, &QTcpSocket::disconnected, [this] { closed = true; });
        socket.connectToHost(QHostAddress::LocalHost, port);
    }
};

} // namespace

class TestShadow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_prices.loadBundled(&error), qPrintable(error));
        const QString problem = m_sim.start({ u"--time-scale"_s, u"0.01"_s });
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void init()
    {
        QString error;
        m_dbPath = m_dir.filePath(u"live-%1.db"_s.arg(++m_dbCount));
        m_store = Store::open(m_dbPath, &error, Store::OpenMode::Create);
        QVERIFY2(m_store, qPrintable(error));
    }

    void cleanup() { m_store.reset(); }

    // Where to listen, as tierlens-cli shadow --listen and the Live page take it: an IP address and a port, IPv6 in
    // brackets; the URL given to the application brackets IPv6 again.
    void listenSpecsParse()
    {
        ShadowOptions o;
        QString error;
        QVERIFY2(o.parseListen(u"127.0.0.1:8788"_s, &error), qPrintable(error));
        QCOMPARE(o.address, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(o.port, 8788);
        QCOMPARE(o.listenUrl(8788), u"http://127.0.0.1:8788"_s);
        QVERIFY2(o.parseListen(u" [::1]:0 "_s, &error), qPrintable(error));
        QCOMPARE(o.address, QHostAddress(QHostAddress::LocalHostIPv6));
        QCOMPARE(o.port, 0);
        QCOMPARE(o.listenUrl(9000), u"http://[::1]:9000"_s);
        for (const QString& bad :
             { u"localhost:8788"_s, u"127.0.0.1"_s, u":8788"_s, u"127.0.0.1:70000"_s, u"127.0.0.1:port"_s, u""_s }) {
            ShadowOptions b;
            error.clear();
            QVERIFY2(!b.parseListen(bad, &error), qPrintable(bad));
            QVERIFY2(error.contains(u"ADDRESS:PORT"_s) && error.contains(u'"' + bad + u'"'), qPrintable(error));
            QCOMPARE(b.port, 0); // untouched
        }
    }

    void answersGoBackByteForByte()
    {
        // The primary is scripted: a whole JSON answer, then a chunked stream with a trailer, each byte as sent.
        const QByteArray whole = httpResponse(200, "application/json",
                                              R"({"id":"a","object":"chat.completion","choices":[{"index":0,)"
                                              R"("message":{"role":"assistant","content":"Paris"},)"
                                              R"("finish_reason":"stop"}],"usage":{"prompt_tokens":9,)"
                                              R"("completion_tokens":1,"total_tokens":10}})",
                                              "X-Request-Id: abc\r\n");
        QByteArray stream = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n"
                            "Connection: close\r\n\r\n";
        const QList<QByteArray> events
            = { R"({"choices":[{"index":0,"delta":{"role":"assistant","content":"Ber"}}]})",
                R"({"choices":[{"index":0,"delta":{"content":"lin"},"finish_reason":"stop"}]})",
                R"({"choices":[],"usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11}})", "[DONE]" };
        for (const QByteArray& e : events) {
            const QByteArray data = "data: " + e + "\r\n\r\n";
            stream += QByteArray::number(data.size(), 16) + ";x=1\r\n" + data + "\r\n";
        }
        stream += "0\r\nX-End: 1\r\n\r\n";
        ScriptedServer primary([&](const ScriptedRequest& r) { return r.index == 0 ? whole : stream; });

        ShadowOptions options;
        options.primary = model(u"flash"_s, primary.url(), kFlash);
        options.shadows = { model(u"pro"_s, m_sim.url(), kPro) };
        ShadowProxy proxy(*m_store, m_prices);
        QString error;
        QVERIFY2(proxy.start(options, &error), qPrintable(error));

        RawClient first(proxy.port());
        first.socket.write(rawRequest(chatBody(u"Capital of France?"_s, false),
                                      "X-Tierlens-Category: geo\r\nAccept-Encoding: gzip, br\r\n"));
        QTRY_VERIFY_WITH_TIMEOUT(first.closed, 10000);
        QCOMPARE(first.received, whole);
        RawClient second(proxy.port());
        second.socket.write(rawRequest(chatBody(u"Capital of Germany?"_s, true)));
        QTRY_VERIFY_WITH_TIMEOUT(second.closed, 10000);
        QCOMPARE(second.received, stream);

        // The primary got the client's key and body; the proxy's own header went no further.
        const QList<ScriptedRequest> seen = primary.received();
        QCOMPARE(seen.size(), 2);
        QCOMPARE(seen.at(0).headers.value("authorization"), QByteArray("Bearer sk-client-key"));
        QVERIFY(!seen.at(0).headers.contains("x-tierlens-category"));
        QVERIFY(!seen.at(0).headers.contains("accept-encoding")); // an answer the proxy can read
        QCOMPARE(seen.at(0).path, QByteArray("/chat/completions"));
        QCOMPARE(seen.at(0).body, chatBody(u"Capital of France?"_s, false));

        QTRY_COMPARE_WITH_TIMEOUT(proxy.stats().models.at(1).answered, 2, 10000);
        const qint64 runId = proxy.runId();
        QVERIFY2(proxy.stop(&error), qPrintable(error));
        m_store.reset();
        // Both answers read from the bytes that went by, each model's item once (a key the primary
        // echoes back: keptAliveConnectionsAreReusedAndRetried).
        QCOMPARE(rows(m_dbPath,
                      u"SELECT p.ext_id, p.category, m.label, a.content, a.completion_tokens FROM attempts a "
                      "JOIN prompts p ON p.id = a.prompt_id JOIN run_models m ON m.id = a.run_model_id "
                      "WHERE m.label = 'flash' ORDER BY p.ordinal"_s),
                 (QList<QVariantList> { { u"live-1"_s, u"geo"_s, u"flash"_s, u"Paris"_s, 1 },
                                        { u"live-2"_s, u"uncategorized"_s, u"flash"_s, u"Berlin"_s, 2 } }));
        QCOMPARE(scalar(m_dbPath, u"SELECT COUNT(*) FROM results WHERE status = 'ok'"_s), 4);
        QCOMPARE(rows(m_dbPath, u"SELECT kind, origin, status FROM runs WHERE id = %1"_s.arg(runId)),
                 (QList<QVariantList> { { u"shadow"_s, u"live"_s, u"completed"_s } }));
    }

    void everyMirroredRequestIsRecordedOnce()
    {
        ShadowOptions options;
        options.primary = model(u"flash"_s, m_sim.url(), kFlash);
        options.shadows = { model(u"pro"_s, m_sim.url(), kPro) };
        options.categoryRules = { *ShadowOptions::parseCategoryRule(u"(?i)capital=geo"_s, nullptr) };
        options.redactions = { QRegularExpression(u"sk-[a-z0-9]{6,}"_s) };
        options.shadowConcurrency = 12; // every request mirrored: none over the cap
        ShadowProxy proxy(*m_store, m_prices);
        QString error;
        QVERIFY2(proxy.start(options, &error), qPrintable(error));

        // A client nobody here wrote: Qt's own, six keep-alive connections, streamed and whole answers.
        QNetworkAccessManager nam;
        QList<QNetworkReply*> replies;
        constexpr int kRequests = 12;
        for (int i = 0; i < kRequests; ++i) {
            QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/v1/chat/completions"_s.arg(proxy.port())));
            request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
            const QString question = i % 3 == 0 ? u"What is the capital of country %1?"_s.arg(i)
                                                : u"Summarise note %1, my key is sk-abcdef%1"_s.arg(i);
            replies.append(nam.post(request, chatBody(question, i % 2 == 0)));
        }
        for (QNetworkReply* r : std::as_const(replies))
            QTRY_VERIFY_WITH_TIMEOUT(r->isFinished(), 30000);
        for (QNetworkReply* r : std::as_const(replies)) {
            QCOMPARE(r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
            QVERIFY(!r->readAll().isEmpty());
            r->deleteLater();
        }
        QTRY_COMPARE_WITH_TIMEOUT(proxy.stats().models.at(1).answered + proxy.stats().models.at(1).errors,
                                  qint64(kRequests), 30000);
        QCOMPARE(proxy.stats().chatRequests, qint64(kRequests));
        QCOMPARE(proxy.stats().mirrored, qint64(kRequests));
        QCOMPARE(proxy.stats().skippedCap, qint64(0));
        QVERIFY2(proxy.stop(&error), qPrintable(error));
        m_store.reset();

        QCOMPARE(scalar(m_dbPath, u"SELECT COUNT(*) FROM prompts"_s), kRequests);
        // One result a model a prompt, each the item's one attempt: nothing lost, nothing twice.
        QCOMPARE(rows(m_dbPath,
                      u"SELECT m.label, COUNT(*), COUNT(DISTINCT r.prompt_id), SUM(r.status = 'ok') "
                      "FROM results r JOIN run_models m ON m.id = r.run_model_id GROUP BY m.label "
                      "ORDER BY m.label"_s),
                 (QList<QVariantList> { { u"flash"_s, kRequests, kRequests, kRequests },
                                        { u"pro"_s, kRequests, kRequests, kRequests } }));
        QCOMPARE(scalar(m_dbPath, u"SELECT COUNT(*) FROM attempts"_s), 2 * kRequests);
        QCOMPARE(scalar(m_dbPath, u"SELECT COUNT(*) FROM prompts WHERE category = 'geo'"_s), kRequests / 3);
        // Masked before it was stored, in the prompts and in whatever the answers repeated.
        QCOMPARE(scalar(m_dbPath, u"SELECT COUNT(*) FROM prompts WHERE messages_json LIKE '%sk-abcdef%'"_s), 0);
        QCOMPARE(scalar(m_dbPath, u"SELECT COUNT(*) FROM prompts WHERE messages_json LIKE '%[redacted]%'"_s),
                 kRequests - kRequests / 3);
        QCOMPARE(scalar(m_dbPath, u"SELECT COUNT(*) FROM attempts WHERE content LIKE '%sk-abcdef%'"_s), 0);
        // Measured like any run's attempts: latency, time to first token for streams, tokens and cost.
        QCOMPARE(scalar(m_dbPath,
                        u"SELECT COUNT(*) FROM attempts WHERE latency_ms > 0 AND cost_usd > 0 "
                        "AND completion_tokens > 0"_s),
                 2 * kRequests);
        QCOMPARE(scalar(m_dbPath, u"SELECT COUNT(*) FROM attempts WHERE ttft_ms > 0"_s), kRequests);
    }

    void spendLimitStopsMirroring()
    {
        ShadowOptions options;
        options.primary = model(u"flash"_s, m_sim.url(), kFlash);
        options.shadows = { model(u"pro"_s, m_sim.url(), kPro) };
        options.maxShadowUsd = 0.0000001; // the first answer reaches it
        ShadowProxy proxy(*m_store, m_prices);
        QSignalSpy stopped(&proxy, &ShadowProxy::mirroringStopped);
        QString error;
        QVERIFY2(proxy.start(options, &error), qPrintable(error));
        QNetworkAccessManager nam;
        auto ask = [&](int i) -> int {
            QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/chat/completions"_s.arg(proxy.port())));
            request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
            QNetworkReply* r = nam.post(request, chatBody(u"Question %1"_s.arg(i), false));
            if (!QTest::qWaitFor([r] { return r->isFinished(); }, 30000))
                return 0;
            const int status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            r->deleteLater();
            return status;
        };
        QCOMPARE(ask(0), 200);
        QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, 30000);
        QVERIFY2(stopped.at(0).at(0).toString().contains(u"max-shadow-usd"_s),
                 qPrintable(stopped.at(0).at(0).toString()));
        for (int i = 1; i < 4; ++i)
            QCOMPARE(ask(i), 200);
        const ShadowStats stats = proxy.stats();
        QCOMPARE(stats.mirrored, qint64(1));
        QCOMPARE(stats.skippedSpend, qint64(3));
        QVERIFY(!stats.mirroring);
        QVERIFY2(proxy.stop(&error), qPrintable(error));
        m_store.reset();
        QCOMPARE(rows(m_dbPath,
                      u"SELECT m.label, COUNT(*) FROM results r JOIN run_models m ON m.id = r.run_model_id "
                      "GROUP BY m.label ORDER BY m.label"_s),
                 (QList<QVariantList> { { u"flash"_s, 4 }, { u"pro"_s, 1 } }));
    }

    void hangingOrFailingCandidatesNeverReachTheClient()
    {
        ScriptedServer hangs([](const ScriptedRequest&) { return QByteArray(); }); // reads, never answers
        ScriptedServer fails([](const ScriptedRequest&) {
            return httpResponse(500, "application/json", R"({"error":{"message":"candidate broke"}})");
        });
        ShadowOptions options;
        options.primary = model(u"flash"_s, m_sim.url(), kFlash);
        options.shadows = { model(u"hangs"_s, hangs.url(), kPro), model(u"fails"_s, fails.url(), kPro) };
        options.shadowConcurrency = 2;
        ShadowProxy proxy(*m_store, m_prices);
        QString error;
        QVERIFY2(proxy.start(options, &error), qPrintable(error));
        QNetworkAccessManager nam;
        for (int i = 0; i < 3; ++i) {
            QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/v1/chat/completions"_s.arg(proxy.port())));
            request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
            QNetworkReply* r = nam.post(request, chatBody(u"Question %1"_s.arg(i), i == 1));
            // Answered while the first candidate still holds every mirror it was sent.
            QTRY_VERIFY_WITH_TIMEOUT(r->isFinished(), 30000);
            QCOMPARE(r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
            QVERIFY(r->readAll().contains("choices"));
            r->deleteLater();
            QTRY_COMPARE_WITH_TIMEOUT(proxy.stats().models.at(2).errors, qint64(i + 1), 30000);
        }
        const ShadowStats stats = proxy.stats();
        QCOMPARE(stats.models.at(0).answered, qint64(3));
        QCOMPARE(stats.models.at(1).sent, qint64(2)); // its cap: the third request was not mirrored to it
        QCOMPARE(stats.models.at(1).answered + stats.models.at(1).errors, qint64(0));
        QCOMPARE(stats.skippedCap, qint64(1));
        QTRY_COMPARE_WITH_TIMEOUT(hangs.requests(), 2, 10000); // counted on the server's thread
        QVERIFY2(proxy.stop(&error), qPrintable(error));
        m_store.reset();
        QCOMPARE(rows(m_dbPath,
                      u"SELECT m.label, r.status, COUNT(*) FROM results r JOIN run_models m "
                      "ON m.id = r.run_model_id GROUP BY m.label, r.status ORDER BY m.label"_s),
                 (QList<QVariantList> { { u"fails"_s, u"error"_s, 3 }, { u"flash"_s, u"ok"_s, 3 } }));
    }

    void clientLeavingMidStreamLeavesTheProxyServing()
    {
        SimProcess slow(kBin);
        const QString problem = slow.start({ u"--time-scale"_s, u"0.5"_s });
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        ShadowOptions options;
        options.primary = model(u"flash"_s, slow.url(), kFlash);
        options.shadows = { model(u"pro"_s, m_sim.url(), kPro) };
        ShadowProxy proxy(*m_store, m_prices);
        QString error;
        QVERIFY2(proxy.start(options, &error), qPrintable(error));
        {
            RawClient leaving(proxy.port());
            leaving.socket.write(rawRequest(chatBody(u"Write a long story about a lighthouse."_s, true)));
            QTRY_VERIFY_WITH_TIMEOUT(leaving.received.contains("data: "), 30000);
            leaving.socket.abort(); // mid-stream on any machine: the simulator takes seconds for this answer
        }
        // The primary's answer is read to its end (it is billed) and recorded whole.
        QTRY_COMPARE_WITH_TIMEOUT(proxy.stats().models.at(0).answered, qint64(1), 60000);
        RawClient next(proxy.port());
        next.socket.write(rawRequest(chatBody(u"Hello?"_s, false)));
        QTRY_VERIFY_WITH_TIMEOUT(next.received.contains("\"choices\""), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(proxy.stats().models.at(0).answered, qint64(2), 30000);
        QVERIFY2(proxy.stop(&error), qPrintable(error));
    }

    void keptAliveConnectionsAreReusedAndRetried()
    {
        const QByteArray keepAlive = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ";
        auto answer = [&](const QByteArray& text) -> QByteArray {
            const QByteArray body = "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                + text
                + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,"
                  "\"total_tokens\":4}}";
            return keepAlive + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        };
        const QByteArray models
            = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"data\":[]}";
        // The second request meets a connection the primary closes as it arrives; the third is its answer again.
        // The last answer is a refusal that repeats the client's key.
        ScriptedServer primary([&](const ScriptedRequest& r) -> QByteArray {
            switch (r.index) {
            case 0:
                return answer("first");
            case 1:
                return kCloseWithoutAnswer;
            case 2:
                return answer("second");
            case 3:
                return models;
            default:
                return httpResponse(401, "application/json",
                                    "{\"error\":{\"message\":\"Incorrect API key provided: sk-client-key\"}}");
            }
        });
        ShadowOptions options;
        options.primary = model(u"flash"_s, primary.url() + u"/v1"_s, kFlash);
        options.shadows = { model(u"pro"_s, m_sim.url(), kPro) };
        ShadowProxy proxy(*m_store, m_prices);
        QString error;
        QVERIFY2(proxy.start(options, &error), qPrintable(error));

        RawClient client(proxy.port());
        client.socket.write(rawRequest(chatBody(u"One?"_s, false)));
        QTRY_VERIFY_WITH_TIMEOUT(client.received.endsWith("\"total_tokens\":4}}"), 10000);
        QCOMPARE(client.received, answer("first"));
        client.received.clear();
        client.socket.write(rawRequest(chatBody(u"Two?"_s, false)));
        QTRY_VERIFY_WITH_TIMEOUT(client.received.endsWith("\"total_tokens\":4}}"), 10000);
        QCOMPARE(client.received, answer("second")); // not a 502: sent again on a new connection
        client.received.clear();
        // Other paths go under the primary's base path, query string and all.
        client.socket.write("GET /v1/models?limit=2 HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(client.received, models, 10000);
        client.received.clear();
        client.socket.write(rawRequest(chatBody(u"Three?"_s, false)));
        QTRY_VERIFY_WITH_TIMEOUT(client.closed, 10000);
        QVERIFY(client.received.startsWith("HTTP/1.1 401"));
        QVERIFY(client.received.contains("sk-client-key")); // the client gets what the primary sent

        const QList<ScriptedRequest> seen = primary.received();
        QCOMPARE(seen.size(), 5);
        QCOMPARE(seen.at(1).body, seen.at(2).body);
        QCOMPARE(seen.at(2).path, QByteArray("/v1/chat/completions"));
        QCOMPARE(seen.at(3).path, QByteArray("/v1/models?limit=2"));
        QTRY_COMPARE_WITH_TIMEOUT(proxy.stats().models.at(1).answered, qint64(3), 10000);
        QVERIFY2(proxy.stop(&error), qPrintable(error));
        m_store.reset();
        // Three chat requests, each once: the retried one is one attempt, the refusal an error without the key.
        QCOMPARE(rows(m_dbPath,
                      u"SELECT p.ext_id, a.content, a.error_class FROM attempts a JOIN prompts p "
                      "ON p.id = a.prompt_id JOIN run_models m ON m.id = a.run_model_id "
                      "WHERE m.label = 'flash' ORDER BY p.ordinal"_s),
                 (QList<QVariantList> { { u"live-1"_s, u"first"_s, u"none"_s },
                                        { u"live-2"_s, u"second"_s, u"none"_s },
                                        { u"live-3"_s, QString(), u"auth"_s } }));
        QCOMPARE(scalar(m_dbPath, u"SELECT COUNT(*) FROM attempts WHERE error_message LIKE '%sk-client-key%'"_s), 0);
        QCOMPARE(scalar(m_dbPath, u"SELECT COUNT(*) FROM attempts WHERE error_message LIKE '%Incorrect API key%'"_s),
                 1);
    }

    void stoppingLeavesNothingHalfRecorded()
    {
        ScriptedServer silent([](const ScriptedRequest&) { return QByteArray(); });
        ShadowOptions options;
        options.primary = model(u"flash"_s, silent.url(), kFlash);
        options.shadows = { model(u"pro"_s, silent.url(), kPro) };
        ShadowProxy proxy(*m_store, m_prices);
        QString error;
        QVERIFY2(proxy.start(options, &error), qPrintable(error));
        RawClient waiting(proxy.port());
        waiting.socket.write(rawRequest(chatBody(u"Anyone?"_s, true)));
        RawClient pipelined(proxy.port());
        pipelined.socket.write(rawRequest(chatBody(u"A"_s, false)) + rawRequest(chatBody(u"B"_s, false)));
        QTRY_COMPARE_WITH_TIMEOUT(silent.requests(), 4, 10000); // two primaries, two mirrors
        const qint64 runId = proxy.runId();
        QVERIFY2(proxy.stop(&error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(waiting.closed && pipelined.closed, 10000);
        QTest::qWait(50); // anything queued for the closed connections has run
        QCOMPARE(silent.requests(), 4); // the pipelined second request was never sent
        m_store.reset();
        // The prompts asked are kept; no attempt is made up for what the stop cut off.
        QCOMPARE(scalar(m_dbPath, u"SELECT COUNT(*) FROM prompts"_s), 2);
        QCOMPARE(scalar(m_dbPath, u"SELECT COUNT(*) FROM attempts"_s), 0);
        QCOMPARE(rows(m_dbPath, u"SELECT status FROM runs WHERE id = %1"_s.arg(runId)),
                 (QList<QVariantList> { { u"completed"_s } }));
    }

    void anHttpsPrimaryGoesOverTls()
    {
        // The primary over https:// (as every hosted API is): a TLS server with a test certificate this process
        // trusts, answering one whole response.
        QFile certFile(QStringLiteral(TIERLENS_TEST_DATA "/tls/server.crt"));
        QFile keyFile(QStringLiteral(TIERLENS_TEST_DATA "/tls/server.key"));
        QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
        const QSslCertificate certificate(certFile.readAll(), QSsl::Pem);
        const QSslKey key(keyFile.readAll(), QSsl::Rsa, QSsl::Pem);
        QVERIFY(!certificate.isNull() && !key.isNull());
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend in this Qt");
        QSslConfiguration trusted = QSslConfiguration::defaultConfiguration();
        trusted.addCaCertificate(certificate);
        QSslConfiguration::setDefaultConfiguration(trusted);

        const QByteArray answer = httpResponse(200, "application/json",
                                               "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                                               "\"content\":\"over TLS\"},\"finish_reason\":\"stop\"}]}");
        QSslServer server;
        QSslConfiguration serving = QSslConfiguration::defaultConfiguration();
        serving.setLocalCertificate(certificate);
        serving.setPrivateKey(key);
        server.setSslConfiguration(serving);
        QByteArray seen;
        connect(&server, &QTcpServer::pendingConnectionAvailable, &server, [&] {
            while (QTcpSocket* socket = server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [&, socket] {
                    seen += socket->readAll();
                    if (seen.contains("\r\n\r\n") && seen.endsWith("}")) {
                        socket->write(answer);
                        socket->disconnectFromHost();
                    }
                });
            }
        });
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));

        ShadowOptions options;
        options.primary = model(u"flash"_s, u"https://127.0.0.1:%1"_s.arg(server.serverPort()), kFlash);
        options.shadows = { model(u"pro"_s, m_sim.url(), kPro) };
        ShadowProxy proxy(*m_store, m_prices);
        QString error;
        QVERIFY2(proxy.start(options, &error), qPrintable(error));
        RawClient client(proxy.port());
        client.socket.write(rawRequest(chatBody(u"Secure?"_s, false)));
        QTRY_VERIFY_WITH_TIMEOUT(client.closed, 20000);
        QCOMPARE(client.received, answer);
        QVERIFY(seen.startsWith("POST /chat/completions HTTP/1.1\r\nHost: 127.0.0.1:"));
        QTRY_COMPARE_WITH_TIMEOUT(proxy.stats().models.at(1).answered, qint64(1), 20000);
        QVERIFY2(proxy.stop(&error), qPrintable(error));
        m_store.reset();
        QCOMPARE(scalar(m_dbPath, u"SELECT COUNT(*) FROM attempts WHERE content = 'over TLS'"_s), 1);
    }

    void aLockedDatabaseDoesNotHoldUpTheTraffic()
    {
        ShadowOptions options;
        options.primary = model(u"flash"_s, m_sim.url(), kFlash);
        options.shadows = { model(u"pro"_s, m_sim.url(), kPro) };
        ShadowProxy proxy(*m_store, m_prices);
        QString error;
        QVERIFY2(proxy.start(options, &error), qPrintable(error));
        // Another program holds the database's write lock (a run, a desktop saving ratings) for a while.
        {
            QSqlDatabase other = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"lock-holder"_s);
            other.setDatabaseName(m_dbPath);
            QVERIFY(other.open());
            QSqlQuery lock(other);
            QVERIFY2(lock.exec(u"BEGIN IMMEDIATE"_s), qPrintable(lock.lastError().text()));
            QElapsedTimer held;
            held.start();
            QNetworkAccessManager nam;
            for (int i = 0; i < 2; ++i) {
                QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/v1/chat/completions"_s.arg(proxy.port())));
                request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
                QNetworkReply* r = nam.post(request, chatBody(u"Question %1"_s.arg(i), false));
                QTRY_VERIFY_WITH_TIMEOUT(r->isFinished(), 10000);
                QCOMPARE(r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
                r->deleteLater();
                QTest::qWait(300); // a batch is waiting for the lock by now
            }
            // Answered while the lock was held: recording waited on its own thread, inside SQLite's 5 s busy wait
            // (on the proxy's thread it would have held this very loop until the wait gave up).
            QVERIFY2(held.elapsed() < 4000, qPrintable(QString::number(held.elapsed())));
            QVERIFY(lock.exec(u"COMMIT"_s));
        }
        QSqlDatabase::removeDatabase(u"lock-holder"_s);
        QTRY_COMPARE_WITH_TIMEOUT(proxy.stats().models.at(1).answered, qint64(2), 10000);
        QVERIFY(proxy.stats().mirroring); // recording never stopped
        QVERIFY2(proxy.stop(&error), qPrintable(error));
        m_store.reset();
        QCOMPARE(scalar(m_dbPath, u"SELECT COUNT(*) FROM results"_s), 4);
        QCOMPARE(scalar(m_dbPath, u"SELECT COUNT(*) FROM prompts"_s), 2);
    }

    void aTokenGuardsTheEndpoint()
    {
        ShadowOptions options;
        options.primary = model(u"flash"_s, m_sim.url(), kFlash);
        options.shadows = { model(u"pro"_s, m_sim.url(), kPro) };
        options.address = QHostAddress::AnyIPv4;
        QVERIFY(options.validate().contains(u"shadow token"_s));
        options.address = QHostAddress::LocalHost;
        {
            // Without a token, no web page may use it: a browser's cross-site POST carries an Origin.
            ShadowProxy open(*m_store, m_prices);
            QString why;
            QVERIFY2(open.start(options, &why), qPrintable(why));
            RawClient page(open.port());
            page.socket.write(
                rawRequest(chatBody(u"Hi"_s, false), "Origin: https://evil.example\r\nConnection: close\r\n"));
            QTRY_VERIFY_WITH_TIMEOUT(page.closed, 10000);
            QVERIFY2(page.received.startsWith("HTTP/1.1 403"), page.received.constData());
            QCOMPARE(open.stats().chatRequests, qint64(0));
            QVERIFY2(open.stop(&why), qPrintable(why));
        }
        options.token = "let-me-in";
        ShadowProxy proxy(*m_store, m_prices);
        QString error;
        QVERIFY2(proxy.start(options, &error), qPrintable(error));
        RawClient without(proxy.port());
        without.socket.write(rawRequest(chatBody(u"Hi"_s, false), "Connection: close\r\n"));
        QTRY_VERIFY_WITH_TIMEOUT(without.closed, 10000);
        QVERIFY2(without.received.startsWith("HTTP/1.1 401"), without.received.constData());
        RawClient with(proxy.port());
        with.socket.write(rawRequest(chatBody(u"Hi"_s, false), "X-Tierlens-Token: let-me-in\r\nOrigin: http://x\r\n"));
        QTRY_VERIFY_WITH_TIMEOUT(with.received.contains("\"choices\""), 10000);
        QVERIFY(with.received.startsWith("HTTP/1.1 200"));
        QCOMPARE(proxy.stats().chatRequests, qint64(1));
        QVERIFY2(proxy.stop(&error), qPrintable(error));
    }

    void unreachablePrimaryIsAGatewayError()
    {
        QTcpServer closedPort;
        QVERIFY(closedPort.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closedPort.serverPort();
        closedPort.close();
        ShadowOptions options;
        options.primary = model(u"flash"_s, u"http://127.0.0.1:%1"_s.arg(port), kFlash);
        options.shadows = { model(u"pro"_s, m_sim.url(), kPro) };
        ShadowProxy proxy(*m_store, m_prices);
        QString error;
        QVERIFY2(proxy.start(options, &error), qPrintable(error));
        RawClient client(proxy.port());
        client.socket.write(rawRequest(chatBody(u"Hi"_s, false)));
        QTRY_VERIFY_WITH_TIMEOUT(client.closed, 10000);
        QVERIFY2(client.received.startsWith("HTTP/1.1 502"), client.received.constData());
        QVERIFY(client.received.contains("could not be reached"));
        QTRY_COMPARE_WITH_TIMEOUT(proxy.stats().models.at(0).errors, qint64(1), 10000);
        QVERIFY2(proxy.stop(&error), qPrintable(error));
    }

    void cliSessionRecordsALiveRunThatIsNotResumed()
    {
        QProcess shadow;
        shadow.setProcessChannelMode(QProcess::SeparateChannels);
        shadow.start(kBin + u"/tierlens-cli"_s,
                     { u"shadow"_s, u"--db"_s, m_dbPath, u"--listen"_s, u"127.0.0.1:0"_s, u"--primary"_s,
                       u"flash=%1#%2"_s.arg(m_sim.url(), kFlash), u"--shadow"_s, u"pro=%1#%2"_s.arg(m_sim.url(), kPro),
                       u"--quiet"_s });
        QVERIFY(shadow.waitForStarted(10000));
        QByteArray first;
        while (!first.contains('\n') && shadow.waitForReadyRead(20000))
            first += shadow.readAllStandardOutput();
        const QRegularExpressionMatch m
            = QRegularExpression(u"listening on http://127\\.0\\.0\\.1:(\\d+) \\(live run (\\d+)\\)"_s)
                  .match(QString::fromUtf8(first));
        QVERIFY2(m.hasMatch(), first.constData());
        QNetworkAccessManager nam;
        QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/v1/chat/completions"_s.arg(m.captured(1))));
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        QNetworkReply* r = nam.post(request, chatBody(u"What is 2 + 2?"_s, true));
        QTRY_VERIFY_WITH_TIMEOUT(r->isFinished(), 30000);
        QCOMPARE(r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QTRY_COMPARE_WITH_TIMEOUT(scalar(m_dbPath, u"SELECT COUNT(*) FROM results"_s), 2, 30000);
        shadow.terminate(); // SIGTERM: ends the session as Ctrl-C does
        QVERIFY(shadow.waitForFinished(20000));
        QCOMPARE(shadow.exitCode(), 0);
        QVERIFY(shadow.readAllStandardOutput().contains(QByteArray("live run " + m.captured(2).toUtf8() + " ended")));
        m_store.reset();
        QCOMPARE(rows(m_dbPath, u"SELECT origin, status FROM runs"_s),
                 (QList<QVariantList> { { u"live"_s, u"completed"_s } }));

        const CliResult resume = cli({ u"run"_s, u"--db"_s, m_dbPath, u"--resume"_s, m.captured(2) });
        QVERIFY(resume.exitCode != 0);
        QVERIFY2(resume.err.contains("is a live run"), resume.err.constData());
        const QString setFile = m_dir.filePath(u"drawn.jsonl"_s);
        const CliResult drawn = cli({ u"promptset-from-run"_s, m.captured(2), u"--db"_s, m_dbPath, u"--per-category"_s,
                                      u"5"_s, u"--out"_s, setFile });
        QVERIFY2(drawn.exitCode == 0, drawn.err.constData());
        QFile file(setFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("What is 2 + 2?"));
    }

private:
    QTemporaryDir m_dir;
    PriceBookRegistry m_prices;
    SimProcess m_sim { kBin };
    QString m_dbPath;
    int m_dbCount = 0;
    std::unique_ptr<Store> m_store;
};

QTEST_MAIN(TestShadow)
#include "tst_shadow.moc"
