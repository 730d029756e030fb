// tierlens-cli policy, policy-diff and whatif: the routing policy derived from a run, compared, and replayed.
#include "CliCommands.h"
#include "CliSupport.h"

#include "RunSession.h"

#include "analysis/LiteLlmExport.h"
#include "analysis/PolicyDiff.h"
#include "analysis/PolicySettle.h"
#include "analysis/RoutingPolicy.h"
#include "analysis/WhatIf.h"
#include "engine/RunEngine.h"
#include "pricing/PriceBookRegistry.h"
#include "promptsets/PromptSetImporter.h"
#include "store/Store.h"

#include <QJsonDocument>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tierlens::cli {

namespace {

// One line per route on stderr: what goes where, whether it is decided, what it trades.
void printRoutes(const RoutingPolicy& policy)
{
    for (const CategoryRoute& r : policy.routes()) {
        QString line = r.category + u" -> "_s + r.model + u" ("_s + r.decision
            + (r.decided || r.override ? QString() : CliCommands::tr(", undecided")) + u')';
        if (r.qualityDifference) {
            const QString money = r.savingPerRequestUsd
                ? (*r.savingPerRequestUsd >= 0
                       ? CliCommands::tr("saves $%1 a request").arg(*r.savingPerRequestUsd, 0, 'f', 6)
                       : CliCommands::tr("costs $%1 a request more").arg(-*r.savingPerRequestUsd, 0, 'f', 6))
                : CliCommands::tr("cost difference unknown");
            line += CliCommands::tr("; against %1: pass rate %2 points [%3, %4], %5")
                        .arg(r.versus)
                        .arg(r.qualityDifference->estimate * 100, 0, 'f', 1)
                        .arg(r.qualityDifference->low * 100, 0, 'f', 1)
                        .arg(r.qualityDifference->high * 100, 0, 'f', 1)
                        .arg(money);
        }
        if (!r.decided && !r.override && r.extraPromptsNeeded)
            line += CliCommands::tr("; about %1 more distinct prompts per model would settle it")
                        .arg(*r.extraPromptsNeeded);
        else if (!r.decided && !r.override
                 && std::none_of(r.evidence.cbegin(), r.evidence.cend(),
                                 [](const ModelEvidence& e) { return e.passRate.has_value(); }))
            line += CliCommands::tr("; no answer has a verdict yet (assertions, the judge or ratings)");
        else if (!r.decided && !r.override)
            line += CliCommands::tr("; no number of prompts settles it at this difference");
        err() << line << Qt::endl;
    }
    err() << CliCommands::tr("default -> %1 (%2)")
                 .arg(policy.defaultModel(), PolicySettings::ruleName(policy.settings().rule))
          << Qt::endl;
}

} // namespace

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

