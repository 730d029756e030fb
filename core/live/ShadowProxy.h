#pragma once
// The live shadow proxy: an OpenAI-compatible endpoint that forwards each request to the primary model and hands
// its answer back unchanged (the bytes as they arrive, streamed or not), and mirrors a share of the chat requests
// to candidate models in the background, recording both answers in a live run (LiveRecorder).
//
// The primary path: one upstream connection per client connection, the response's bytes written to the client
// as they are read, and a copy of them read (HttpResponseReader) only to know where the response ends and what
// it said. Mirrors go out through their own transport (libcurl on its own thread, its own caps) after the
// primary's request is written, and what becomes of them never reaches the client.

#include "live/ShadowOptions.h"
#include "transport/HttpExchange.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QVector>

#include <cstdint>
#include <memory>

namespace tierlens {

class CurlTransport;
class LiveRecorder;
class PriceBookRegistry;
class Store;
struct Prompt;

struct ShadowModelStats
{
    QString label;
    qint64 sent = 0; // requests (the primary) or mirrors (a candidate) sent
    qint64 answered = 0; // finished with an answer
    qint64 errors = 0; // finished with an error
    double costUsd = 0; // of the finished ones that reported usage
};

struct ShadowStats
{
    qint64 requests = 0; // every request a client sent
    qint64 chatRequests = 0; // chat completions among them: the ones recorded and mirrored
    qint64 mirrored = 0; // chat requests mirrored to at least one candidate
    qint64 skippedSample = 0; // left out by the sample
    qint64 skippedCap = 0; // mirrors not sent because a candidate had its cap in flight
    qint64 skippedSpend = 0; // mirrors not sent after the spend limit was reached (or recording stopped)
    double shadowSpendUsd = 0;
    bool mirroring = true;
    QString mirroringStoppedBecause;
    QVector<ShadowModelStats> models; // the primary first
};

class ShadowProxy : public QObject
{
    Q_OBJECT
public:
    ShadowProxy(Store& store, const PriceBookRegistry& prices, QObject* parent = nullptr);
    ~ShadowProxy() override;

    // Stores the live run and listens; false with the reason (a bad option, a port in use, a store refusing).
    bool start(const ShadowOptions& options, QString* error);
    // Stops listening and mirroring, closes client connections, waits for nothing, writes what is recorded and
    // ends the run. Mirrors still in flight are cancelled (their attempts are not recorded).
    bool stop(QString* error);

    quint16 port() const;
    // The base URL to point the application at ("http://127.0.0.1:8788", "http://[::1]:8788").
    QString url() const;
    qint64 runId() const;
    ShadowStats stats() const { return m_stats; }

    // The API key of candidate `label`, read from its environment variable unless given here (tests, the desktop's
    // keychain).
    void setShadowKey(const QString& label, const QByteArray& key);

signals:
    void statsChanged();
    // Mirroring stopped for good (the spend limit, the store refusing writes): said once.
    void mirroringStopped(const QString& why);

private:
    class ClientConnection;
    friend class ClientConnection;

    struct Mirror
    {
        int model = 0;
        int capture = 0;
        std::int64_t primarySentNs = 0;
    };

    void onNewConnection();
    // A chat request has been written to the primary: records its prompt, returns the capture handle, and mirrors
    // it where the sample, caps and spend allow.
    int captured(const Prompt& prompt, const QJsonObject& body, std::int64_t primarySentNs);
    void primaryFinished(int capture, const HttpExchange& exchange, const QByteArray& clientBearer);
    void onMirrorsFinished(const QVector<HttpExchange>& exchanges);
    void stopMirroring(const QString& why);
    QString spendLimitReached() const;
    QDateTime wallTimeAt(std::int64_t steadyNs) const;

    Store& m_store;
    const PriceBookRegistry& m_prices;
    ShadowOptions m_options;
    QTcpServer m_server;
    std::unique_ptr<LiveRecorder> m_recorder;
    std::unique_ptr<CurlTransport> m_transport;
    QHash<QString, QByteArray> m_keys;
    QVector<QByteArray> m_shadowKeys; // by candidate place
    QVector<int> m_inFlight; // by candidate place
    QHash<quint64, Mirror> m_mirrors;
    quint64 m_nextTag = 0;
    ShadowStats m_stats;
    QVector<QPointer<ClientConnection>> m_connections;
    QDateTime m_startWall;
    std::int64_t m_startNs = 0;
    bool m_running = false;
};

} // namespace tierlens
