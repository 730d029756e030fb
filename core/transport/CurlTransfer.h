#pragma once
// One request in flight on the network thread: its easy handle, parser and time stamps.

#include "api/ChatStreamAssembler.h"
#include "transport/HttpExchange.h"
#include "util/Clock.h"

#include <curl/curl.h>

namespace tierlens {

class CurlTransfer
{
public:
    // Answers larger than this are refused as malformed rather than exhausting memory.
    static constexpr qsizetype kMaxBodyBytes = 256 * 1024 * 1024;

    CurlTransfer(CURL* easy, HttpRequest request, const QByteArray& noProxy);
    ~CurlTransfer();
    CurlTransfer(const CurlTransfer&) = delete;
    CurlTransfer& operator=(const CurlTransfer&) = delete;

    CURL* easy() const { return m_easy; }
    quint64 tag() const { return m_request.tag; }
    void markSent() { m_exchange.sentNs = steadyNowNs(); }
    // Builds the exchange from how the transfer ended; the transfer is done with afterwards.
    HttpExchange finish(CURLcode code);
    HttpExchange cancelled();

private:
    static size_t onHeader(char* data, size_t size, size_t count, void* self);
    static size_t onBody(char* data, size_t size, size_t count, void* self);
    void checkStatus();

    CURL* m_easy;
    HttpRequest m_request;
    HttpExchange m_exchange;
    ChatStreamAssembler m_assembler;
    QByteArray m_body;
    curl_slist* m_headers = nullptr;
    bool m_statusKnown = false;
    bool m_isEventStream = false;
    bool m_tooLarge = false;
    char m_errorBuffer[CURL_ERROR_SIZE] = {};
};

} // namespace tierlens
