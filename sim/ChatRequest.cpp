#include "ChatRequest.h"

#include "ModelProfile.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

constexpr int kMaxOutputTokens = 393216;
constexpr int kMaxTools = 128;

// The messages copy DeepSeek's own error bodies, which are English whatever the client's language: they are
// wire data the simulator imitates, not text of its own, so they are deliberately left untranslated.
SimError invalid(int status, const QString& message, const QString& param = QString())
{
    SimError e;
    e.status = status;
    e.message = message;
    e.param = param;
    return e;
}

// Message content is a string or an array of {"type":"text","text":...} parts.
std::optional<QString> contentText(const QJsonValue& v)
{
    if (v.isString())
        return v.toString();
    if (v.isNull() || v.isUndefined())
        return QString();
    if (!v.isArray())
        return std::nullopt;
    QString text;
    for (const QJsonValue& part : v.toArray()) {
        if (!part.isObject() || !part.toObject().value("text"_L1).isString())
            return std::nullopt;
        text += part.toObject().value("text"_L1).toString();
    }
    return text;
}

std::optional<SimError> parseTools(const QJsonObject& root, ChatRequest* out)
{
    const QJsonValue tools = root.value("tools"_L1);
    if (!tools.isUndefined() && !tools.isNull()) {
        if (!tools.isArray())
            return invalid(422, u"tools must be an array"_s, u"tools"_s);
        if (tools.toArray().size() > kMaxTools)
            return invalid(400, u"Too many tools: at most 128 are allowed"_s, u"tools"_s);
        static const QRegularExpression nameRe(u"^[a-zA-Z0-9_-]{1,64}$"_s);
        int index = 0;
        for (const QJsonValue& t : tools.toArray()) {
            const QString param = u"tools[%1]"_s.arg(index++);
            const QJsonObject fn = t.toObject().value("function"_L1).toObject();
            if (t.toObject().value("type"_L1).toString() != "function"_L1)
                return invalid(400, u"Only tools of type \"function\" are supported"_s, param);
            if (!nameRe.match(fn.value("name"_L1).toString()).hasMatch())
                return invalid(400, u"Invalid function name: must match [a-zA-Z0-9_-]{1,64}"_s, param);
        }
        out->tools = tools.toArray();
    }
    const QJsonValue choice = root.value("tool_choice"_L1);
    if (choice.isString()) {
        const QString c = choice.toString();
        if (c != "auto"_L1 && c != "none"_L1 && c != "required"_L1)
            return invalid(422, u"tool_choice must be none, auto, required or a named function"_s, u"tool_choice"_s);
        out->toolChoice = c;
    } else if (choice.isObject()) {
        out->toolChoice = u"named"_s;
        out->namedTool = choice.toObject().value("function"_L1).toObject().value("name"_L1).toString();
        bool found = false;
        for (const QJsonValue& t : out->tools)
            found = found || t.toObject().value("function"_L1).toObject().value("name"_L1).toString() == out->namedTool;
        if (!found)
            return invalid(400, u"tool_choice names a function that is not in tools"_s, u"tool_choice"_s);
    } else if (!choice.isUndefined() && !choice.isNull()) {
        return invalid(422, u"tool_choice must be a string or an object"_s, u"tool_choice"_s);
    }
    if (out->tools.isEmpty() && (out->toolChoice == "required"_L1))
        return invalid(400, u"tool_choice \"required\" needs at least one tool"_s, u"tool_choice"_s);
    return std::nullopt;
}

