#pragma once
// The simulator's counters, per model and overall, as served by GET /stats.

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QString>

namespace tierlens {

struct ModelStats
{
    qint64 requests = 0;
    qint64 http2Requests = 0; // of requests, those that came on an HTTP/2 stream
    qint64 ok = 0;
    qint64 rejected429 = 0;
    qint64 cancelled = 0; // the client went away before the answer was complete
    QMap<QString, qint64> errorsInjected;
    QMap<QString, qint64> faultsInjected; // SimFault mode name -> requests it was applied to
    int inFlight = 0;
    int maxInFlight = 0;
    // Sums of the usage reported in complete responses: what a provider would bill.
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    qint64 cacheHitTokens = 0;
    qint64 cacheMissTokens = 0;
    qint64 reasoningTokens = 0;
    qint64 billed = 0; // responses whose usage went out whole: the ones summed above
    qint64 completionTokensSent = 0; // tokens written to the wire, billed or not (cut, reset, cancelled)
    QHash<QString, qint64> promptRequests; // the last user message -> requests carrying it
};

class SimStats
{
public:
    SimStats();

    ModelStats& model(const QString& name) { return m_models[name]; }
    const QMap<QString, ModelStats>& models() const { return m_models; }
    void countHttpRequest(bool http2)
    {
        ++m_httpRequests;
        m_http2Requests += http2 ? 1 : 0;
    }
    void countBadRequest() { ++m_badRequests; }
    void countUnauthorized() { ++m_unauthorized; }
    void connectionOpened();
    void connectionClosed() { --m_connectionsOpen; }
    // An open connection turned out to speak HTTP/2.
    void http2ConnectionStarted() { ++m_http2ConnectionsTotal; }

    QJsonObject toJson() const;
    // {"model": {"last user message": requests}}: which prompt was sent how often, for resume checks.
    QJsonObject promptsJson() const;
    // Zeroes the counters; gauges (in flight, open connections) keep describing the present.
    void reset();

private:
    QElapsedTimer m_uptime;
    QMap<QString, ModelStats> m_models;
    qint64 m_httpRequests = 0;
    qint64 m_http2Requests = 0;
    qint64 m_http2ConnectionsTotal = 0;
    qint64 m_badRequests = 0;
    qint64 m_unauthorized = 0;
    qint64 m_connectionsTotal = 0;
    int m_connectionsOpen = 0;
    int m_maxConnectionsOpen = 0;
};

} // namespace tierlens
