#include "SimServer.h"

#include "AnswerEngine.h"
#include "ChatRequest.h"
#include "SimConnection.h"
#include "SimExchange.h"
#include "SimHttp2Connection.h"
#include "TokenText.h"
#include "http/HttpRequestParser.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QTcpSocket>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

QByteArray jsonBytes(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

void respondError(SimResponder* responder, const SimError& e, bool keepAlive,
                  const QByteArray& extraHeaders = QByteArray())
{
    responder->respond(e.status, "application/json"_ba, e.body(), keepAlive, extraHeaders);
}

SimError makeError(int status, const QString& message, const QString& type, const QString& code)
{
    SimError e;
    e.status = status;
    e.message = message;
    e.type = type;
    e.code = code;
    return e;
}

} // namespace

SimServer::SimServer(SimConfig config, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
{
    // Thousands of clients connect at once in the benchmarks; the kernel queue must not drop them.
    m_server.setListenBacklogSize(4096);
    m_server.setMaxPendingConnections(100000);
    connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, &SimServer::onNewConnection);
}

SimServer::~SimServer()
{
    // Connections reach back into the stats when they go: delete them while the members still exist.
    qDeleteAll(findChildren<SimConnection*>(Qt::FindDirectChildrenOnly));
    qDeleteAll(findChildren<SimHttp2Connection*>(Qt::FindDirectChildrenOnly));
}

bool SimServer::listen(const QHostAddress& host, quint16 port)
{
    return m_server.listen(host, port);
}

void SimServer::close()
{
    m_server.close();
}

QString SimServer::errorString() const
{
    return m_server.errorString();
}

quint16 SimServer::port() const
{
    return m_server.serverPort();
}

QUrl SimServer::serverUrl() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    QHostAddress address = m_server.serverAddress();
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4)
        address = QHostAddress::LocalHost;
    else if (address == QHostAddress::AnyIPv6)
        address = QHostAddress::LocalHostIPv6;
    url.setHost(address.toString());
    url.setPort(m_server.serverPort());
    return url;
}

QJsonObject SimServer::stats() const
{
    return m_stats.toJson();
}

void SimServer::resetStats()
{
    m_stats.reset();
}

void SimServer::onNewConnection()
{
    while (QTcpSocket* socket = m_server.nextPendingConnection())
        new SimConnection(this, socket);
}

bool SimServer::authorised(const IncomingRequest& request) const
{
    if (m_config.apiKey.isEmpty())
        return true;
    return request.header("authorization") == "Bearer "_ba + m_config.apiKey.toUtf8();
}

void SimServer::log(const IncomingRequest& request, int status, const QString& detail) const
{
    if (!m_config.logRequests)
        return;
    const QByteArray line
        = request.method + ' ' + request.path + " -> "_ba + QByteArray::number(status) + ' ' + detail.toUtf8() + '\n';
    std::fputs(line.constData(), stderr);
}

