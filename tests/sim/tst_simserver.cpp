// Protocol behaviour of SimServer: body shapes, streaming order, limits, auth, errors, keep-alives, framing.
#include "SimServer.h"
#include "SimTestClient.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace tierlens;

namespace {

QJsonObject chat(const QString& prompt, const QJsonObject& extra = {})
{
    QJsonObject body { { u"model"_s, u"deepseek-v4-flash"_s },
                       { u"messages"_s,
                         QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, prompt } } } } };
    for (auto it = extra.begin(); it != extra.end(); ++it)
        body.insert(it.key(), it.value());
    return body;
}

QList<QByteArray> sseData(const QByteArray& body)
{
    QList<QByteArray> events;
    for (const QByteArray& block : body.split('\n')) {
        if (block.startsWith("data: "))
            events.append(block.mid(6));
    }
    return events;
}

SimConfig fastConfig()
{
    SimConfig c;
    c.timeScale = 0.001;
    return c;
}

QByteArray rawExchange(quint16 port, const QByteArray& request, const QByteArray& until, int timeoutMs = 5000)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(timeoutMs))
        return {};
    socket.write(request);
    QByteArray got;
    QElapsedTimer timer;
    timer.start();
    while (!got.contains(until) && timer.elapsed() < timeoutMs) {
        QCoreApplication::processEvents();
        if (socket.waitForReadyRead(20))
            got += socket.readAll();
        if (socket.state() != QAbstractSocket::ConnectedState)
            break;
    }
    return got + socket.readAll();
}

} // namespace

class TestSimServer : public QObject
{
    Q_OBJECT
private slots:
    void nonStreamingShapeAndUsage();
    void streamingOrderWithIncludeUsage();
    void streamingUsageOnFinishChunk();
    void cacheHitsOnRepeatedSystemPrefix();
    void concurrencyLimitGives429();
    void keepAlivesWhileQueued();
    void apiKeyRequired();
    void badRequests();
    void garbageHttpGets400();
    void pipelinedRequestsAndChunkFraming();
    void maxTokensCutsWithLength();
    void injectedErrorsAreCounted();
    void modelsAndStatsReset();
};

void TestSimServer::nonStreamingShapeAndUsage()
{
    SimServer server(fastConfig());
    QVERIFY(server.listen());
    SimTestClient client(server.serverUrl());
    const SimReply r = client.post(u"/chat/completions"_s, chat(u"What is the capital of France?"_s));
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.json();
    QCOMPARE(o.value("object"_L1).toString(), u"chat.completion"_s);
    QCOMPARE(o.value("model"_L1).toString(), u"deepseek-v4-flash"_s);
    QVERIFY(!o.value("id"_L1).toString().isEmpty());
    QVERIFY(o.value("created"_L1).toDouble() > 0);
    QVERIFY(o.contains("system_fingerprint"_L1));
    const QJsonObject choice = o.value("choices"_L1).toArray().first().toObject();
    QCOMPARE(choice.value("finish_reason"_L1).toString(), u"stop"_s);
    QVERIFY(choice.value("logprobs"_L1).isNull());
    const QJsonObject message = choice.value("message"_L1).toObject();
    QCOMPARE(message.value("role"_L1).toString(), u"assistant"_s);
    QVERIFY(!message.value("content"_L1).toString().isEmpty());
    QVERIFY(!message.value("reasoning_content"_L1).toString().isEmpty()); // thinking is on by default
    const QJsonObject u = o.value("usage"_L1).toObject();
    const int prompt = u.value("prompt_tokens"_L1).toInt();
    QVERIFY(prompt >= 1);
    QCOMPARE(prompt, u.value("prompt_cache_hit_tokens"_L1).toInt() + u.value("prompt_cache_miss_tokens"_L1).toInt());
    QCOMPARE(u.value("prompt_tokens_details"_L1).toObject().value("cached_tokens"_L1).toInt(),
             u.value("prompt_cache_hit_tokens"_L1).toInt());
    const int reasoning = u.value("completion_tokens_details"_L1).toObject().value("reasoning_tokens"_L1).toInt();
    QVERIFY(reasoning > 0);
    QVERIFY(u.value("completion_tokens"_L1).toInt() > reasoning);
    QCOMPARE(u.value("total_tokens"_L1).toInt(), prompt + u.value("completion_tokens"_L1).toInt());
    QVERIFY(r.headers.value("x-sim-ttft-ms").toDouble() > 0);

    // Thinking disabled: no reasoning at all.
    const SimReply plain = client.post(
        u"/v1/chat/completions"_s, chat(u"What is the capital of France?"_s, { { u"model"_s, u"deepseek-chat"_s } }));
    const QJsonObject pm = plain.json().value("choices"_L1).toArray().first().toObject().value("message"_L1).toObject();
    QVERIFY(!pm.contains("reasoning_content"_L1));
    QCOMPARE(plain.json()
                 .value("usage"_L1)
                 .toObject()
                 .value("completion_tokens_details"_L1)
                 .toObject()
                 .value("reasoning_tokens"_L1)
                 .toInt(),
             0);
    QCOMPARE(plain.json().value("model"_L1).toString(), u"deepseek-chat"_s);
}

