#include "ShadowProxy.h"

#include "LiveRecorder.h"
#include "api/ChatResponseParser.h"
#include "api/ChatStreamAssembler.h"
#include "engine/AttemptMeasure.h"
#include "http/HttpRequestParser.h"
#include "http/HttpResponseReader.h"
#include "promptsets/Prompt.h"
#include "transport/CurlTransport.h"
#include "util/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

// Headers that belong to one connection (RFC 9110 7.6.1) or that the proxy sets itself. Accept-Encoding stays
// behind too: the proxy reads the answer it passes on, so the primary sends it uncompressed (which every client
// takes).
bool passesToUpstream(const QByteArray& lowerName)
{
    static const QByteArray dropped[]
        = { "host",   "connection",     "keep-alive",        "proxy-connection", "proxy-authorization",
            "te",     "trailer",        "transfer-encoding", "upgrade",          "content-length",
            "expect", "accept-encoding" };
    for (const QByteArray& d : dropped) {
        if (lowerName == d)
            return false;
    }
    return !lowerName.startsWith("x-tierlens-");
}

QByteArray errorBody(const QString& message, const char* type)
{
    const QJsonObject error { { u"message"_s, message }, { u"type"_s, QString::fromLatin1(type) } };
    return QJsonDocument(QJsonObject { { u"error"_s, error } }).toJson(QJsonDocument::Compact);
}

QByteArray simpleResponse(int status, const char* reason, const QByteArray& body, bool close)
{
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + (close ? "\r\nConnection: close" : "") + "\r\n\r\n" + body;
}

// A request's path under the primary's base path: /v1/models to https://host/api/v1 goes to /api/v1/models.
QByteArray underBasePath(const QUrl& base, const QByteArray& path)
{
    QByteArray basePath = base.path(QUrl::FullyEncoded).toUtf8();
    while (basePath.endsWith('/'))
        basePath.chop(1);
    if (basePath.endsWith("/v1") && (path == "/v1" || path.startsWith("/v1/")))
        return basePath + path.mid(3);
    return basePath + path;
}

QByteArray bearerOf(const QByteArray& authorization)
{
    return authorization.startsWith("Bearer ") ? authorization.mid(7).trimmed() : QByteArray();
}

// What the recorded prompt keeps of a chat request: the messages (a leading system message apart), and the
// request fields a rerun would send again.
Prompt promptFromRequest(const QJsonObject& body, const ShadowOptions& options, const QByteArray& categoryHeader)
{
    Prompt p;
    QJsonArray messages = body.value(u"messages"_s).toArray();
    if (!messages.isEmpty() && messages.first().toObject().value(u"role"_s).toString() == u"system"_s
        && messages.first().toObject().value(u"content"_s).isString()) {
        p.system = options.redact(messages.first().toObject().value(u"content"_s).toString());
        messages.removeFirst();
    }
    p.messages = options.redact(QJsonValue(messages)).toArray();
    static const QString notOptions[] = { u"model"_s, u"messages"_s, u"stream"_s, u"stream_options"_s };
    for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
        if (std::find(std::begin(notOptions), std::end(notOptions), it.key()) == std::end(notOptions))
            p.options.insert(it.key(), options.redact(it.value()));
    }
    p.category = options.categoryFor(categoryHeader, lastUserText(p));
    p.metadata.insert(u"captured_at"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    p.metadata.insert(u"stream"_s, body.value(u"stream"_s).toBool());
    return p;
}

void redactOutcome(ChatOutcome& outcome, const ShadowOptions& options)
{
    if (options.redactions.isEmpty())
        return;
    outcome.content = options.redact(outcome.content);
    outcome.reasoning = options.redact(outcome.reasoning);
    outcome.errorMessage = options.redact(outcome.errorMessage);
    for (ToolCall& call : outcome.toolCalls)
        call.arguments = options.redact(call.arguments);
}

} // namespace

// One client connection and its upstream connection to the primary. Requests are answered one at a time, in order
// (pipelined ones wait in the buffer).
class ShadowProxy::ClientConnection : public QObject
{
public:
    ClientConnection(ShadowProxy* proxy, QTcpSocket* client)
        : QObject(proxy)
        , m_proxy(proxy)
        , m_client(client)
    {
        client->setParent(this);
        connect(client, &QTcpSocket::readyRead, this, &ClientConnection::onClientData);
        connect(client, &QTcpSocket::disconnected, this, &ClientConnection::onClientGone);
        m_timeout.setSingleShot(true);
        connect(&m_timeout, &QTimer::timeout, this, &ClientConnection::onTimeout);
    }