void SimServer::handle(SimResponder* responder, const IncomingRequest& request)
{
    m_stats.countHttpRequest(responder->isHttp2());
    const QByteArray& path = request.path;
    const bool keepAlive = request.keepAlive;
    const bool isChat = path == "/chat/completions" || path == "/v1/chat/completions";
    const bool isModels = path == "/models" || path == "/v1/models";
    if ((isChat || isModels) && !authorised(request)) {
        m_stats.countUnauthorized();
        const QByteArray key = request.header("authorization").mid(7);
        const SimError e = makeError(
            401, u"Authentication Fails, Your api key: ****%1 is invalid"_s.arg(QString::fromUtf8(key.right(4))),
            u"authentication_error"_s, u"invalid_request_error"_s);
        log(request, 401, {});
        respondError(responder, e, keepAlive);
        return;
    }
    if (isChat && request.method == "POST") {
        handleChat(responder, request);
        return;
    }
    QByteArray body;
    int status = 200;
    if (isModels && request.method == "GET") {
        QJsonArray data;
        for (const char* id :
             { "deepseek-v4-flash", "deepseek-v4-pro", "deepseek-flash", "deepseek-chat", "deepseek-reasoner" }) {
            data.append(QJsonObject {
                { u"id"_s, QString::fromLatin1(id) }, { u"object"_s, u"model"_s }, { u"owned_by"_s, u"deepseek"_s } });
        }
        body = jsonBytes(QJsonObject { { u"object"_s, u"list"_s }, { u"data"_s, data } });
    } else if (path == "/stats" && request.method == "GET") {
        body = jsonBytes(m_stats.toJson());
    } else if (path == "/stats/reset" && request.method == "POST") {
        m_stats.reset();
        body = jsonBytes(QJsonObject { { u"ok"_s, true } });
    } else if (path == "/stats/prompts" && request.method == "GET") {
        body = jsonBytes(m_stats.promptsJson());
    } else if (path == "/faults" && request.method == "GET") {
        body = jsonBytes(faultsJson());
    } else if (path == "/faults" && request.method == "POST") {
        const QString error = setFaults(request.body);
        if (error.isEmpty()) {
            body = jsonBytes(faultsJson());
        } else {
            status = 400;
            body = makeError(400, error, u"invalid_request_error"_s, u"invalid_request_error"_s).body();
        }
    } else {
        const bool known = isChat || isModels || path == "/stats" || path == "/stats/reset" || path == "/stats/prompts"
            || path == "/faults";
        status = known ? 405 : 404;
        body = makeError(status, known ? u"Method Not Allowed"_s : u"Not Found"_s, u"invalid_request_error"_s,
                         u"invalid_request_error"_s)
                   .body();
    }
    log(request, status, {});
    responder->respond(status, "application/json"_ba, body, keepAlive);
}

QJsonObject SimServer::faultsJson() const
{
    QJsonObject out;
    for (auto it = m_config.profiles.begin(); it != m_config.profiles.end(); ++it)
        out.insert(it.key(), it->fault.toSpec());
    return out;
}

QString SimServer::setFaults(const QByteArray& body)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return tr("/faults expects a JSON object of model id -> fault spec");
    QJsonObject overrides;
    const QJsonObject specs = doc.object();
    for (auto it = specs.begin(); it != specs.end(); ++it)
        overrides.insert(it.key(), QJsonObject { { u"fault"_s, it.value() } });
    // On a copy: a bad entry leaves every profile as it was.
    QMap<QString, ModelProfile> profiles = m_config.profiles;
    const QString error = applyProfileOverrides(profiles, overrides, u"/faults"_s);
    if (!error.isEmpty())
        return error;
    m_config.profiles = profiles;
    for (auto& [name, state] : m_models)
        state.faultBurstLeft = 0;
    return {};
}

