#pragma once
// Incremental Server-Sent Events framing (WHATWG rules) over bytes that arrive in arbitrary pieces.

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace tierlens {

// One dispatched event. The views point into the parser's buffers and are valid only during the callback.
struct SseEvent
{
    QByteArrayView type; // "message" when the event set no `event:` field
    QByteArrayView data; // the `data:` lines joined with "\n"
    QByteArrayView lastEventId; // the last `id:` seen on the stream, which persists across events
};

class SseParser
{
public:
    // A virtual interface rather than std::function: one indirect call per event, no allocation, and the
    // owner (ChatStreamAssembler) can implement it privately.
    class Handler
    {
    public:
        virtual ~Handler() = default;
        virtual void onEvent(const SseEvent& event) = 0;
        // The text after the ':' of a comment line (one leading space stripped): keep-alives while queued.
        virtual void onComment(QByteArrayView text) = 0;
    };

    SseParser();

    // Consumes one piece of the stream; calls the handler for every event and comment it completes.
    void feed(const char* data, qsizetype size, Handler& handler);
    void feed(QByteArrayView bytes, Handler& handler) { feed(bytes.data(), bytes.size(), handler); }

    // End of stream. Per the spec an event without its terminating blank line is discarded, so nothing is
    // dispatched here. Returns true when such an unterminated event or line was discarded. Resets the framing
    // state (not the counters) so the parser can read another stream.
    bool finish();

    // Back to the state of a new parser, counters included.
    void reset();

    qint64 events() const { return m_events; }
    qint64 comments() const { return m_comments; }
    qint64 bytes() const { return m_bytes; }
    // The last valid `retry:` value, in milliseconds.
    std::optional<qint64> retryMs() const { return m_retryMs; }
    QByteArrayView lastEventId() const { return m_lastEventId; }

private:
    void processLine(const char* line, qsizetype size, Handler& handler);
    void dispatch(Handler& handler);
    const char* skipBom(const char* p, const char* end);

    QByteArray m_line; // an incomplete line carried over from the previous piece
    QByteArray m_data; // the data buffer of the event being read, each line followed by '\n'
    QByteArray m_type; // the event type buffer
    QByteArray m_lastEventId;
    std::optional<qint64> m_retryMs;
    qint64 m_events = 0;
    qint64 m_comments = 0;
    qint64 m_bytes = 0;
    int m_bomMatched = 0; // bytes of a leading UTF-8 BOM matched so far; -1 once past the start
    bool m_skipLf = false; // the previous piece ended with CR: a leading LF belongs to the same line ending
};

} // namespace tierlens