    // Ends the connection without recording what is in flight (the session is stopping, or the client left).
    void close()
    {
        if (m_closed)
            return;
        m_closed = true;
        m_timeout.stop();
        m_client->disconnect(this);
        m_client->abort();
        if (m_upstream) {
            m_upstream->disconnect(this);
            m_upstream->abort();
        }
        deleteLater();
    }

private:
    struct Current
    {
        bool active = false;
        bool chat = false; // a chat completion: recorded and mirrored
        bool clientClose = false; // the client asked to close after it
        bool reused = false; // written on a connection an earlier answer came over
        bool retried = false; // sent again once, on a new connection
        int capture = 0;
        QByteArray clientBearer;
        QByteArray upstreamBytes; // the request as it goes to the primary
        std::int64_t sentNs = 0;
        std::int64_t headersNs = 0;
        std::int64_t firstTokenNs = 0;
        std::int64_t firstAnswerNs = 0;
        qint64 forwarded = 0; // response bytes handed to the client
        bool head = false; // a HEAD request: its answer has no body
        bool typed = false; // eventStream decided, from the headers, before the first body byte is read
        bool eventStream = false;
        bool tooLarge = false;
        std::unique_ptr<ChatStreamAssembler> assembler;
        QByteArray body;
        QJsonObject request;
        Prompt prompt;
    };

    void onClientData()
    {
        if (m_closed)
            return;
        m_in.append(m_client->readAll());
        if (!m_current.active)
            takeRequest();
    }

    void takeRequest()
    {
        IncomingRequest request;
        const auto status = m_parser.parse(m_in, &request);
        if (status == HttpRequestParser::Status::NeedMore) {
            if (m_parser.wantsContinue()) {
                m_client->write("HTTP/1.1 100 Continue\r\n\r\n");
                m_parser.continueSent();
            }
            return;
        }
        if (status == HttpRequestParser::Status::Error) {
            m_client->write(simpleResponse(m_parser.errorStatus(), "Bad Request",
                                           errorBody(QString::fromUtf8(m_parser.errorMessage()), "invalid_request"),
                                           true));
            m_client->disconnectFromHost();
            return;
        }
        handle(std::move(request));
    }

    void handle(IncomingRequest request)
    {
        ShadowProxy& p = *m_proxy;
        ++p.m_stats.requests;
        const ShadowOptions& o = p.m_options;
        if (!o.token.isEmpty() && request.header("x-tierlens-token") != o.token) {
            m_client->write(
                simpleResponse(401, "Unauthorized",
                               errorBody(ShadowProxy::tr("this Tierlens shadow endpoint needs its token in the "
                                                         "X-Tierlens-Token header"),
                                         "authentication_error"),
                               !request.keepAlive));
            finishExchange(!request.keepAlive);
            return;
        }
        if (o.token.isEmpty() && !request.header("origin").isEmpty()) {
            // A web page's request (browsers send Origin on every cross-site POST): without a token any page open in
            // a browser here could spend the candidates' keys.
            m_client->write(simpleResponse(403, "Forbidden",
                                           errorBody(ShadowProxy::tr("this Tierlens shadow endpoint takes no requests "
                                                                     "from web pages unless it has a token"),
                                                     "permission_error"),
                                           !request.keepAlive));
            finishExchange(!request.keepAlive);
            return;
        }
        m_current = Current();
        m_current.active = true;
        m_current.clientClose = !request.keepAlive;
        m_current.chat = request.method == "POST" && request.path.endsWith("/chat/completions");
        if (m_current.chat) {
            QJsonParseError parseError;
            const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
            // A body that is not a JSON object goes to the primary all the same (its answer is the client's), but
            // there is nothing to record or mirror.
            m_current.chat = doc.isObject();
            m_current.request = doc.object();
        }
        m_current.clientBearer = bearerOf(request.header("authorization"));

        const QUrl target = QUrl(QString::fromUtf8(p.m_options.primary.chatCompletionsUrl()));
        const QByteArray path = (request.path.endsWith("/chat/completions")
                                     ? target.path(QUrl::FullyEncoded).toUtf8()
                                     : underBasePath(QUrl(p.m_options.primary.baseUrl), request.path))
            + request.query;
        QByteArray host = target.host(QUrl::FullyEncoded).toUtf8();
        if (host.contains(':'))
            host = '[' + host + ']'; // an IPv6 address
        QByteArray head = request.method + ' ' + (path.isEmpty() ? "/" : path) + " HTTP/1.1\r\nHost: " + host;
        const int defaultPort = target.scheme() == u"https"_s ? 443 : 80;
        if (target.port(defaultPort) != defaultPort)
            head += ':' + QByteArray::number(target.port(defaultPort));
        head += "\r\n";
        for (const auto& [name, value] : std::as_const(request.headers)) {
            if (passesToUpstream(name))
                head += name + ": " + value + "\r\n";
        }
        if (!request.body.isEmpty() || request.method == "POST" || request.method == "PUT")
            head += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n";
        m_current.upstreamBytes = head + "\r\n" + request.body;
        if (m_current.chat)
            m_current.prompt = promptFromRequest(m_current.request, o, request.header("x-tierlens-category"));
        m_current.head = request.method == "HEAD";
        m_reader.reset(m_current.head);
        m_timeout.start(int(std::min<qint64>(o.timeoutMs, std::numeric_limits<int>::max())));
        sendUpstream(target);
    }

