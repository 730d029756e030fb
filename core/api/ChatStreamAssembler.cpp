#include "ChatStreamAssembler.h"

#include "ChatResponseParser.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <simdjson.h>

#include <algorithm>
#include <string_view>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {
using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

enum class Field { Absent, Ok, WrongType };

// A string member; JSON null counts as absent because DeepSeek sends "content": null beside tool calls.
Field stringField(const object& o, std::string_view key, std::string_view& out)
{
    element e;
    if (o[key].get(e) != simdjson::SUCCESS || e.is_null())
        return Field::Absent;
    return e.get_string().get(out) == simdjson::SUCCESS ? Field::Ok : Field::WrongType;
}

QByteArrayView view(std::string_view s)
{
    return QByteArrayView(s.data(), qsizetype(s.size()));
}

QString payloadStart(QByteArrayView payload)
{
    constexpr qsizetype limit = 80;
    QString text = QString::fromUtf8(payload.first(std::min(limit, payload.size())));
    if (payload.size() > limit)
        text += u"..."_s;
    return text;
}
} // namespace

ChatStreamAssembler::ChatStreamAssembler()
    : m_json(std::make_unique<simdjson::dom::parser>())
{ }

ChatStreamAssembler::~ChatStreamAssembler() = default;

ChatStreamAssembler::Progress ChatStreamAssembler::feed(const char* data, qsizetype size)
{
    m_progress = Progress();
    m_sse.feed(data, size, *this);
    return m_progress;
}

void ChatStreamAssembler::onComment(QByteArrayView)
{
    // Keep-alives carry nothing; SseParser counts them for whoever wants to see queueing.
}

void ChatStreamAssembler::onEvent(const SseEvent& event)
{
    if (m_done)
        return; // nothing after [DONE] belongs to the answer
    if (event.data == QByteArrayView("[DONE]")) {
        m_done = true;
        return;
    }
    if (event.type == QByteArrayView("error")) {
        handleErrorPayload(event.data);
        return;
    }
    handleChunk(event.data);
}

void ChatStreamAssembler::markToken(bool answer)
{
    if (!m_sawFirstToken) {
        m_sawFirstToken = true;
        m_progress.firstToken = true;
    }
    if (answer && !m_sawFirstAnswer) {
        m_sawFirstAnswer = true;
        m_progress.firstAnswerToken = true;
    }
}

ChatStreamAssembler::ToolCallParts& ChatStreamAssembler::toolCall(qint64 index)
{
    for (auto& c : m_toolCalls) {
        if (c.index == index)
            return c;
    }
    m_toolCalls.append(ToolCallParts());
    m_toolCalls.last().index = index;
    return m_toolCalls.last();
}

void ChatStreamAssembler::setMalformed(const QString& what, QByteArrayView payload)
{
    if (!m_malformedMessage.isEmpty())
        return; // the first problem is the informative one
    m_malformedMessage
        = tr("SSE event %1: %2 (payload starts: %3)").arg(m_sse.events()).arg(what, payloadStart(payload));
}

void ChatStreamAssembler::handleErrorPayload(QByteArrayView payload)
{
    if (m_streamError != ErrorClass::None)
        return;
    const QJsonObject root = QJsonDocument::fromJson(payload.toByteArray()).object();
    const QJsonValue error = root.value("error"_L1);
    if (error.isObject()) {
        m_streamError
            = ChatResponseParser::errorClassForCode(error.toObject().value("code"_L1), ErrorClass::ServerError);
        m_streamErrorMessage = ChatResponseParser::errorMessageFromJson(error.toObject());
    } else {
        m_streamError = ErrorClass::ServerError;
        m_streamErrorMessage = error.isString() ? error.toString() : payloadStart(payload);
    }
    m_streamErrorMessage = tr("error event in the stream: %1").arg(m_streamErrorMessage);
}

