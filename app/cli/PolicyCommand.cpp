// tierlens-cli policy: a routing policy derived from one run or several (JSON or LiteLLM YAML).
#include "CliCommands.h"
#include "CliSupport.h"

#include "analysis/LiteLlmExport.h"
#include "analysis/RoutingPolicy.h"
#include "store/Store.h"

#include <QCommandLineParser>

using namespace Qt::StringLiterals;

namespace tierlens::cli {

int policy(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption runs(u"runs"_s,
                                  CliCommands::tr("More shadow runs to derive from with RUN_ID, comma separated; a "
                                                  "prompt sent in several counts once."),
                                  CliCommands::tr("IDS"));
    const QCommandLineOption rule(
        u"rule"_s,
        CliCommands::tr("cheaper-unless-worse (default: a pricier model only where it is shown better by more than the "
                        "tolerance) or pricier-unless-good-enough (the cheapest model shown within the tolerance of "
                        "the best, else the best)."),
        CliCommands::tr("RULE"), u"cheaper-unless-worse"_s);
    const QCommandLineOption tolerance(u"tolerance"_s,
                                       CliCommands::tr("The pass-rate difference that matters (default 0.05)."),
                                       CliCommands::tr("X"), u"0.05"_s);
    const QCommandLineOption confidence(u"confidence"_s,
                                        CliCommands::tr("Confidence level of the comparison (default 0.95)."),
                                        CliCommands::tr("C"), u"0.95"_s);
    const QCommandLineOption minSamples(
        QStringList { u"min-prompts"_s, u"min-samples"_s },
        CliCommands::tr("Distinct prompts with a verdict per model and category before a difference is trusted "
                        "(default 30; repeats of a prompt count once)."),
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
    parser.addOptions({ runs, rule, tolerance, confidence, minSamples, precedence, format, overrides, output });
    parser.addPositionalArgument(u"RUN_ID"_s, CliCommands::tr("The shadow run to derive the policy from."));
    int code = ExitOk;
    if (!parse(parser, args,
               CliCommands::tr("Derive a routing policy: per category, the model the rule chooses, with the evidence "
                               "and what it trades."),
               &code))
        return code;
    PolicySettings settings;
    bool ok1 = false, ok2 = false, ok3 = false;
    settings.tolerance = parser.value(tolerance).toDouble(&ok1);
    settings.confidence = parser.value(confidence).toDouble(&ok2);
    settings.minPrompts = parser.value(minSamples).toInt(&ok3);
    settings.precedence = parser.value(precedence).split(u',', Qt::SkipEmptyParts);
    if (!ok1 || !ok2 || !ok3)
        return fail(ExitUsage,
                    CliCommands::tr("--tolerance and --confidence take numbers, --min-prompts a whole number"));
    const std::optional<PolicyRule> chosen = PolicySettings::ruleFromName(parser.value(rule));
    if (!chosen)
        return fail(ExitUsage,
                    CliCommands::tr("--rule takes cheaper-unless-worse or pricier-unless-good-enough, not \"%1\"")
                        .arg(parser.value(rule)));
    settings.rule = *chosen;
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
    const std::optional<QVector<qint64>> runIds = runsWith(store, opened->run, parser.value(runs), &code);
    if (!runIds)
        return code;
    QString error;
    auto derived = RoutingPolicy::derive(store, *runIds, settings, &error);
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
    printRoutes(*derived);
    return ExitOk;
}

} // namespace tierlens::cli
