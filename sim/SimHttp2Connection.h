#pragma once
// One HTTP/2 client connection (h2c with prior knowledge, framed by nghttp2): each stream carries one request
// and owns the exchange answering it, as an HTTP/1.1 connection does for one request at a time.

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTcpSocket>

#include <cstdint>
#include <map>
#include <memory>

struct nghttp2_session;

namespace tierlens {

class SimServer;

class SimHttp2Connection : public QObject
{
    Q_OBJECT
public:
    // Takes the socket over, with the bytes already read from it (the connection preface at least).
    SimHttp2Connection(SimServer* server, QTcpSocket* socket, const QByteArray& received);
    ~SimHttp2Connection() override;

    // The most streams a client may have open at once on one connection.
    static constexpr int kMaxConcurrentStreams = 1000;

private:
    class Stream;
    struct Callbacks;

    void onReadyRead();
    void onDisconnected();
    void receive(const QByteArray& bytes);
    void dispatchReady();
    void scheduleSend();
    void sendNow();
    void reset();
    void close();
    void cancelExchanges();
    Stream* stream(std::int32_t id) const;

    SimServer* m_server;
    QTcpSocket* m_socket;
    nghttp2_session* m_session = nullptr;
    std::map<std::int32_t, std::unique_ptr<Stream>> m_streams;
    QList<std::int32_t> m_ready; // streams whose request arrived whole, for the server once nghttp2 returns
    bool m_sendScheduled = false;
    bool m_resetPending = false;
    bool m_closing = false;
};

} // namespace tierlens
