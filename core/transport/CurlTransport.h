#pragma once
// HTTP for chat completions: libcurl's multi interface driven by epoll on a network thread of its own.

#include "transport/Transport.h"

#include <memory>

namespace tierlens {

class CurlTransport : public Transport
{
    Q_OBJECT
public:
    explicit CurlTransport(QObject* parent = nullptr);
    ~CurlTransport() override; // aborts what is in flight; no exchange is reported after this

    void submit(QVector<HttpRequest> requests) override;
    void cancel(quint64 tag) override;
    void cancelAll() override;
    void withdrawWaiting() override;
    // Finished exchanges that all went well are handed over at most this late (default 0: at the end of the
    // network thread's turn), so that at a trickle pace several reach the owner in one wake-up of its thread.
    // Statuses and failures go at once. Time stamps are taken when the bytes arrive either way.
    void setHandoverDelayMs(int ms);
    int inFlight() const override;
    LoopStats loopStats() const override;

private:
    void drain();

    class Worker;
    std::unique_ptr<Worker> m_worker;
};

} // namespace tierlens
