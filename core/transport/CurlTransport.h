#pragma once
// HTTP for chat completions: libcurl's multi interface driven by epoll on a network thread of its own.

#include "transport/HttpExchange.h"

#include <QObject>
#include <QVector>

#include <memory>

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

class CurlTransport : public QObject
{
    Q_OBJECT
public:
    explicit CurlTransport(QObject* parent = nullptr);
    ~CurlTransport() override; // aborts what is in flight; no exchange is reported after this

    // Thread-safe. Each request is answered by exactly one HttpExchange in exchangesFinished().
    void submit(QVector<HttpRequest> requests);
    // Thread-safe. The exchange is reported with ErrorClass::Cancelled unless it had already finished.
    void cancel(quint64 tag);
    void cancelAll();

    int inFlight() const;
    LoopStats loopStats() const;

signals:
    // Emitted in the thread this object lives in, with every exchange finished since the last emission.
    void exchangesFinished(const QVector<tierlens::HttpExchange>& exchanges);
    // The statuses of requests that asked for it, as their headers arrive; always before their exchange.
    void statusesReceived(const QVector<tierlens::HttpStatus>& statuses);

private:
    void drain();

    class Worker;
    std::unique_ptr<Worker> m_worker;
};

} // namespace tierlens
