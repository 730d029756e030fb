#pragma once
// Sending a stored run from the command line, shared by run, judge and settle: the progress line, Ctrl-C, the
// insecure-http refusal, what an import warned about, and how the end is reported.

#include "engine/RunConfig.h"
#include "promptsets/ImportReport.h"

#include <QString>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <optional>

namespace tierlens {
class Store;
}

namespace tierlens::cli {

struct RunOutcome
{
    bool refusedBusy = false; // not started: another process sends the run
    QString status; // completed | cancelled | failed
    QString message;
    QStringList withoutAnswers; // models that answered no item
};

// While it lives, the first Ctrl-C or SIGTERM calls onFirst (on the event loop's thread) and a second one quits
// at once.
class Interrupts
{
public:
    explicit Interrupts(std::function<void()> onFirst);
    ~Interrupts();
    Interrupts(const Interrupts&) = delete;
    Interrupts& operator=(const Interrupts&) = delete;

private:
    std::function<void()> m_onFirst;
    QTimer m_poll;
    bool m_told = false;
};

// Sends a stored run (new, interrupted or cancelled) with a progress line; Ctrl-C or SIGTERM cancels cleanly,
// a second one quits at once. Nothing (with error) when the run cannot be started.
std::optional<RunOutcome> executeRun(Store& store, qint64 runId, bool quiet, bool allowInsecureHttp, QString* error);
// The exit code and message of a run that did not complete.
int runFailure(qint64 runId, const RunOutcome& outcome);
// Plain http:// to a host that is not this machine would send an API key unencrypted: warn on stderr, and refuse
// unless allowed. False (with the exit code) when the command must stop.
bool checkInsecureHttp(const RunConfig& config, bool allowed, int* exitCode);
// The configuration a stored run was created with; a run that cannot be read is left for the engine to report.
RunConfig storedConfig(Store& store, qint64 runId);
void printImportReport(const QString& path, const ImportReport& report);

} // namespace tierlens::cli
