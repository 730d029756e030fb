// SimServer over HTTP/2 (h2c with prior knowledge) through libcurl, the client Tierlens itself uses: the same
// answers as over HTTP/1.1, streams multiplexed on one connection (through Qt's HTTP/2 client), the other endpoints,
// and faults as HTTP/2 has them (RST_STREAM for a cut, a TCP reset for a reset), with /stats saying which protocol was
// used.
#include "SimServer.h"
#include "SimTestClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QtTest>

#include <curl/curl.h>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;
using namespace tierlens;

namespace {

const QString kFlash = u"deepseek-v4-flash"_s;

struct CurlReply
{
    CURLcode code = CURLE_OK;
    long status = 0;
    long httpVersion = 0; // CURL_HTTP_VERSION_1_1, CURL_HTTP_VERSION_2_0
    QByteArray body;
    QByteArray headers;
};

size_t append(char* data, size_t size, size_t count, void* target)
{
    static_cast<QByteArray*>(target)->append(data, static_cast<qsizetype>(size * count));
    return size * count;
}

struct CurlRequest
{
    QByteArray url;
    QByteArray body; // empty: GET
    QByteArray fault; // X-Sim-Fault
    bool http2 = true;
};

// Sets up one easy handle; the caller frees it and the header list.
CURL* makeEasy(const CurlRequest& request, CurlReply* reply, curl_slist** headers)
{
    CURL* easy = curl_easy_init();
    *headers = curl_slist_append(nullptr, "Content-Type: application/json");
    *headers = curl_slist_append(*headers, "Expect:");
    if (!request.fault.isEmpty())
        *headers = curl_slist_append(*headers, QByteArray("X-Sim-Fault: "_ba + request.fault).constData());
    curl_easy_setopt(easy, CURLOPT_URL, request.url.constData());
    if (!request.body.isEmpty()) {
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.constData());
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    }
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, *headers);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &append);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &reply->body);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &append);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &reply->headers);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, 60000L);
    curl_easy_setopt(easy, CURLOPT_HTTP_VERSION,
                     static_cast<long>(request.http2 ? CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE : CURL_HTTP_VERSION_1_1));
    // libcurl 7.88.1 stalls an HTTP/2 transfer whose DATA frame does not fit its receive buffer (see CurlTransfer):
    // a buffer larger than the 32 KiB it reads from a connection at a time never refuses one.
    curl_easy_setopt(easy, CURLOPT_BUFFERSIZE, 64L * 1024);
    curl_easy_setopt(easy, CURLOPT_VERBOSE, qEnvironmentVariableIsSet("TIERLENS_CURL_VERBOSE") ? 1L : 0L);
    return easy;
}

// Runs the requests at once on one curl multi handle, on a thread of their own, while this thread's event loop
// serves them.
QList<CurlReply> perform(const QList<CurlRequest>& requests)
{
    QList<CurlReply> replies(requests.size());
    std::atomic<bool> done { false };
    std::thread worker([&] {
        CURLM* multi = curl_multi_init();
        curl_multi_setopt(multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
        QList<CURL*> easies;
        QList<curl_slist*> lists(requests.size(), nullptr);
        for (qsizetype i = 0; i < requests.size(); ++i) {
            easies.append(makeEasy(requests.at(i), &replies[i], &lists[i]));
            curl_easy_setopt(easies.last(), CURLOPT_PRIVATE, reinterpret_cast<void*>(static_cast<intptr_t>(i)));
            curl_multi_add_handle(multi, easies.last());
        }
        int running = 1;
        while (running > 0) {
            curl_multi_perform(multi, &running);
            int queued = 0;
            while (CURLMsg* message = curl_multi_info_read(multi, &queued)) {
                if (message->msg != CURLMSG_DONE)
                    continue;
                void* index = nullptr;
                curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &index);
                CurlReply& r = replies[static_cast<qsizetype>(reinterpret_cast<intptr_t>(index))];
                r.code = message->data.result;
                curl_easy_getinfo(message->easy_handle, CURLINFO_RESPONSE_CODE, &r.status);
                curl_easy_getinfo(message->easy_handle, CURLINFO_HTTP_VERSION, &r.httpVersion);
            }
            if (running > 0)
                curl_multi_poll(multi, nullptr, 0, 100, nullptr);
        }
        for (qsizetype i = 0; i < easies.size(); ++i) {
            curl_multi_remove_handle(multi, easies.at(i));
            curl_easy_cleanup(easies.at(i));
            curl_slist_free_all(lists.at(i));
        }
        curl_multi_cleanup(multi);
        done = true;
    });
    // The event loop serves the requests meanwhile; each transfer has a 60 s timeout of its own.
    if (!QTest::qWaitFor([&] { return done.load(); }, 120000))
        qWarning("libcurl's transfers had not ended after 120 s; waiting for their timeouts");
    worker.join();
    return replies;
}