void ChatStreamAssembler::handleChunk(QByteArrayView payload)
{
    element doc;
    auto err = m_json->parse(payload.data(), size_t(payload.size())).get(doc);
    if (err == simdjson::UTF8_ERROR) {
        // Text that is not UTF-8 is kept with its bad bytes replaced (and flagged), not retried: the provider has
        // billed the answer, and another attempt would likely be billed and broken the same way.
        m_repaired = QString::fromUtf8(payload).toUtf8();
        m_flags |= AttemptFlag::InvalidUtf8;
        payload = m_repaired;
        err = m_json->parse(payload.data(), size_t(payload.size())).get(doc);
    }
    if (err) {
        setMalformed(tr("invalid JSON (%1)").arg(QString::fromUtf8(simdjson::error_message(err))), payload);
        return;
    }
    readChunk(doc, payload);
}

void ChatStreamAssembler::readChunk(const simdjson::dom::element& doc, QByteArrayView payload)
{
    object root;
    if (doc.get_object().get(root) != simdjson::SUCCESS) {
        setMalformed(tr("the payload is not a JSON object"), payload);
        return;
    }
    element value;
    if (root["error"].get(value) == simdjson::SUCCESS && !value.is_null()) {
        handleErrorPayload(payload);
        return;
    }

    bool hasUsage = false;
    if (root["usage"].get(value) == simdjson::SUCCESS && value.is_object()) {
        // Once or twice a stream: the shared QJsonObject reader keeps one definition of the counts. A later
        // non-null usage replaces an earlier one; a usage of the wrong type is left as unknown.
        const std::string usage = simdjson::minify(value);
        m_usage = ChatResponseParser::usageFromJson(
            QJsonDocument::fromJson(QByteArray::fromRawData(usage.data(), qsizetype(usage.size()))).object());
        hasUsage = true;
    }

    array choices;
    if (root["choices"].get(value) != simdjson::SUCCESS) {
        if (!hasUsage)
            setMalformed(tr("a chunk with neither \"choices\" nor \"usage\""), payload);
        return;
    }
    if (value.get_array().get(choices) != simdjson::SUCCESS) {
        setMalformed(tr("\"choices\" is not an array"), payload);
        return;
    }
    for (element choiceValue : choices) {
        object choice;
        if (choiceValue.get_object().get(choice) != simdjson::SUCCESS) {
            setMalformed(tr("a choice is not an object"), payload);
            return;
        }
        int64_t choiceIndex = 0;
        if (choice["index"].get(value) == simdjson::SUCCESS
            && value.get_int64().get(choiceIndex) != simdjson::SUCCESS) {
            setMalformed(tr("choices[].index is not an integer"), payload);
            return;
        }
        if (choiceIndex != 0)
            continue;

        std::string_view text;
        const Field finish = stringField(choice, "finish_reason", text);
        if (finish == Field::Ok)
            m_finishReason = QString::fromUtf8(view(text));
        else if (finish == Field::WrongType)
            setMalformed(tr("choices[0].finish_reason is not a string"), payload);

        object delta;
        if (choice["delta"].get(value) != simdjson::SUCCESS || value.is_null())
            continue;
        if (value.get_object().get(delta) != simdjson::SUCCESS) {
            setMalformed(tr("choices[0].delta is not an object"), payload);
            return;
        }
        const Field reasoning = stringField(delta, "reasoning_content", text);
        if (reasoning == Field::WrongType) {
            setMalformed(tr("choices[0].delta.reasoning_content is not a string"), payload);
        } else if (reasoning == Field::Ok && !text.empty()) {
            m_reasoning.append(view(text));
            m_answerBytes += qint64(text.size());
            ++m_reasoningChunks;
            markToken(false);
        }
        const Field content = stringField(delta, "content", text);
        if (content == Field::WrongType) {
            setMalformed(tr("choices[0].delta.content is not a string"), payload);
        } else if (content == Field::Ok && !text.empty()) {
            m_content.append(view(text));
            m_answerBytes += qint64(text.size());
            ++m_contentChunks;
            markToken(true);
        }

        array calls;
        if (delta["tool_calls"].get(value) != simdjson::SUCCESS || value.is_null())
            continue;
        if (value.get_array().get(calls) != simdjson::SUCCESS) {
            setMalformed(tr("choices[0].delta.tool_calls is not an array"), payload);
            return;
        }
        int64_t position = 0;
        for (element callValue : calls) {
            object call;
            int64_t index = position++;
            if (callValue.get_object().get(call) != simdjson::SUCCESS
                || (call["index"].get(value) == simdjson::SUCCESS && value.get_int64().get(index))) {
                setMalformed(tr("a tool-call piece is not an object with an integer index"), payload);
                return;
            }
            ToolCallParts& parts = toolCall(index);
            if (stringField(call, "id", text) == Field::Ok && parts.id.isEmpty())
                parts.id = view(text).toByteArray();
            if (stringField(call, "type", text) == Field::Ok && parts.type.isEmpty())
                parts.type = view(text).toByteArray();
            object function;
            if (call["function"].get(value) == simdjson::SUCCESS
                && value.get_object().get(function) == simdjson::SUCCESS) {
                if (stringField(function, "name", text) == Field::Ok && parts.name.isEmpty())
                    parts.name = view(text).toByteArray();
                if (stringField(function, "arguments", text) == Field::Ok) {
                    parts.arguments.append(view(text));
                    m_answerBytes += qint64(text.size());
                }
            }
            ++m_toolCallPieces;
            markToken(true);
        }
    }
}

