#pragma once
// One chat-completions request handed to the transport, and what came back with its time stamps.

#include "api/ChatTypes.h"

#include <QByteArray>
#include <QList>

#include <cstdint>

namespace tierlens {

struct HttpRequest
{
    quint64 tag = 0; // the caller's handle, returned with the exchange
    QByteArray url; // the full chat-completions URL
    QByteArray body;
    QByteArray bearerToken; // empty: no Authorization header. Never logged, never stored.
    bool stream = true;
    bool http2PriorKnowledge = false; // h2c from the first byte on http://; otherwise HTTP/2 only where TLS offers it
    qint64 timeoutMs = 0; // 0: no limit
    bool reportStatus = false; // the status is reported (CurlTransport::statusesReceived) once the headers are in
    // At most slotLimit requests of one group are open at once; the rest wait in the transport, which starts the
    // next as one ends (SlotQueues). -1: no group, starts at once.
    int slotGroup = -1;
    int slotLimit = 0;
    bool urgent = false; // waits ahead of the group's others (a retry, a conversation's next turn)
};

// The status of a request whose headers have arrived, for requests that asked for it (HttpRequest::reportStatus).
struct HttpStatus
{
    quint64 tag = 0;
    int httpStatus = 0;
};

// Time stamps are steadyNowNs() values taken on the network thread when the bytes arrived; 0 = never happened.
struct HttpExchange
{
    quint64 tag = 0;
    int httpStatus = 0; // 0: no response (connection error, timeout)
    std::int64_t sentNs = 0;
    std::int64_t headersNs = 0;
    std::int64_t firstTokenNs = 0; // first reasoning or content token (or tool-call piece)
    std::int64_t firstAnswerNs = 0; // first content token or tool-call piece
    std::int64_t doneNs = 0;
    ChatOutcome outcome;
    QByteArray retryAfter; // raw Retry-After header value, if any
    QByteArray serverTtftMs; // X-Sim-Ttft-Ms from tierlens-sim: what it injected, for measurement checks
    qint64 bytesReceived = 0;
    // Never sent: taken back (Transport::withdrawWaiting, cancel) while it waited for a slot of its group. Its
    // outcome says Cancelled; nothing about it is a measurement.
    bool withdrawn = false;
};

} // namespace tierlens
