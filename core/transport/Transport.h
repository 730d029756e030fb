#pragma once
// What the run engine sends chat-completions requests through. CurlTransport is the one that talks HTTP; tests
// put a scripted one in its place (tests/unit/engine/tst_runengine.cpp) to drive caps, retries, pause and cancel
// in milliseconds without a server.

#include "transport/HttpExchange.h"

#include <QObject>
#include <QVector>

namespace tierlens {

// How long the network thread spent on each turn of its loop: bytes that arrive during a turn wait
// at most that long before they are time-stamped, so its high percentiles bound the client-side error
// inside every latency figure.
struct LoopStats
{
    qint64 turns = 0;
    double p50Ms = 0;
    double p95Ms = 0;
    double maxMs = 0;
};

class Transport : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    // Thread-safe. Each request is answered by exactly one HttpExchange in exchangesFinished().
    virtual void submit(QVector<HttpRequest> requests) = 0;
    // Thread-safe. The exchange is reported with ErrorClass::Cancelled unless it had already finished; one that
    // still waited for a slot (HttpRequest::slotGroup) is reported withdrawn (HttpExchange::withdrawn).
    virtual void cancel(quint64 tag) = 0;
    virtual void cancelAll() = 0;
    // Thread-safe. Every request still waiting for a slot is reported withdrawn; open ones go on.
    virtual void withdrawWaiting() = 0;
    virtual int inFlight() const = 0;
    // The network thread's turns; zero for a transport without one.
    virtual LoopStats loopStats() const { return {}; }

signals:
    // Emitted in the thread this object lives in, with every exchange finished since the last emission.
    void exchangesFinished(const QVector<tierlens::HttpExchange>& exchanges);
    // The statuses of requests that asked for it, as their headers arrive; always before their exchange.
    void statusesReceived(const QVector<tierlens::HttpStatus>& statuses);
};

} // namespace tierlens
