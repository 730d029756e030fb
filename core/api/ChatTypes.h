#pragma once
// Value types shared by the API client, the engine and the store: one model's answer to one request.

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QVector>

#include <optional>

namespace tierlens {

// Why an attempt did not produce an answer. Names are stable: they are stored and exported.
enum class ErrorClass {
    None,
    BadRequest, // HTTP 400
    Auth, // HTTP 401 / 403
    InsufficientBalance, // HTTP 402
    InvalidParams, // HTTP 422
    RateLimited, // HTTP 429
    ServerError, // HTTP 500, 502, 504 and other 5xx
    Overloaded, // HTTP 503
    HttpOther, // any other non-2xx status
    Timeout, // no complete answer within the attempt's time limit
    Connection, // refused, reset, DNS, TLS
    Truncated, // a stream that closed without [DONE]
    Malformed, // a body or SSE event that is not the JSON the wire format promises
    Cancelled, // the user stopped the run while the attempt was in flight
};

QString errorClassName(ErrorClass c);
std::optional<ErrorClass> errorClassFromName(const QString& name);
ErrorClass errorClassForHttpStatus(int status);
// 429, 5xx, timeouts, resets, truncated and malformed streams are worth another try; 4xx are not.
bool isRetryable(ErrorClass c);

// Token counts as the provider reported them. A field the server did not send stays empty:
// unknown is never stored as zero.
struct TokenUsage
{
    std::optional<qint64> promptTokens;
    std::optional<qint64> completionTokens; // includes reasoning tokens
    std::optional<qint64> totalTokens;
    std::optional<qint64> cacheHitTokens;
    std::optional<qint64> cacheMissTokens;
    std::optional<qint64> reasoningTokens;

    bool isKnown() const { return promptTokens.has_value() || completionTokens.has_value(); }
};

struct ToolCall
{
    QString id;
    QString type = QStringLiteral("function");
    QString name;
    QString arguments; // the JSON text as assembled from the pieces; may be invalid JSON
};

// What one HTTP exchange said, once parsed: the answer or the reason there is none.
struct ChatOutcome
{
    QString content;
    QString reasoning;
    QVector<ToolCall> toolCalls;
    QString finishReason; // verbatim, including values the wire format does not list
    TokenUsage usage;
    ErrorClass error = ErrorClass::None;
    QString errorMessage;

    bool ok() const { return error == ErrorClass::None; }
};

// finish_reason values the DeepSeek documentation lists; anything else is kept and flagged.
bool isKnownFinishReason(const QString& reason);

QJsonArray toolCallsToJson(const QVector<ToolCall>& calls);
QVector<ToolCall> toolCallsFromJson(const QJsonArray& array);

} // namespace tierlens