int settle(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"POLICY"_s, CliCommands::tr("The policy file (JSON) to settle."));
    const QCommandLineOption prompts(u"prompts"_s,
                                     CliCommands::tr("More prompts: those in the policy's undecided categories that "
                                                     "its runs did not send are sent to the same models."),
                                     CliCommands::tr("FILE"));
    const QCommandLineOption sent(
        u"run"_s,
        CliCommands::tr("A settle run sent already (one that was interrupted, then completed "
                        "with run --resume RUN_ID): derive the policy with it, send nothing."),
        CliCommands::tr("RUN_ID"));
    const QCommandLineOption output({ u"o"_s, u"output"_s },
                                    CliCommands::tr("Write the settled policy to FILE (default: over POLICY)."),
                                    CliCommands::tr("FILE"));
    const QCommandLineOption priceBooks = priceBooksOption();
    const QCommandLineOption quiet = quietOption();
    const QCommandLineOption insecure = insecureHttpOption();
    parser.addOptions({ prompts, sent, output, priceBooks, quiet, insecure });
    int code = ExitOk;
    if (!parse(parser, args,
               CliCommands::tr("Settle a policy: send the prompts of FILE that its undecided categories lack to the "
                               "policy's models (once each), then derive the policy again from every run at the next "
                               "look, so that looking again does not raise the error rate."),
               &code))
        return code;
    if (parser.positionalArguments().size() != 1)
        return fail(ExitUsage, CliCommands::tr("expected one POLICY file"));
    if (parser.isSet(prompts) == parser.isSet(sent))
        return fail(ExitUsage, CliCommands::tr("give either --prompts FILE or --run RUN_ID"));
    const QString policyPath = parser.positionalArguments().constFirst();
    QString error;
    const std::optional<RoutingPolicy> policy = RoutingPolicy::load(policyPath, &error);
    if (!policy)
        return fail(ExitInput, error);
    // The policy derived again from its runs and the settle run, written, its routes printed.
    auto finish = [&](Store& store, qint64 settleRun) {
        const std::optional<RoutingPolicy> settled = PolicySettle::rederive(store, *policy, settleRun, &error);
        if (!settled)
            return fail(ExitInput, error);
        const auto json = settled->toJson(&error);
        if (!json)
            return fail(ExitRunFailed, error);
        if (!writeJson(*json, parser.isSet(output) ? parser.value(output) : policyPath, &error))
            return fail(ExitInput, error);
        printRoutes(*settled);
        return int(ExitOk);
    };
    if (parser.isSet(sent)) {
        bool ok = false;
        const qint64 runId = parser.value(sent).toLongLong(&ok);
        if (!ok || runId <= 0)
            return fail(ExitUsage, CliCommands::tr("--run: \"%1\" is not a run id").arg(parser.value(sent)));
        std::unique_ptr<Store> store = openStore(parser, Store::OpenMode::Write, &error);
        if (!store)
            return fail(ExitInput, error);
        const std::optional<RunRow> run = store->requireRun(runId, &error);
        if (!run)
            return fail(ExitInput, error);
        if (run->status != u"completed"_s)
            return fail(ExitRunFailed,
                        CliCommands::tr("run %1 is %2: complete it first (tierlens-cli run --resume %1)")
                            .arg(runId)
                            .arg(run->status));
        return finish(*store, runId);
    }
    ImportError importError;
    ImportReport importReport;
    const std::optional<PromptSet> more
        = PromptSetImporter::loadAny(parser.value(prompts), &importReport, &importError);
    if (!more)
        return fail(ExitInput, importError.toString());
    printImportReport(parser.value(prompts), importReport);

    std::unique_ptr<Store> store = openStore(parser, Store::OpenMode::Write, &error);
    if (!store)
        return fail(ExitInput, error);
    std::optional<PromptSet> toSend = PolicySettle::promptsToSend(*store, *policy, *more, &error);
    if (!toSend)
        return fail(ExitInput, error);
    // The same models with the same options as the policy's first run, each prompt once: repeats settle nothing.
    const qint64 like = policy->sources().constFirst().runId;
    if (!checkInsecureHttp(storedConfig(*store, like), parser.isSet(insecure), &code))
        return code;
    PriceBookRegistry registry;
    if (!registry.loadBundled(&error))
        return fail(ExitInput, error);
    if (parser.isSet(priceBooks) && !registry.loadOverrides(parser.value(priceBooks), &error))
        return fail(ExitInput, error);
    err() << CliCommands::tr("settling %1 (look %2): %n prompt(s) for %3", nullptr, int(toSend->prompts.size()))
                 .arg(policyPath)
                 .arg(policy->settings().look + 1)
                 .arg(policy->undecidedCategories().join(u", "_s))
          << Qt::endl;
    const auto created = RunEngine::createRunLike(*store, like, *toSend, registry, &error);
    if (!created)
        return fail(ExitInput, error);
    const std::optional<RunOutcome> outcome
        = executeRun(*store, *created, parser.isSet(quiet), parser.isSet(insecure), &error);
    if (!outcome)
        return fail(ExitInput, error);
    if (outcome->refusedBusy)
        return fail(ExitRunFailed, outcome->message);
    if (outcome->status != u"completed"_s) {
        const int failed = runFailure(*created, *outcome);
        err() << CliCommands::tr("once run %1 is complete, settle with it: tierlens-cli settle %2 --run %1")
                     .arg(*created)
                     .arg(policyPath)
              << Qt::endl;
        return failed;
    }
    return finish(*store, *created);
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
