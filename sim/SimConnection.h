#pragma once
// One client connection: reads and parses requests, hands them to the server one at a time (HTTP/1.1
// keep-alive and pipelining) and owns the exchange that is answering.

#include "HttpRequestParser.h"

#include <QObject>
#include <QPointer>
#include <QTcpSocket>

namespace tierlens {

class SimServer;
class SimExchange;

class SimConnection : public QObject
{
    Q_OBJECT
public:
    SimConnection(SimServer* server, QTcpSocket* socket);
    ~SimConnection() override;

    QTcpSocket* socket() const { return m_socket; }
    // Writes a complete response; closes afterwards unless keepAlive.
    void respond(const QByteArray& bytes, bool keepAlive);
    // Takes ownership of the exchange answering the current request.
    void attach(SimExchange* exchange);

private:
    void onReadyRead();
    void onDisconnected();
    void processBuffer();
    void closeAfterWrite();
    void reset();

    SimServer* m_server;
    QTcpSocket* m_socket;
    QByteArray m_buffer;
    HttpRequestParser m_parser;
    QPointer<SimExchange> m_exchange;
    bool m_closing = false;
    bool m_processing = false;
};

} // namespace tierlens
