// tierlens-cli policy-diff: what changed between two policy files.
#include "CliCommands.h"
#include "CliSupport.h"

#include "analysis/PolicyDiff.h"
#include "analysis/RoutingPolicy.h"

#include <QCommandLineParser>

using namespace Qt::StringLiterals;

namespace tierlens::cli {

int policyDiff(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"BEFORE"_s, CliCommands::tr("The older policy file (JSON)."));
    parser.addPositionalArgument(u"AFTER"_s, CliCommands::tr("The newer policy file (JSON)."));
    int code = ExitOk;
    if (!parse(parser, args,
               CliCommands::tr("Show what changed between two policy files: routes, categories, default model, "
                               "settings, models, escalation rules. Exit code 0 when they route the same way, 1 "
                               "when they differ."),
               &code))
        return code;
    if (parser.positionalArguments().size() != 2)
        return fail(ExitUsage, CliCommands::tr("expected two policy files: BEFORE AFTER"));
    QString error;
    const auto before = RoutingPolicy::load(parser.positionalArguments().at(0), &error);
    if (!before)
        return fail(ExitInput, error);
    const auto after = RoutingPolicy::load(parser.positionalArguments().at(1), &error);
    if (!after)
        return fail(ExitInput, error);
    const PolicyDiff diff = PolicyDiff::between(*before, *after);
    out() << diff.toText() << Qt::flush;
    return diff.isEmpty() ? ExitOk : ExitRunFailed;
}

} // namespace tierlens::cli
