// bench_engine: the run engine against tierlens-sim on loopback. Prints figures; asserts nothing on time.
//
// Each scenario runs in a child process of its own (this program re-executed with --scenario), so that
// CPU time and peak memory belong to that scenario alone. The simulator is a separate process: its CPU
// is not the client's.

#include "../tests/support/SimProcess.h"

#include "engine/RunEngine.h"
#include "live/ShadowProxy.h"
#include "pricing/PriceBookRegistry.h"
#include "store/Store.h"
#include "transport/CurlTransport.h"
#include "util/Clock.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QUrl>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <thread>

using namespace Qt::StringLiterals;
using namespace tierlens;

namespace {

QString binDir()
{
    return QStringLiteral(TIERLENS_BIN_DIR);
}

double cpuSeconds()
{
    rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double peakRssMb()
{
    rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_maxrss) / 1024.0;
}

PromptSet syntheticSet(int prompts)
{
    PromptSet set;
    set.name = u"bench-%1"_s.arg(prompts);
    set.sourceSha256 = set.name;
    for (int i = 0; i < prompts; ++i) {
        Prompt p;
        p.id = QString::number(i);
        p.category = u"general"_s;
        p.messages = QJsonArray { QJsonObject { { u"role"_s, u"user"_s },
                                                { u"content"_s, u"Say hello, number %1."_s.arg(i) } } };
        set.prompts.append(p);
    }
    return set;
}

QString writeProfiles(const QTemporaryDir& dir, double ttftMs, double tokensPerSecond, double verbosity)
{
    const QString path = dir.filePath(u"profiles.json"_s);
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(QJsonDocument(QJsonObject { { u"*"_s,
                                          QJsonObject { { u"ttft_ms"_s, ttftMs },
                                                        { u"tokens_per_second"_s, tokensPerSecond },
                                                        { u"verbosity"_s, verbosity },
                                                        { u"concurrency_limit"_s, 100000 } } } })
                .toJson());
    return path;
}

struct EngineRun
{
    qint64 attempts = 0;
    double wallS = 0;
    double cpuS = 0;
    qint64 maxInFlight = 0;
    double clientLagP95Ms = 0;
    QString status;
    std::vector<double> ttftMs; // of the results' final attempts, as recorded
    std::vector<double> latencyMs;
};

// One run of `requests` requests per model through the real engine and store.
enum class Protocol { Auto, Http2 };

QString protocolName(Protocol p)
{
    return p == Protocol::Http2 ? u"HTTP/2 with prior knowledge"_s : u"HTTP/1.1"_s;
}

EngineRun runEngine(const QString& url, const QStringList& models, int cap, int prompts, int repeat, bool stream,
                    bool sampleInFlight, Protocol protocol = Protocol::Auto)
{
    QTemporaryDir dir;
    QString error;
    auto store = Store::open(dir.filePath(u"bench.db"_s), &error);
    if (!store) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        std::exit(1);
    }
    PriceBookRegistry registry;
    registry.loadBundled(&error);
    RunConfig config;
    config.repeat = repeat;
    config.retry.maxAttempts = 3;
    config.retry.baseDelayMs = 50;
    for (const QString& id : models) {
        ModelConfig m;
        m.label = id;
        m.baseUrl = url;
        m.modelId = id;
        m.concurrency = cap;
        m.options.stream = stream;
        m.options.thinking = false;
        m.http2 = protocol == Protocol::Http2 ? ModelConfig::Http2::PriorKnowledge : ModelConfig::Http2::Auto;
        config.models.append(m);
    }
    PromptSet set = syntheticSet(prompts);
    const auto runId = RunEngine::createRun(*store, set, config, registry, &error);
    if (!runId) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        std::exit(1);
    }
    RunEngine engine(*store, Clock::system());
    EngineRun result;
    QEventLoop loop;
    QObject::connect(&engine, &RunEngine::finished, &loop, [&](qint64, const QString& status, const QString& message) {
        result.status = message.isEmpty() ? status : status + u": "_s + message;
        loop.quit();
    });
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, [&] {
        qint64 inFlight = 0;
        for (const auto& m : engine.progress().models)
            inFlight += m.inFlight;
        result.maxInFlight = std::max(result.maxInFlight, inFlight);
    });
    if (sampleInFlight)
        sampler.start(20);
    const double cpu0 = cpuSeconds();
    const std::int64_t t0 = steadyNowNs();
    if (!engine.start(*runId, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        std::exit(1);
    }
    loop.exec();
    result.wallS = double(steadyNowNs() - t0) / 1e9;
    result.cpuS = cpuSeconds() - cpu0;
    result.clientLagP95Ms = engine.clientLagP95Ms();
    // Held in a variable: a range over value() of the temporary optional would dangle (it ends before the loop).
    const auto totals = store->modelTotals(*runId);
    for (const auto& m : totals.value())
        result.attempts += m.attempts;
    store->forEachResult(
        *runId,
        [&](const ResultExportRow& r) {
            if (r.finalAttempt.ttftMs)
                result.ttftMs.push_back(*r.finalAttempt.ttftMs);
            result.latencyMs.push_back(r.finalAttempt.latencyMs);
            return true;
        },
        &error);
    return result;
}

