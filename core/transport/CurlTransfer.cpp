#include "CurlTransfer.h"

#include "api/ChatResponseParser.h"
#include "util/Clock.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {
bool headerIs(QByteArrayView line, QByteArrayView name)
{
    return line.size() > name.size() && line.at(name.size()) == ':'
        && line.first(name.size()).compare(name, Qt::CaseInsensitive) == 0;
}

QByteArray headerValue(QByteArrayView line, qsizetype nameSize)
{
    return line.sliced(nameSize + 1).trimmed().toByteArray();
}

// libcurl before 8.1.0 (Debian 12 has 7.88.1) loses HTTP/2 transfers in two ways, both measured against the
// simulator (README, "HTTP/2"):
// - a transfer that reuses a prior-knowledge connection fails with "Error in the HTTP2 framing layer"
//   (curl/curl#10634);
// - a transfer stalls until its timeout when a DATA frame does not fit in what is left of its receive buffer: libcurl
//   pauses nghttp2 and, although every byte up to END_STREAM has been read from the socket, never finishes the
//   transfer. With the default 16 KiB buffer about one fast streamed answer in five stalled, with 1 KiB nearly all.
// There, automatic choice means HTTP/1.1, and HTTP/2 asked for by name gets one stream per connection and a buffer
// larger than the 32 KiB libcurl reads from a connection at a time, so that no frame of its one stream is refused.
bool multiplexesReliably()
{
    static const bool reliable = curl_version_info(CURLVERSION_NOW)->version_num >= 0x080100;
    return reliable;
}

constexpr long kOldHttp2ReceiveBuffer = 64 * 1024;
} // namespace

