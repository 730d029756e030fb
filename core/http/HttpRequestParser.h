#pragma once
// Incremental HTTP/1.1 request parser: request line, headers and a Content-Length body, fed as bytes arrive.

#include "http/HttpHeaders.h"

#include <QByteArray>

namespace tierlens {

struct IncomingRequest
{
    QByteArray method;
    QByteArray path; // target without the query string
    QByteArray query; // "?..." as sent, or empty
    QByteArray version;
    HttpHeaderList headers; // names lower-cased
    QByteArray body;
    bool keepAlive = true;

    QByteArray header(const QByteArray& lowerName) const;
};

class HttpRequestParser
{
public:
    enum class Status { NeedMore, Complete, Error };

    static constexpr qsizetype kMaxHeaderBytes = 64 * 1024;
    static constexpr qsizetype kMaxBodyBytes = 64 * 1024 * 1024;

    // Consumes bytes of one request from the front of buffer. On Complete, request holds it and the bytes
    // are removed; on Error, errorStatus()/errorMessage() say why and the connection should close.
    Status parse(QByteArray& buffer, IncomingRequest* request);
    // True once the headers of the pending request asked for "Expect: 100-continue" and no body arrived yet.
    bool wantsContinue() const { return m_headersDone && m_expectContinue; }
    void continueSent() { m_expectContinue = false; }
    int errorStatus() const { return m_errorStatus; }
    QByteArray errorMessage() const { return m_errorMessage; }

private:
    Status fail(int status, const QByteArray& message);
    bool parseHead(const QByteArray& head);

    IncomingRequest m_pending;
    bool m_headersDone = false;
    bool m_expectContinue = false;
    qsizetype m_headerBytes = 0;
    qsizetype m_bodyLength = 0;
    qsizetype m_scanFrom = 0;
    int m_errorStatus = 400;
    QByteArray m_errorMessage;
};

} // namespace tierlens