std::optional<SimError> parseMessages(const QJsonObject& root, ChatRequest* out)
{
    const QJsonValue messages = root.value("messages"_L1);
    if (!messages.isArray() || messages.toArray().isEmpty())
        return invalid(422, u"messages must be a non-empty array"_s, u"messages"_s);
    out->messages = messages.toArray();
    QByteArray& prompt = out->promptBytes;
    // Tools go first, as in the provider's chat template: a stable tool list is part of the cached prefix.
    if (!out->tools.isEmpty())
        prompt += QJsonDocument(out->tools).toJson(QJsonDocument::Compact) + '\n';
    int index = 0;
    for (const QJsonValue& v : out->messages) {
        const QString param = u"messages[%1]"_s.arg(index++);
        const QJsonObject m = v.toObject();
        const QString role = m.value("role"_L1).toString();
        if (role != "system"_L1 && role != "user"_L1 && role != "assistant"_L1 && role != "tool"_L1)
            return invalid(422, u"unknown message role \"%1\""_s.arg(role), param);
        const auto text = contentText(m.value("content"_L1));
        if (!text)
            return invalid(422, u"message content must be a string or an array of text parts"_s, param);
        prompt += role.toUtf8() + '\n' + text->toUtf8() + '\n';
        if (m.contains("tool_calls"_L1))
            prompt += QJsonDocument(m.value("tool_calls"_L1).toArray()).toJson(QJsonDocument::Compact) + '\n';
        if (role == "system"_L1) {
            out->systemText += *text;
        } else if (role == "user"_L1) {
            out->lastUserText = *text;
            out->userText += *text + u'\n';
        }
        out->lastToolResult = role == "tool"_L1 ? *text : QString();
    }
    return std::nullopt;
}

} // namespace

QByteArray SimError::body() const
{
    const QJsonObject error { { u"message"_s, message },
                              { u"type"_s, type },
                              { u"param"_s, param.isEmpty() ? QJsonValue() : QJsonValue(param) },
                              { u"code"_s, code } };
    return QJsonDocument(QJsonObject { { u"error"_s, error } }).toJson(QJsonDocument::Compact);
}

std::optional<SimError> ChatRequest::parse(const QByteArray& body, ChatRequest* out)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return invalid(400,
                       u"Failed to deserialize the JSON body into the target type: %1 at offset %2"_s
                           .arg(doc.isNull() ? parseError.errorString() : u"expected an object"_s)
                           .arg(parseError.offset));
    const QJsonObject root = doc.object();
    const QJsonValue model = root.value("model"_L1);
    if (!model.isString())
        return invalid(422, u"missing field `model`"_s, u"model"_s);
    const auto route = resolveModel(model.toString());
    if (!route)
        return invalid(400, u"Model Not Exist"_s);
    out->requestedModel = model.toString();
    out->profile = route->profile;

    const QJsonValue thinking = root.value("thinking"_L1);
    if (thinking.isObject()) {
        const QString type = thinking.toObject().value("type"_L1).toString();
        if (type != "enabled"_L1 && type != "disabled"_L1)
            return invalid(422, u"thinking.type must be \"enabled\" or \"disabled\""_s, u"thinking"_s);
        out->thinking = type == "enabled"_L1;
    } else if (!thinking.isUndefined() && !thinking.isNull()) {
        return invalid(422, u"thinking must be an object"_s, u"thinking"_s);
    }
    if (route->thinking)
        out->thinking = *route->thinking;
    const QString effort = root.value("reasoning_effort"_L1).toString();
    out->maxEffort = effort == "max"_L1 || effort == "xhigh"_L1;

    out->stream = root.value("stream"_L1).toBool(false);
    out->includeUsage = root.value("stream_options"_L1).toObject().value("include_usage"_L1).toBool(false);
    const QJsonValue maxTokens = root.value("max_tokens"_L1);
    if (maxTokens.isUndefined() || maxTokens.isNull()) {
        out->maxTokens = out->thinking ? 65536 : 8192;
    } else {
        const double v = maxTokens.toDouble(-1);
        if (!maxTokens.isDouble() || v < 1 || v > kMaxOutputTokens || v != static_cast<int>(v))
            return invalid(422, u"Invalid max_tokens value, the valid range of max_tokens is [1, 393216]"_s,
                           u"max_tokens"_s);
        out->maxTokens = static_cast<int>(v);
    }
    const QJsonValue format = root.value("response_format"_L1);
    if (format.isObject()) {
        const QString type = format.toObject().value("type"_L1).toString();
        if (type != "json_object"_L1 && type != "text"_L1)
            return invalid(422, u"response_format.type must be \"text\" or \"json_object\""_s, u"response_format"_s);
        out->jsonMode = type == "json_object"_L1;
    }
    if (auto error = parseTools(root, out))
        return error;
    if (auto error = parseMessages(root, out))
        return error;
    if (out->jsonMode && !out->promptBytes.toLower().contains("json"))
        return invalid(400,
                       u"Prompt must contain the word 'json' in some form to use 'response_format' of type "
                       "'json_object'."_s,
                       u"response_format"_s);
    return std::nullopt;
}

} // namespace tierlens