void TestSimServer::streamingOrderWithIncludeUsage()
{
    SimServer server(fastConfig());
    QVERIFY(server.listen());
    SimTestClient client(server.serverUrl());
    const SimReply r = client.post(
        u"/chat/completions"_s,
        chat(u"Who wrote Hamlet?"_s,
             { { u"stream"_s, true }, { u"stream_options"_s, QJsonObject { { u"include_usage"_s, true } } } }));
    QCOMPARE(r.status, 200);
    QVERIFY(r.headers.value("content-type").startsWith("text/event-stream"));
    const QList<QByteArray> events = sseData(r.body);
    QVERIFY(events.size() > 5);
    QCOMPARE(events.last(), "[DONE]"_ba);
    bool sawContent = false;
    int reasoningAfterContent = 0;
    QString reasoning;
    QString content;
    for (int i = 0; i < events.size() - 2; ++i) {
        const QJsonObject chunk = QJsonDocument::fromJson(events[i]).object();
        QCOMPARE(chunk.value("object"_L1).toString(), u"chat.completion.chunk"_s);
        QVERIFY2(chunk.contains("usage"_L1) && chunk.value("usage"_L1).isNull(), events[i].constData());
        const QJsonObject choice = chunk.value("choices"_L1).toArray().first().toObject();
        const QJsonObject delta = choice.value("delta"_L1).toObject();
        if (i == 0)
            QCOMPARE(delta.value("role"_L1).toString(), u"assistant"_s);
        if (delta.value("reasoning_content"_L1).isString()) {
            reasoning += delta.value("reasoning_content"_L1).toString();
            reasoningAfterContent += sawContent ? 1 : 0;
        }
        if (delta.value("content"_L1).isString() && !delta.value("content"_L1).toString().isEmpty()) {
            sawContent = true;
            content += delta.value("content"_L1).toString();
        }
        if (i == events.size() - 3)
            QCOMPARE(choice.value("finish_reason"_L1).toString(), u"stop"_s);
        else
            QVERIFY(choice.value("finish_reason"_L1).isNull());
    }
    QVERIFY(sawContent);
    QVERIFY(!reasoning.isEmpty());
    QCOMPARE(reasoningAfterContent, 0);
    QVERIFY(content.contains("William Shakespeare"_L1) || content.contains("Christopher Marlowe"_L1));
    const QJsonObject usageChunk = QJsonDocument::fromJson(events[events.size() - 2]).object();
    QVERIFY(usageChunk.value("choices"_L1).toArray().isEmpty());
    const QJsonObject usage = usageChunk.value("usage"_L1).toObject();
    QVERIFY(usage.value("completion_tokens"_L1).toInt() > 0);
    QVERIFY(usage.value("completion_tokens_details"_L1).toObject().value("reasoning_tokens"_L1).toInt() > 0);
}

