#include "SimConnection.h"

#include "HttpResponse.h"
#include "SimExchange.h"
#include "SimServer.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <sys/socket.h>

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
    m_server->counters().connectionClosed();
}

void SimConnection::onReadyRead()
{
    m_buffer += m_socket->readAll();
    processBuffer();
}

void SimConnection::onDisconnected()
{
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
        HttpRequest request;
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
            respond(HttpResponse::complete(
                        m_parser.errorStatus(), "application/json"_ba,
                        QJsonDocument(QJsonObject { { u"error"_s, error } }).toJson(QJsonDocument::Compact), false),
                    false);
            break;
        }
        m_server->handle(this, request);
    }
    m_processing = false;
}

void SimConnection::respond(const QByteArray& bytes, bool keepAlive)
{
    m_socket->write(bytes);
    if (!keepAlive)
        closeAfterWrite();
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
    // A zero linger time makes close() send RST instead of FIN: the client sees "connection reset by peer".
    const linger hard { 1, 0 };
    ::setsockopt(static_cast<int>(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    m_socket->abort();
    deleteLater();
}

void SimConnection::closeAfterWrite()
{
    m_closing = true;
    m_socket->disconnectFromHost(); // flushes what is buffered, then closes
}

} // namespace tierlens
