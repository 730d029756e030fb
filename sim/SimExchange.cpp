#include "SimExchange.h"

#include "SimResponder.h"
#include "SimServer.h"
#include "TokenText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimerEvent>

#include <chrono>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

// Tokens after the first go out in batches on this tick: bounds CPU with thousands of streams.
constexpr qint64 kTickNs = 15'000'000;

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

QByteArray jsonString(const QString& s)
{
    QByteArray out;
    TokenText::appendJsonString(out, s);
    return out;
}

} // namespace

SimExchange::SimExchange(SimServer* server, SimResponder* responder, ExchangePlan plan, qint64 startNs, QObject* parent)
    : QObject(parent)
    , m_server(server)
    , m_responder(responder)
    , m_plan(std::move(plan))
    , m_startNs(startNs)
{
    m_chunkPrefix = "{\"id\":"_ba + jsonString(m_plan.id) + ",\"object\":\"chat.completion.chunk\",\"created\":"_ba
        + QByteArray::number(m_plan.created) + ",\"model\":"_ba + jsonString(m_plan.model)
        + ",\"system_fingerprint\":\"fp_sim_v4\",\"choices\":["_ba;
}

SimExchange::~SimExchange()
{
    cancel();
}

void SimExchange::start()
{
    const bool brokenBody = m_plan.resetAfter >= 0 || m_plan.cutAfter >= 0;
    if (m_plan.stream || m_plan.queueNs > 0 || brokenBody) {
        // Headers go out at once so the client can tell "accepted and waiting" from "not answered".
        m_chunked = true;
        m_headersSent = true;
        const QByteArray type = m_plan.stream ? "text/event-stream; charset=utf-8"_ba : "application/json"_ba;
        m_responder->writeHead(200, type, m_plan.keepAlive, m_plan.extraHeaders);
    }
    m_nextKeepaliveNs = m_startNs + qMax<qint64>(m_plan.keepaliveNs, 1'000'000);
    step();
}

void SimExchange::cancel()
{
    if (m_done)
        return;
    m_done = true;
    if (m_timerId)
        killTimer(m_timerId);
    m_timerId = 0;
    m_server->exchangeEnded(this, SimServer::Outcome::Cancelled);
}

void SimExchange::timerEvent(QTimerEvent* event)
{
    if (event->timerId() != m_timerId)
        return;
    killTimer(m_timerId);
    m_timerId = 0;
    step();
}

