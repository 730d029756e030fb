// tierlens-cli whatif: a run replayed under a policy: quality, cost, monthly cost.
#include "CliCommands.h"
#include "CliSupport.h"

#include "analysis/RoutingPolicy.h"
#include "analysis/WhatIf.h"
#include "store/Store.h"

#include <QCommandLineParser>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace tierlens::cli {

int whatIf(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption policyFile(u"policy"_s, CliCommands::tr("The policy file (JSON) to replay."),
                                        CliCommands::tr("FILE"));
    const QCommandLineOption traffic(u"traffic"_s,
                                     CliCommands::tr("Requests per day in CATEGORY, for the monthly cost; repeatable."),
                                     CliCommands::tr("CATEGORY=REQ_PER_DAY"));
    const QCommandLineOption days(u"days-per-month"_s, CliCommands::tr("Days in a month (default 30.4)."),
                                  CliCommands::tr("DAYS"), u"30.4"_s);
    const QCommandLineOption format(u"format"_s, CliCommands::tr("text (default) or json."), CliCommands::tr("FORMAT"),
                                    u"text"_s);
    const QCommandLineOption runs(u"runs"_s, CliCommands::tr("More runs to replay with RUN_ID, comma separated."),
                                  CliCommands::tr("IDS"));
    parser.addOptions({ policyFile, runs, traffic, days, format });
    parser.addPositionalArgument(u"RUN_ID"_s, CliCommands::tr("The shadow run whose results are replayed."));
    int code = ExitOk;
    if (!parse(parser, args,
               CliCommands::tr("Replay a run's recorded results under a policy and each model alone: quality, cost, "
                               "and the monthly cost of a traffic mix."),
               &code))
        return code;
    const QString fmt = parser.value(format);
    if (fmt != u"text"_s && fmt != u"json"_s)
        return fail(ExitUsage, CliCommands::tr("--format takes text or json, not \"%1\"").arg(fmt));
    if (!parser.isSet(policyFile))
        return fail(ExitUsage, CliCommands::tr("--policy FILE is required"));
    TrafficMix mix;
    bool ok = false;
    mix.daysPerMonth = parser.value(days).toDouble(&ok);
    if (!ok || !(mix.daysPerMonth > 0))
        return fail(ExitUsage,
                    CliCommands::tr("--days-per-month takes a number above 0, not \"%1\"").arg(parser.value(days)));
    for (const QString& entry : parser.values(traffic)) {
        const qsizetype eq = entry.lastIndexOf(u'=');
        const double perDay = eq > 0 ? entry.mid(eq + 1).toDouble(&ok) : -1;
        if (eq <= 0 || !ok || !(perDay >= 0) || !std::isfinite(perDay))
            return fail(
                ExitUsage,
                CliCommands::tr("--traffic %1: expected CATEGORY=REQ_PER_DAY with a number of 0 or more").arg(entry));
        mix.requestsPerDay.insert(entry.left(eq), perDay);
    }
    const std::optional<StoredRun> opened = openRun(parser, Store::OpenMode::Read, &code);
    if (!opened)
        return code;
    Store& store = *opened->store;
    const std::optional<QVector<qint64>> runIds = runsWith(store, opened->run, parser.value(runs), &code);
    if (!runIds)
        return code;
    QString error;
    const auto policy = RoutingPolicy::load(parser.value(policyFile), &error);
    if (!policy)
        return fail(ExitInput, error);
    const auto result = WhatIf::replay(store, *runIds, *policy, mix, &error);
    if (!result)
        return fail(ExitInput, error);
    if (fmt == u"json"_s)
        return writeJson(result->toJson(), u"-"_s, &error) ? ExitOk : fail(ExitInput, error);
    out() << result->toText() << Qt::flush;
    return ExitOk;
}

} // namespace tierlens::cli