    void sendUpstream(const QUrl& target)
    {
        m_target = target;
        if (m_upstream && m_upstream->state() == QAbstractSocket::ConnectedState) {
            m_current.reused = true;
            writeUpstream();
            return;
        }
        if (m_upstream) {
            m_upstream->disconnect(this);
            m_upstream->deleteLater();
        }
        const bool tls = target.scheme() == u"https"_s;
        m_upstream = tls ? new QSslSocket(this) : new QTcpSocket(this);
        m_upstream->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        QTcpSocket* upstream = m_upstream;
        connect(upstream, &QTcpSocket::connected, this, [this, upstream, tls] {
            if (upstream == m_upstream && !tls)
                writeUpstream();
        });
        if (tls) {
            connect(static_cast<QSslSocket*>(upstream), &QSslSocket::encrypted, this, [this, upstream] {
                if (upstream == m_upstream)
                    writeUpstream();
            });
        }
        connect(upstream, &QTcpSocket::readyRead, this, [this, upstream] {
            if (upstream == m_upstream)
                onUpstreamData();
        });
        connect(upstream, &QTcpSocket::disconnected, this, [this, upstream] {
            if (upstream == m_upstream)
                onUpstreamClosed(QString());
        });
        connect(upstream, &QTcpSocket::errorOccurred, this, [this, upstream](QAbstractSocket::SocketError e) {
            if (upstream == m_upstream && e != QAbstractSocket::RemoteHostClosedError)
                onUpstreamClosed(upstream->errorString());
        });
        const quint16 port = quint16(target.port(tls ? 443 : 80));
        if (tls)
            static_cast<QSslSocket*>(upstream)->connectToHostEncrypted(target.host(), port);
        else
            upstream->connectToHost(target.host(), port);
    }

    void writeUpstream()
    {
        if (!m_current.active || m_current.sentNs != 0)
            return;
        m_upstream->write(m_current.upstreamBytes);
        m_current.sentNs = steadyNowNs();
        if (m_current.chat && m_current.capture == 0)
            m_current.capture = m_proxy->captured(m_current.prompt, m_current.request, m_current.sentNs);
    }

