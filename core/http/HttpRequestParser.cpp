#include "HttpRequestParser.h"

#include "HttpHeaders.h"

namespace tierlens {

QByteArray IncomingRequest::header(const QByteArray& lowerName) const
{
    return headerValue(headers, lowerName);
}

HttpRequestParser::Status HttpRequestParser::fail(int status, const QByteArray& message)
{
    m_errorStatus = status;
    m_errorMessage = message;
    return Status::Error;
}

bool HttpRequestParser::parseHead(const QByteArray& head)
{
    const QList<QByteArray> lines = head.split('\n');
    QByteArray requestLine = lines.value(0);
    if (requestLine.endsWith('\r'))
        requestLine.chop(1);
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3 || !isHttpToken(parts[0]) || !parts[1].startsWith('/') || !parts[2].startsWith("HTTP/1."))
        return false;
    m_pending = IncomingRequest();
    m_pending.method = parts[0];
    const qsizetype query = parts[1].indexOf('?');
    m_pending.path = query < 0 ? parts[1] : parts[1].left(query);
    m_pending.query = query < 0 ? QByteArray() : parts[1].mid(query);
    m_pending.version = parts[2];
    if (!parseHeaderLines(lines, &m_pending.headers))
        return false;
    m_pending.keepAlive = keepsAlive(m_pending.version, m_pending.headers);
    return true;
}

HttpRequestParser::Status HttpRequestParser::parse(QByteArray& buffer, IncomingRequest* request)
{
    if (!m_headersDone) {
        // Tolerate the stray CRLFs some clients send between pipelined requests.
        while (buffer.startsWith("\r\n"))
            buffer.remove(0, 2);
        const qsizetype end = buffer.indexOf("\r\n\r\n", qMax<qsizetype>(0, m_scanFrom - 3));
        if (end < 0) {
            m_scanFrom = buffer.size();
            if (buffer.size() > kMaxHeaderBytes)
                return fail(431, "request header section too large");
            return Status::NeedMore;
        }
        m_scanFrom = 0;
        if (end > kMaxHeaderBytes)
            return fail(431, "request header section too large");
        if (!parseHead(buffer.left(end)))
            return fail(400, "malformed request line or header");
        if (!m_pending.header("transfer-encoding").isEmpty())
            return fail(411, "chunked request bodies are not supported; send Content-Length");
        const QByteArray lengthText = m_pending.header("content-length");
        bool ok = true;
        const qlonglong length = lengthText.isEmpty() ? 0 : lengthText.toLongLong(&ok);
        if (!ok || length < 0)
            return fail(400, "invalid Content-Length");
        if (length > kMaxBodyBytes)
            return fail(413, "request body too large");
        m_bodyLength = length;
        m_headerBytes = end + 4;
        m_headersDone = true;
        m_expectContinue = m_pending.header("expect").toLower() == "100-continue" && length > 0;
    }
    if (buffer.size() - m_headerBytes < m_bodyLength)
        return Status::NeedMore;
    m_pending.body = buffer.mid(m_headerBytes, m_bodyLength);
    buffer.remove(0, m_headerBytes + m_bodyLength);
    *request = std::move(m_pending);
    m_pending = IncomingRequest();
    m_headersDone = false;
    m_expectContinue = false;
    return Status::Complete;
}

} // namespace tierlens
