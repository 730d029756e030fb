#pragma once
// Builds a ChatOutcome from a chat-completions SSE stream fed in arbitrary pieces on the network thread.

#include "ChatTypes.h"
#include "SseParser.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QVector>

#include <memory>

namespace simdjson::dom {
class parser;
class element;
} // namespace simdjson::dom

namespace tierlens {

// Policy, decided once: the first problem is kept and the stream is still read to its end, so the outcome
// holds everything that did arrive. An {"error": ...} event outranks a malformed event, which outranks a
// missing [DONE] (Truncated). Only choice index 0 is assembled.
class ChatStreamAssembler : private SseParser::Handler
{
    Q_DECLARE_TR_FUNCTIONS(ChatStreamAssembler)

public:
    // Milestones crossed by one feed(): the caller stamps them with the arrival time of that feed's bytes.
    struct Progress
    {
        bool firstToken = false; // first non-empty reasoning or content delta, or first tool-call piece
        bool firstAnswerToken = false; // first non-empty content delta or tool-call piece
    };

    ChatStreamAssembler();
    ~ChatStreamAssembler() override;
    ChatStreamAssembler(const ChatStreamAssembler&) = delete;
    ChatStreamAssembler& operator=(const ChatStreamAssembler&) = delete;

    Progress feed(const char* data, qsizetype size);
    Progress feed(QByteArrayView bytes) { return feed(bytes.data(), bytes.size()); }

    // End of the transfer. Leaves the assembler ready for reset(). transferComplete: the connection ended the
    // response cleanly (HTTP/1.1's last chunk, HTTP/2's END_STREAM); only then does a stream that has its
    // finish_reason and usage but no data: [DONE] count as complete (flagged NoDone) rather than Truncated.
    ChatOutcome finish(bool transferComplete = true);
    // Ready for another stream: all state and counters cleared, buffers kept.
    void reset();

    bool sawDone() const { return m_done; }
    bool sawFirstToken() const { return m_sawFirstToken; }
    bool sawFirstAnswerToken() const { return m_sawFirstAnswer; }
    qint64 contentChunks() const { return m_contentChunks; }
    qint64 reasoningChunks() const { return m_reasoningChunks; }
    qint64 toolCallPieces() const { return m_toolCallPieces; }
    // Bytes of answer text assembled so far (content, reasoning, tool-call pieces): what ChatOutcome::kMaxAnswerBytes
    // caps.
    qint64 answerBytes() const { return m_answerBytes; }
    const SseParser& sse() const { return m_sse; }

private:
    struct ToolCallParts
    {
        qint64 index = 0;
        QByteArray id;
        QByteArray type;
        QByteArray name;
        QByteArray arguments;
    };

    void onEvent(const SseEvent& event) override;
    void onComment(QByteArrayView text) override;
    void handleChunk(QByteArrayView payload);
    void readChunk(const simdjson::dom::element& doc, QByteArrayView payload);
    void handleErrorPayload(QByteArrayView payload);
    void setMalformed(const QString& what, QByteArrayView payload);
    void markToken(bool answer);
    ToolCallParts& toolCall(qint64 index);

    SseParser m_sse;
    std::unique_ptr<simdjson::dom::parser> m_json;
    QByteArray m_content; // UTF-8, converted once in finish() to keep per-chunk work allocation-free
    QByteArray m_reasoning; // likewise
    QVector<ToolCallParts> m_toolCalls;
    QString m_finishReason;
    TokenUsage m_usage;
    ErrorClass m_streamError = ErrorClass::None; // from an {"error": ...} event
    QString m_streamErrorMessage;
    QString m_malformedMessage;
    Progress m_progress;
    qint64 m_contentChunks = 0;
    qint64 m_reasoningChunks = 0;
    qint64 m_toolCallPieces = 0;
    qint64 m_answerBytes = 0;
    AttemptFlags m_flags;
    QByteArray m_repaired; // an event's payload with its invalid UTF-8 replaced, while it is read
    bool m_done = false;
    bool m_sawFirstToken = false;
    bool m_sawFirstAnswer = false;
};

} // namespace tierlens
