#include "CliCommands.h"

#include <QCoreApplication>

namespace tierlens::cli {

const QVector<Command>& commands()
{
    static const QVector<Command> all = {
        { "run", QT_TRANSLATE_NOOP("main", "send a prompt set to two or more models and record every attempt"), run },
        { "runs", QT_TRANSLATE_NOOP("main", "list the runs in a database, newest first"), runs },
        { "report", QT_TRANSLATE_NOOP("main", "a run's report: text, JSON or HTML with charts; or its failed items"),
          report },
        { "export", QT_TRANSLATE_NOOP("main", "write a run's results, with why each passed or failed, as CSV or JSONL"),
          exportRun },
        { "check", QT_TRANSLATE_NOOP("main", "check a run's stored results again (after the assertions changed)"),
          check },
        { "judge", QT_TRANSLATE_NOOP("main", "have a judge model compare and grade a run's answers"), judge },
        { "policy", QT_TRANSLATE_NOOP("main", "derive a routing policy from a run (JSON or LiteLLM YAML)"), policy },
        { "policy-diff", QT_TRANSLATE_NOOP("main", "show what changed between two policy files"), policyDiff },
        { "settle",
          QT_TRANSLATE_NOOP("main", "send more prompts for a policy's undecided categories and derive it again"),
          settle },
        { "whatif", QT_TRANSLATE_NOOP("main", "replay a run under a policy: quality, cost, monthly cost"), whatIf },
        { "promptset-from-run",
          QT_TRANSLATE_NOOP("main", "draw N prompts of each category from a run's prompts into a prompt set file"),
          promptSetFromRun },
        { "shadow",
          QT_TRANSLATE_NOOP("main",
                            "forward an application's requests to its model, mirror them to candidates, record both"),
          shadow },
        { "migrate",
          QT_TRANSLATE_NOOP("main", "copy the runs of one history into another (SQLite file to team PostgreSQL)"),
          migrate },
    };
    return all;
}

const Command* findCommand(const QString& name)
{
    for (const Command& c : commands()) {
        if (name == QLatin1StringView(c.name))
            return &c;
    }
    return nullptr;
}

} // namespace tierlens::cli
