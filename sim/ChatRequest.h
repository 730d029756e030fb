#pragma once
// A chat-completions request body as the simulator understands it, validated the way DeepSeek does.

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace tierlens {

// An error response the server owes the client: HTTP status plus DeepSeek's error body fields.
struct SimError
{
    int status = 400;
    QString message;
    QString type = QStringLiteral("invalid_request_error");
    QString param; // empty: null
    QString code = QStringLiteral("invalid_request_error");

    QByteArray body() const;
};

struct ChatRequest
{
    QString requestedModel;
    QString profile; // canonical model whose profile answers
    bool thinking = true;
    bool maxEffort = false; // reasoning_effort max / xhigh
    bool stream = false;
    bool includeUsage = false;
    int maxTokens = 0; // resolved: the request's value or the mode's default
    bool jsonMode = false;
    QJsonArray tools;
    QString toolChoice = QStringLiteral("auto"); // auto, none, required or named
    QString namedTool; // with toolChoice "named"
    QJsonArray messages;
    QString systemText; // all system messages joined
    QString lastUserText; // the last user message
    QString userText; // all user messages joined: where needles and extraction inputs are searched
    QString lastToolResult; // content of a trailing tool message, if the conversation ends with one
    QByteArray promptBytes; // serialised prompt: what prompt tokens and the prefix cache are computed from

    // Parses and validates a request body; on failure returns the error to send.
    static std::optional<SimError> parse(const QByteArray& body, ChatRequest* out);
};

} // namespace tierlens
