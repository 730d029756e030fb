#pragma once
// Incremental HTTP/1.1 response reader: status line, headers, and the body's framing (Content-Length, chunked, or
// up to the connection's close), fed the bytes as they arrive. It does not keep the body: each piece of it, with
// any chunked framing taken off, goes to the caller as it is read. The live shadow proxy passes a response on
// unchanged and reads a copy with it, to know where the response ends and what it said.

#include "http/HttpHeaders.h"
#include <QByteArray>
#include <QByteArrayView>

#include <functional>

namespace tierlens {

class HttpResponseReader
{
public:
    enum class Status { NeedMore, Complete, Error };
    using BodySink = std::function<void(QByteArrayView)>;

    static constexpr qsizetype kMaxHeaderBytes = 64 * 1024;

    // Starts on a new response; headRequest: it answers a HEAD (no body whatever the headers say).
    void reset(bool headRequest = false);
    // Reads bytes of the response (the body sink sees status() and header() already set); returns Complete when
    // the response ended in these bytes (bytes after it are left unread: *consumed says how many were used), Error
    // when they are not HTTP (errorMessage() says where).
    Status feed(QByteArrayView bytes, const BodySink& body, qsizetype* consumed = nullptr);
    // The connection closed: Complete for a body that runs to the close, Error for a response cut short.
    Status closed();

    bool headersDone() const { return m_state != State::Head; }
    int status() const { return m_status; }
    QByteArray header(QByteArrayView lowerName) const;
    // False when the response asked for the connection to close (or runs to the close).
    bool keepAlive() const { return m_keepAlive; }
    qint64 bodyBytes() const { return m_bodyBytes; }
    QByteArray errorMessage() const { return m_error; }

private:
    enum class State { Head, Fixed, ChunkSize, ChunkData, ChunkDataEnd, Trailers, ToClose, Done, Failed };
    Status fail(const QByteArray& why);
    bool parseHead(QByteArrayView head);
    Status bodyStart();

    State m_state = State::Head;
    bool m_headRequest = false;
    bool m_keepAlive = true;
    int m_status = 0;
    QByteArray m_version;
    HttpHeaderList m_headers;
    QByteArray m_line; // a head or chunk line not complete yet
    qint64 m_remaining = 0; // of a Content-Length body or of the current chunk
    qint64 m_bodyBytes = 0;
    QByteArray m_error;
};

} // namespace tierlens
