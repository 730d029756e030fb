// tierlens-sim: command-line front end of the DeepSeek-compatible simulator (tierlens_sim).
#include "DemoPrompts.h"
#include "SimServer.h"
#include "util/Translations.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>
#include <QSaveFile>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace tierlens;

namespace {

int g_signalFd[2] = { -1, -1 };

void onSignal(int)
{
    const char byte = 1;
    // Only async-signal-safe work here: the event loop picks the byte up and quits.
    [[maybe_unused]] const auto written = ::write(g_signalFd[0], &byte, 1);
}

void raiseFileLimit()
{
    // Thousands of concurrent connections need thousands of descriptors.
    rlimit limit {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

int fail(const QString& message)
{
    std::fprintf(stderr, "tierlens-sim: %s\n", qPrintable(message));
    return 2;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"tierlens-sim"_s);
    installTranslations(); // TIERLENS_LANGUAGE, else the system's language
    raiseFileLimit();

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "DeepSeek-compatible API simulator."));
    parser.addHelpOption();
    const QCommandLineOption host(u"host"_s, QCoreApplication::translate("main", "Address to listen on."), u"ADDRESS"_s,
                                  u"127.0.0.1"_s);
    const QCommandLineOption port(u"port"_s, QCoreApplication::translate("main", "Port; 0 picks a free one."),
                                  u"PORT"_s, u"0"_s);
    const QCommandLineOption seed(u"seed"_s, QCoreApplication::translate("main", "Seed of every random choice."),
                                  u"N"_s, u"1"_s);
    const QCommandLineOption timeScale(
        u"time-scale"_s, QCoreApplication::translate("main", "Multiplies every delay (0.05: 20x faster)."), u"F"_s,
        u"1.0"_s);
    const QCommandLineOption profiles(
        u"profiles"_s, QCoreApplication::translate("main", "JSON file overriding model profiles."), u"FILE"_s);
    const QCommandLineOption apiKey(u"api-key"_s, QCoreApplication::translate("main", "Only accept this Bearer key."),
                                    u"KEY"_s);
    const QCommandLineOption errorRate(u"error-rate"_s,
                                       QCoreApplication::translate("main",
                                                                   "Injected error fraction, e.g. "
                                                                   "deepseek-v4-pro=0.05."),
                                       u"MODEL=F"_s);
    const QCommandLineOption queueDelay(
        u"queue-delay-ms"_s, QCoreApplication::translate("main", "Queue wait before a request starts."), u"MODEL=N"_s);
    const QCommandLineOption concurrency(
        u"concurrency"_s, QCoreApplication::translate("main", "Requests in progress before 429."), u"MODEL=N"_s);
    const QCommandLineOption keepalive(
        u"keepalive-ms"_s, QCoreApplication::translate("main", "Keep-alive interval while queued."), u"N"_s, u"1000"_s);
    const QCommandLineOption fault(
        u"fault"_s,
        QCoreApplication::translate("main",
                                    "Fault mode of a model (or * for all): %1, with optional ,rate=F ,burst=N "
                                    ",retry_after_ms=N ,wait_ms=N ,drip_ms=N ,tokens=N. Delays are scaled by "
                                    "--time-scale; POST /faults changes modes while running.")
            .arg(SimFault::modeNames().join(u", "_s)),
        u"MODEL=MODE[,KEY=VALUE...]"_s);
    const QCommandLineOption quiet(u"quiet"_s, QCoreApplication::translate("main", "No per-request log on stderr."));
    const QCommandLineOption demoPrompts(
        u"write-demo-prompts"_s,
        QCoreApplication::translate("main",
                                    "Write the demo's prompt set (distinct prompts of the task families, with "
                                    "checks) to FILE and exit."),
        u"FILE"_s);
    parser.addOptions({ host, port, seed, timeScale, profiles, apiKey, errorRate, queueDelay, concurrency, keepalive,
                        fault, quiet, demoPrompts });
    parser.process(app);
    if (parser.isSet(demoPrompts)) {
        QSaveFile file(parser.value(demoPrompts));
        if (!file.open(QIODevice::WriteOnly) || file.write(demoPromptSet()) < 0 || !file.commit())
            return fail(QCoreApplication::translate("main", "cannot write %1: %2")
                            .arg(parser.value(demoPrompts), file.errorString()));
        return 0;
    }

    SimConfig config;
    bool ok = false;
    config.seed = parser.value(seed).toULongLong(&ok);
    if (!ok)
        return fail(QCoreApplication::translate("main", "--seed: \"%1\" is not a non-negative integer")
                        .arg(parser.value(seed)));
    config.timeScale = parser.value(timeScale).toDouble(&ok);
    if (!ok || config.timeScale < 0)
        return fail(QCoreApplication::translate("main", "--time-scale: \"%1\" is not a number >= 0")
                        .arg(parser.value(timeScale)));
    config.keepaliveMs = parser.value(keepalive).toDouble(&ok);
    if (!ok || config.keepaliveMs <= 0)
        return fail(QCoreApplication::translate("main", "--keepalive-ms: \"%1\" is not a number > 0")
                        .arg(parser.value(keepalive)));
    const uint portNumber = parser.value(port).toUInt(&ok);
    if (!ok || portNumber > 65535)
        return fail(QCoreApplication::translate("main", "--port: \"%1\" is not a port number").arg(parser.value(port)));
    QHostAddress address;
    if (!address.setAddress(parser.value(host)))
        return fail(QCoreApplication::translate("main", "--host: \"%1\" is not an IP address").arg(parser.value(host)));
    config.apiKey = parser.value(apiKey);
    config.logRequests = !parser.isSet(quiet);
    if (parser.isSet(profiles)) {
        const QString error = loadProfileFile(config.profiles, parser.value(profiles));
        if (!error.isEmpty())
            return fail(error);
    }
    const std::pair<const QCommandLineOption*, QString> perModel[] = { { &errorRate, u"error_rate"_s },
                                                                       { &queueDelay, u"queue_delay_ms"_s },
                                                                       { &concurrency, u"concurrency_limit"_s } };
    for (const auto& [option, field] : perModel) {
        for (const QString& spec : parser.values(*option)) {
            const QString error = config.setModelValue(field, spec);
            if (!error.isEmpty())
                return fail(error);
        }
    }

    for (const QString& spec : parser.values(fault)) {
        const QString error = config.setModelFault(spec);
        if (!error.isEmpty())
            return fail(error);
    }

    SimServer server(config);
    if (!server.listen(address, static_cast<quint16>(portNumber)))
        return fail(QCoreApplication::translate("main", "cannot listen on %1:%2: %3")
                        .arg(address.toString())
                        .arg(portNumber)
                        .arg(server.errorString()));

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFd) == 0) {
        auto* notifier = new QSocketNotifier(g_signalFd[1], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
    }
    std::signal(SIGPIPE, SIG_IGN);

    std::printf("listening on %s\n", qPrintable(server.serverUrl().toString()));
    std::fflush(stdout);
    return app.exec();
}
