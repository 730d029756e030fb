#pragma once
// Builds the bytes of HTTP/1.1 responses: complete ones with Content-Length and chunked heads and chunks.

#include <QByteArray>

namespace tierlens {

class HttpResponse
{
public:
    static QByteArray statusLine(int status);
    static QByteArray complete(int status, const QByteArray& contentType, const QByteArray& body, bool keepAlive,
                               const QByteArray& extraHeaders = QByteArray());
    static QByteArray chunkedHead(int status, const QByteArray& contentType, bool keepAlive,
                                  const QByteArray& extraHeaders = QByteArray());
    static void appendChunk(QByteArray& out, const QByteArray& data);
    static QByteArray lastChunk() { return QByteArrayLiteral("0\r\n\r\n"); }
};

} // namespace tierlens
