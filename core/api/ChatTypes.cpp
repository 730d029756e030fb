#include "ChatTypes.h"

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {
struct ErrorName
{
    ErrorClass cls;
    const char16_t* name;
};
constexpr ErrorName kErrorNames[] = {
    { ErrorClass::None, u"none" },
    { ErrorClass::BadRequest, u"bad_request" },
    { ErrorClass::Auth, u"auth" },
    { ErrorClass::InsufficientBalance, u"insufficient_balance" },
    { ErrorClass::InvalidParams, u"invalid_params" },
    { ErrorClass::RateLimited, u"rate_limited" },
    { ErrorClass::ServerError, u"server_error" },
    { ErrorClass::Overloaded, u"overloaded" },
    { ErrorClass::HttpOther, u"http_other" },
    { ErrorClass::Timeout, u"timeout" },
    { ErrorClass::Connection, u"connection" },
    { ErrorClass::Truncated, u"truncated" },
    { ErrorClass::Malformed, u"malformed" },
    { ErrorClass::Cancelled, u"cancelled" },
    { ErrorClass::TooLarge, u"too_large" },
};

struct FlagName
{
    AttemptFlag flag;
    const char16_t* name;
};
constexpr FlagName kFlagNames[] = {
    { AttemptFlag::NoDone, u"no_done" },
    { AttemptFlag::InvalidUtf8, u"invalid_utf8" },
    { AttemptFlag::ShortBody, u"short_body" },
    { AttemptFlag::ImplausibleUsage, u"implausible_usage" },
};
} // namespace

QString errorClassName(ErrorClass c)
{
    for (const auto& e : kErrorNames) {
        if (e.cls == c)
            return QString::fromUtf16(e.name);
    }
    return u"unknown"_s;
}

std::optional<ErrorClass> errorClassFromName(const QString& name)
{
    for (const auto& e : kErrorNames) {
        if (name == QStringView(e.name))
            return e.cls;
    }
    return std::nullopt;
}

ErrorClass errorClassForHttpStatus(int status)
{
    if (status >= 200 && status < 300)
        return ErrorClass::None;
    switch (status) {
    case 400:
        return ErrorClass::BadRequest;
    case 401:
    case 403:
        return ErrorClass::Auth;
    case 402:
        return ErrorClass::InsufficientBalance;
    case 422:
        return ErrorClass::InvalidParams;
    case 429:
        return ErrorClass::RateLimited;
    case 503:
        return ErrorClass::Overloaded;
    default:
        break;
    }
    if (status >= 500 && status < 600)
        return ErrorClass::ServerError;
    return ErrorClass::HttpOther;
}

bool isRetryable(ErrorClass c)
{
    switch (c) {
    case ErrorClass::RateLimited:
    case ErrorClass::ServerError:
    case ErrorClass::Overloaded:
    case ErrorClass::Timeout:
    case ErrorClass::Connection:
    case ErrorClass::Truncated:
    case ErrorClass::Malformed:
        return true;
    default:
        return false;
    }
}

bool stopsModelAtOnce(ErrorClass c)
{
    return c == ErrorClass::Auth || c == ErrorClass::InsufficientBalance;
}

QString attemptFlagsToString(AttemptFlags flags)
{
    QStringList names;
    for (const auto& f : kFlagNames) {
        if (flags.testFlag(f.flag))
            names.append(QString::fromUtf16(f.name));
    }
    return names.join(u',');
}

AttemptFlags attemptFlagsFromString(const QString& text)
{
    AttemptFlags flags;
    for (const QStringView part : QStringView(text).split(u',', Qt::SkipEmptyParts)) {
        for (const auto& f : kFlagNames) {
            if (part.trimmed() == QStringView(f.name))
                flags |= f.flag;
        }
    }
    return flags;
}

bool isKnownFinishReason(const QString& reason)
{
    static const QStringList known
        = { u"stop"_s, u"length"_s, u"content_filter"_s, u"tool_calls"_s, u"insufficient_system_resource"_s };
    return known.contains(reason);
}

void maskSecret(ChatOutcome& outcome, const QByteArray& secret)
{
    if (secret.size() < 8)
        return;
    const QString key = QString::fromUtf8(secret);
    auto mask = [&key](QString& text) {
        if (text.contains(key))
            text.replace(key, kRedactedKey.toString());
    };
    mask(outcome.errorMessage);
    mask(outcome.content);
    mask(outcome.reasoning);
    mask(outcome.finishReason);
    for (ToolCall& call : outcome.toolCalls) {
        mask(call.id);
        mask(call.name);
        mask(call.arguments);
    }
    if (outcome.rawUsage.contains(secret))
        outcome.rawUsage.replace(secret, kRedactedKey.toUtf8());
}

QJsonArray toolCallsToJson(const QVector<ToolCall>& calls)
{
    QJsonArray out;
    for (const auto& c : calls) {
        out.append(
            QJsonObject { { u"id"_s, c.id },
                          { u"type"_s, c.type },
                          { u"function"_s, QJsonObject { { u"name"_s, c.name }, { u"arguments"_s, c.arguments } } } });
    }
    return out;
}

QVector<ToolCall> toolCallsFromJson(const QJsonArray& array)
{
    QVector<ToolCall> out;
    for (const auto& v : array) {
        const QJsonObject o = v.toObject();
        const QJsonObject f = o.value(u"function"_s).toObject();
        ToolCall c;
        c.id = o.value(u"id"_s).toString();
        c.type = o.value(u"type"_s).toString(u"function"_s);
        c.name = f.value(u"name"_s).toString();
        c.arguments = f.value(u"arguments"_s).toString();
        out.append(c);
    }
    return out;
}

} // namespace tierlens
