#include "SimHttp2Connection.h"

#include "SimExchange.h"
#include "SimResponder.h"
#include "SimServer.h"
#include "SocketReset.h"
#include "http/HttpRequestParser.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>

#include <nghttp2/nghttp2.h>

#include <array>
#include <cstring>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

namespace tierlens {

// One request and its answer. The response body waits here until nghttp2 takes it as DATA frames, so it
// outlives the exchange that wrote it.
class SimHttp2Connection::Stream : public SimResponder
{
public:
    Stream(SimHttp2Connection* connection, std::int32_t id)
        : m_connection(connection)
        , m_id(id)
    {
        request.version = "HTTP/2"_ba;
        request.keepAlive = true;
    }

    bool isHttp2() const override { return true; }

    void respond(int status, const QByteArray& contentType, const QByteArray& body, bool keepAlive,
                 const QByteArray& extraHeaders) override
    {
        writeWhole(status, contentType, body, keepAlive, extraHeaders);
        flush();
    }

    void attach(SimExchange* exchange) override
    {
        m_exchange = exchange;
        exchange->setParent(m_connection);
        SimHttp2Connection* connection = m_connection;
        QObject::connect(exchange, &SimExchange::finished, connection,
                         [this, connection, exchange](SimExchange::Ending ending) {
                             exchange->deleteLater();
                             m_exchange = nullptr;
                             if (ending == SimExchange::Ending::Reset) {
                                 // As over HTTP/1.1: the TCP connection goes, with every stream on it.
                                 connection->m_resetPending = true;
                             } else if (!m_ended) {
                                 // Cut before the end of the body: what was written goes out, then RST_STREAM
                                 // (see read()).
                                 m_cut = true;
                                 if (m_submitted)
                                     resume();
                                 else
                                     nghttp2_submit_rst_stream(connection->m_session, NGHTTP2_FLAG_NONE, m_id,
                                                               NGHTTP2_INTERNAL_ERROR);
                             }
                             connection->scheduleSend();
                         });
        exchange->start();
    }

    void writeWhole(int status, const QByteArray& contentType, const QByteArray& body, bool,
                    const QByteArray& extraHeaders) override
    {
        m_body += body;
        m_ended = true;
        submit(status, contentType, extraHeaders);
    }

    void writeHead(int status, const QByteArray& contentType, bool, const QByteArray& extraHeaders) override
    {
        submit(status, contentType, extraHeaders);
    }

    void writeData(const QByteArray& data) override
    {
        m_body += data;
        resume();
    }

    void writeEnd() override
    {
        m_ended = true;
        resume();
    }

    void flush() override { m_connection->scheduleSend(); }

    // Called by nghttp2 when it has room for DATA.
    static ssize_t read(nghttp2_session* session, std::int32_t, std::uint8_t* buffer, size_t length,
                        std::uint32_t* flags, nghttp2_data_source* source, void*)
    {
        auto* self = static_cast<Stream*>(source->ptr);
        if (self->m_body.isEmpty()) {
            if (self->m_ended) {
                *flags |= NGHTTP2_DATA_FLAG_EOF;
                return 0;
            }
            if (self->m_cut) {
                // Everything written has gone out. The RST_STREAM follows once the client has acknowledged a PING
                // sent after it, so the client has read the last DATA before it learns of the reset: libcurl 7.88.1
                // discards DATA that it reads together with a RST_STREAM, which would make a client's record of
                // a cut answer depend on how the bytes happened to be packed.
                if (!std::exchange(self->m_pinged, true))
                    nghttp2_submit_ping(session, NGHTTP2_FLAG_NONE, pingPayload(self->m_id).data());
                self->m_deferred = true;
                return NGHTTP2_ERR_DEFERRED;
            }
            self->m_deferred = true;
            return NGHTTP2_ERR_DEFERRED;
        }
        const size_t n = qMin(length, static_cast<size_t>(self->m_body.size()));
        std::memcpy(buffer, self->m_body.constData(), n);
        self->m_body.remove(0, static_cast<qsizetype>(n));
        if (self->m_body.isEmpty() && self->m_ended)
            *flags |= NGHTTP2_DATA_FLAG_EOF;
        return static_cast<ssize_t>(n);
    }

    // The opaque data of the PING that precedes the reset of a cut stream: its id.
    static std::array<std::uint8_t, 8> pingPayload(std::int32_t id)
    {
        std::array<std::uint8_t, 8> payload {};
        std::memcpy(payload.data(), &id, sizeof id);
        return payload;
    }

    void resetAfterPing()
    {
        nghttp2_submit_rst_stream(m_connection->m_session, NGHTTP2_FLAG_NONE, m_id, NGHTTP2_INTERNAL_ERROR);
    }

    // The client went away or the stream closed: an exchange still running counts as cancelled.
    void cancel()
    {
        if (!m_exchange)
            return;
        QObject::disconnect(m_exchange, nullptr, m_connection, nullptr);
        m_exchange->cancel();
        m_exchange->deleteLater();
        m_exchange = nullptr;
    }