CurlReply performOne(const CurlRequest& request)
{
    return perform({ request }).constFirst();
}

QByteArray url(const SimServer& server, const QString& path)
{
    return (server.serverUrl().toString() + path).toUtf8();
}

QJsonObject statsOf(const SimServer& server)
{
    CurlRequest request;
    request.url = url(server, u"/stats"_s);
    request.http2 = false;
    return QJsonDocument::fromJson(performOne(request).body).object();
}

// What an answer says, apart from its id and time: the text, the reasoning, the finish reason and the usage.
struct Answer
{
    QString content;
    QString reasoning;
    QString finishReason;
    QJsonObject usage;
    bool done = false; // streams: "data: [DONE]" arrived
};

Answer answerOf(const QByteArray& body, bool stream)
{
    Answer a;
    if (!stream) {
        const QJsonObject root = QJsonDocument::fromJson(body).object();
        const QJsonObject choice = root.value(u"choices"_s).toArray().first().toObject();
        a.content = choice.value(u"message"_s).toObject().value(u"content"_s).toString();
        a.reasoning = choice.value(u"message"_s).toObject().value(u"reasoning_content"_s).toString();
        a.finishReason = choice.value(u"finish_reason"_s).toString();
        a.usage = root.value(u"usage"_s).toObject();
        return a;
    }
    for (const QByteArray& line : body.split('\n')) {
        if (!line.startsWith("data: "))
            continue;
        const QByteArray data = line.sliced(6);
        if (data == "[DONE]") {
            a.done = true;
            continue;
        }
        const QJsonObject chunk = QJsonDocument::fromJson(data).object();
        if (chunk.value(u"usage"_s).isObject())
            a.usage = chunk.value(u"usage"_s).toObject();
        for (const QJsonValue& c : chunk.value(u"choices"_s).toArray()) {
            const QJsonObject delta = c.toObject().value(u"delta"_s).toObject();
            a.content += delta.value(u"content"_s).toString();
            a.reasoning += delta.value(u"reasoning_content"_s).toString();
            if (c.toObject().value(u"finish_reason"_s).isString())
                a.finishReason = c.toObject().value(u"finish_reason"_s).toString();
        }
    }
    return a;
}

struct QtReply
{
    int status = 0;
    bool http2 = false;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QByteArray retryAfter;
};

// One POST over HTTP/2 with prior knowledge through Qt, on a connection of its own.
QtReply qtPost(const SimServer& server, const QByteArray& body, const QByteArray& fault)
{
    QNetworkAccessManager nam;
    QUrl chat = server.serverUrl();
    chat.setPath(u"/chat/completions"_s);
    QNetworkRequest request(chat);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    request.setAttribute(QNetworkRequest::Http2DirectAttribute, true);
    request.setRawHeader("X-Sim-Fault"_ba, fault);
    QNetworkReply* reply = nam.post(request, body);
    QtReply r;
    QObject::connect(reply, &QNetworkReply::readyRead, reply, [&] { r.body += reply->readAll(); });
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 60000)) {
        qWarning("no answer within 60 s; aborted");
        reply->abort();
    }
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.http2 = reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool();
    r.error = reply->error();
    r.body += reply->readAll();
    r.retryAfter = reply->rawHeader("Retry-After"_ba);
    delete reply;
    return r;
}

SimConfig fastConfig()
{
    SimConfig config;
    config.timeScale = 0.01;
    return config;
}

} // namespace

class TestSimHttp2 : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QCOMPARE(curl_global_init(CURL_GLOBAL_DEFAULT), CURLE_OK); }
    void cleanupTestCase() { curl_global_cleanup(); }
    void sameAnswerAsHttp11_data();
    void sameAnswerAsHttp11();
    void streamsShareOneConnection();
    void otherEndpoints();
    void faultsAsHttp2HasThem();
    void resetClosesTheConnection();
};

void TestSimHttp2::sameAnswerAsHttp11_data()
{
    QTest::addColumn<bool>("stream");
    QTest::newRow("stream") << true;
    QTest::newRow("json") << false;
}