int scenarioCpu()
{
    QTemporaryDir dir;
    testing::SimProcess sim(binDir());
    if (const QString e = sim.start({ u"--profiles"_s, writeProfiles(dir, 20, 1e6, 0.3) }); !e.isEmpty())
        return std::fprintf(stderr, "%s\n", qPrintable(e)), 1;
    const EngineRun r
        = runEngine(sim.url(), { u"deepseek-v4-flash"_s, u"deepseek-v4-pro"_s }, 250, 2000, 5, false, false);
    std::printf(
        "client CPU per request, results stored: %.3f ms  (target < 0.15 ms; %lld requests, 2 models x cap 250, "
        "non-streaming, 20 ms simulated latency; %s)\n",
        r.cpuS * 1000.0 / double(r.attempts), qint64(r.attempts), qPrintable(r.status));
    std::printf("requests per second: %.0f  (client lag p95 %.2f ms)\n", double(r.attempts) / r.wallS,
                r.clientLagP95Ms);
    return 0;
}

// At the concurrency an ordinary account uses (25 + 25 in flight), where one wake-up of the network thread serves
// few transfers: issue 17's goal is 0.15 ms a request with small answers and 0.25 ms with the simulator's own
// answer sizes (its model profiles, delays scaled down a hundredfold).
int scenarioCpuAt25(bool simulatorAnswers)
{
    QTemporaryDir dir;
    testing::SimProcess sim(binDir());
    const QStringList args = simulatorAnswers ? QStringList { u"--time-scale"_s, u"0.01"_s }
                                              : QStringList { u"--profiles"_s, writeProfiles(dir, 20, 1e6, 0.05) };
    if (const QString e = sim.start(args); !e.isEmpty())
        return std::fprintf(stderr, "%s\n", qPrintable(e)), 1;
    const EngineRun r
        = runEngine(sim.url(), { u"deepseek-v4-flash"_s, u"deepseek-v4-pro"_s }, 25, 2000, 5, false, false);
    std::printf("client CPU per request at 25 + 25 in flight, %s, results stored: %.3f ms  (target < %s ms; %lld "
                "requests, non-streaming; %.0f requests/s; %s)\n",
                simulatorAnswers ? "tierlens-sim's answer sizes" : "small answers",
                r.cpuS * 1000.0 / double(r.attempts), simulatorAnswers ? "0.25" : "0.15", qint64(r.attempts),
                double(r.attempts) / r.wallS, qPrintable(r.status));
    return 0;
}

int scenarioStreamCpu(Protocol protocol)
{
    QTemporaryDir dir;
    testing::SimProcess sim(binDir());
    if (const QString e = sim.start({ u"--profiles"_s, writeProfiles(dir, 20, 2000, 0.5) }); !e.isEmpty())
        return std::fprintf(stderr, "%s\n", qPrintable(e)), 1;
    const EngineRun r
        = runEngine(sim.url(), { u"deepseek-v4-flash"_s, u"deepseek-v4-pro"_s }, 250, 1000, 4, true, false, protocol);
    std::printf("client CPU per streamed request, results stored, %s: %.3f ms  (%lld requests, SSE, cap 250 per "
                "model; %.0f requests/s; %s)\n",
                qPrintable(protocolName(protocol)), r.cpuS * 1000.0 / double(r.attempts), qint64(r.attempts),
                double(r.attempts) / r.wallS, qPrintable(r.status));
    return 0;
}

