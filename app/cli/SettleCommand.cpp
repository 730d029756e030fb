// tierlens-cli settle: more prompts for a policy's undecided categories, then the policy derived again.
#include "CliCommands.h"
#include "CliSupport.h"

#include "RunSession.h"
#include "analysis/PolicySettle.h"
#include "analysis/RoutingPolicy.h"
#include "engine/RunEngine.h"
#include "pricing/PriceBookRegistry.h"
#include "promptsets/PromptSetImporter.h"
#include "store/Store.h"

#include <QCommandLineParser>

using namespace Qt::StringLiterals;

namespace tierlens::cli {

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

} // namespace tierlens::cli
