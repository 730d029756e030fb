#pragma once
// One client connection: reads and parses requests, hands them to the server one at a time (HTTP/1.1
// keep-alive and pipelining) and owns the exchange that is answering. A connection that opens with the
// HTTP/2 preface is handed over to a SimHttp2Connection.

#include "SimResponder.h"
#include "http/HttpRequestParser.h"

#include <QObject>
#include <QPointer>
#include <QTcpSocket>

namespace tierlens {

class SimServer;
class SimExchange;

class SimConnection : public QObject, public SimResponder
{
    Q_OBJECT
public:
    SimConnection(SimServer* server, QTcpSocket* socket);
    ~SimConnection() override;

    bool isHttp2() const override { return false; }
    void respond(int status, const QByteArray& contentType, const QByteArray& body, bool keepAlive,
                 const QByteArray& extraHeaders = QByteArray()) override;
    void attach(SimExchange* exchange) override;
    void writeWhole(int status, const QByteArray& contentType, const QByteArray& body, bool keepAlive,
                    const QByteArray& extraHeaders) override;
    void writeHead(int status, const QByteArray& contentType, bool keepAlive, const QByteArray& extraHeaders) override;
    void writeData(const QByteArray& data) override;
    void writeEnd() override;
    void flush() override;

private:
    // True once the first bytes show whether this is HTTP/2; false while too few have arrived.
    bool handOverIfHttp2();
    void onReadyRead();
    void onDisconnected();
    void processBuffer();
    void closeAfterWrite();
    void reset();

    SimServer* m_server;
    QTcpSocket* m_socket;
    QByteArray m_buffer;
    QByteArray m_out; // written by the exchange, not yet flushed
    HttpRequestParser m_parser;
    QPointer<SimExchange> m_exchange;
    bool m_closing = false;
    bool m_processing = false;
    bool m_protocolKnown = false;
    bool m_handedOver = false; // the socket belongs to a SimHttp2Connection now
};

} // namespace tierlens