void SimServer::handleChat(SimResponder* responder, const IncomingRequest& request)
{
    const bool keepAlive = request.keepAlive;
    ChatRequest chat;
    if (const auto error = ChatRequest::parse(request.body, &chat)) {
        m_stats.countBadRequest();
        log(request, error->status, error->message);
        respondError(responder, *error, keepAlive);
        return;
    }
    const ModelProfile profile = m_config.profiles.value(chat.profile);
    SimFault fault = profile.fault;
    if (const QByteArray spec = request.header("x-sim-fault"); !spec.isEmpty()) {
        // One request's own fault, for tests that talk to the server directly.
        if (const QString error = SimFault::parse(QString::fromUtf8(spec), &fault); !error.isEmpty()) {
            m_stats.countBadRequest();
            log(request, 400, error);
            respondError(
                responder,
                makeError(400, u"X-Sim-Fault: "_s + error, u"invalid_request_error"_s, u"invalid_request_error"_s),
                keepAlive);
            return;
        }
    }
    ModelStats& stats = m_stats.model(chat.profile);
    ModelState& state = m_models[chat.profile];
    ++stats.requests;
    if (responder->isHttp2())
        ++stats.http2Requests;
    if (stats.promptRequests.size() > 1'000'000)
        stats.promptRequests.clear(); // bounded memory; only long soak runs ever get here
    ++stats.promptRequests[chat.lastUserText];
    if (stats.inFlight >= profile.concurrencyLimit) {
        ++stats.rejected429;
        // Every other rejection carries Retry-After so clients exercise both of their paths.
        const QByteArray retry = (m_rejections++ % 2 == 1) ? "Retry-After: 1\r\n"_ba : QByteArray();
        const SimError e
            = makeError(429, u"Rate limit reached: too many concurrent requests for %1"_s.arg(chat.profile),
                        u"rate_limit_error"_s, u"rate_limit_exceeded"_s);
        log(request, 429, chat.profile + u" concurrency"_s);
        respondError(responder, e, keepAlive, retry);
        return;
    }
    const quint64 modelHash = SimRandom::hash(chat.profile, m_config.seed);
    const quint64 requestIndex = state.requestIndex++;
    SimRandom faults(SimRandom::combine(modelHash, requestIndex ^ 0xe77e77ULL));
    bool cut = false;
    if (profile.errorRate > 0 && faults.uniform() < profile.errorRate) {
        const int kind = faults.bounded(chat.stream ? 4 : 3);
        static const char* const names[] = { "500", "503", "429", "stream_cut" };
        ++stats.errorsInjected[QString::fromLatin1(names[kind])];
        if (kind == 3) {
            cut = true;
        } else {
            const SimError e = kind == 0 ? makeError(500, u"Internal server error"_s, u"api_error"_s, u"server_error"_s)
                : kind == 1
                ? makeError(503, u"Server overloaded, please try again later."_s, u"api_error"_s,
                            u"server_overloaded"_s)
                : makeError(429, u"Rate limit reached for requests"_s, u"rate_limit_error"_s, u"rate_limit_exceeded"_s);
            log(request, e.status, chat.profile + u" injected"_s);
            respondError(responder, e, keepAlive, kind == 2 ? "Retry-After: 1\r\n"_ba : QByteArray());
            return;
        }
    }
    bool faulted = false;
    if (!cut && fault.active()) {
        if (state.faultBurstLeft > 0) {
            --state.faultBurstLeft;
            faulted = true;
        } else if (faults.uniform() < fault.rate) {
            state.faultBurstLeft = fault.burst - 1;
            faulted = true;
        }
        // A malformed event needs a stream to be malformed in.
        if (fault.mode == SimFault::Mode::BadSse && !chat.stream)
            faulted = false;
    }
    if (faulted)
        ++stats.faultsInjected[fault.name()];
    if (faulted && (fault.mode == SimFault::Mode::RateLimit || fault.mode == SimFault::Mode::RateLimitBare)) {
        ++stats.rejected429;
        QByteArray retry;
        if (fault.mode == SimFault::Mode::RateLimit) {
            // Whole seconds as RFC 9110 has them; a scaled-down wait needs the fraction the client also reads.
            const double seconds = fault.retryAfterMs * m_config.timeScale / 1000.0;
            const QByteArray value = seconds == std::floor(seconds) ? QByteArray::number(qint64(seconds))
                                                                    : QByteArray::number(seconds, 'f', 3);
            retry = "Retry-After: "_ba + value + "\r\n"_ba;
        }
        const SimError e
            = makeError(429, u"Rate limit reached for requests"_s, u"rate_limit_error"_s, u"rate_limit_exceeded"_s);
        log(request, 429, chat.profile + u" fault "_s + fault.name());
        respondError(responder, e, keepAlive, retry);
        return;
    }
    if (faulted && fault.mode == SimFault::Mode::ServerError) {
        const SimError e = faults.bounded(2) == 0
            ? makeError(500, u"Internal server error"_s, u"api_error"_s, u"server_error"_s)
            : makeError(503, u"Server overloaded, please try again later."_s, u"api_error"_s, u"server_overloaded"_s);
        log(request, e.status, chat.profile + u" fault "_s + fault.name());
        respondError(responder, e, keepAlive);
        return;
    }

    const quint64 promptHash = SimRandom::hash(QByteArrayView(chat.promptBytes));
    const int seen = state.seen[promptHash]++;
    if (state.seen.size() > 1'000'000)
        state.seen.clear(); // bounded memory; only long soak runs ever get here
    const quint64 seed = SimRandom::combine(modelHash, SimRandom::combine(promptHash, static_cast<quint64>(seen)));
    const SimAnswer answer = AnswerEngine::answer(chat, profile, seed);
    SimRandom rng(SimRandom::combine(seed, 0x7157ULL));

    ExchangePlan plan;
    plan.profile = chat.profile;
    plan.id = u"%1-%2"_s.arg(seed, 16, 16, QChar(u'0')).arg(++m_exchangeCounter);
    plan.model = chat.requestedModel;
    plan.created = QDateTime::currentSecsSinceEpoch();
    plan.stream = chat.stream;
    plan.includeUsage = chat.stream && chat.includeUsage;
    plan.thinking = chat.thinking;
    plan.keepAlive = keepAlive;
    if (chat.thinking) {
        const double mean = profile.reasoningTokens * (chat.maxEffort ? 1.6 : 1.0);
        const int tokens = qMax(1, static_cast<int>(std::lround(mean * rng.jitter(0.3))));
        for (const QString& p : AnswerEngine::reasoningPieces(answer, tokens, rng.next()))
            plan.pieces.append({ ExchangePlan::PieceKind::Reasoning, 0, p });
    }
    for (const QString& p : TokenText::pieces(answer.content))
        plan.pieces.append({ ExchangePlan::PieceKind::Content, 0, p });
    plan.toolCalls = answer.toolCalls;
    for (int i = 0; i < answer.toolCalls.size(); ++i) {
        plan.pieces.append({ ExchangePlan::PieceKind::ToolHead, i, QString() });
        for (const QString& p : TokenText::pieces(answer.toolCalls.at(i).arguments))
            plan.pieces.append({ ExchangePlan::PieceKind::ToolArgs, i, p });
    }
    plan.finishReason = answer.toolCalls.isEmpty() ? u"stop"_s : u"tool_calls"_s;
    if (faulted && fault.mode == SimFault::Mode::Oversized) {
        // The answer rambles on: its own text again and again, before any tool call.
        qsizetype at = 0;
        while (at < plan.pieces.size() && plan.pieces.at(at).kind != ExchangePlan::PieceKind::ToolHead)
            ++at;
        QStringList filler = TokenText::pieces(answer.content);
        if (filler.isEmpty())
            filler = TokenText::pieces(u" And there is more to say."_s);
        QVector<ExchangePlan::Piece> padding;
        for (qsizetype i = 0; plan.pieces.size() + padding.size() < fault.tokens; ++i)
            padding.append({ ExchangePlan::PieceKind::Content, 0, filler.at(i % filler.size()) });
        plan.pieces.insert(at, padding.size(), ExchangePlan::Piece());
        std::copy(padding.cbegin(), padding.cend(), plan.pieces.begin() + at);
    }
    if (plan.pieces.size() > chat.maxTokens) {
        plan.pieces.resize(chat.maxTokens);
        plan.finishReason = u"length"_s;
    }
    for (const ExchangePlan::Piece& p : plan.pieces)
        plan.reasoningTokens += p.kind == ExchangePlan::PieceKind::Reasoning ? 1 : 0;
    plan.promptTokens = TokenText::promptTokens(chat.promptBytes);
    plan.cacheHitTokens = qMin(plan.promptTokens, state.cache.lookupAndInsert(chat.promptBytes));

    const double scale = m_config.timeScale;
    plan.queueNs = static_cast<qint64>(profile.queueDelayMs * scale * 1e6);
    plan.firstTokenNs = plan.queueNs + static_cast<qint64>(profile.ttftMs * rng.jitter(0.1) * scale * 1e6);
    plan.intervalNs = static_cast<qint64>(1e9 / profile.tokensPerSecond * scale);
    plan.keepaliveNs = static_cast<qint64>(m_config.keepaliveMs * scale * 1e6);
    if (cut)
        plan.cutAfter = plan.pieces.size() > 1 ? 1 + rng.bounded(static_cast<int>(plan.pieces.size()) - 1) : 0;
    const int pieceCount = static_cast<int>(plan.pieces.size());
    // Somewhere after the first token and before the last: mid-stream.
    const int midStream = pieceCount > 1 ? 1 + rng.bounded(pieceCount - 1) : 0;
    if (faulted) {
        plan.fault = fault.mode;
        switch (fault.mode) {
        case SimFault::Mode::Reset:
            plan.resetAfter = chat.stream ? midStream : 0;
            break;
        case SimFault::Mode::Cut:
            // One cut in four comes after the usage chunk: a client must not take usage for [DONE].
            plan.cutAfter = !chat.stream ? 0 : rng.bounded(4) == 0 ? pieceCount : rng.bounded(qMax(1, pieceCount));
            break;
        case SimFault::Mode::BadSse:
        case SimFault::Mode::BadJson:
            if (chat.stream)
                plan.corruptAt = rng.bounded(qMax(1, pieceCount));
            else
                plan.corruptBody = true;
            break;
        case SimFault::Mode::KeepaliveWait:
            plan.queueNs += static_cast<qint64>(fault.waitMs * scale * 1e6);
            plan.firstTokenNs += static_cast<qint64>(fault.waitMs * scale * 1e6);
            break;
        case SimFault::Mode::SlowDrip:
            plan.intervalNs = static_cast<qint64>(fault.dripMs * scale * 1e6);
            plan.splitEvents = chat.stream;
            break;
        default:
            break;
        }
    }
    plan.extraHeaders = "X-Sim-Ttft-Ms: "_ba + QByteArray::number(plan.firstTokenNs / 1e6, 'f', 3)
        + "\r\nX-Sim-Family: "_ba + (answer.family.isEmpty() ? "none"_ba : answer.family.toUtf8())
        + "\r\nX-Sim-Category: "_ba + answer.category.toUtf8() + "\r\n"_ba;

    ++stats.inFlight;
    stats.maxInFlight = qMax(stats.maxInFlight, stats.inFlight);
    log(request, 200,
        u"%1 %2 family=%3 ttft_ms=%4 tokens=%5"_s
            .arg(chat.profile, chat.stream ? u"stream"_s : u"json"_s,
                 answer.family.isEmpty() ? u"none"_s : answer.family)
            .arg(plan.firstTokenNs / 1e6, 0, 'f', 1)
            .arg(plan.pieces.size()));
    auto* exchange = new SimExchange(this, responder, std::move(plan), nowNs());
    responder->attach(exchange);
}

void SimServer::exchangeEnded(const SimExchange* exchange, Outcome outcome)
{
    const ExchangePlan& plan = exchange->plan();
    ModelStats& stats = m_stats.model(plan.profile);
    --stats.inFlight;
    stats.completionTokensSent += exchange->tokensSent();
    if (outcome == Outcome::Cancelled) {
        ++stats.cancelled;
        return;
    }
    if (outcome == Outcome::Complete)
        ++stats.ok;
}

void SimServer::billed(const SimExchange* exchange)
{
    const ExchangePlan& plan = exchange->plan();
    ModelStats& stats = m_stats.model(plan.profile);
    ++stats.billed;
    const qint64 completion = plan.pieces.size();
    stats.promptTokens += plan.promptTokens;
    stats.completionTokens += completion;
    stats.cacheHitTokens += plan.cacheHitTokens;
    stats.cacheMissTokens += plan.promptTokens - plan.cacheHitTokens;
    stats.reasoningTokens += plan.reasoningTokens;
}

} // namespace tierlens