void SimExchange::schedule(qint64 dueNs, bool precise)
{
    const qint64 waitNs = qMax<qint64>(0, dueNs - nowNs());
    const int ms = static_cast<int>((waitNs + 999'999) / 1'000'000);
    m_timerId = startTimer(std::chrono::milliseconds(ms), precise ? Qt::PreciseTimer : Qt::CoarseTimer);
}

void SimExchange::step()
{
    if (m_done)
        return;
    const qint64 now = nowNs();
    if (!m_pendingTail.isEmpty()) {
        m_responder->writeData(m_pendingTail);
        m_pendingTail.clear();
    }
    const qint64 queueEnd = m_startNs + m_plan.queueNs;
    while (m_plan.queueNs > 0 && m_nextKeepaliveNs <= now && m_nextKeepaliveNs < queueEnd) {
        m_responder->writeData(m_plan.stream ? ": keep-alive\n\n"_ba : "\n"_ba);
        m_nextKeepaliveNs += qMax<qint64>(m_plan.keepaliveNs, 1'000'000);
    }
    const qint64 first = m_startNs + m_plan.firstTokenNs;
    const int n = static_cast<int>(m_plan.pieces.size());
    const qint64 last = first + qMax(0, n - 1) * m_plan.intervalNs;
    qint64 due = last;
    if (m_plan.stream) {
        if (now >= first) {
            if (!m_roleSent) {
                m_roleSent = true;
                m_responder->writeData(sseEvent(m_plan.thinking
                                                    ? R"({"role":"assistant","content":null,"reasoning_content":""})"_ba
                                                    : R"({"role":"assistant","content":""})"_ba,
                                                {}, false));
            }
            while (m_pendingTail.isEmpty() && m_next < n && first + m_next * m_plan.intervalNs <= now) {
                if (m_next == m_plan.cutAfter) {
                    endAbruptly(Ending::Close);
                    return;
                }
                if (m_next == m_plan.resetAfter) {
                    endAbruptly(Ending::Reset);
                    return;
                }
                QByteArray event = sseEvent(deltaFor(m_plan.pieces.at(m_next)), {}, false);
                if (m_next == m_plan.corruptAt)
                    event = corrupted(event);
                ++m_next;
                ++m_tokensSent;
                if (m_plan.splitEvents) {
                    // Half now, half later: the client sees an event arrive in pieces.
                    const qsizetype half = event.size() / 2;
                    m_responder->writeData(event.first(half));
                    m_pendingTail = event.sliced(half);
                } else {
                    m_responder->writeData(event);
                }
            }
            if (m_next >= n && m_pendingTail.isEmpty()) {
                if (m_plan.includeUsage) {
                    m_responder->writeData(sseEvent("{}"_ba, m_plan.finishReason.toUtf8(), false));
                    m_responder->writeData("data: "_ba + m_chunkPrefix + "],\"usage\":"_ba + usageJson() + "}\n\n"_ba);
                } else {
                    m_responder->writeData(sseEvent("{}"_ba, m_plan.finishReason.toUtf8(), true));
                }
                m_server->billed(this);
                if (m_plan.cutAfter == n) {
                    // The usage went out, [DONE] never does.
                    endAbruptly(Ending::Close);
                    return;
                }
                m_responder->writeData("data: [DONE]\n\n"_ba);
                m_responder->writeEnd();
                m_responder->flush();
                finish(true, m_plan.keepAlive ? Ending::KeepOpen : Ending::Close);
                return;
            }
            if (!m_pendingTail.isEmpty())
                due = now + qMax<qint64>(m_plan.intervalNs / 2, 1'000'000);
            else if (m_plan.splitEvents)
                due = qMax(first + m_next * m_plan.intervalNs, now + 1'000'000);
            else
                due = qMax(first + m_next * m_plan.intervalNs, now + kTickNs);
        } else {
            due = first;
        }
    } else if (now >= last) {
        QByteArray body = nonStreamingBody();
        if (m_plan.resetAfter >= 0 || m_plan.cutAfter >= 0) {
            // Half of the body, then the connection goes.
            m_responder->writeData(body.first(body.size() / 2));
            endAbruptly(m_plan.resetAfter >= 0 ? Ending::Reset : Ending::Close);
            return;
        }
        if (m_plan.corruptBody) {
            body.truncate(body.size() / 2); // well framed, but the JSON stops half way, before the usage
        } else {
            m_tokensSent = n;
            m_server->billed(this);
        }
        if (m_chunked) {
            m_responder->writeData(body);
            m_responder->writeEnd();
        } else {
            m_responder->writeWhole(200, "application/json"_ba, body, m_plan.keepAlive, m_plan.extraHeaders);
        }
        m_responder->flush();
        finish(true, m_plan.keepAlive ? Ending::KeepOpen : Ending::Close);
        return;
    }
    m_responder->flush();
    const bool keepalivePending = m_plan.queueNs > 0 && m_nextKeepaliveNs < queueEnd;
    if (keepalivePending && m_nextKeepaliveNs < due)
        schedule(m_nextKeepaliveNs, false);
    else
        schedule(due, !m_roleSent || m_plan.splitEvents);
}

QByteArray SimExchange::corrupted(const QByteArray& event) const
{
    if (m_plan.fault == SimFault::Mode::BadSse) {
        // No blank line after it: this event and the next become one with two JSON objects in its data.
        return event.chopped(1);
    }
    // BadJson: the payload stops in the middle of its JSON object; the event itself is well framed.
    const qsizetype jsonStart = 6; // after "data: "
    const qsizetype jsonSize = event.size() - jsonStart - 2;
    return event.first(jsonStart + jsonSize / 2) + "\n\n"_ba;
}

void SimExchange::endAbruptly(Ending ending)
{
    m_responder->flush();
    finish(false, ending);
}

QByteArray SimExchange::sseEvent(const QByteArray& delta, const QByteArray& finishReason, bool withUsage) const
{
    QByteArray e;
    e.reserve(m_chunkPrefix.size() + delta.size() + 96);
    e += "data: "_ba + m_chunkPrefix + "{\"index\":0,\"delta\":"_ba + delta
        + ",\"logprobs\":null,\"finish_reason\":"_ba;
    e += finishReason.isEmpty() ? "null"_ba : '"' + finishReason + '"';
    e += "}]";
    if (m_plan.includeUsage)
        e += ",\"usage\":null";
    else if (withUsage)
        e += ",\"usage\":"_ba + usageJson();
    e += "}\n\n";
    return e;
}

QByteArray SimExchange::deltaFor(const ExchangePlan::Piece& piece) const
{
    QByteArray d;
    switch (piece.kind) {
    case ExchangePlan::PieceKind::Reasoning:
        d = "{\"content\":null,\"reasoning_content\":";
        TokenText::appendJsonString(d, piece.text);
        break;
    case ExchangePlan::PieceKind::Content:
        d = "{\"content\":";
        TokenText::appendJsonString(d, piece.text);
        if (m_plan.thinking)
            d += ",\"reasoning_content\":null";
        break;
    case ExchangePlan::PieceKind::ToolHead: {
        const SimToolCall& call = m_plan.toolCalls.at(piece.tool);
        d = "{\"tool_calls\":[{\"index\":"_ba + QByteArray::number(piece.tool) + ",\"id\":"_ba + jsonString(call.id)
            + ",\"type\":\"function\",\"function\":{\"name\":"_ba + jsonString(call.name) + ",\"arguments\":\"\"}}]"_ba;
        break;
    }
    case ExchangePlan::PieceKind::ToolArgs:
        d = "{\"tool_calls\":[{\"index\":"_ba + QByteArray::number(piece.tool) + ",\"function\":{\"arguments\":"_ba;
        TokenText::appendJsonString(d, piece.text);
        d += "}}]";
        break;
    }
    d += '}';
    return d;
}

QByteArray SimExchange::usageJson() const
{
    const int completion = static_cast<int>(m_plan.pieces.size());
    const int hit = m_plan.cacheHitTokens;
    const int prompt = m_plan.promptTokens;
    return "{\"prompt_tokens\":"_ba + QByteArray::number(prompt) + ",\"completion_tokens\":"_ba
        + QByteArray::number(completion) + ",\"total_tokens\":"_ba + QByteArray::number(prompt + completion)
        + ",\"prompt_tokens_details\":{\"cached_tokens\":"_ba + QByteArray::number(hit)
        + "},\"completion_tokens_details\":{\"reasoning_tokens\":"_ba + QByteArray::number(m_plan.reasoningTokens)
        + "},\"prompt_cache_hit_tokens\":"_ba + QByteArray::number(hit) + ",\"prompt_cache_miss_tokens\":"_ba
        + QByteArray::number(prompt - hit) + '}';
}

QByteArray SimExchange::nonStreamingBody() const
{
    QString reasoning;
    QString content;
    QVector<QString> args(m_plan.toolCalls.size());
    QVector<bool> started(m_plan.toolCalls.size(), false);
    for (const ExchangePlan::Piece& p : m_plan.pieces) {
        switch (p.kind) {
        case ExchangePlan::PieceKind::Reasoning:
            reasoning += p.text;
            break;
        case ExchangePlan::PieceKind::Content:
            content += p.text;
            break;
        case ExchangePlan::PieceKind::ToolHead:
            started[p.tool] = true;
            break;
        case ExchangePlan::PieceKind::ToolArgs:
            args[p.tool] += p.text;
            break;
        }
    }
    QJsonObject message { { u"role"_s, u"assistant"_s }, { u"content"_s, content } };
    if (m_plan.thinking)
        message.insert(u"reasoning_content"_s, reasoning);
    QJsonArray calls;
    for (int i = 0; i < m_plan.toolCalls.size(); ++i) {
        if (!started[i])
            continue;
        const SimToolCall& c = m_plan.toolCalls.at(i);
        calls.append(
            QJsonObject { { u"index"_s, i },
                          { u"id"_s, c.id },
                          { u"type"_s, u"function"_s },
                          { u"function"_s, QJsonObject { { u"name"_s, c.name }, { u"arguments"_s, args[i] } } } });
    }
    if (!calls.isEmpty())
        message.insert(u"tool_calls"_s, calls);
    const QJsonObject choice { { u"index"_s, 0 },
                               { u"message"_s, message },
                               { u"logprobs"_s, QJsonValue() },
                               { u"finish_reason"_s, m_plan.finishReason } };
    const QJsonObject root { { u"id"_s, m_plan.id },
                             { u"object"_s, u"chat.completion"_s },
                             { u"created"_s, m_plan.created },
                             { u"model"_s, m_plan.model },
                             { u"choices"_s, QJsonArray { choice } },
                             { u"usage"_s, QJsonDocument::fromJson(usageJson()).object() },
                             { u"system_fingerprint"_s, u"fp_sim_v4"_s } };
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

void SimExchange::finish(bool complete, Ending ending)
{
    m_done = true;
    if (m_timerId)
        killTimer(m_timerId);
    m_timerId = 0;
    m_server->exchangeEnded(this, complete ? SimServer::Outcome::Complete : SimServer::Outcome::Cut);
    emit finished(ending);
}

} // namespace tierlens
