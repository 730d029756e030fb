#include "HttpResponseReader.h"

#include "HttpHeaders.h"

namespace tierlens {

void HttpResponseReader::reset(bool headRequest)
{
    *this = HttpResponseReader();
    m_headRequest = headRequest;
}

HttpResponseReader::Status HttpResponseReader::fail(const QByteArray& why)
{
    m_state = State::Failed;
    m_error = why;
    return Status::Error;
}

QByteArray HttpResponseReader::header(QByteArrayView lowerName) const
{
    return headerValue(m_headers, lowerName);
}

bool HttpResponseReader::parseHead(QByteArrayView head)
{
    const QList<QByteArray> lines = head.toByteArray().split('\n');
    QByteArray statusLine = lines.value(0);
    if (statusLine.endsWith('\r'))
        statusLine.chop(1);
    // "HTTP/1.1 200 OK": the reason phrase may be empty or missing.
    const qsizetype space = statusLine.indexOf(' ');
    if (space < 0 || !statusLine.startsWith("HTTP/1."))
        return false;
    m_version = statusLine.left(space);
    const QByteArray code = statusLine.mid(space + 1, 3);
    bool ok = false;
    m_status = code.toInt(&ok);
    if (!ok || code.size() != 3 || m_status < 100)
        return false;
    if (!parseHeaderLines(lines, &m_headers))
        return false;
    m_keepAlive = keepsAlive(m_version, m_headers);
    return true;
}

HttpResponseReader::Status HttpResponseReader::bodyStart()
{
    if (m_headRequest || m_status == 204 || m_status == 304) {
        m_state = State::Done;
        return Status::Complete;
    }
    if (header("transfer-encoding").toLower().contains("chunked")) {
        m_state = State::ChunkSize;
        return Status::NeedMore;
    }
    const QByteArray length = header("content-length");
    if (!length.isEmpty()) {
        bool ok = false;
        m_remaining = length.toLongLong(&ok);
        if (!ok || m_remaining < 0)
            return fail("Content-Length is not a number: " + length.left(40));
        m_state = m_remaining == 0 ? State::Done : State::Fixed;
        return m_remaining == 0 ? Status::Complete : Status::NeedMore;
    }
    m_state = State::ToClose;
    m_keepAlive = false;
    return Status::NeedMore;
}

HttpResponseReader::Status HttpResponseReader::feed(QByteArrayView bytes, const BodySink& body, qsizetype* consumed)
{
    qsizetype pos = 0;
    const qsizetype size = bytes.size();
    auto done = [&](Status s) {
        if (consumed)
            *consumed = pos;
        return s;
    };
    // Takes a line ending in LF into m_line; false when the bytes ran out first.
    auto takeLine = [&]() {
        const qsizetype lf = bytes.sliced(pos).indexOf('\n');
        if (lf < 0) {
            m_line.append(bytes.sliced(pos));
            pos = size;
            return false;
        }
        m_line.append(bytes.sliced(pos, lf));
        pos += lf + 1;
        if (m_line.endsWith('\r'))
            m_line.chop(1);
        return true;
    };
    // Hands on what is left of a Content-Length body or of a chunk, as far as these bytes go; true at its end.
    auto takeBody = [&]() {
        const qsizetype n = qsizetype(std::min<qint64>(m_remaining, size - pos));
        body(bytes.sliced(pos, n));
        m_bodyBytes += n;
        m_remaining -= n;
        pos += n;
        return m_remaining == 0;
    };
    while (pos < size || m_state == State::Done) {
        switch (m_state) {
        case State::Head: {
            const qsizetype before = m_line.size();
            m_line.append(bytes.sliced(pos));
            // The head ends at the first empty line, CRLF or bare LF, whichever comes first.
            qsizetype end = m_line.indexOf("\r\n\r\n", std::max<qsizetype>(0, before - 3));
            qsizetype endLength = 4;
            const qsizetype bare = m_line.indexOf("\n\n", std::max<qsizetype>(0, before - 1));
            if (bare >= 0 && (end < 0 || bare + 1 < end + 3)) {
                end = bare;
                endLength = 2;
            }
            if (end < 0) {
                pos = size;
                if (m_line.size() > kMaxHeaderBytes)
                    return done(fail("the response's headers are longer than 64 KiB"));
                return done(Status::NeedMore);
            }
            pos += end + endLength - before;
            const QByteArray head = m_line.left(end);
            m_line.clear();
            if (!parseHead(head))
                return done(fail("not an HTTP/1.x response: " + head.left(60)));
            if (m_status < 200) {
                m_headers.clear(); // 100 Continue and the like: the response proper follows
                break;
            }
            if (bodyStart() == Status::Error)
                return done(Status::Error);
            break;
        }
        case State::Fixed:
            if (takeBody())
                m_state = State::Done;
            break;
        case State::ChunkSize: {
            if (!takeLine())
                return done(m_line.size() > 1024 ? fail("a chunk size line is longer than 1 KiB") : Status::NeedMore);
            QByteArray sizeText = m_line;
            m_line.clear();
            const qsizetype semicolon = sizeText.indexOf(';');
            if (semicolon >= 0)
                sizeText.truncate(semicolon);
            sizeText = sizeText.trimmed();
            bool ok = false;
            m_remaining = sizeText.toLongLong(&ok, 16);
            if (!ok || m_remaining < 0 || sizeText.isEmpty())
                return done(fail("a chunk size is not hexadecimal: " + sizeText.left(20)));
            m_state = m_remaining == 0 ? State::Trailers : State::ChunkData;
            break;
        }
        case State::ChunkData:
            if (takeBody())
                m_state = State::ChunkDataEnd;
            break;
        case State::ChunkDataEnd:
            if (!takeLine())
                return done(m_line.size() > 2 ? fail("a chunk is longer than its size said") : Status::NeedMore);
            if (!m_line.isEmpty())
                return done(fail("a chunk is longer than its size said"));
            m_state = State::ChunkSize;
            break;
        case State::Trailers:
            if (!takeLine())
                return done(m_line.size() > kMaxHeaderBytes ? fail("the trailers are longer than 64 KiB")
                                                            : Status::NeedMore);
            if (m_line.isEmpty())
                m_state = State::Done;
            m_line.clear();
            break;
        case State::ToClose:
            body(bytes.sliced(pos));
            m_bodyBytes += size - pos;
            pos = size;
            break;
        case State::Done:
            return done(Status::Complete);
        case State::Failed:
            return done(Status::Error);
        }
    }
    return done(Status::NeedMore);
}

HttpResponseReader::Status HttpResponseReader::closed()
{
    switch (m_state) {
    case State::ToClose:
    case State::Done:
        m_state = State::Done;
        return Status::Complete;
    case State::Failed:
        return Status::Error;
    case State::Head:
        return fail(m_line.isEmpty() ? "the connection closed before a response"
                                     : "the connection closed in the headers");
    default:
        return fail("the connection closed before the response's end (after " + QByteArray::number(m_bodyBytes)
                    + " bytes of its body)");
    }
}

} // namespace tierlens