int scenarioInFlight(int cap, Protocol protocol)
{
    QTemporaryDir dir;
    testing::SimProcess sim(binDir());
    if (const QString e = sim.start({ u"--profiles"_s, writeProfiles(dir, 2000, 1e6, 0.3) }); !e.isEmpty())
        return std::fprintf(stderr, "%s\n", qPrintable(e)), 1;
    const EngineRun r = runEngine(sim.url(), { u"deepseek-v4-flash"_s }, cap, cap, 3, false, true, protocol);
    const qint64 serverMax = sim.stats()
                                 .value(u"models"_s)
                                 .toObject()
                                 .value(u"deepseek-v4-flash"_s)
                                 .toObject()
                                 .value(u"max_in_flight"_s)
                                 .toInteger();
    std::printf("in flight with cap %d and 2 s simulated latency, %s: client %lld, server saw %lld (%.1f%% of the cap; "
                "target >= 95%%); %.0f requests/s; peak memory %.0f MB%s; %s\n",
                cap, qPrintable(protocolName(protocol)), qint64(r.maxInFlight), serverMax,
                100.0 * double(serverMax) / cap, double(r.attempts) / r.wallS, peakRssMb(),
                cap >= 2500 ? " (target < 300 MB)" : "", qPrintable(r.status));
    return 0;
}

int scenarioTtft()
{
    // Transport level: the same time stamps the engine records, compared with what the simulator injected.
    QTemporaryDir dir;
    testing::SimProcess sim(binDir());
    if (const QString e = sim.start({ u"--profiles"_s, writeProfiles(dir, 1100, 103, 0.3) }); !e.isEmpty())
        return std::fprintf(stderr, "%s\n", qPrintable(e)), 1;
    CurlTransport transport;
    const int inFlight = 500;
    const int total = 2000;
    int sent = 0;
    std::vector<double> errors;
    std::vector<double> warmErrors; // requests after the first wave: on connections already open
    QEventLoop loop;
    auto request = [&](int i) {
        HttpRequest r;
        r.tag = quint64(i + 1);
        r.url = (sim.url() + u"/chat/completions"_s).toUtf8();
        r.stream = true;
        r.body
            = QJsonDocument(QJsonObject { { u"model"_s, u"deepseek-v4-flash"_s },
                                          { u"stream"_s, true },
                                          { u"thinking"_s, QJsonObject { { u"type"_s, u"disabled"_s } } },
                                          { u"messages"_s,
                                            QJsonArray { QJsonObject { { u"role"_s, u"user"_s },
                                                                       { u"content"_s, u"Hello %1"_s.arg(i) } } } } })
                  .toJson(QJsonDocument::Compact);
        return r;
    };
    QObject::connect(&transport, &CurlTransport::exchangesFinished, [&](const QVector<HttpExchange>& batch) {
        QVector<HttpRequest> more;
        for (const HttpExchange& ex : batch) {
            bool ok = false;
            const double injected = ex.serverTtftMs.toDouble(&ok);
            if (ok && ex.firstTokenNs) {
                errors.push_back(double(ex.firstTokenNs - ex.sentNs) / 1e6 - injected);
                if (ex.tag > quint64(inFlight))
                    warmErrors.push_back(errors.back());
            }
            if (sent < total)
                more.append(request(sent++));
        }
        if (!more.isEmpty())
            transport.submit(more);
        if (sent == total && transport.inFlight() == 0)
            loop.quit();
    });
    QVector<HttpRequest> first;
    for (; sent < inFlight; ++sent)
        first.append(request(sent));
    transport.submit(first);
    loop.exec();
    std::sort(errors.begin(), errors.end());
    std::sort(warmErrors.begin(), warmErrors.end());
    if (errors.empty() || warmErrors.empty())
        return std::fprintf(stderr, "no time to first token measured\n"), 1;
    auto at = [](const std::vector<double>& v, double q) { return v[size_t(q * double(v.size() - 1))]; };
    std::printf("time to first token, recorded minus injected, %d streams with %d in flight: median %.2f ms "
                "(target < 5 ms), p95 %.2f ms, max %.2f ms; after the first wave (connections open): median %.2f ms, "
                "p95 %.2f ms, max %.2f ms\n",
                int(errors.size()), inFlight, at(errors, 0.5), at(errors, 0.95), errors.back(), at(warmErrors, 0.5),
                at(warmErrors, 0.95), warmErrors.back());
    return 0;
}

