#include "HttpResponse.h"

#include <QStringBuilder>

using namespace Qt::StringLiterals;

namespace tierlens {

QByteArray HttpResponse::statusLine(int status)
{
    const char* reason = "Unknown";
    switch (status) {
    case 100:
        reason = "Continue";
        break;
    case 200:
        reason = "OK";
        break;
    case 400:
        reason = "Bad Request";
        break;
    case 401:
        reason = "Unauthorized";
        break;
    case 404:
        reason = "Not Found";
        break;
    case 405:
        reason = "Method Not Allowed";
        break;
    case 411:
        reason = "Length Required";
        break;
    case 413:
        reason = "Payload Too Large";
        break;
    case 422:
        reason = "Unprocessable Entity";
        break;
    case 429:
        reason = "Too Many Requests";
        break;
    case 431:
        reason = "Request Header Fields Too Large";
        break;
    case 500:
        reason = "Internal Server Error";
        break;
    case 503:
        reason = "Service Unavailable";
        break;
    default:
        break;
    }
    return "HTTP/1.1 "_ba + QByteArray::number(status) + ' ' + reason + "\r\n"_ba;
}

QByteArray HttpResponse::complete(int status, const QByteArray& contentType, const QByteArray& body, bool keepAlive,
                                  const QByteArray& extraHeaders)
{
    QByteArray out;
    out.reserve(body.size() + 160 + extraHeaders.size());
    out += statusLine(status);
    out += "Content-Type: "_ba + contentType + "\r\nContent-Length: "_ba + QByteArray::number(body.size())
        + (keepAlive ? "\r\nConnection: keep-alive\r\n" : "\r\nConnection: close\r\n") + extraHeaders + "\r\n"_ba;
    out += body;
    return out;
}

QByteArray HttpResponse::chunkedHead(int status, const QByteArray& contentType, bool keepAlive,
                                     const QByteArray& extraHeaders)
{
    return statusLine(status) + "Content-Type: "_ba + contentType
        + "\r\nCache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n"_ba
        + (keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n") + extraHeaders + "\r\n"_ba;
}

void HttpResponse::appendChunk(QByteArray& out, const QByteArray& data)
{
    if (data.isEmpty())
        return; // an empty chunk would end the body
    out += QByteArray::number(data.size(), 16) + "\r\n"_ba + data + "\r\n"_ba;
}

} // namespace tierlens
