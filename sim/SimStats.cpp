#include "SimStats.h"

using namespace Qt::StringLiterals;

namespace tierlens {

SimStats::SimStats()
{
    m_uptime.start();
}

void SimStats::connectionOpened()
{
    ++m_connectionsTotal;
    ++m_connectionsOpen;
    m_maxConnectionsOpen = qMax(m_maxConnectionsOpen, m_connectionsOpen);
}

QJsonObject SimStats::toJson() const
{
    QJsonObject models;
    for (auto it = m_models.begin(); it != m_models.end(); ++it) {
        const ModelStats& s = *it;
        QJsonObject errors;
        for (auto e = s.errorsInjected.begin(); e != s.errorsInjected.end(); ++e)
            errors.insert(e.key(), e.value());
        QJsonObject faults;
        for (auto f = s.faultsInjected.begin(); f != s.faultsInjected.end(); ++f)
            faults.insert(f.key(), f.value());
        models.insert(it.key(),
                      QJsonObject { { u"requests"_s, s.requests },
                                    { u"http2_requests"_s, s.http2Requests },
                                    { u"ok"_s, s.ok },
                                    { u"rejected_429"_s, s.rejected429 },
                                    { u"cancelled"_s, s.cancelled },
                                    { u"errors_injected"_s, errors },
                                    { u"faults_injected"_s, faults },
                                    { u"in_flight"_s, s.inFlight },
                                    { u"max_in_flight"_s, s.maxInFlight },
                                    { u"prompt_tokens"_s, s.promptTokens },
                                    { u"completion_tokens"_s, s.completionTokens },
                                    { u"cache_hit_tokens"_s, s.cacheHitTokens },
                                    { u"cache_miss_tokens"_s, s.cacheMissTokens },
                                    { u"reasoning_tokens"_s, s.reasoningTokens },
                                    { u"billed"_s, s.billed },
                                    { u"completion_tokens_sent"_s, s.completionTokensSent } });
    }
    return QJsonObject { { u"models"_s, models },
                         { u"uptime_s"_s, m_uptime.elapsed() / 1000.0 },
                         { u"http_requests"_s, m_httpRequests },
                         { u"http2_requests"_s, m_http2Requests },
                         { u"http2_connections_total"_s, m_http2ConnectionsTotal },
                         { u"bad_requests"_s, m_badRequests },
                         { u"unauthorized"_s, m_unauthorized },
                         { u"connections_open"_s, m_connectionsOpen },
                         { u"max_connections_open"_s, m_maxConnectionsOpen },
                         { u"connections_total"_s, m_connectionsTotal } };
}

QJsonObject SimStats::promptsJson() const
{
    QJsonObject models;
    for (auto it = m_models.begin(); it != m_models.end(); ++it) {
        QJsonObject prompts;
        for (auto p = it->promptRequests.begin(); p != it->promptRequests.end(); ++p)
            prompts.insert(p.key(), p.value());
        models.insert(it.key(), prompts);
    }
    return QJsonObject { { u"models"_s, models } };
}

void SimStats::reset()
{
    for (ModelStats& s : m_models) {
        const int inFlight = s.inFlight;
        s = ModelStats();
        s.inFlight = inFlight;
        s.maxInFlight = inFlight;
    }
    m_httpRequests = 0;
    m_http2Requests = 0;
    m_http2ConnectionsTotal = 0;
    m_badRequests = 0;
    m_unauthorized = 0;
    m_connectionsTotal = 0;
    m_maxConnectionsOpen = m_connectionsOpen;
}

} // namespace tierlens