// The reference for time to first token: a client of plain non-blocking sockets and poll(), no HTTP library, no
// event loop of Qt's. Each request on a connection of its own (opened after the clock starts, as a client that
// has none open would); the body is scanned as it arrives. It stamps the first event that carries a choice delta
// (any, even a role-only or empty one: what a client that times the first `data:` line sees) and the first
// non-empty content or reasoning text (what Tierlens records as TTFT).
struct RawTiming
{
    int target = 0; // which of the base URLs it was sent to
    double firstEventMs = -1;
    double firstTokenMs = -1;
    double totalMs = -1;
};

// Requests go to the base URLs in turn (one server, or two to compare: the same workload interleaved); a new
// connection each.
std::vector<RawTiming> rawSocketClient(const QStringList& baseUrls, const QStringList& models, int perModel,
                                       int inFlight, bool stream = true)
{
    struct Target
    {
        QByteArray host;
        int port = 0;
        QByteArray path;
        sockaddr_storage address {};
        socklen_t addressLength = 0;
    };
    struct Conn
    {
        int fd = -1;
        int target = 0;
        std::int64_t t0 = 0;
        QByteArray out;
        qsizetype written = 0;
        QByteArray in;
        qsizetype bodyAt = -1; // where the body starts in `in`
        RawTiming timing;
    };
    // The servers' addresses, resolved once (host names too), outside the measured time.
    std::vector<Target> targets;
    for (const QString& baseUrl : baseUrls) {
        const QUrl url(baseUrl);
        Target t;
        t.host = url.host().toUtf8();
        t.port = url.port(80);
        t.path = (url.path() + u"/chat/completions"_s).toUtf8();
        const QByteArray& host = t.host;
        const int port = t.port;
        sockaddr_storage& address = t.address;
        socklen_t& addressLength = t.addressLength;
        addrinfo hints {};
        hints.ai_socktype = SOCK_STREAM;
        addrinfo* found = nullptr;
        if (getaddrinfo(host.constData(), QByteArray::number(port).constData(), &hints, &found) != 0 || !found) {
            std::fprintf(stderr, "cannot resolve %s\n", host.constData());
            return {};
        }
        std::memcpy(&address, found->ai_addr, found->ai_addrlen);
        addressLength = found->ai_addrlen;
        freeaddrinfo(found);
        targets.push_back(t);
    }
    int failed = 0;
    std::vector<RawTiming> done;
    std::vector<Conn> open;
    int next = 0;
    const int total = perModel * int(models.size()) * int(targets.size());
    auto start = [&](int i) {
        Conn c;
        c.target = i % int(targets.size());
        c.timing.target = c.target;
        const Target& t = targets[size_t(c.target)];
        const QByteArray body
            = QJsonDocument(
                  QJsonObject { { u"model"_s, models.at((i / int(targets.size())) % models.size()) },
                                { u"stream"_s, stream },
                                { u"thinking"_s, QJsonObject { { u"type"_s, u"disabled"_s } } },
                                { u"messages"_s,
                                  QJsonArray { QJsonObject {
                                      { u"role"_s, u"user"_s },
                                      { u"content"_s,
                                        u"Say hello, number %1."_s.arg(i / (models.size() * targets.size())) } } } } })
                  .toJson(QJsonDocument::Compact);
        c.out = "POST " + t.path + " HTTP/1.1\r\nHost: " + t.host + ':' + QByteArray::number(t.port)
            + "\r\nContent-Type: application/json\r\nAccept: " + (stream ? "text/event-stream" : "application/json")
            + "\r\nConnection: close\r\n"
              "Content-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        c.t0 = steadyNowNs();
        c.fd = socket(t.address.ss_family, SOCK_STREAM | SOCK_NONBLOCK, 0);
        if (c.fd < 0) {
            ++failed;
            return;
        }
        const int one = 1;
        setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        // EINPROGRESS: writable once connected, POLLERR if refused.
        connect(c.fd, reinterpret_cast<const sockaddr*>(&t.address), t.addressLength);
        open.push_back(std::move(c));
    };
    auto ms = [](std::int64_t from, std::int64_t to) { return double(to - from) / 1e6; };
    while (next < total && int(open.size()) < inFlight)
        start(next++);
    std::vector<pollfd> fds;
    while (!open.empty()) {
        fds.clear();
        for (const Conn& c : open)
            fds.push_back({ c.fd, short(c.written < c.out.size() ? POLLOUT : POLLIN), 0 });
        if (poll(fds.data(), nfds_t(fds.size()), 10000) <= 0)
            break; // the server stopped answering: what was measured is kept
        for (size_t k = 0; k < fds.size(); ++k) {
            Conn& c = open[k];
            if (c.written < c.out.size()) {
                // Connecting or sending: refused or reset ends the request as failed (not measured).
                ssize_t n = -1;
                if (fds[k].revents & POLLOUT)
                    n = send(c.fd, c.out.constData() + c.written, size_t(c.out.size() - c.written), MSG_NOSIGNAL);
                if (n > 0) {
                    c.written += n;
                } else if ((fds[k].revents & (POLLERR | POLLHUP | POLLNVAL)) || (n < 0 && errno != EAGAIN)) {
                    close(c.fd);
                    c.fd = -1;
                    ++failed;
                }
                continue;
            }
            if (!(fds[k].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            char buffer[65536];
            const ssize_t n = recv(c.fd, buffer, sizeof buffer, 0);
            const std::int64_t now = steadyNowNs();
            if (n > 0) {
                const qsizetype before = c.in.size();
                c.in.append(buffer, n);
                if (c.bodyAt < 0) {
                    const qsizetype end = c.in.indexOf("\r\n\r\n");
                    if (end >= 0)
                        c.bodyAt = end + 4;
                }
                if (c.bodyAt >= 0) {
                    // Scanned from a little before the new bytes: a marker may straddle two reads.
                    const qsizetype from = std::max(c.bodyAt, before - 32);
                    const QByteArrayView fresh = QByteArrayView(c.in).sliced(from);
                    if (c.timing.firstEventMs < 0 && fresh.contains("\"delta\""))
                        c.timing.firstEventMs = ms(c.t0, now);
                    if (c.timing.firstTokenMs < 0) {
                        for (const char* marker : { "\"content\":\"", "\"reasoning_content\":\"" }) {
                            for (qsizetype at = fresh.indexOf(marker); at >= 0; at = fresh.indexOf(marker, at + 1)) {
                                const qsizetype value = at + qsizetype(std::strlen(marker));
                                if (value < fresh.size() && fresh.at(value) != '"') {
                                    c.timing.firstTokenMs = ms(c.t0, now);
                                    break;
                                }
                            }
                        }
                    }
                }
                if (!c.in.contains("data: [DONE]"))
                    continue;
            }
            c.timing.totalMs = ms(c.t0, now);
            close(c.fd);
            done.push_back(c.timing);
            c.fd = -1;
        }
        open.erase(std::remove_if(open.begin(), open.end(), [](const Conn& c) { return c.fd < 0; }), open.end());
        while (next < total && int(open.size()) < inFlight)
            start(next++);
    }
    for (const Conn& c : open)
        close(c.fd);
    if (failed > 0)
        std::fprintf(stderr, "raw-socket client: %d of %d requests failed\n", failed, total);
    return done;
}

double median(std::vector<double> v)
{
    if (v.empty())
        return std::nan("");
    std::sort(v.begin(), v.end());
    return v[size_t(0.5 * double(v.size() - 1))]; // as scenarioTtft picks its quantiles
}

// Issue 17's comparison: the same streamed workload (250 ms before the first token, tokens at 200/s, 300 prompts per
// model, 50 + 50 in flight) through the raw-socket client, then through the engine with its store, one after the
// other against one simulator. Medians of time to first token and of total latency, each from its own send.
int scenarioTtftRaw()
{
    QTemporaryDir dir;
    testing::SimProcess sim(binDir());
    // --url: another server than tierlens-sim (a third party's mock, with the same timing).
    const QStringList args = QCoreApplication::arguments();
    const qsizetype urlAt = args.indexOf(u"--url"_s);
    QString url = urlAt >= 0 && urlAt + 1 < args.size() ? args.at(urlAt + 1) : QString();
    if (url.isEmpty()) {
        if (const QString e = sim.start({ u"--profiles"_s, writeProfiles(dir, 250, 200, 0.05) }); !e.isEmpty())
            return std::fprintf(stderr, "%s\n", qPrintable(e)), 1;
        url = sim.url();
    }
    const QStringList models { u"deepseek-v4-flash"_s, u"deepseek-v4-pro"_s };
    for (int round = 1; round <= 2; ++round) {
        const std::vector<RawTiming> raw = rawSocketClient({ url }, models, 300, 100);
        std::vector<double> rawEvent, rawToken, rawTotal;
        for (const RawTiming& t : raw) {
            if (t.firstEventMs >= 0)
                rawEvent.push_back(t.firstEventMs);
            if (t.firstTokenMs >= 0)
                rawToken.push_back(t.firstTokenMs);
            rawTotal.push_back(t.totalMs);
        }
        if (raw.empty())
            return std::fprintf(stderr, "the raw-socket client measured nothing\n"), 1;
        const EngineRun r = runEngine(url, models, 50, 300, 1, true, false);
        const double ttft = median(r.ttftMs);
        std::printf(
            "time to first token, 250 ms injected, 200 tokens/s, 50 + 50 in flight, round %d: raw-socket client "
            "median %.2f ms to the first token (%.2f ms to the first delta event), Tierlens %.2f ms (%+.2f ms; "
            "target within 2 ms); total latency median raw %.2f ms, Tierlens %.2f ms (%+.2f ms); %d + %d "
            "streams; %s\n",
            round, median(rawToken), median(rawEvent), ttft, ttft - median(rawToken), median(rawTotal),
            median(r.latencyMs), median(r.latencyMs) - median(rawTotal), int(raw.size()), int(r.ttftMs.size()),
            qPrintable(r.status));
    }
    return 0;
}

double quantile(std::vector<double> v, double q)
{
    if (v.empty())
        return std::nan("");
    std::sort(v.begin(), v.end());
    return v[size_t(q * double(v.size() - 1))];
}

// Issue 18: what the live shadow proxy adds on the primary's path. The same requests, interleaved, straight to the
// simulator and through the proxy (which records every answer and mirrors each request to a candidate on the same
// simulator); about 200 requests a second through the proxy, a new connection each, whole answers then streams.
// Overhead: a quantile of the proxied latencies minus the same quantile of the direct ones.
int scenarioShadowOverhead()
{
    QTemporaryDir dir;
    testing::SimProcess sim(binDir());
    if (const QString e = sim.start({ u"--profiles"_s, writeProfiles(dir, 20, 2000, 0.05) }); !e.isEmpty())
        return std::fprintf(stderr, "%s\n", qPrintable(e)), 1;
    QString error;
    PriceBookRegistry prices;
    if (!prices.loadBundled(&error))
        return std::fprintf(stderr, "%s\n", qPrintable(error)), 1;
    std::unique_ptr<Store> store = Store::open(dir.filePath(u"shadow.db"_s), &error);
    if (!store)
        return std::fprintf(stderr, "%s\n", qPrintable(error)), 1;
    ShadowOptions options;
    options.primary.label = u"flash"_s;
    options.primary.baseUrl = sim.url();
    options.primary.modelId = u"deepseek-v4-flash"_s;
    ModelConfig candidate = options.primary;
    candidate.label = u"pro"_s;
    candidate.modelId = u"deepseek-v4-pro"_s;
    options.shadows = { candidate };
    options.shadowConcurrency = 100;
    ShadowProxy proxy(*store, prices);
    if (!proxy.start(options, &error))
        return std::fprintf(stderr, "%s\n", qPrintable(error)), 1;
    const QString proxied = u"http://127.0.0.1:%1"_s.arg(proxy.port());
    for (const bool stream : { false, true }) {
        std::vector<RawTiming> timings;
        std::atomic<bool> finished { false };
        const std::int64_t startNs = steadyNowNs();
        // The client on a thread of its own; the proxy on this one, as in tierlens-cli shadow.
        std::thread client([&] {
            timings = rawSocketClient({ sim.url(), proxied }, { u"deepseek-v4-flash"_s }, 3000, stream ? 20 : 16, stream);
            finished.store(true);
        });
        QEventLoop loop;
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (finished.load())
                loop.quit();
        });
        poll.start(20);
        loop.exec();
        client.join();
        const double seconds = double(steadyNowNs() - startNs) / 1e9;
        std::vector<double> total[2], first[2];
        for (const RawTiming& t : timings) {
            total[t.target].push_back(t.totalMs);
            if (t.firstTokenMs >= 0)
                first[t.target].push_back(t.firstTokenMs);
        }
        auto line = [&](const char* what, std::vector<double>* v) {
            std::printf("  %s: direct p50 %.2f ms, p99 %.2f ms; through the proxy p50 %.2f ms, p99 %.2f ms; "
                        "overhead p50 %+.2f ms (target < 1 ms), p99 %+.2f ms (target < 5 ms)\n",
                        what, quantile(v[0], 0.5), quantile(v[0], 0.99), quantile(v[1], 0.5), quantile(v[1], 0.99),
                        quantile(v[1], 0.5) - quantile(v[0], 0.5), quantile(v[1], 0.99) - quantile(v[0], 0.99));
        };
        std::printf("live shadow proxy on the primary's path, %s: %zu direct + %zu proxied requests in %.1f s (%.0f "
                    "a second through the proxy), each mirrored to a candidate and both answers recorded\n",
                    stream ? "streamed" : "whole answers", total[0].size(), total[1].size(), seconds,
                    double(total[1].size()) / seconds);
        line("total latency", total);
        if (stream)
            line("time to first token", first);
    }
    const ShadowStats stats = proxy.stats();
    std::printf("  mirrored %lld of %lld chat requests (%lld over the candidate's cap); candidate answered %lld, "
                "errors %lld\n",
                qint64(stats.mirrored), qint64(stats.chatRequests), qint64(stats.skippedCap),
                qint64(stats.models.value(1).answered), qint64(stats.models.value(1).errors));
    return proxy.stop(&error) ? 0 : (std::fprintf(stderr, "%s\n", qPrintable(error)), 1);
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qsizetype at = args.indexOf(u"--scenario"_s);
    if (at >= 0 && at + 1 < args.size()) {
        const QString s = args.at(at + 1);
        if (s == u"cpu"_s)
            return scenarioCpu();
        if (s == u"cpu-25"_s)
            return scenarioCpuAt25(false);
        if (s == u"cpu-25-sim"_s)
            return scenarioCpuAt25(true);
        if (s == u"stream-cpu"_s)
            return scenarioStreamCpu(Protocol::Auto);
        if (s == u"stream-cpu-h2"_s)
            return scenarioStreamCpu(Protocol::Http2);
        if (s == u"inflight-500"_s)
            return scenarioInFlight(500, Protocol::Auto);
        if (s == u"inflight-2500"_s)
            return scenarioInFlight(2500, Protocol::Auto);
        if (s == u"inflight-2500-h2"_s)
            return scenarioInFlight(2500, Protocol::Http2);
        if (s == u"ttft"_s)
            return scenarioTtft();
        if (s == u"ttft-raw"_s)
            return scenarioTtftRaw();
        if (s == u"shadow-overhead"_s)
            return scenarioShadowOverhead();
        return std::fprintf(stderr, "unknown scenario %s\n", qPrintable(s)), 2;
    }
    int failures = 0;
    for (const QString& s :
         { u"cpu"_s, u"cpu-25"_s, u"cpu-25-sim"_s, u"stream-cpu"_s, u"stream-cpu-h2"_s, u"inflight-500"_s,
           u"inflight-2500"_s, u"inflight-2500-h2"_s, u"ttft"_s, u"ttft-raw"_s, u"shadow-overhead"_s }) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedChannels);
        child.start(app.applicationFilePath(), { u"--scenario"_s, s });
        child.waitForFinished(-1);
        failures += child.exitCode() != 0;
    }
    return failures == 0 ? 0 : 1;
}
