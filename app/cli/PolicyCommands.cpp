// tierlens-cli policy, policy-diff and whatif: the routing policy derived from a run, compared, and replayed.
#include "CliCommands.h"
#include "CliSupport.h"

#include "analysis/LiteLlmExport.h"
#include "analysis/PolicyDiff.h"
#include "analysis/RoutingPolicy.h"
#include "analysis/WhatIf.h"
#include "store/Store.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace tierlens::cli {

int policy(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption tolerance(
        u"tolerance"_s, CliCommands::tr("Largest pass-rate loss accepted for a cheaper model (default 0.05)."),
        CliCommands::tr("X"), u"0.05"_s);
    const QCommandLineOption confidence(u"confidence"_s,
                                        CliCommands::tr("Confidence level of the comparison (default 0.95)."),
                                        CliCommands::tr("C"), u"0.95"_s);
    const QCommandLineOption minSamples(
        u"min-samples"_s,
        CliCommands::tr("Judged items per model and category before a cheaper model is trusted (default 30)."),
        CliCommands::tr("N"), u"30"_s);
    const QCommandLineOption precedence(
        u"quality"_s, CliCommands::tr("Quality sources in order of precedence (default human,assertions,judge)."),
        CliCommands::tr("LIST"), u"human,assertions,judge"_s);
    const QCommandLineOption format(
        u"format"_s,
        CliCommands::tr("json (the Tierlens policy file, default) or litellm (a LiteLLM proxy config.yaml)."),
        CliCommands::tr("FORMAT"), u"json"_s);
    const QCommandLineOption overrides(
        u"override"_s, CliCommands::tr("Route CATEGORY to MODEL by hand (kept and marked as an override); repeatable."),
        CliCommands::tr("CATEGORY=MODEL"));
    const QCommandLineOption output(QStringList { u"o"_s, u"output"_s },
                                    CliCommands::tr("Write to FILE (default: stdout)."), CliCommands::tr("FILE"));
    parser.addOptions({ tolerance, confidence, minSamples, precedence, format, overrides, output });
    parser.addPositionalArgument(u"RUN_ID"_s, CliCommands::tr("The shadow run to derive the policy from."));
    int code = ExitOk;
    if (!parse(parser, args,
               CliCommands::tr("Derive a routing policy: per category, the cheapest model within the tolerance."),
               &code))
        return code;
    PolicySettings settings;
    bool ok1 = false, ok2 = false, ok3 = false;
    settings.tolerance = parser.value(tolerance).toDouble(&ok1);
    settings.confidence = parser.value(confidence).toDouble(&ok2);
    settings.minSamples = parser.value(minSamples).toInt(&ok3);
    settings.precedence = parser.value(precedence).split(u',', Qt::SkipEmptyParts);
    if (!ok1 || !ok2 || !ok3)
        return fail(ExitUsage,
                    CliCommands::tr("--tolerance and --confidence take numbers, --min-samples a whole number"));
    const QString fmt = parser.value(format);
    if (fmt != u"json"_s && fmt != u"litellm"_s)
        return fail(ExitUsage, CliCommands::tr("--format takes json or litellm, not \"%1\"").arg(fmt));
    QVector<QPair<QString, QString>> byHand;
    for (const QString& entry : parser.values(overrides)) {
        const qsizetype eq = entry.lastIndexOf(u'=');
        if (eq <= 0 || eq == entry.size() - 1)
            return fail(ExitUsage, CliCommands::tr("--override %1: expected CATEGORY=MODEL").arg(entry));
        byHand.append({ entry.left(eq), entry.mid(eq + 1) });
    }
    const std::optional<StoredRun> opened = openRun(parser, Store::OpenMode::Read, &code);
    if (!opened)
        return code;
    Store& store = *opened->store;
    const qint64 runId = opened->run.id;
    QString error;
    auto derived = RoutingPolicy::derive(store, runId, settings, &error);
    if (!derived)
        return fail(ExitInput, error);
    for (const auto& [category, model] : byHand) {
        if (!derived->overrideRoute(category, model)) {
            QStringList categories, labels;
            for (const CategoryRoute& r : derived->routes())
                categories.append(r.category);
            for (const PolicyModel& m : derived->models())
                labels.append(m.label);
            return fail(ExitUsage,
                        CliCommands::tr("--override %1=%2: the category must be one of %3 and the model one of %4")
                            .arg(category, model, categories.join(u", "_s), labels.join(u", "_s)));
        }
    }
    const QString path = parser.isSet(output) ? parser.value(output) : u"-"_s;
    if (fmt == u"litellm"_s) {
        const auto yaml = LiteLlmExport::toYaml(*derived, LiteLlmOptions {}, &error);
        if (!yaml)
            return fail(ExitRunFailed, error);
        if (!writeBytes(*yaml, path, &error))
            return fail(ExitInput, error);
    } else {
        const auto json = derived->toJson(&error);
        if (!json)
            return fail(ExitRunFailed, error);
        if (!writeJson(*json, path, &error))
            return fail(ExitInput, error);
    }
    for (const CategoryRoute& r : derived->routes())
        err() << r.category << u" -> "_s << r.model << u" ("_s << r.decision << u")"_s << Qt::endl;
    return ExitOk;
}

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
    parser.addOptions({ policyFile, traffic, days, format });
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
    const qint64 runId = opened->run.id;
    QString error;
    const auto policy = RoutingPolicy::load(parser.value(policyFile), &error);
    if (!policy)
        return fail(ExitInput, error);
    const auto result = WhatIf::replay(store, runId, *policy, mix, &error);
    if (!result)
        return fail(ExitInput, error);
    if (fmt == u"json"_s)
        return writeJson(result->toJson(), u"-"_s, &error) ? ExitOk : fail(ExitInput, error);
    out() << result->toText() << Qt::flush;
    return ExitOk;
}

} // namespace tierlens::cli