    void onUpstreamData()
    {
        const QByteArray bytes = m_upstream->readAll();
        if (!m_current.active)
            return; // after the response's end: not part of any answer
        qsizetype used = bytes.size();
        const auto status = m_reader.feed(
            bytes,
            [this](QByteArrayView piece) {
                if (!m_current.chat)
                    return;
                if (!m_current.typed) {
                    m_current.typed = true;
                    if (m_current.headersNs == 0)
                        m_current.headersNs = steadyNowNs();
                    const int code = m_reader.status();
                    m_current.eventStream = code >= 200 && code < 300
                        && m_reader.header("content-type").toLower().contains("text/event-stream");
                    if (m_current.eventStream)
                        m_current.assembler = std::make_unique<ChatStreamAssembler>();
                }
                if (m_current.tooLarge)
                    return;
                if (m_current.eventStream) {
                    const auto progress = m_current.assembler->feed(piece);
                    const std::int64_t now = steadyNowNs();
                    if (progress.firstToken && m_current.firstTokenNs == 0)
                        m_current.firstTokenNs = now;
                    if (progress.firstAnswerToken && m_current.firstAnswerNs == 0)
                        m_current.firstAnswerNs = now;
                    m_current.tooLarge = m_current.assembler->answerBytes() > ChatOutcome::kMaxAnswerBytes;
                } else if (m_current.body.size() + piece.size() > ChatOutcome::kMaxAnswerBytes) {
                    m_current.tooLarge = true;
                } else {
                    m_current.body.append(piece);
                }
            },
            &used);
        if (m_reader.headersDone() && m_current.headersNs == 0)
            m_current.headersNs = steadyNowNs();
        if (status == HttpResponseReader::Status::Error && !m_reader.headersDone()) {
            // Not an HTTP answer at all: the client gets a gateway error, not the bytes.
            responseEnded(
                ShadowProxy::tr("the primary's answer is not HTTP: %1").arg(QString::fromUtf8(m_reader.errorMessage())),
                m_current.forwarded == 0);
            return;
        }
        // The client gets the bytes unchanged, up to the response's end.
        if (m_client->state() == QAbstractSocket::ConnectedState)
            m_client->write(bytes.constData(), used);
        m_current.forwarded += used;
        if (status == HttpResponseReader::Status::Complete)
            responseEnded(QString());
        else if (status == HttpResponseReader::Status::Error)
            responseEnded(QString::fromUtf8(m_reader.errorMessage()));
    }

    void onUpstreamClosed(const QString& socketError)
    {
        QTcpSocket* gone = m_upstream;
        m_upstream = nullptr;
        if (gone) {
            gone->disconnect(this);
            gone->deleteLater();
        }
        if (!m_current.active)
            return;
        if (m_current.reused && !m_current.retried && m_current.sentNs != 0 && !m_reader.headersDone()
            && m_reader.bodyBytes() == 0) {
            // A kept-alive connection the primary closed as the request went out (servers close idle ones after a
            // few seconds): not the primary's answer. Sent again, once, on a new connection.
            m_current.retried = true;
            m_current.reused = false;
            m_current.sentNs = 0;
            m_reader.reset(m_current.head);
            sendUpstream(m_target);
            return;
        }
        if (m_current.sentNs == 0 && m_current.forwarded == 0) {
            // Never reached: the client gets a gateway error, and the attempt says why.
            const QString why
                = socketError.isEmpty() ? ShadowProxy::tr("the primary closed the connection") : socketError;
            m_current.sentNs = steadyNowNs();
            if (m_current.chat && m_current.capture == 0)
                m_current.capture = m_proxy->captured(m_current.prompt, m_current.request, m_current.sentNs);
            responseEnded(ShadowProxy::tr("the primary could not be reached: %1").arg(why), true);
            return;
        }
        const auto status = m_reader.closed();
        responseEnded(status == HttpResponseReader::Status::Complete ? QString()
                                                                     : QString::fromUtf8(m_reader.errorMessage()),
                      m_current.forwarded == 0);
    }

    void onTimeout()
    {
        if (!m_current.active)
            return;
        if (m_upstream) {
            m_upstream->disconnect(this);
            m_upstream->abort();
            m_upstream->deleteLater();
            m_upstream = nullptr;
        }
        if (m_current.sentNs == 0)
            m_current.sentNs = steadyNowNs();
        responseEnded(
            ShadowProxy::tr("no complete answer from the primary within %1 ms").arg(m_proxy->m_options.timeoutMs),
            m_current.forwarded == 0, ErrorClass::Timeout);
    }