void TestSimServer::streamingUsageOnFinishChunk()
{
    SimServer server(fastConfig());
    QVERIFY(server.listen());
    SimTestClient client(server.serverUrl());
    const SimReply r = client.post(u"/chat/completions"_s, chat(u"Who wrote Hamlet?"_s, { { u"stream"_s, true } }));
    const QList<QByteArray> events = sseData(r.body);
    QCOMPARE(events.last(), "[DONE]"_ba);
    const QJsonObject finish = QJsonDocument::fromJson(events[events.size() - 2]).object();
    QCOMPARE(finish.value("choices"_L1).toArray().first().toObject().value("finish_reason"_L1).toString(), u"stop"_s);
    QVERIFY(finish.value("usage"_L1).toObject().value("total_tokens"_L1).toInt() > 0);
    const QJsonObject first = QJsonDocument::fromJson(events.first()).object();
    QVERIFY(!first.contains("usage"_L1));
}

void TestSimServer::cacheHitsOnRepeatedSystemPrefix()
{
    SimServer server(fastConfig());
    QVERIFY(server.listen());
    SimTestClient client(server.serverUrl());
    const QString system = QString(u"You are a meticulous assistant. "_s).repeated(20); // ~640 bytes: two blocks
    auto request = [&](const QString& question) {
        return QJsonObject { { u"model"_s, u"deepseek-v4-pro"_s },
                             { u"messages"_s,
                               QJsonArray { QJsonObject { { u"role"_s, u"system"_s }, { u"content"_s, system } },
                                            QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, question } } } } };
    };
    const QJsonObject first = client.post(u"/chat/completions"_s, request(u"Who wrote Hamlet?"_s)).json();
    const QJsonObject second = client.post(u"/chat/completions"_s, request(u"Who painted the Mona Lisa?"_s)).json();
    const QJsonObject u1 = first.value("usage"_L1).toObject();
    const QJsonObject u2 = second.value("usage"_L1).toObject();
    QCOMPARE(u1.value("prompt_cache_hit_tokens"_L1).toInt(), 0);
    QCOMPARE(u2.value("prompt_cache_hit_tokens"_L1).toInt(), 128);
    QCOMPARE(u2.value("prompt_tokens"_L1).toInt(),
             u2.value("prompt_cache_hit_tokens"_L1).toInt() + u2.value("prompt_cache_miss_tokens"_L1).toInt());
    // Another model has its own cache.
    QJsonObject flashRequest = request(u"Who wrote Hamlet?"_s);
    flashRequest.insert(u"model"_s, u"deepseek-v4-flash"_s);
    QCOMPARE(client.post(u"/chat/completions"_s, flashRequest)
                 .json()
                 .value("usage"_L1)
                 .toObject()
                 .value("prompt_cache_hit_tokens"_L1)
                 .toInt(),
             0);
    const QJsonObject pro = server.stats().value("models"_L1).toObject().value("deepseek-v4-pro"_L1).toObject();
    QCOMPARE(pro.value("cache_hit_tokens"_L1).toInt(), 128);
    QCOMPARE(pro.value("prompt_tokens"_L1).toInt(),
             u1.value("prompt_tokens"_L1).toInt() + u2.value("prompt_tokens"_L1).toInt());
}

