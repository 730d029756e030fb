// tierlens-cli judge: a judge model compares and grades a run's answers, in a judge run of its own.
#include "CliCommands.h"
#include "CliSupport.h"

#include "RunSession.h"
#include "engine/JudgeRunner.h"
#include "format/ReportFormat.h"
#include "pricing/PriceBookRegistry.h"
#include "store/Store.h"

#include <QCommandLineParser>

using namespace Qt::StringLiterals;

namespace tierlens::cli {

int judge(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption judgeLabel(
        u"judge"_s,
        CliCommands::tr("Judge with this model of the run (default: the one whose id names \"pro\", else the last)."),
        CliCommands::tr("LABEL"));
    const QCommandLineOption judgeModel(u"judge-model"_s, CliCommands::tr("Judge with a model outside the run."),
                                        CliCommands::tr("BASE_URL#MODEL_ID"));
    const QCommandLineOption keyEnv(
        u"api-key-env"_s, CliCommands::tr("Environment variable holding the judge's API key (with --judge-model)."),
        CliCommands::tr("VAR"), u"DEEPSEEK_API_KEY"_s);
    const QCommandLineOption provider(u"provider"_s, CliCommands::tr("Price book to bill the judge with."),
                                      CliCommands::tr("NAME"));
    const QCommandLineOption noPairwise(u"no-pairwise"_s, CliCommands::tr("Skip the pairwise comparisons."));
    const QCommandLineOption noRubric(u"no-rubric"_s, CliCommands::tr("Skip the llm-rubric gradings."));
    const QCommandLineOption concurrency(
        u"concurrency"_s, CliCommands::tr("In-flight cap of the judge (default: its limit in the price book)."),
        CliCommands::tr("N"));
    const QCommandLineOption maxAttempts(u"max-attempts"_s,
                                         CliCommands::tr("Attempts per judge call, the first included."),
                                         CliCommands::tr("N"), u"4"_s);
    const QCommandLineOption backoff(u"backoff-ms"_s, CliCommands::tr("First retry delay, doubled per attempt."),
                                     CliCommands::tr("MS"));
    const QCommandLineOption again(
        u"again"_s,
        CliCommands::tr("Start a new judge run, paying for every call again, even if the run was judged already or "
                        "an earlier judge run was interrupted."));
    const QCommandLineOption quiet = quietOption();
    const QCommandLineOption priceBooks = priceBooksOption();
    const QCommandLineOption insecure(
        u"allow-insecure-http"_s,
        CliCommands::tr("Send the judge's API key over plain http:// to a host that is not this machine."));
    parser.addOptions({ judgeLabel, judgeModel, keyEnv, provider, noPairwise, noRubric, concurrency, maxAttempts,
                        backoff, again, quiet, priceBooks, insecure });
    parser.addPositionalArgument(u"RUN_ID"_s, CliCommands::tr("The shadow run to judge."));
    int code = ExitOk;
    if (!parse(parser, args,
               CliCommands::tr("Ask a judge model to compare the run's answers pairwise (both orders) and to grade "
                               "them against the prompts' llm-rubric assertions."),
               &code))
        return code;
    QString error;
    if (parser.isSet(judgeLabel) && parser.isSet(judgeModel))
        return fail(ExitUsage, CliCommands::tr("give --judge or --judge-model, not both"));
    const auto attempts = positiveNumber(parser, maxAttempts.names().constFirst(), 4, &error);
    const auto cap = positiveNumber(parser, concurrency.names().constFirst(), 0, &error);
    JudgeSettings settings;
    const auto backoffMs = positiveNumber(parser, backoff.names().constFirst(), settings.retry.baseDelayMs, &error);
    if (!attempts || !cap || !backoffMs)
        return fail(ExitUsage, error);
    const std::optional<StoredRun> opened = openRun(parser, Store::OpenMode::Write, &code);
    if (!opened)
        return code;
    Store* store = opened->store.get();
    const RunRow* run = &opened->run;
    const qint64 runId = run->id;

    // An interrupted judge run is continued, and a finished one whose replies were never read (it was resumed
    // with "run --resume", or the process died before reading them) is only read: its calls are not paid twice.
    // A run judged already is judged again only when asked, since that pays for every call again.
    const std::optional<JudgePlan> plan = JudgeRunner::plan(*store, runId, &error);
    if (!plan)
        return fail(ExitInput, error);
    qint64 judgeRunId = 0;
    if (!parser.isSet(again)) {
        if (plan->finished) {
            const RunRow& done = *plan->finished;
            return fail(
                ExitUsage,
                CliCommands::tr("run %1 was judged already (judge run %2: %n call(s), %3); judging it again "
                                "sends them all again and costs about as much: add --again to do so",
                                nullptr, int(done.resultCount))
                    .arg(runId)
                    .arg(done.id)
                    .arg(done.costUsd ? ReportFormat::usd(*done.costUsd) : CliCommands::tr("no cost reported")));
        }
        judgeRunId = plan->continueRunId;
        if (judgeRunId != 0) {
            err() << CliCommands::tr("continuing judge run %1 as it was set up (--again starts a new one)")
                         .arg(judgeRunId)
                  << Qt::endl;
        }
    }

    const bool continuing = judgeRunId != 0;
    if (judgeRunId == 0) {
        ModelConfig j;
        if (parser.isSet(judgeModel)) {
            const QString spec = parser.value(judgeModel);
            const qsizetype hash = spec.lastIndexOf(u'#');
            if (hash < 1 || hash == spec.size() - 1)
                return fail(ExitUsage, CliCommands::tr("--judge-model %1: expected BASE_URL#MODEL_ID").arg(spec));
            j.baseUrl = spec.left(hash);
            j.modelId = spec.mid(hash + 1);
            j.apiKeyEnv = parser.value(keyEnv);
        } else {
            const std::optional<ModelConfig> fromRun = JudgeRunner::judgeFromRun(
                *run, parser.isSet(judgeLabel) ? parser.value(judgeLabel) : QString(), &error);
            if (!fromRun)
                return fail(parser.isSet(judgeLabel) ? ExitUsage : ExitInput, error);
            j = *fromRun;
        }
        j.label = u"judge"_s;
        if (parser.isSet(provider))
            j.provider = parser.value(provider);
        j.concurrency = int(*cap);
        settings.judge = j;
        settings.pairwise = !parser.isSet(noPairwise);
        settings.rubric = !parser.isSet(noRubric);
        settings.retry.maxAttempts = int(*attempts);
        settings.retry.baseDelayMs = *backoffMs;
        RunConfig judgeConfig;
        judgeConfig.models.append(j);
        if (!checkInsecureHttp(judgeConfig, parser.isSet(insecure), &code))
            return code;
        PriceBookRegistry registry;
        if (!registry.loadBundled(&error))
            return fail(ExitInput, error);
        if (parser.isSet(priceBooks) && !registry.loadOverrides(parser.value(priceBooks), &error))
            return fail(ExitInput, error);
        // What it will cost, as the desktop's judge dialog says it, before anything is sent.
        if (!parser.isSet(quiet)) {
            if (const auto e = JudgeRunner::estimate(*store, runId, settings, registry, &error)) {
                err() << CliCommands::tr("estimate: %n judge call(s), %1 to %2 before retries%3", nullptr,
                                         int(e->requests))
                             .arg(ReportFormat::usd(e->lowUsd), ReportFormat::usd(e->highUsd),
                                  e->problem.isEmpty() ? QString() : u" ("_s + e->problem + u")"_s)
                      << Qt::endl;
            }
        }
        const auto created = JudgeRunner::createJudgeRun(*store, runId, settings, registry, &error);
        if (!created)
            return fail(ExitInput, error);
        judgeRunId = *created;
    }

    if (continuing && !checkInsecureHttp(storedConfig(*store, judgeRunId), parser.isSet(insecure), &code))
        return code; // a judge run continued as it was set up
    const std::optional<RunOutcome> outcome
        = executeRun(*store, judgeRunId, parser.isSet(quiet), parser.isSet(insecure), &error);
    if (!outcome)
        return fail(ExitInput, error);
    if (outcome->refusedBusy)
        return fail(ExitRunFailed, outcome->message);
    // Whatever the judge answered is read, even from a run cut short; a rerun of this command continues it.
    const auto tally = JudgeRunner::collect(*store, judgeRunId, &error);
    if (!tally)
        return fail(ExitInput, error);
    const QString first = run->models.value(0).label;
    const QString second = run->models.value(1).label;
    if (tally->pairs + tally->undecidedPairs > 0) {
        out() << CliCommands::tr("pairwise: %1 pairs decided: %2 wins %3, %4 wins %5, %6 ties; %7 undecided")
                     .arg(tally->pairs)
                     .arg(first)
                     .arg(tally->firstWins)
                     .arg(second)
                     .arg(tally->secondWins)
                     .arg(tally->ties)
                     .arg(tally->undecidedPairs)
              << Qt::endl;
    }
    if (tally->rubricScored + tally->rubricUnreadable > 0) {
        out() << CliCommands::tr("rubric: %1 answers scored, %2 unreadable")
                     .arg(tally->rubricScored)
                     .arg(tally->rubricUnreadable)
              << Qt::endl;
    }
    for (const QString& p : tally->problems)
        err() << CliCommands::tr("warning: %1").arg(p) << Qt::endl;
    if (!printChecks(*store, runId, &error))
        return fail(ExitInput, error);
    if (outcome->status != u"completed"_s) {
        return fail(ExitRunFailed,
                    CliCommands::tr("judge run %1 %2%3; run 'tierlens-cli judge %4' again to continue it")
                        .arg(judgeRunId)
                        .arg(outcome->status, outcome->message.isEmpty() ? QString() : u": "_s + outcome->message)
                        .arg(runId));
    }
    err() << CliCommands::tr("judge run %1 completed").arg(judgeRunId) << Qt::endl;
    return ExitOk;
}

} // namespace tierlens::cli