    IncomingRequest request;
    bool tooLarge = false;
    bool dispatched = false;

private:
    void submit(int status, const QByteArray& contentType, const QByteArray& extraHeaders)
    {
        if (m_submitted)
            return;
        m_submitted = true;
        QList<QPair<QByteArray, QByteArray>> fields { { ":status"_ba, QByteArray::number(status) },
                                                      { "content-type"_ba, contentType } };
        if (contentType.startsWith("text/event-stream"))
            fields.append({ "cache-control"_ba, "no-cache"_ba });
        for (const QByteArray& line : extraHeaders.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                fields.append({ line.first(colon).trimmed().toLower(), line.sliced(colon + 1).trimmed() });
        }
        std::vector<nghttp2_nv> nva;
        for (auto& [name, value] : fields) {
            nva.push_back({ reinterpret_cast<std::uint8_t*>(name.data()), reinterpret_cast<std::uint8_t*>(value.data()),
                            static_cast<size_t>(name.size()), static_cast<size_t>(value.size()),
                            NGHTTP2_NV_FLAG_NONE });
        }
        nghttp2_data_provider provider;
        provider.source.ptr = this;
        provider.read_callback = &Stream::read;
        // nghttp2 copies the header fields.
        nghttp2_submit_response(m_connection->m_session, m_id, nva.data(), nva.size(), &provider);
    }

    void resume()
    {
        if (!m_deferred)
            return;
        m_deferred = false;
        nghttp2_session_resume_data(m_connection->m_session, m_id);
    }

    SimHttp2Connection* m_connection;
    std::int32_t m_id;
    QPointer<SimExchange> m_exchange;
    QByteArray m_body; // response bytes nghttp2 has not taken yet
    bool m_submitted = false;
    bool m_ended = false;
    bool m_cut = false;
    bool m_pinged = false; // the PING before the RST_STREAM of a cut has gone out
    bool m_deferred = false;
};

struct SimHttp2Connection::Callbacks
{
    static SimHttp2Connection* self(void* user) { return static_cast<SimHttp2Connection*>(user); }

    static ssize_t send(nghttp2_session*, const std::uint8_t* data, size_t length, int, void* user)
    {
        self(user)->m_socket->write(reinterpret_cast<const char*>(data), static_cast<qint64>(length));
        return static_cast<ssize_t>(length);
    }

    static int beginHeaders(nghttp2_session*, const nghttp2_frame* frame, void* user)
    {
        if (frame->hd.type == NGHTTP2_HEADERS && frame->headers.cat == NGHTTP2_HCAT_REQUEST) {
            SimHttp2Connection* c = self(user);
            c->m_streams[frame->hd.stream_id] = std::make_unique<Stream>(c, frame->hd.stream_id);
        }
        return 0;
    }

    static int header(nghttp2_session*, const nghttp2_frame* frame, const std::uint8_t* name, size_t nameLength,
                      const std::uint8_t* value, size_t valueLength, std::uint8_t, void* user)
    {
        Stream* s = self(user)->stream(frame->hd.stream_id);
        if (!s || frame->hd.type != NGHTTP2_HEADERS)
            return 0;
        const QByteArray n(reinterpret_cast<const char*>(name), static_cast<qsizetype>(nameLength));
        const QByteArray v(reinterpret_cast<const char*>(value), static_cast<qsizetype>(valueLength));
        if (n == ":method") {
            s->request.method = v;
        } else if (n == ":path") {
            const qsizetype query = v.indexOf('?');
            s->request.path = query < 0 ? v : v.first(query);
        } else if (!n.startsWith(':')) {
            s->request.headers.append({ n, v }); // HTTP/2 field names are lower case already
        }
        return 0;
    }

    static int dataChunk(nghttp2_session*, std::uint8_t, std::int32_t id, const std::uint8_t* data, size_t length,
                         void* user)
    {
        Stream* s = self(user)->stream(id);
        if (!s)
            return 0;
        if (s->request.body.size() + static_cast<qsizetype>(length) > HttpRequestParser::kMaxBodyBytes)
            s->tooLarge = true;
        if (!s->tooLarge)
            s->request.body.append(reinterpret_cast<const char*>(data), static_cast<qsizetype>(length));
        return 0;
    }

    static int frameReceived(nghttp2_session*, const nghttp2_frame* frame, void* user)
    {
        const bool endOfRequest = (frame->hd.type == NGHTTP2_HEADERS || frame->hd.type == NGHTTP2_DATA)
            && (frame->hd.flags & NGHTTP2_FLAG_END_STREAM);
        SimHttp2Connection* c = self(user);
        if (frame->hd.type == NGHTTP2_PING && (frame->hd.flags & NGHTTP2_FLAG_ACK)) {
            std::int32_t id = 0;
            std::memcpy(&id, frame->ping.opaque_data, sizeof id);
            if (Stream* cut = c->stream(id))
                cut->resetAfterPing();
            return 0;
        }
        Stream* s = c->stream(frame->hd.stream_id);
        if (endOfRequest && s && !s->dispatched) {
            s->dispatched = true;
            c->m_ready.append(frame->hd.stream_id);
        }
        return 0;
    }

