#pragma once
// One request in flight on the network thread: its easy handle, parser and time stamps.

#include "api/ChatStreamAssembler.h"
#include "transport/HttpExchange.h"
#include "util/Clock.h"

#include <curl/curl.h>

#include <vector>

namespace tierlens {

class CurlTransfer
{
public:
    // statuses: where the status goes when the request asked for it (HttpRequest::reportStatus), on the network
    // thread.
    CurlTransfer(CURL* easy, HttpRequest request, const QByteArray& noProxy, std::vector<HttpStatus>* statuses);
    ~CurlTransfer();
    CurlTransfer(const CurlTransfer&) = delete;
    CurlTransfer& operator=(const CurlTransfer&) = delete;

    CURL* easy() const { return m_easy; }
    quint64 tag() const { return m_request.tag; }
    int slotGroup() const { return m_request.slotGroup; }
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
    std::vector<HttpStatus>* m_statuses;
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