CurlTransfer::CurlTransfer(CURL* easy, HttpRequest request, const QByteArray& noProxy,
                           std::vector<HttpStatus>* statuses)
    : m_easy(easy)
    , m_request(std::move(request))
    , m_statuses(statuses)
{
    m_exchange.tag = m_request.tag;
    m_headers = curl_slist_append(m_headers, "Content-Type: application/json");
    m_headers
        = curl_slist_append(m_headers, m_request.stream ? "Accept: text/event-stream" : "Accept: application/json");
    // A POST body over 1 KiB would otherwise wait for "100 Continue", which no chat API sends: a lost round trip.
    m_headers = curl_slist_append(m_headers, "Expect:");
    if (!m_request.bearerToken.isEmpty()) {
        const QByteArray auth = "Authorization: Bearer "_ba + m_request.bearerToken;
        m_headers = curl_slist_append(m_headers, auth.constData());
    }

    curl_easy_setopt(m_easy, CURLOPT_URL, m_request.url.constData());
    curl_easy_setopt(m_easy, CURLOPT_POST, 1L);
    curl_easy_setopt(m_easy, CURLOPT_POSTFIELDS, m_request.body.constData());
    curl_easy_setopt(m_easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(m_request.body.size()));
    curl_easy_setopt(m_easy, CURLOPT_HTTPHEADER, m_headers);
    curl_easy_setopt(m_easy, CURLOPT_HEADERFUNCTION, &CurlTransfer::onHeader);
    curl_easy_setopt(m_easy, CURLOPT_HEADERDATA, this);
    curl_easy_setopt(m_easy, CURLOPT_WRITEFUNCTION, &CurlTransfer::onBody);
    curl_easy_setopt(m_easy, CURLOPT_WRITEDATA, this);
    curl_easy_setopt(m_easy, CURLOPT_PRIVATE, this);
    curl_easy_setopt(m_easy, CURLOPT_ERRORBUFFER, m_errorBuffer);
    curl_easy_setopt(m_easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(m_easy, CURLOPT_TCP_NODELAY, 1L);
    curl_easy_setopt(m_easy, CURLOPT_CONNECTTIMEOUT_MS, 30000L);
    if (m_request.timeoutMs > 0)
        curl_easy_setopt(m_easy, CURLOPT_TIMEOUT_MS, static_cast<long>(m_request.timeoutMs));
    if (m_request.http2PriorKnowledge) {
        // HTTP/2 from the first byte, without TLS (h2c).
        curl_easy_setopt(m_easy, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE));
        if (multiplexesReliably()) {
            curl_easy_setopt(m_easy, CURLOPT_PIPEWAIT, 1L);
        } else {
            // One stream per connection, and room for everything libcurl reads from it in one go.
            curl_easy_setopt(m_easy, CURLOPT_FRESH_CONNECT, 1L);
            curl_easy_setopt(m_easy, CURLOPT_FORBID_REUSE, 1L);
            curl_easy_setopt(m_easy, CURLOPT_BUFFERSIZE, kOldHttp2ReceiveBuffer);
        }
    } else if (multiplexesReliably()) {
        // HTTP/2 over TLS where the server offers it, multiplexed on one connection; HTTP/1.1 otherwise.
        curl_easy_setopt(m_easy, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
        if (m_request.url.startsWith("https:"))
            curl_easy_setopt(m_easy, CURLOPT_PIPEWAIT, 1L);
    } else {
        // HTTP/1.1 with keep-alive: reused connections, none of the HTTP/2 stalls above.
        curl_easy_setopt(m_easy, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
    }
    // Proxies come from the usual environment variables (libcurl reads them); loopback never goes through one.
    curl_easy_setopt(m_easy, CURLOPT_NOPROXY, noProxy.constData());
}

CurlTransfer::~CurlTransfer()
{
    curl_slist_free_all(m_headers);
}

void CurlTransfer::checkStatus()
{
    if (m_statusKnown)
        return;
    m_statusKnown = true;
    long code = 0;
    curl_easy_getinfo(m_easy, CURLINFO_RESPONSE_CODE, &code);
    m_exchange.httpStatus = static_cast<int>(code);
    const char* contentType = nullptr;
    curl_easy_getinfo(m_easy, CURLINFO_CONTENT_TYPE, &contentType);
    m_isEventStream = code >= 200 && code < 300 && contentType
        && QByteArrayView(contentType).contains(QByteArrayView("text/event-stream"));
}

size_t CurlTransfer::onHeader(char* data, size_t size, size_t count, void* self)
{
    auto* t = static_cast<CurlTransfer*>(self);
    const size_t len = size * count;
    const QByteArrayView line(data, static_cast<qsizetype>(len));
    if (line.startsWith("HTTP/")) {
        t->m_exchange.retryAfter.clear();
        t->m_exchange.serverTtftMs.clear();
    } else if (line == "\r\n" || line == "\n") {
        t->m_exchange.headersNs = steadyNowNs();
        if (t->m_request.reportStatus && t->m_statuses) {
            long code = 0;
            curl_easy_getinfo(t->m_easy, CURLINFO_RESPONSE_CODE, &code);
            t->m_statuses->push_back(HttpStatus { t->m_request.tag, int(code) });
        }
    } else if (headerIs(line, "retry-after")) {
        t->m_exchange.retryAfter = headerValue(line, 11);
    } else if (headerIs(line, "x-sim-ttft-ms")) {
        t->m_exchange.serverTtftMs = headerValue(line, 13);
    }
    return len;
}

size_t CurlTransfer::onBody(char* data, size_t size, size_t count, void* self)
{
    auto* t = static_cast<CurlTransfer*>(self);
    const size_t len = size * count;
    t->checkStatus();
    t->m_exchange.bytesReceived += static_cast<qint64>(len);
    if (t->m_isEventStream) {
        const auto progress = t->m_assembler.feed(data, static_cast<qsizetype>(len));
        if (t->m_assembler.answerBytes() > ChatOutcome::kMaxAnswerBytes) {
            t->m_tooLarge = true;
            return 0; // makes libcurl stop with CURLE_WRITE_ERROR
        }
        if (progress.firstToken || progress.firstAnswerToken) {
            const std::int64_t now = steadyNowNs();
            if (progress.firstToken && t->m_exchange.firstTokenNs == 0)
                t->m_exchange.firstTokenNs = now;
            if (progress.firstAnswerToken && t->m_exchange.firstAnswerNs == 0)
                t->m_exchange.firstAnswerNs = now;
        }
        return len;
    }
    if (t->m_body.size() + static_cast<qsizetype>(len) > ChatOutcome::kMaxAnswerBytes) {
        t->m_tooLarge = true;
        return 0; // makes libcurl stop with CURLE_WRITE_ERROR
    }
    t->m_body.append(data, static_cast<qsizetype>(len));
    return len;
}

HttpExchange CurlTransfer::finish(CURLcode code)
{
    m_exchange.doneNs = steadyNowNs();
    checkStatus();
    const int status = m_exchange.httpStatus;
    const bool success = status >= 200 && status < 300;

    if (code == CURLE_OK) {
        if (m_isEventStream)
            m_exchange.outcome = m_assembler.finish();
        else if (success)
            m_exchange.outcome = ChatResponseParser::parseCompletion(m_body);
        else
            m_exchange.outcome = ChatResponseParser::parseError(status, m_body);
        return std::move(m_exchange);
    }

    if (m_tooLarge) {
        // Nothing of it is kept: neither the text nor, for a stream, a usage that may not have arrived yet.
        m_exchange.outcome = ChatOutcome();
        m_exchange.outcome.error = ErrorClass::TooLarge;
        m_exchange.outcome.errorMessage
            = QCoreApplication::translate("CurlTransfer",
                                          "the answer is larger than %1 MiB, the limit of every answer; the transfer "
                                          "was stopped after %2 bytes")
                  .arg(ChatOutcome::kMaxAnswerBytes >> 20)
                  .arg(m_exchange.bytesReceived);
        return std::move(m_exchange);
    }
    if (m_isEventStream) {
        // The stream broke off: keep what arrived. A stream that had already sent [DONE] is complete.
        m_exchange.outcome = m_assembler.finish(false);
        if (m_exchange.outcome.ok())
            return std::move(m_exchange);
    } else if (code == CURLE_PARTIAL_FILE && success && !m_body.isEmpty()) {
        // Fewer bytes than Content-Length promised. A body that is nevertheless one whole JSON answer (with its
        // usage) is kept, flagged: the provider billed it, and a retry would bill it again.
        ChatOutcome whole = ChatResponseParser::parseCompletion(m_body);
        if (whole.ok()) {
            whole.flags |= AttemptFlag::ShortBody;
            m_exchange.outcome = std::move(whole);
            return std::move(m_exchange);
        }
    }
    const QString detail
        = m_errorBuffer[0] ? QString::fromUtf8(m_errorBuffer) : QString::fromUtf8(curl_easy_strerror(code));
    ErrorClass cls = ErrorClass::Connection;
    if (code == CURLE_OPERATION_TIMEDOUT)
        cls = ErrorClass::Timeout;
    else if (m_isEventStream && m_exchange.bytesReceived > 0)
        cls = ErrorClass::Truncated;
    m_exchange.outcome.error = cls;
    m_exchange.outcome.errorMessage = m_exchange.bytesReceived > 0
        ? QCoreApplication::translate("CurlTransfer", "%1 (after %2 bytes of the response)")
              .arg(detail)
              .arg(m_exchange.bytesReceived)
        : detail;
    return std::move(m_exchange);
}

HttpExchange CurlTransfer::cancelled()
{
    m_exchange.doneNs = steadyNowNs();
    m_exchange.outcome.error = ErrorClass::Cancelled;
    m_exchange.outcome.errorMessage
        = QCoreApplication::translate("CurlTransfer", "cancelled before the answer was complete");
    return std::move(m_exchange);
}

} // namespace tierlens
