#pragma once
// Parses non-streaming chat-completions bodies, HTTP error bodies and Retry-After headers into ChatOutcome.

#include "ChatTypes.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>

#include <optional>

namespace tierlens {

class ChatResponseParser
{
    Q_DECLARE_TR_FUNCTIONS(ChatResponseParser)

public:
    // A 2xx body of a non-streaming request. Leading whitespace (the blank lines DeepSeek sends while the
    // request waits to be scheduled) is skipped. Bad JSON or a missing/empty choices array gives Malformed
    // with the byte offset; a body that is an {"error": ...} object gives that error.
    static ChatOutcome parseCompletion(QByteArrayView body);

    // A non-2xx response: the class comes from the status, the message from {"error": {...}} when the body
    // has one, else from the first 300 bytes of the body.
    static ChatOutcome parseError(int httpStatus, QByteArrayView body);

    // Retry-After as delta-seconds (fractions allowed) or an HTTP-date; milliseconds from nowUtc, never
    // negative. nullopt when the value is neither.
    static std::optional<qint64> parseRetryAfterMs(QByteArrayView headerValue, const QDateTime& nowUtc);

    // Shared with ChatStreamAssembler. Absent counts stay nullopt; prompt_tokens_details.cached_tokens stands
    // in for prompt_cache_hit_tokens when only the OpenAI subset is sent.
    static TokenUsage usageFromJson(const QJsonObject& usage);
    // "message (type: t, code: c)" from an OpenAI-style error object.
    static QString errorMessageFromJson(const QJsonObject& error);
    // The class an error object's "code" (an HTTP status or a known string) names, else fallback.
    static ErrorClass errorClassForCode(const QJsonValue& code, ErrorClass fallback);
};

} // namespace tierlens
