#pragma once
// A small HTTP/1.1 server on a thread of its own that answers every request with the bytes a test scripts: the
// inputs nobody on the team wrote into tierlens-sim (a key echoed in a 401, a stream without [DONE], bytes that are
// not UTF-8, a Content-Length that promises more than comes, absurd usage, an endless answer). Each response is
// written whole and the connection is closed after it, unless the script says to keep it open.

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QMutex>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>

namespace tierlens::testing {

struct ScriptedRequest
{
    QByteArray method;
    QByteArray path;
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
    int index = 0; // 0 for the first request the server received
};

// Raw bytes: status line, headers, body, exactly as they go on the wire. Empty: no answer at all (the connection
// stays open); kCloseWithoutAnswer: the connection is closed without a byte, as a server closing an idle
// keep-alive connection just as a request arrives.
using ScriptedResponder = std::function<QByteArray(const ScriptedRequest&)>;
inline const QByteArray kCloseWithoutAnswer = QByteArrayLiteral("<close without answer>");

inline QByteArray httpResponse(int status, const QByteArray& contentType, const QByteArray& body,
                               const QByteArray& extraHeaders = {})
{
    return "HTTP/1.1 " + QByteArray::number(status) + " Scripted\r\nContent-Type: " + contentType
        + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n" + extraHeaders + "\r\n"
        + body;
}

// A stream of SSE events, framed with chunked encoding that ends cleanly (the last, empty chunk).
inline QByteArray sseResponse(const QList<QByteArray>& events)
{
    QByteArray out = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n"
                     "Connection: close\r\n\r\n";
    for (const QByteArray& e : events) {
        const QByteArray data = "data: " + e + "\n\n";
        out += QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n";
    }
    return out + "0\r\n\r\n";
}

class ScriptedServer
{
public:
    explicit ScriptedServer(ScriptedResponder responder)
        : m_responder(std::move(responder))
    {
        m_context.moveToThread(&m_thread);
        m_thread.start();
        QMetaObject::invokeMethod(&m_context, [this] { serve(); });
        m_ready.acquire();
    }
    ~ScriptedServer()
    {
        QMetaObject::invokeMethod(
            &m_context, [this] { qDeleteAll(m_context.children()); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    ScriptedServer(const ScriptedServer&) = delete;
    ScriptedServer& operator=(const ScriptedServer&) = delete;

    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    int requests() const { return m_count.load(); }
    QList<ScriptedRequest> received() const
    {
        QMutexLocker lock(&m_mutex);
        return m_received;
    }

private:
    // On the server's thread.
    void serve()
    {
        auto* server = new QTcpServer(&m_context);
        server->listen(QHostAddress::LocalHost, 0);
        m_port = server->serverPort();
        QObject::connect(server, &QTcpServer::newConnection, server, [this, server] {
            while (QTcpSocket* socket = server->nextPendingConnection()) {
                auto buffer = std::make_shared<QByteArray>();
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                    buffer->append(socket->readAll());
                    while (answer(socket, *buffer)) { }
                });
            }
        });
        m_ready.release();
    }

    // Takes one whole request off the front of buffer and answers it; false while the request is incomplete.
    bool answer(QTcpSocket* socket, QByteArray& buffer)
    {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        ScriptedRequest request;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        request.method = first.value(0);
        request.path = first.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            if (colon > 0)
                request.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                       lines.at(i).mid(colon + 1).trimmed());
        }
        const qsizetype length = request.headers.value("content-length", "0").toLongLong();
        if (buffer.size() < end + 4 + length)
            return false;
        request.body = buffer.mid(end + 4, length);
        buffer.remove(0, end + 4 + length);
        {
            QMutexLocker lock(&m_mutex);
            request.index = int(m_received.size());
            m_received.append(request);
        }
        m_count.fetch_add(1);
        const QByteArray response = m_responder(request);
        if (response == kCloseWithoutAnswer) {
            socket->abort();
            buffer.clear();
            return false;
        }
        socket->write(response);
        if (response.contains("Connection: close\r\n"))
            socket->disconnectFromHost(); // after what was written has gone out
        return true;
    }

    ScriptedResponder m_responder;
    QThread m_thread;
    QObject m_context; // lives on m_thread: the server and its sockets are its children
    QSemaphore m_ready;
    quint16 m_port = 0;
    std::atomic<int> m_count { 0 };
    mutable QMutex m_mutex;
    QList<ScriptedRequest> m_received;
};

} // namespace tierlens::testing