    // The response is over: whole (error empty) or not. gatewayError: nothing reached the client, which gets a 502.
    void responseEnded(const QString& error, bool gatewayError = false, ErrorClass errorClass = ErrorClass::Connection)
    {
        m_timeout.stop();
        const bool wholeResponse = error.isEmpty();
        if (gatewayError && m_client->state() == QAbstractSocket::ConnectedState) {
            const int status = errorClass == ErrorClass::Timeout ? 504 : 502;
            m_client->write(
                simpleResponse(status, status == 504 ? "Gateway Timeout" : "Bad Gateway",
                               errorBody(ShadowProxy::tr("Tierlens shadow: %1").arg(error), "upstream_error"), true));
        }
        if (m_current.chat && m_current.capture != 0) {
            HttpExchange ex;
            ex.httpStatus = m_reader.headersDone() ? m_reader.status() : 0;
            ex.sentNs = m_current.sentNs;
            ex.headersNs = m_current.headersNs;
            ex.firstTokenNs = m_current.firstTokenNs;
            ex.firstAnswerNs = m_current.firstAnswerNs;
            ex.doneNs = steadyNowNs();
            ex.bytesReceived = m_reader.bodyBytes();
            ex.retryAfter = m_reader.header("retry-after");
            const bool success = ex.httpStatus >= 200 && ex.httpStatus < 300;
            if (m_current.tooLarge) {
                ex.outcome.error = ErrorClass::TooLarge;
                ex.outcome.errorMessage
                    = ShadowProxy::tr("the answer is larger than %1 MiB; it went to the client but is not "
                                      "recorded")
                          .arg(ChatOutcome::kMaxAnswerBytes >> 20);
            } else if (m_current.eventStream) {
                ex.outcome = m_current.assembler->finish(wholeResponse);
                if (!wholeResponse && ex.outcome.ok()) {
                    // A stream that had sent [DONE] is whole even when the connection then broke.
                } else if (!wholeResponse && ex.outcome.error == ErrorClass::None) {
                    ex.outcome.error = ErrorClass::Truncated;
                    ex.outcome.errorMessage = error;
                }
            } else if (!wholeResponse) {
                ex.outcome.error = ex.bytesReceived > 0 || ex.httpStatus != 0 ? ErrorClass::Truncated : errorClass;
                ex.outcome.errorMessage = error;
            } else if (success) {
                ex.outcome = ChatResponseParser::parseCompletion(m_current.body);
            } else {
                ex.outcome = ChatResponseParser::parseError(ex.httpStatus, m_current.body);
            }
            m_proxy->primaryFinished(m_current.capture, ex, m_current.clientBearer);
        }
        const bool closeClient = m_current.clientClose || !wholeResponse || !m_reader.keepAlive() || gatewayError;
        if (!m_reader.keepAlive() || !wholeResponse) {
            if (m_upstream) {
                m_upstream->disconnect(this);
                m_upstream->disconnectFromHost();
                m_upstream->deleteLater();
                m_upstream = nullptr;
            }
        }
        m_current = Current();
        finishExchange(closeClient);
    }

    void finishExchange(bool closeClient)
    {
        if (m_clientGone) {
            close();
            return;
        }
        if (closeClient) {
            m_client->disconnectFromHost(); // after what was written has gone out
            return;
        }
        if (!m_in.isEmpty())
            QTimer::singleShot(0, this, [this] {
                if (!m_closed && !m_current.active)
                    takeRequest();
            });
    }

    void onClientGone()
    {
        m_clientGone = true;
        // The primary's answer is read to its end all the same: the provider bills it, and it is recorded.
        if (!m_current.active)
            close();
    }

    ShadowProxy* m_proxy;
    QTcpSocket* m_client;
    QTcpSocket* m_upstream = nullptr;
    QUrl m_target; // the primary's chat-completions URL
    QByteArray m_in;
    HttpRequestParser m_parser;
    HttpResponseReader m_reader;
    Current m_current;
    QTimer m_timeout;
    bool m_clientGone = false;
    bool m_closed = false;
};

