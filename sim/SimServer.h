#pragma once
// The DeepSeek-compatible simulator: a single-threaded HTTP/1.1 and HTTP/2 (h2c) server on loopback that answers chat
// completions from model profiles, with injected latency, limits, errors and prompt caching.

#include "PrefixCache.h"
#include "SimConfig.h"
#include "SimStats.h"

#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

#include <map>

namespace tierlens {

class SimExchange;
class SimResponder;
struct ChatRequest;
struct IncomingRequest;

class SimServer : public QObject
{
    Q_OBJECT
public:
    enum class Outcome { Complete, Cut, Cancelled };

    explicit SimServer(SimConfig config = SimConfig(), QObject* parent = nullptr);
    ~SimServer() override;

    bool listen(const QHostAddress& host = QHostAddress::LocalHost, quint16 port = 0);
    void close();
    QString errorString() const;
    quint16 port() const;
    // e.g. http://127.0.0.1:40123 (no trailing slash); chat is at /chat/completions and /v1/chat/completions.
    QUrl serverUrl() const;
    QJsonObject stats() const;
    void resetStats();
    const SimConfig& config() const { return m_config; }

    // Used by connections and exchanges.
    SimStats& counters() { return m_stats; }
    void handle(SimResponder* responder, const IncomingRequest& request);
    void exchangeEnded(const SimExchange* exchange, Outcome outcome);
    // The exchange wrote its usage whole: the tokens count as served and billed.
    void billed(const SimExchange* exchange);

private:
    struct ModelState
    {
        PrefixCache cache;
        QHash<quint64, int> seen; // prompt hash -> answers given: repeats of a prompt may differ
        quint64 requestIndex = 0;
        int faultBurstLeft = 0; // requests still to fault in the current burst
    };

    void onNewConnection();
    void handleChat(SimResponder* responder, const IncomingRequest& request);
    QJsonObject faultsJson() const;
    // Applies {"MODEL" | "*": "MODE[,rate=F]...", ...}; all or nothing. Returns what is wrong, or nothing.
    QString setFaults(const QByteArray& body);
    bool authorised(const IncomingRequest& request) const;
    void log(const IncomingRequest& request, int status, const QString& detail) const;

    SimConfig m_config;
    QTcpServer m_server;
    SimStats m_stats;
    std::map<QString, ModelState> m_models;
    quint64 m_rejections = 0;
    quint64 m_exchangeCounter = 0;
};

} // namespace tierlens
