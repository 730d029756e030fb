#pragma once
// Where the server's answer to one request goes: an HTTP/1.1 connection or one HTTP/2 stream.

#include <QByteArray>

namespace tierlens {

class SimExchange;

class SimResponder
{
public:
    virtual ~SimResponder() = default;

    virtual bool isHttp2() const = 0;
    // A whole response. Over HTTP/1.1 the connection closes afterwards unless keepAlive.
    virtual void respond(int status, const QByteArray& contentType, const QByteArray& body, bool keepAlive,
                         const QByteArray& extraHeaders = QByteArray())
        = 0;
    // Takes ownership of the exchange answering this request and starts it.
    virtual void attach(SimExchange* exchange) = 0;

    // What an exchange writes through. extraHeaders are complete "Name: value\r\n" lines.
    // A whole response that leaves the connection as it is (the exchange says how it ends).
    virtual void writeWhole(int status, const QByteArray& contentType, const QByteArray& body, bool keepAlive,
                            const QByteArray& extraHeaders)
        = 0;
    // The head of a body that follows in pieces.
    virtual void writeHead(int status, const QByteArray& contentType, bool keepAlive, const QByteArray& extraHeaders)
        = 0;
    // One piece of that body (an HTTP/1.1 chunk; HTTP/2 DATA); buffered until flush().
    virtual void writeData(const QByteArray& data) = 0;
    // The body is complete.
    virtual void writeEnd() = 0;
    virtual void flush() = 0;
};

} // namespace tierlens
