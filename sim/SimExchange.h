#pragma once
// One chat completion in progress on a connection: writes keep-alives, tokens and the final body on schedule.

#include "AnswerEngine.h"
#include "SimFault.h"

#include <QByteArray>
#include <QObject>
#include <QStringList>
#include <QVector>

namespace tierlens {

// Everything decided when the request arrived; the exchange only replays it over time.
struct ExchangePlan
{
    enum class PieceKind { Reasoning, Content, ToolHead, ToolArgs };
    struct Piece
    {
        PieceKind kind;
        int tool; // index into toolCalls for ToolHead / ToolArgs
        QString text;
    };

    QString profile; // stats key
    QString id;
    QString model; // echoed as the request named it
    qint64 created = 0;
    bool stream = false;
    bool includeUsage = false;
    bool thinking = false;
    bool keepAlive = true;
    QVector<Piece> pieces; // one per completion token, in emission order, already cut at max_tokens
    QVector<SimToolCall> toolCalls;
    QString finishReason;
    int promptTokens = 0;
    int cacheHitTokens = 0;
    int reasoningTokens = 0;
    qint64 queueNs = 0; // after time scaling, from the moment the request was read
    qint64 firstTokenNs = 0; // includes queueNs
    qint64 intervalNs = 0; // between tokens
    qint64 keepaliveNs = 0;
    int cutAfter = -1; // injected truncation: close after this many pieces; == pieces.size(): after the usage
    int resetAfter = -1; // injected reset: TCP RST after this many pieces (a whole body: half of it)
    int corruptAt = -1; // SimFault BadSse / BadJson: the piece whose event is broken
    SimFault::Mode fault = SimFault::Mode::None; // what the fault fields above implement
    bool corruptBody = false; // BadJson without streaming: the body is cut in the middle of its JSON
    bool splitEvents = false; // SlowDrip: one event per write, each in two halves
    QByteArray extraHeaders; // complete "Name: value\r\n" lines
};

class SimServer;
class SimResponder;

class SimExchange : public QObject
{
    Q_OBJECT
public:
    // How the connection ends once the exchange is done.
    enum class Ending { KeepOpen, Close, Reset };

    SimExchange(SimServer* server, SimResponder* responder, ExchangePlan plan, qint64 startNs,
                QObject* parent = nullptr);
    ~SimExchange() override;

    const ExchangePlan& plan() const { return m_plan; }
    // Sends the headers and schedules the rest; may finish at once, so connect to finished() first.
    void start();
    // The client went away: stop writing and account for the request as cancelled.
    void cancel();
    // Usage as the server reports it, also what /stats sums.
    QByteArray usageJson() const;
    // Completion tokens written to the wire: stream events, or a whole body's.
    int tokensSent() const { return m_tokensSent; }

signals:
    void finished(tierlens::SimExchange::Ending ending);

protected:
    void timerEvent(QTimerEvent* event) override;

private:
    void step();
    void schedule(qint64 dueNs, bool precise);
    QByteArray sseEvent(const QByteArray& delta, const QByteArray& finishReason, bool withUsage) const;
    QByteArray deltaFor(const ExchangePlan::Piece& piece) const;
    QByteArray nonStreamingBody() const;
    QByteArray corrupted(const QByteArray& event) const;
    void endAbruptly(Ending ending);
    void finish(bool complete, Ending ending);

    SimServer* m_server;
    SimResponder* m_responder; // owns this exchange: outlives it
    ExchangePlan m_plan;
    qint64 m_startNs;
    int m_timerId = 0;
    int m_next = 0; // next piece to write
    qint64 m_nextKeepaliveNs = 0;
    bool m_headersSent = false;
    bool m_chunked = false;
    bool m_roleSent = false;
    bool m_done = false;
    int m_tokensSent = 0;
    QByteArray m_pendingTail; // SlowDrip: the second half of an event, due half an interval later
    QByteArray m_chunkPrefix; // the constant start of every streamed chunk object
};

} // namespace tierlens
