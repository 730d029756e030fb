#pragma once
// A fault mode of a simulated model: what goes wrong, how often, in bursts of how many requests.

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace tierlens {

struct SimFault
{
    Q_DECLARE_TR_FUNCTIONS(SimFault)

public:
    enum class Mode {
        None,
        RateLimit, // 429 with Retry-After (scaled by the time scale)
        RateLimitBare, // 429 without Retry-After
        ServerError, // 500 or 503
        Reset, // the connection is reset (TCP RST) part way through the answer
        Cut, // the stream closes before data: [DONE], sometimes after the usage chunk
        BadSse, // one event loses its terminating blank line and merges with the next
        BadJson, // a streamed chunk, or the whole body, is cut in the middle of its JSON
        KeepaliveWait, // a long wait before the answer, with keep-alives meanwhile
        SlowDrip, // tokens one at a time, slowly, each event split across two writes
        Oversized, // an answer padded to `tokens` tokens (max_tokens still applies)
    };

    Mode mode = Mode::None;
    double rate = 1.0; // fraction of requests that start a burst
    int burst = 1; // requests affected in a row once a burst starts
    double retryAfterMs = 1000; // RateLimit: the Retry-After sent, before time scaling
    double waitMs = 180000; // KeepaliveWait: the wait before the first token, before time scaling
    double dripMs = 400; // SlowDrip: between tokens, before time scaling
    int tokens = 20000; // Oversized: completion tokens of the padded answer

    bool active() const { return mode != Mode::None && rate > 0; }
    // The name used on the command line, in /faults and as the key of errors_injected.
    QString name() const;
    // "MODE[,rate=F][,burst=N][,retry_after_ms=N][,wait_ms=N][,drip_ms=N][,tokens=N]"; name() plus the
    // parameters that differ from the defaults.
    QString toSpec() const;

    // Parses a spec as toSpec() writes it. Returns an empty string on success, otherwise what is wrong.
    static QString parse(const QString& spec, SimFault* out);
    static QStringList modeNames();
};

} // namespace tierlens