void TestSimServer::concurrencyLimitGives429()
{
    SimConfig config;
    config.timeScale = 0.2; // Pro: ~380 ms to the first token, long enough for all four to overlap
    QCOMPARE(config.setModelValue(u"concurrency_limit"_s, u"deepseek-v4-pro=2"_s), QString());
    SimServer server(config);
    QVERIFY(server.listen());
    SimTestClient client(server.serverUrl());
    QList<QNetworkReply*> replies;
    QJsonObject body = chat(
        u"Hello"_s,
        { { u"model"_s, u"deepseek-v4-pro"_s }, { u"thinking"_s, QJsonObject { { u"type"_s, u"disabled"_s } } } });
    for (int i = 0; i < 4; ++i)
        replies.append(client.start("POST"_ba, u"/chat/completions"_s, QJsonDocument(body).toJson()));
    int ok = 0;
    int rejected = 0;
    int withRetryAfter = 0;
    for (QNetworkReply* reply : replies) {
        const SimReply r = SimTestClient::wait(reply);
        if (r.status == 200)
            ++ok;
        if (r.status == 429) {
            ++rejected;
            withRetryAfter += r.headers.contains("retry-after") ? 1 : 0;
            QVERIFY(r.json().value("error"_L1).toObject().contains("message"_L1));
        }
    }
    QCOMPARE(ok, 2);
    QCOMPARE(rejected, 2);
    QCOMPARE(withRetryAfter, 1);
    const QJsonObject pro = server.stats().value("models"_L1).toObject().value("deepseek-v4-pro"_L1).toObject();
    QCOMPARE(pro.value("rejected_429"_L1).toInt(), 2);
    QCOMPARE(pro.value("max_in_flight"_L1).toInt(), 2);
    QCOMPARE(pro.value("in_flight"_L1).toInt(), 0);
}

void TestSimServer::keepAlivesWhileQueued()
{
    SimConfig config;
    config.timeScale = 0.01;
    config.keepaliveMs = 2000; // 20 ms after scaling
    QCOMPARE(config.setModelValue(u"queue_delay_ms"_s, u"deepseek-v4-flash=15000"_s), QString()); // 150 ms
    SimServer server(config);
    QVERIFY(server.listen());
    SimTestClient client(server.serverUrl());
    const SimReply streamed = client.post(u"/chat/completions"_s, chat(u"Hello"_s, { { u"stream"_s, true } }));
    QCOMPARE(streamed.status, 200);
    const qsizetype firstData = streamed.body.indexOf("data: ");
    const QByteArray beforeData = streamed.body.left(firstData);
    QVERIFY2(beforeData.count(": keep-alive\n\n") >= 3, beforeData.constData());
    QCOMPARE(sseData(streamed.body).last(), "[DONE]"_ba);
    QVERIFY(streamed.headers.value("x-sim-ttft-ms").toDouble() >= 150);

    const SimReply plain = client.post(u"/chat/completions"_s, chat(u"Hello"_s));
    QCOMPARE(plain.status, 200);
    QVERIFY(plain.body.startsWith("\n\n\n"));
    QVERIFY(QJsonDocument::fromJson(plain.body.trimmed()).isObject());
}

void TestSimServer::apiKeyRequired()
{
    SimConfig config = fastConfig();
    config.apiKey = u"sk-test-1234"_s;
    SimServer server(config);
    QVERIFY(server.listen());
    SimTestClient client(server.serverUrl());
    const SimReply wrong = client.post(u"/chat/completions"_s, chat(u"Hello"_s), "sk-wrong-9999"_ba);
    QCOMPARE(wrong.status, 401);
    const QJsonObject error = wrong.json().value("error"_L1).toObject();
    QCOMPARE(error.value("type"_L1).toString(), u"authentication_error"_s);
    QVERIFY(error.value("message"_L1).toString().contains("9999"_L1));
    QVERIFY(error.contains("param"_L1) && error.contains("code"_L1));
    QCOMPARE(client.post(u"/chat/completions"_s, chat(u"Hello"_s)).status, 401);
    QCOMPARE(client.post(u"/chat/completions"_s, chat(u"Hello"_s), "sk-test-1234"_ba).status, 200);

    SimServer open(fastConfig());
    QVERIFY(open.listen());
    SimTestClient openClient(open.serverUrl());
    QCOMPARE(openClient.post(u"/chat/completions"_s, chat(u"Hello"_s), "anything"_ba).status, 200);
}

