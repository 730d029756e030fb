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
    int inFlight() const override;
    LoopStats loopStats() const override;

private:
    void drain();

    class Worker;
    std::unique_ptr<Worker> m_worker;
};

} // namespace tierlens