    static int streamClosed(nghttp2_session*, std::int32_t id, std::uint32_t, void* user)
    {
        SimHttp2Connection* c = self(user);
        const auto it = c->m_streams.find(id);
        if (it == c->m_streams.end())
            return 0;
        it->second->cancel();
        c->m_streams.erase(it);
        return 0;
    }
};

SimHttp2Connection::SimHttp2Connection(SimServer* server, QTcpSocket* socket, const QByteArray& received)
    : QObject(server)
    , m_server(server)
    , m_socket(socket)
{
    // SimConnection counted the connection as open; this one only says it speaks HTTP/2.
    m_server->counters().http2ConnectionStarted();
    socket->setParent(this);
    connect(socket, &QTcpSocket::readyRead, this, &SimHttp2Connection::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, &SimHttp2Connection::onDisconnected);

    nghttp2_session_callbacks* callbacks = nullptr;
    nghttp2_session_callbacks_new(&callbacks);
    nghttp2_session_callbacks_set_send_callback(callbacks, &Callbacks::send);
    nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks, &Callbacks::beginHeaders);
    nghttp2_session_callbacks_set_on_header_callback(callbacks, &Callbacks::header);
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, &Callbacks::dataChunk);
    nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, &Callbacks::frameReceived);
    nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, &Callbacks::streamClosed);
    nghttp2_session_server_new(&m_session, callbacks, this);
    nghttp2_session_callbacks_del(callbacks);

    const nghttp2_settings_entry settings[] = { { NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, kMaxConcurrentStreams } };
    nghttp2_submit_settings(m_session, NGHTTP2_FLAG_NONE, settings, std::size(settings));
    receive(received);
}

SimHttp2Connection::~SimHttp2Connection()
{
    cancelExchanges();
    m_streams.clear();
    nghttp2_session_del(m_session);
    m_server->counters().connectionClosed();
}

SimHttp2Connection::Stream* SimHttp2Connection::stream(std::int32_t id) const
{
    const auto it = m_streams.find(id);
    return it == m_streams.end() ? nullptr : it->second.get();
}

void SimHttp2Connection::cancelExchanges()
{
    for (auto& [id, stream] : m_streams)
        stream->cancel();
}

void SimHttp2Connection::onReadyRead()
{
    receive(m_socket->readAll());
}

void SimHttp2Connection::onDisconnected()
{
    cancelExchanges();
    m_closing = true;
    deleteLater();
}

void SimHttp2Connection::receive(const QByteArray& bytes)
{
    if (m_closing)
        return;
    const ssize_t read = nghttp2_session_mem_recv(m_session, reinterpret_cast<const std::uint8_t*>(bytes.constData()),
                                                  static_cast<size_t>(bytes.size()));
    if (read < 0) {
        // Not HTTP/2 as RFC 9113 has it: nghttp2 has queued a GOAWAY, which goes out before the close.
        m_server->counters().countBadRequest();
        sendNow();
        close();
        return;
    }
    dispatchReady();
    scheduleSend();
}

void SimHttp2Connection::dispatchReady()
{
    const QList<std::int32_t> ready = std::exchange(m_ready, {});
    for (const std::int32_t id : ready) {
        if (m_closing || m_resetPending)
            return;
        Stream* s = stream(id);
        if (!s)
            continue;
        if (s->tooLarge) {
            m_server->counters().countBadRequest();
            const QJsonObject error { { u"message"_s, u"request body too large"_s },
                                      { u"type"_s, u"invalid_request_error"_s },
                                      { u"param"_s, QJsonValue() },
                                      { u"code"_s, u"invalid_request_error"_s } };
            s->respond(413, "application/json"_ba,
                       QJsonDocument(QJsonObject { { u"error"_s, error } }).toJson(QJsonDocument::Compact), true, {});
            continue;
        }
        m_server->handle(s, s->request);
    }
}

void SimHttp2Connection::scheduleSend()
{
    // Never from inside an exchange or an nghttp2 callback: sending closes streams, which cancels exchanges.
    if (m_sendScheduled || m_closing)
        return;
    m_sendScheduled = true;
    QMetaObject::invokeMethod(this, &SimHttp2Connection::sendNow, Qt::QueuedConnection);
}

void SimHttp2Connection::sendNow()
{
    m_sendScheduled = false;
    if (m_closing)
        return;
    const int rv = nghttp2_session_send(m_session);
    if (m_resetPending) {
        reset();
        return;
    }
    if (rv != 0) {
        close();
        return;
    }
    if (!nghttp2_session_want_read(m_session) && !nghttp2_session_want_write(m_session))
        close();
}

void SimHttp2Connection::reset()
{
    m_closing = true;
    cancelExchanges();
    resetConnection(m_socket); // what was written before the reset still goes out
    deleteLater();
}

void SimHttp2Connection::close()
{
    m_closing = true;
    m_socket->disconnectFromHost(); // flushes what is buffered, then closes; disconnected() deletes this
}

} // namespace tierlens