void TestSimHttp2::sameAnswerAsHttp11()
{
    QFETCH(bool, stream);
    // Two servers with the same seed: the first answer to a prompt is the same on each.
    SimServer h1(fastConfig());
    SimServer h2(fastConfig());
    QVERIFY(h1.listen());
    QVERIFY(h2.listen());
    const CurlReply overH1 = performOne({ url(h1, u"/v1/chat/completions"_s), chatBody(stream), {}, false });
    const CurlReply overH2 = performOne({ url(h2, u"/v1/chat/completions"_s), chatBody(stream), {}, true });
    QCOMPARE(overH1.code, CURLE_OK);
    QCOMPARE(overH2.code, CURLE_OK);
    QCOMPARE(overH1.httpVersion, long(CURL_HTTP_VERSION_1_1));
    QCOMPARE(overH2.httpVersion, long(CURL_HTTP_VERSION_2_0));
    QCOMPARE(overH2.status, 200L);
    QVERIFY(overH2.headers.startsWith("HTTP/2 200"));
    QVERIFY(overH2.headers.contains(stream ? "content-type: text/event-stream" : "content-type: application/json"));
    QVERIFY(overH2.headers.contains("x-sim-family: "));

    const Answer a1 = answerOf(overH1.body, stream);
    const Answer a2 = answerOf(overH2.body, stream);
    QVERIFY(!a2.content.isEmpty());
    QVERIFY(a2.usage.value(u"completion_tokens"_s).toInt() > 0);
    QCOMPARE(a2.done, stream);
    QCOMPARE(a2.content, a1.content);
    QCOMPARE(a2.reasoning, a1.reasoning);
    QCOMPARE(a2.finishReason, a1.finishReason);
    QCOMPARE(a2.usage, a1.usage);

    const QJsonObject s1 = statsOf(h1).value(u"models"_s).toObject().value(kFlash).toObject();
    const QJsonObject s2 = statsOf(h2).value(u"models"_s).toObject().value(kFlash).toObject();
    QCOMPARE(s1.value(u"http2_requests"_s).toInt(), 0);
    QCOMPARE(s2.value(u"http2_requests"_s).toInt(), 1);
    QCOMPARE(s2.value(u"billed"_s).toInt(), 1);
    QCOMPARE(s2.value(u"completion_tokens"_s), s1.value(u"completion_tokens"_s));
    QCOMPARE(s2.value(u"completion_tokens_sent"_s), s2.value(u"completion_tokens"_s));
}

void TestSimHttp2::streamsShareOneConnection()
{
    // Qt's own HTTP/2 client multiplexes: eight requests at once go as streams of one connection. (libcurl
    // 7.88.1, Debian 12's, fails to reuse a prior-knowledge connection: curl/curl#10634.)
    SimServer server(fastConfig());
    QVERIFY(server.listen());
    QNetworkAccessManager nam;
    QList<QNetworkReply*> replies;
    for (int i = 0; i < 8; ++i) {
        QUrl chat = server.serverUrl();
        chat.setPath(u"/chat/completions"_s);
        QNetworkRequest request(chat);
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
        request.setAttribute(QNetworkRequest::Http2DirectAttribute, true);
        replies.append(nam.post(request, chatBody(i % 2 == 0, u"Question %1?"_s.arg(i))));
    }
    for (qsizetype i = 0; i < replies.size(); ++i) {
        QNetworkReply* reply = replies.at(i);
        QVERIFY(QTest::qWaitFor([reply] { return reply->isFinished(); }, 60000));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QVERIFY(reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool());
        QVERIFY(!answerOf(reply->readAll(), i % 2 == 0).content.isEmpty());
        reply->deleteLater();
    }
    const QJsonObject stats = statsOf(server);
    // Eight requests on one HTTP/2 connection, then the HTTP/1.1 one that asked for the stats.
    QCOMPARE(stats.value(u"http2_connections_total"_s).toInt(), 1);
    QCOMPARE(stats.value(u"connections_total"_s).toInt(), 2);
    QCOMPARE(stats.value(u"http2_requests"_s).toInt(), 8);
    const QJsonObject model = stats.value(u"models"_s).toObject().value(kFlash).toObject();
    QCOMPARE(model.value(u"http2_requests"_s).toInt(), 8);
    QCOMPARE(model.value(u"billed"_s).toInt(), 8);
    QCOMPARE(model.value(u"in_flight"_s).toInt(), 0);
}

