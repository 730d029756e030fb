#pragma once
// tierlens-cli's subcommands: parse their options and hand the work to core.

#include <QStringList>

namespace tierlens::cli {

// Exit codes scripts can rely on.
enum ExitCode {
    ExitOk = 0,
    ExitRunFailed = 1, // the run failed or was cancelled
    ExitUsage = 2, // the command line is wrong
    ExitInput = 3, // a file or database given is unreadable or invalid
};

int run(const QStringList& args);
int runs(const QStringList& args);
int report(const QStringList& args);
int exportRun(const QStringList& args);
int check(const QStringList& args);
int judge(const QStringList& args);
int policy(const QStringList& args);
int policyDiff(const QStringList& args);
int settle(const QStringList& args);
int whatIf(const QStringList& args);
int migrate(const QStringList& args);

} // namespace tierlens::cli
