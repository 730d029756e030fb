#pragma once
// tierlens-cli's subcommands, one file each (RunCommand.cpp, ReportCommand.cpp, ...): each parses its own options
// and hands the work to core. main() finds a command here by name and lists them all in its usage.

#include <QStringList>

namespace tierlens::cli {

// Exit codes scripts can rely on.
enum ExitCode {
    ExitOk = 0,
    ExitRunFailed = 1, // the run failed or was cancelled
    ExitUsage = 2, // the command line is wrong
    ExitInput = 3, // a file or database given is unreadable or invalid
};

struct Command
{
    const char* name; // as typed: "run", "policy-diff"
    const char* summary; // one line for the usage, translated in the "main" context
    int (*execute)(const QStringList& args); // args[0] is "tierlens-cli NAME", the options follow
};

// Every command, in the order the usage lists them.
const QVector<Command>& commands();
// nullptr for a name that is not a command.
const Command* findCommand(const QString& name);

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
int promptSetFromRun(const QStringList& args);
int shadow(const QStringList& args);

} // namespace tierlens::cli