void TestSimServer::badRequests()
{
    SimServer server(fastConfig());
    QVERIFY(server.listen());
    SimTestClient client(server.serverUrl());
    const SimReply badJson = SimTestClient::wait(client.start("POST"_ba, u"/chat/completions"_s, "{\"model\": "_ba));
    QCOMPARE(badJson.status, 400);
    QVERIFY(badJson.json().value("error"_L1).toObject().contains("message"_L1));
    const SimReply unknown = client.post(u"/chat/completions"_s, chat(u"Hi"_s, { { u"model"_s, u"gpt-4"_s } }));
    QCOMPARE(unknown.status, 400);
    QCOMPARE(unknown.json().value("error"_L1).toObject().value("message"_L1).toString(), u"Model Not Exist"_s);
    QCOMPARE(client.post(u"/chat/completions"_s, chat(u"Hi"_s, { { u"max_tokens"_s, 0 } })).status, 422);
    QCOMPARE(client.post(u"/chat/completions"_s, chat(u"Hi"_s, { { u"max_tokens"_s, 393217 } })).status, 422);
    QCOMPARE(client.post(u"/chat/completions"_s, chat(u"Hi"_s, { { u"max_tokens"_s, 393216 } })).status, 200);
    QJsonArray tools;
    for (int i = 0; i < 129; ++i)
        tools.append(QJsonObject { { u"type"_s, u"function"_s },
                                   { u"function"_s, QJsonObject { { u"name"_s, u"tool_%1"_s.arg(i) } } } });
    QCOMPARE(client.post(u"/chat/completions"_s, chat(u"Hi"_s, { { u"tools"_s, tools } })).status, 400);
    tools.removeLast();
    QCOMPARE(client.post(u"/chat/completions"_s, chat(u"Hi"_s, { { u"tools"_s, tools } })).status, 200);
    // JSON mode needs the word json in the prompt.
    const QJsonObject jsonMode { { u"response_format"_s, QJsonObject { { u"type"_s, u"json_object"_s } } } };
    QCOMPARE(client.post(u"/chat/completions"_s, chat(u"Hi"_s, jsonMode)).status, 400);
    QCOMPARE(client.get(u"/nowhere"_s).status, 404);
    QCOMPARE(server.stats().value("bad_requests"_L1).toInt(), 6);
}

void TestSimServer::garbageHttpGets400()
{
    SimServer server(fastConfig());
    QVERIFY(server.listen());
    const QByteArray reply = rawExchange(server.port(), "\x01\x02 garbage\r\n\r\n"_ba, "}"_ba);
    QVERIFY2(reply.startsWith("HTTP/1.1 400"), reply.constData());
    const QByteArray badLength
        = rawExchange(server.port(), "POST /chat/completions HTTP/1.1\r\nContent-Length: nope\r\n\r\n"_ba, "}"_ba);
    QVERIFY(badLength.startsWith("HTTP/1.1 400"));
    // The server is still fine afterwards.
    SimTestClient client(server.serverUrl());
    QCOMPARE(client.get(u"/models"_s).status, 200);
}

void TestSimServer::pipelinedRequestsAndChunkFraming()
{
    SimServer server(fastConfig());
    QVERIFY(server.listen());
    const QByteArray body
        = QJsonDocument(chat(u"Who wrote Hamlet?"_s, { { u"stream"_s, true } })).toJson(QJsonDocument::Compact);
    const QByteArray one = "POST /chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: "_ba
        + QByteArray::number(body.size()) + "\r\n\r\n"_ba + body;
    const QByteArray got = rawExchange(server.port(), one + one, "0\r\n\r\nHTTP/1.1 200"_ba);
    QVERIFY(got.startsWith("HTTP/1.1 200 OK\r\n"));
    QVERIFY(got.contains("Transfer-Encoding: chunked\r\n"));
    // Walk the chunked framing of the first response: every chunk is one complete SSE event.
    qsizetype pos = got.indexOf("\r\n\r\n") + 4;
    int chunks = 0;
    while (true) {
        const qsizetype eol = got.indexOf("\r\n", pos);
        QVERIFY(eol > pos);
        bool ok = false;
        const int size = got.mid(pos, eol - pos).toInt(&ok, 16);
        QVERIFY(ok);
        if (size == 0)
            break;
        const QByteArray data = got.mid(eol + 2, size);
        QVERIFY2(data.startsWith("data: ") && data.endsWith("\n\n"), data.constData());
        QCOMPARE(got.mid(eol + 2 + size, 2), "\r\n"_ba);
        pos = eol + 2 + size + 2;
        ++chunks;
    }
    QVERIFY(chunks > 5);
    QVERIFY(got.indexOf("HTTP/1.1 200", pos) > 0); // the pipelined second request was answered too
}