ShadowProxy::ShadowProxy(Store& store, const PriceBookRegistry& prices, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_prices(prices)
{
    connect(&m_server, &QTcpServer::newConnection, this, &ShadowProxy::onNewConnection);
}

ShadowProxy::~ShadowProxy()
{
    if (m_running)
        stop(nullptr);
}

void ShadowProxy::setShadowKey(const QString& label, const QByteArray& key)
{
    m_keys.insert(label, key);
}

bool ShadowProxy::start(const ShadowOptions& options, QString* error)
{
    if (m_running) {
        if (error)
            *error = tr("the shadow session is running already");
        return false;
    }
    if (const QString problem = options.validate(); !problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    m_options = options;
    m_shadowKeys.clear();
    for (const ModelConfig& m : std::as_const(m_options.shadows))
        m_shadowKeys.append(m_keys.contains(m.label) ? m_keys.value(m.label)
                                                     : qgetenv(m.apiKeyEnv.toLocal8Bit().constData()));
    if (!m_server.listen(options.address, options.port)) {
        if (error)
            *error = tr("cannot listen on %1:%2: %3")
                         .arg(options.address.toString())
                         .arg(options.port)
                         .arg(m_server.errorString());
        return false;
    }
    m_options.port = m_server.serverPort();
    m_recorder = std::make_unique<LiveRecorder>(m_store);
    if (!m_recorder->begin(m_options, m_prices, error)) {
        m_server.close();
        m_recorder.reset();
        return false;
    }
    connect(m_recorder.get(), &LiveRecorder::recordingFailed, this, &ShadowProxy::stopMirroring);
    m_transport = std::make_unique<CurlTransport>();
    connect(m_transport.get(), &Transport::exchangesFinished, this, &ShadowProxy::onMirrorsFinished);
    m_inFlight = QVector<int>(m_options.shadows.size(), 0);
    m_mirrors.clear();
    m_stats = ShadowStats();
    m_stats.models.append(ShadowModelStats { m_options.primary.label });
    for (const ModelConfig& m : std::as_const(m_options.shadows))
        m_stats.models.append(ShadowModelStats { m.label });
    m_startWall = Clock::system().nowUtc();
    m_startNs = steadyNowNs();
    m_running = true;
    return true;
}

bool ShadowProxy::stop(QString* error)
{
    if (!m_running)
        return true;
    m_running = false;
    m_server.close();
    for (const QPointer<ClientConnection>& c : std::as_const(m_connections)) {
        if (c)
            c->close();
    }
    m_connections.clear();
    if (m_transport) {
        disconnect(m_transport.get(), nullptr, this, nullptr);
        m_transport->cancelAll();
        m_transport.reset();
    }
    m_mirrors.clear();
    const bool ended = m_recorder->end(u"completed"_s, error);
    return ended;
}

quint16 ShadowProxy::port() const
{
    return m_server.serverPort();
}

QString ShadowProxy::url() const
{
    return m_options.listenUrl(port());
}

qint64 ShadowProxy::runId() const
{
    return m_recorder ? m_recorder->runId() : 0;
}

void ShadowProxy::onNewConnection()
{
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_connections.removeAll(nullptr);
        m_connections.append(new ClientConnection(this, socket));
    }
}

QDateTime ShadowProxy::wallTimeAt(std::int64_t steadyNs) const
{
    return m_startWall.addMSecs((steadyNs - m_startNs) / 1000000);
}

int ShadowProxy::captured(const Prompt& prompt, const QJsonObject& body, std::int64_t primarySentNs)
{
    if (!m_running)
        return 0; // the session is stopping: nothing more is recorded or mirrored
    ++m_stats.chatRequests;
    ++m_stats.models[0].sent;
    const int capture = m_recorder->capture(prompt);
    emit statsChanged();
    if (m_stats.mirroring && m_options.maxShadowUsd && m_stats.shadowSpendUsd >= *m_options.maxShadowUsd)
        stopMirroring(spendLimitReached());
    if (!m_stats.mirroring) {
        m_stats.skippedSpend += m_options.shadows.size(); // mirrors, as skippedCap counts
        return capture;
    }
    if (m_options.sample < 1 && QRandomGenerator::global()->generateDouble() >= m_options.sample) {
        ++m_stats.skippedSample;
        return capture;
    }
    QVector<HttpRequest> requests;
    for (int i = 0; i < m_options.shadows.size(); ++i) {
        if (m_inFlight[i] >= m_options.shadowConcurrency) {
            ++m_stats.skippedCap;
            continue;
        }
        const ModelConfig& m = m_options.shadows.at(i);
        QJsonObject mirrored = body;
        mirrored.insert(u"model"_s, m.modelId);
        const bool stream = body.value(u"stream"_s).toBool();
        if (stream) {
            // The candidate's usage is what its cost is known by: asked for whatever the client asked.
            QJsonObject streamOptions = mirrored.value(u"stream_options"_s).toObject();
            streamOptions.insert(u"include_usage"_s, true);
            mirrored.insert(u"stream_options"_s, streamOptions);
        }
        HttpRequest r;
        r.tag = ++m_nextTag;
        r.url = m.chatCompletionsUrl();
        r.body = QJsonDocument(mirrored).toJson(QJsonDocument::Compact);
        r.bearerToken = m_shadowKeys.value(i);
        r.stream = stream;
        r.http2PriorKnowledge = m.http2 == ModelConfig::Http2::PriorKnowledge;
        r.timeoutMs = m_options.timeoutMs;
        m_mirrors.insert(r.tag, Mirror { i + 1, capture, primarySentNs });
        ++m_inFlight[i];
        ++m_stats.models[i + 1].sent;
        requests.append(std::move(r));
    }
    if (!requests.isEmpty()) {
        ++m_stats.mirrored;
        m_transport->submit(std::move(requests));
    }
    return capture;
}

void ShadowProxy::primaryFinished(int capture, const HttpExchange& exchange, const QByteArray& clientBearer)
{
    if (!m_running)
        return;
    AttemptRow row;
    row.queueWaitMs = 0;
    measureAttempt(row, exchange,
                   AttemptModel { m_options.primary.modelId, m_recorder->priceBook(0), m_recorder->maxUsageTokens(0),
                                  clientBearer },
                   wallTimeAt(exchange.sentNs ? exchange.sentNs : exchange.doneNs));
    redactOutcome(row.outcome, m_options);
    ShadowModelStats& s = m_stats.models[0];
    ++(row.outcome.ok() ? s.answered : s.errors);
    s.costUsd += row.costUsd.value_or(0);
    m_recorder->record(capture, 0, std::move(row));
    emit statsChanged();
}

void ShadowProxy::onMirrorsFinished(const QVector<HttpExchange>& exchanges)
{
    for (const HttpExchange& ex : exchanges) {
        const auto it = m_mirrors.constFind(ex.tag);
        if (it == m_mirrors.cend())
            continue;
        const Mirror mirror = *it;
        m_mirrors.erase(it);
        const int i = mirror.model - 1;
        --m_inFlight[i];
        const ModelConfig& m = m_options.shadows.at(i);
        AttemptRow row;
        const std::int64_t sentNs = ex.sentNs ? ex.sentNs : ex.doneNs;
        row.queueWaitMs = double(std::max<std::int64_t>(sentNs - mirror.primarySentNs, 0)) / 1e6;
        measureAttempt(row, ex,
                       AttemptModel { m.modelId, m_recorder->priceBook(mirror.model),
                                      m_recorder->maxUsageTokens(mirror.model), m_shadowKeys.value(i) },
                       wallTimeAt(sentNs));
        redactOutcome(row.outcome, m_options);
        ShadowModelStats& s = m_stats.models[mirror.model];
        ++(row.outcome.ok() ? s.answered : s.errors);
        s.costUsd += row.costUsd.value_or(0);
        m_stats.shadowSpendUsd += row.costUsd.value_or(0);
        m_recorder->record(mirror.capture, mirror.model, std::move(row));
    }
    if (m_options.maxShadowUsd && m_stats.mirroring && m_stats.shadowSpendUsd >= *m_options.maxShadowUsd)
        stopMirroring(spendLimitReached());
    emit statsChanged();
}

QString ShadowProxy::spendLimitReached() const
{
    return tr("mirroring stopped: the candidates have cost $%1, the limit is $%2 (--max-shadow-usd); requests still "
              "go to the primary and are recorded")
        .arg(m_stats.shadowSpendUsd, 0, 'f', 4)
        .arg(*m_options.maxShadowUsd, 0, 'f', 4);
}

void ShadowProxy::stopMirroring(const QString& why)
{
    if (!m_stats.mirroring)
        return;
    m_stats.mirroring = false;
    m_stats.mirroringStoppedBecause = why;
    emit mirroringStopped(why);
    emit statsChanged();
}

} // namespace tierlens