void TestSimHttp2::otherEndpoints()
{
    SimServer server(fastConfig());
    QVERIFY(server.listen());
    const CurlReply stats = performOne({ url(server, u"/stats"_s), {}, {}, true });
    QCOMPARE(stats.status, 200L);
    QCOMPARE(stats.httpVersion, long(CURL_HTTP_VERSION_2_0));
    QVERIFY(QJsonDocument::fromJson(stats.body).object().contains(u"http2_requests"_s));

    const CurlReply faults
        = performOne({ url(server, u"/faults"_s), R"({"deepseek-v4-flash": "cut,rate=0.5"})"_ba, {}, true });
    QCOMPARE(faults.status, 200L);
    QCOMPARE(QJsonDocument::fromJson(faults.body).object().value(kFlash).toString(), u"cut,rate=0.5"_s);

    const CurlReply missing = performOne({ url(server, u"/nowhere"_s), {}, {}, true });
    QCOMPARE(missing.status, 404L);
    const CurlReply bad = performOne({ url(server, u"/chat/completions"_s), "{not json"_ba, {}, true });
    QCOMPARE(bad.status, 400L);
    QCOMPARE(bad.httpVersion, long(CURL_HTTP_VERSION_2_0));
}

void TestSimHttp2::faultsAsHttp2HasThem()
{
    // Through Qt's HTTP/2 client, a second implementation next to libcurl (which tst_faults runs every mode through).
    SimServer server(fastConfig());
    QVERIFY(server.listen());

    const QtReply limited = qtPost(server, chatBody(true), "rate-limit,rate=1"_ba);
    QCOMPARE(limited.status, 429);
    QVERIFY(limited.http2);
    QVERIFY(!limited.retryAfter.isEmpty());

    const QtReply failed = qtPost(server, chatBody(false), "server-error,rate=1"_ba);
    QVERIFY(failed.status == 500 || failed.status == 503);

    // A cut ends the stream with RST_STREAM: an error on the reply, half a JSON body.
    const QtReply cut = qtPost(server, chatBody(false), "cut,rate=1"_ba);
    QVERIFY(cut.error != QNetworkReply::NoError);
    QVERIFY(QJsonDocument::fromJson(cut.body).isNull());

    // Malformed and slow answers arrive whole at the HTTP/2 level; their SSE is what is broken or late.
    const QtReply badSse = qtPost(server, chatBody(true), "bad-sse,rate=1"_ba);
    QCOMPARE(badSse.error, QNetworkReply::NoError);
    QVERIFY(answerOf(badSse.body, true).done);
    const QtReply drip = qtPost(server, chatBody(true), "slow-drip,rate=1,drip_ms=1"_ba);
    QCOMPARE(drip.error, QNetworkReply::NoError);
    QVERIFY(answerOf(drip.body, true).done);
    const QtReply waited = qtPost(server, chatBody(true), "keepalive-wait,rate=1,wait_ms=3000"_ba);
    QCOMPARE(waited.error, QNetworkReply::NoError);
    QVERIFY(waited.body.startsWith(": keep-alive\n\n"));
    QVERIFY(answerOf(waited.body, true).done);

    const QJsonObject model = statsOf(server).value(u"models"_s).toObject().value(kFlash).toObject();
    QCOMPARE(model.value(u"requests"_s).toInt(), 6);
    QCOMPARE(model.value(u"http2_requests"_s).toInt(), 6);
    // Billed: bad-sse, slow-drip and keepalive-wait, whose usage went out whole.
    QCOMPARE(model.value(u"billed"_s).toInt(), 3);
    QCOMPARE(model.value(u"in_flight"_s).toInt(), 0);
    const QJsonObject injected = model.value(u"faults_injected"_s).toObject();
    for (const QString& mode :
         { u"rate-limit"_s, u"server-error"_s, u"cut"_s, u"bad-sse"_s, u"slow-drip"_s, u"keepalive-wait"_s })
        QCOMPARE(injected.value(mode).toInt(), 1);
}

void TestSimHttp2::resetClosesTheConnection()
{
    SimServer server(fastConfig());
    QVERIFY(server.listen());
    const CurlReply reset
        = performOne({ url(server, u"/chat/completions"_s), chatBody(true), "reset,rate=1"_ba, true });
    QCOMPARE(reset.code, CURLE_RECV_ERROR); // "Connection reset by peer"
    QCOMPARE(reset.status, 200L);
    QVERIFY(!answerOf(reset.body, true).done);
    const QJsonObject stats = statsOf(server);
    const QJsonObject model = stats.value(u"models"_s).toObject().value(kFlash).toObject();
    QCOMPARE(model.value(u"http2_requests"_s).toInt(), 1);
    QCOMPARE(model.value(u"billed"_s).toInt(), 0);
    QCOMPARE(model.value(u"faults_injected"_s).toObject().value(u"reset"_s).toInt(), 1);
    QCOMPARE(stats.value(u"connections_open"_s).toInt(), 1); // only the one asking for the stats
}

QTEST_GUILESS_MAIN(TestSimHttp2)
#include "tst_simhttp2.moc"
