#pragma once
// Value types shared by the API client, the engine and the store: one model's answer to one request.

#include <QFlags>
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
    TooLarge, // an answer over the size every attempt is held to (ChatOutcome::kMaxAnswerBytes)
};

QString errorClassName(ErrorClass c);
std::optional<ErrorClass> errorClassFromName(const QString& name);
ErrorClass errorClassForHttpStatus(int status);
// 429, 5xx, timeouts, resets, truncated and malformed streams are worth another try; 4xx are not.
bool isRetryable(ErrorClass c);
// Errors that say the model cannot be used as configured (a refused key, no balance), whatever the prompt: the
// first one stops the model's run, since every further request would fail the same way.
bool stopsModelAtOnce(ErrorClass c);

// What was unusual about an answer that was kept. Names are stable: they are stored and exported.
enum class AttemptFlag : quint32 {
    NoDone = 0x1, // a stream that ended cleanly with finish_reason and usage, but without data: [DONE]
    InvalidUtf8 = 0x2, // bytes that are not UTF-8, stored replaced by U+FFFD
    ShortBody = 0x4, // a whole JSON body that arrived shorter than its Content-Length promised
    ImplausibleUsage = 0x8, // token counts beyond what the model can produce: kept raw, not billed
};
Q_DECLARE_FLAGS(AttemptFlags, AttemptFlag)
Q_DECLARE_OPERATORS_FOR_FLAGS(AttemptFlags)
// "no_done,invalid_utf8" and back; names this build does not know are dropped when read.
QString attemptFlagsToString(AttemptFlags flags);
AttemptFlags attemptFlagsFromString(const QString& text);

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
    AttemptFlags flags;
    // The usage object as the server sent it, kept when its counts were not believed (ImplausibleUsage).
    QByteArray rawUsage;

    bool ok() const { return error == ErrorClass::None; }

    // One cap on the size of an answer, streamed or not: the bytes of a whole body, or of the text a stream
    // assembles (content, reasoning and tool-call pieces). DeepSeek V4's 384K output tokens are about 1.5 MB.
    static constexpr qsizetype kMaxAnswerBytes = 64 * 1024 * 1024;
};

// finish_reason values the DeepSeek documentation lists; anything else is kept and flagged.
bool isKnownFinishReason(const QString& reason);

// Replaces every occurrence of secret (the API key the request was sent with) in everything the outcome holds, so
// that a server echoing the key in an error or an answer does not get it stored, exported or printed. Keys shorter
// than 8 characters are not masked: they are no secret, and masking them would mangle answers.
void maskSecret(ChatOutcome& outcome, const QByteArray& secret);
inline constexpr QStringView kRedactedKey = u"[key redacted]";

QJsonArray toolCallsToJson(const QVector<ToolCall>& calls);
QVector<ToolCall> toolCallsFromJson(const QJsonArray& array);

} // namespace tierlens