void TestSimServer::maxTokensCutsWithLength()
{
    SimServer server(fastConfig());
    QVERIFY(server.listen());
    SimTestClient client(server.serverUrl());
    const QJsonObject o
        = client.post(u"/chat/completions"_s, chat(u"Who wrote Hamlet?"_s, { { u"max_tokens"_s, 5 } })).json();
    QCOMPARE(o.value("choices"_L1).toArray().first().toObject().value("finish_reason"_L1).toString(), u"length"_s);
    QCOMPARE(o.value("usage"_L1).toObject().value("completion_tokens"_L1).toInt(), 5);
}

void TestSimServer::injectedErrorsAreCounted()
{
    SimConfig config = fastConfig();
    QCOMPARE(config.setModelValue(u"error_rate"_s, u"deepseek-v4-flash=1"_s), QString());
    SimServer server(config);
    QVERIFY(server.listen());
    SimTestClient client(server.serverUrl());
    QSet<int> statuses;
    int truncated = 0;
    for (int i = 0; i < 24; ++i) {
        const SimReply r = client.post(u"/chat/completions"_s, chat(u"Hello"_s, { { u"stream"_s, true } }));
        statuses.insert(r.status);
        if (r.status == 200) {
            QVERIFY(!r.body.contains("[DONE]"));
            ++truncated;
        }
    }
    QVERIFY(statuses.contains(500) && statuses.contains(503) && statuses.contains(429));
    QVERIFY(truncated > 0);
    const QJsonObject flash = server.stats().value("models"_L1).toObject().value("deepseek-v4-flash"_L1).toObject();
    qint64 injected = 0;
    const QJsonObject errors = flash.value("errors_injected"_L1).toObject();
    for (auto it = errors.begin(); it != errors.end(); ++it)
        injected += it->toInteger();
    QCOMPARE(injected, 24);
    QCOMPARE(errors.value("stream_cut"_L1).toInt(), truncated);
    QCOMPARE(flash.value("ok"_L1).toInt(), 0);
    QCOMPARE(flash.value("completion_tokens"_L1).toInt(), 0); // nothing billed for failed answers
}

void TestSimServer::modelsAndStatsReset()
{
    SimServer server(fastConfig());
    QVERIFY(server.listen());
    SimTestClient client(server.serverUrl());
    const QJsonArray models = client.get(u"/v1/models"_s).json().value("data"_L1).toArray();
    QVERIFY(models.size() >= 2);
    client.post(u"/chat/completions"_s, chat(u"Hello"_s));
    const QJsonObject stats = client.get(u"/stats"_s).json();
    QCOMPARE(stats.value("models"_L1).toObject().value("deepseek-v4-flash"_L1).toObject().value("ok"_L1).toInt(), 1);
    QVERIFY(stats.contains("uptime_s"_L1));
    QCOMPARE(SimTestClient::wait(client.start("POST"_ba, u"/stats/reset"_s)).status, 200);
    QCOMPARE(
        server.stats().value("models"_L1).toObject().value("deepseek-v4-flash"_L1).toObject().value("ok"_L1).toInt(),
        0);
}

QTEST_GUILESS_MAIN(TestSimServer)
#include "tst_simserver.moc"
