#include "SimConnection.h"

#include "HttpResponse.h"
#include "SimExchange.h"
#include "SimHttp2Connection.h"
#include "SimServer.h"
#include "SocketReset.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace tierlens {

SimConnection::SimConnection(SimServer* server, QTcpSocket* socket)
    : QObject(server)
    , m_server(server)
    , m_socket(socket)
{
    socket->setParent(this);
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(socket, &QTcpSocket::readyRead, this, &SimConnection::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, &SimConnection::onDisconnected);
    m_server->counters().connectionOpened();
}

SimConnection::~SimConnection()
{
    if (m_exchange)
        delete m_exchange.data(); // cancels: the request counts as abandoned by the client
    if (!m_handedOver)
        m_server->counters().connectionClosed();
}

void SimConnection::onReadyRead()
{
    m_buffer += m_socket->readAll();
    if (!m_protocolKnown && !handOverIfHttp2())
        return;
    if (m_handedOver)
        return;
    processBuffer();
}

bool SimConnection::handOverIfHttp2()
{
    // HTTP/2 with prior knowledge (RFC 9113 3.3): the client starts with this preface instead of a request line.
    static const QByteArray preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"_ba;
    const qsizetype n = qMin(m_buffer.size(), preface.size());
    if (m_buffer.first(n) != preface.first(n)) {
        m_protocolKnown = true; // HTTP/1.1, or garbage the parser will refuse
        return true;
    }
    if (n < preface.size())
        return false;
    m_protocolKnown = true;
    m_handedOver = true;
    disconnect(m_socket, nullptr, this, nullptr);
    new SimHttp2Connection(m_server, m_socket, m_buffer);
    m_socket = nullptr;
    m_buffer.clear();
    deleteLater();
    return true;
}

void SimConnection::onDisconnected()
{
    if (m_handedOver)
        return;
    if (m_exchange)
        m_exchange->cancel();
    deleteLater();
}

void SimConnection::processBuffer()
{
    // Re-entrancy guard: respond() may finish synchronously and come back here.
    if (m_processing)
        return;
    m_processing = true;
    while (!m_closing && !m_exchange && m_socket->state() == QAbstractSocket::ConnectedState) {
        IncomingRequest request;
        const auto status = m_parser.parse(m_buffer, &request);
        if (status == HttpRequestParser::Status::NeedMore) {
            if (m_parser.wantsContinue()) {
                m_socket->write(HttpResponse::statusLine(100) + "\r\n"_ba);
                m_parser.continueSent();
            }
            break;
        }
        if (status == HttpRequestParser::Status::Error) {
            const QJsonObject error { { u"message"_s, QString::fromLatin1(m_parser.errorMessage()) },
                                      { u"type"_s, u"invalid_request_error"_s },
                                      { u"param"_s, QJsonValue() },
                                      { u"code"_s, u"invalid_request_error"_s } };
            m_server->counters().countBadRequest();
            respond(m_parser.errorStatus(), "application/json"_ba,
                    QJsonDocument(QJsonObject { { u"error"_s, error } }).toJson(QJsonDocument::Compact), false);
            break;
        }
        m_server->handle(this, request);
    }
    m_processing = false;
}

void SimConnection::respond(int status, const QByteArray& contentType, const QByteArray& body, bool keepAlive,
                            const QByteArray& extraHeaders)
{
    writeWhole(status, contentType, body, keepAlive, extraHeaders);
    flush();
    if (!keepAlive)
        closeAfterWrite();
}

void SimConnection::writeWhole(int status, const QByteArray& contentType, const QByteArray& body, bool keepAlive,
                               const QByteArray& extraHeaders)
{
    m_out += HttpResponse::complete(status, contentType, body, keepAlive, extraHeaders);
}

void SimConnection::writeHead(int status, const QByteArray& contentType, bool keepAlive, const QByteArray& extraHeaders)
{
    m_out += HttpResponse::chunkedHead(status, contentType, keepAlive, extraHeaders);
}

void SimConnection::writeData(const QByteArray& data)
{
    HttpResponse::appendChunk(m_out, data);
}

void SimConnection::writeEnd()
{
    m_out += HttpResponse::lastChunk();
}

void SimConnection::flush()
{
    if (m_out.isEmpty())
        return;
    m_socket->write(m_out);
    m_out.clear();
}

void SimConnection::attach(SimExchange* exchange)
{
    m_exchange = exchange;
    exchange->setParent(this);
    connect(exchange, &SimExchange::finished, this, [this, exchange](SimExchange::Ending ending) {
        exchange->deleteLater();
        m_exchange = nullptr;
        if (ending == SimExchange::Ending::Reset)
            reset();
        else if (ending == SimExchange::Ending::Close)
            closeAfterWrite();
        else
            processBuffer(); // a pipelined request may already be waiting
    });
    exchange->start();
}

void SimConnection::reset()
{
    m_closing = true;
    resetConnection(m_socket); // what was written before the reset still goes out
    deleteLater();
}

void SimConnection::closeAfterWrite()
{
    m_closing = true;
    m_socket->disconnectFromHost(); // flushes what is buffered, then closes
}

} // namespace tierlens