ChatOutcome ChatStreamAssembler::finish(bool transferComplete)
{
    const bool cutMidEvent = m_sse.finish();
    ChatOutcome out;
    out.content = QString::fromUtf8(m_content);
    out.reasoning = QString::fromUtf8(m_reasoning);
    std::stable_sort(m_toolCalls.begin(), m_toolCalls.end(),
                     [](const ToolCallParts& a, const ToolCallParts& b) { return a.index < b.index; });
    for (const auto& parts : m_toolCalls) {
        ToolCall call;
        call.id = QString::fromUtf8(parts.id);
        if (!parts.type.isEmpty())
            call.type = QString::fromUtf8(parts.type);
        call.name = QString::fromUtf8(parts.name);
        call.arguments = QString::fromUtf8(parts.arguments);
        out.toolCalls.append(call);
    }
    out.finishReason = m_finishReason;
    out.usage = m_usage;
    out.flags = m_flags;

    if (m_streamError != ErrorClass::None) {
        out.error = m_streamError;
        out.errorMessage = m_streamErrorMessage;
    } else if (!m_malformedMessage.isEmpty()) {
        out.error = ErrorClass::Malformed;
        out.errorMessage = m_malformedMessage;
    } else if (!m_done && transferComplete && !cutMidEvent && !m_finishReason.isEmpty() && m_usage.isKnown()) {
        // Everything an answer has arrived, and the server ended the response itself: some OpenAI-compatible
        // servers never send [DONE]. Retrying would bill the same answer again.
        out.flags |= AttemptFlag::NoDone;
    } else if (!m_done) {
        out.error = ErrorClass::Truncated;
        out.errorMessage = cutMidEvent
            ? tr("the stream ended in the middle of an event, without data: [DONE], after %1 events")
                  .arg(m_sse.events())
            : tr("the stream ended without data: [DONE] after %1 events").arg(m_sse.events());
    }
    return out;
}

void ChatStreamAssembler::reset()
{
    m_sse.reset();
    m_content.resize(0);
    m_reasoning.resize(0);
    m_toolCalls.clear();
    m_finishReason.clear();
    m_usage = TokenUsage();
    m_streamError = ErrorClass::None;
    m_streamErrorMessage.clear();
    m_malformedMessage.clear();
    m_progress = Progress();
    m_contentChunks = 0;
    m_reasoningChunks = 0;
    m_toolCallPieces = 0;
    m_answerBytes = 0;
    m_flags = {};
    m_repaired.clear();
    m_done = false;
    m_sawFirstToken = false;
    m_sawFirstAnswer = false;
}

} // namespace tierlens
