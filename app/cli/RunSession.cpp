#include "RunSession.h"
#include "CliCommands.h"
#include "CliSupport.h"
#include "ProgressPrinter.h"

#include "engine/RunEngine.h"
#include "store/Store.h"
#include "util/Clock.h"

#include <QCoreApplication>
#include <QTimer>

#include <atomic>
#include <csignal>

using namespace Qt::StringLiterals;

namespace tierlens::cli {

namespace {

std::atomic<int> g_interrupts { 0 };

extern "C" void onInterrupt(int)
{
    g_interrupts.fetch_add(1);
}

} // namespace

Interrupts::Interrupts(std::function<void()> onFirst)
    : m_onFirst(std::move(onFirst))
{
    g_interrupts.store(0);
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    QObject::connect(&m_poll, &QTimer::timeout, [this] {
        const int n = g_interrupts.load();
        if (n == 1 && !m_told) {
            m_told = true;
            m_onFirst();
        } else if (n > 1) {
            std::_Exit(ExitRunFailed);
        }
    });
    m_poll.start(100);
}

Interrupts::~Interrupts()
{
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

void printImportReport(const QString& path, const ImportReport& report)
{
    for (const QString& w : report.warnings)
        err() << CliCommands::tr("warning: %1").arg(w) << Qt::endl;
    if (report.unmappedAssertions.isEmpty())
        return;
    QStringList parts;
    int total = 0;
    for (auto it = report.unmappedAssertions.cbegin(); it != report.unmappedAssertions.cend(); ++it) {
        parts.append(u"%1 \u00d7%2"_s.arg(it.key()).arg(it.value()));
        total += it.value();
    }
    err() << CliCommands::tr("warning: %1: %n assertion(s) of types Tierlens cannot check were left out: %2", nullptr,
                             total)
                 .arg(path, parts.join(u", "_s))
          << Qt::endl;
}

// Plain http:// to a host that is not this machine would send an API key unencrypted: warn on stderr, and refuse
// unless --allow-insecure-http was given. False (with the exit code) when the command must stop.
bool checkInsecureHttp(const RunConfig& config, bool allowed, int* exitCode)
{
    const QString warning = config.insecureHttpWarning();
    if (warning.isEmpty())
        return true;
    for (const QString& line : warning.split(u'\n'))
        err() << CliCommands::tr("warning: %1").arg(line) << Qt::endl;
    if (!allowed) {
        *exitCode = fail(ExitUsage,
                         CliCommands::tr("refusing to send an API key unencrypted: use https://, or pass "
                                         "--allow-insecure-http to send it anyway"));
        return false;
    }
    err() << CliCommands::tr("warning: sending it anyway (--allow-insecure-http)") << Qt::endl;
    return true;
}

// The configuration a stored run was created with; a run that cannot be read is left for the engine to report.
RunConfig storedConfig(Store& store, qint64 runId)
{
    const std::optional<RunRow> run = store.loadRun(runId);
    return run ? RunConfig::fromJson(run->config, nullptr).value_or(RunConfig()) : RunConfig();
}

// Sends a stored run (new, interrupted or cancelled) with a progress line; Ctrl-C or SIGTERM cancels cleanly,
// a second one quits at once.
std::optional<RunOutcome> executeRun(Store& store, qint64 runId, bool quiet, bool allowInsecureHttp, QString* error)
{
    RunEngine engine(store, Clock::system());
    engine.setAllowInsecureHttp(allowInsecureHttp);
    ProgressPrinter progress(engine, err(), quiet);
    RunOutcome outcome;
    QObject::connect(&engine, &RunEngine::finished, [&](qint64, const QString& status, const QString& message) {
        outcome.status = status;
        outcome.message = message;
        outcome.withoutAnswers = engine.progress().modelsWithoutAnswers();
        QCoreApplication::quit();
    });
    const Interrupts interrupts([&engine] { engine.cancel(); });

    if (!engine.start(runId, error)) {
        if (!engine.busy())
            return std::nullopt;
        RunOutcome busy;
        busy.refusedBusy = true;
        busy.message = *error;
        return busy;
    }
    out() << CliCommands::tr("run %1").arg(runId) << Qt::endl;
    QCoreApplication::exec();
    progress.finish();
    return outcome;
}

int runFailure(qint64 runId, const RunOutcome& outcome)
{
    return fail(ExitRunFailed,
                outcome.message.isEmpty()
                    ? CliCommands::tr("run %1 %2; continue it with --resume %1").arg(runId).arg(outcome.status)
                    : CliCommands::tr("run %1 %2: %3").arg(runId).arg(outcome.status, outcome.message));
}

} // namespace tierlens::cli
