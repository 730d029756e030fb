#include "CliCommands.h"

#include "CliSupport.h"
#include "RunSession.h"
#include "format/ReportFormat.h"

#include "ProgressPrinter.h"

#include "analysis/EvalStatistics.h"
#include "analysis/ItemQuality.h"
#include "engine/JudgeRunner.h"
#include "engine/ResultChecker.h"
#include "engine/RunEngine.h"
#include "pricing/PriceBookRegistry.h"
#include "promptsets/PromptSetImporter.h"
#include "report/ResultExporter.h"
#include "report/RunSummary.h"
#include "report/TextReport.h"
#include "store/Store.h"
#include "util/Clock.h"
#include "util/GuardedFiles.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTextStream>
#include <QTimer>

#include <atomic>
#include <cmath>
#include <csignal>

using namespace Qt::StringLiterals;

namespace tierlens::cli {

namespace {

// LABEL=VALUE options; the label must name one of the run's models.
bool perModel(const QCommandLineParser& parser, const QString& option, const QStringList& labels,
              const std::function<bool(const QString& label, const QString& value, QString* error)>& apply,
              QString* error)
{
    for (const QString& entry : parser.values(option)) {
        const qsizetype eq = entry.indexOf(u'=');
        const QString label = eq > 0 ? entry.left(eq) : QString();
        if (eq <= 0 || !labels.contains(label)) {
            *error = CliCommands::tr("--%1 %2: expected LABEL=VALUE with LABEL one of %3")
                         .arg(option, entry, labels.join(u", "_s));
            return false;
        }
        if (!apply(label, entry.mid(eq + 1), error)) {
            *error = u"--%1 %2: %3"_s.arg(option, entry, *error);
            return false;
        }
    }
    return true;
}

// Per model: how its items fared, from the same figures as every report (people, then assertions, then the judge).
bool printChecks(Store& store, qint64 runId, QString* error)
{
    StatisticsSettings settings;
    settings.scope.runIds = { runId };
    settings.scope.precedence = ItemQualities::defaultPrecedence();
    const std::optional<EvalStatistics> statistics = EvalStatistics::compute(store, settings, error);
    if (!statistics)
        return false;
    for (const QString& label : statistics->labels()) {
        const GroupFigures* g = statistics->group(label);
        if (!g || !g->passRate)
            continue;
        out() << CliCommands::tr("%1: %2 of %3 items passed, %4% [%5, %6] over %7 prompts")
                     .arg(label)
                     .arg(g->counts.passed)
                     .arg(g->counts.judged)
                     .arg(100.0 * g->passRate->estimate, 0, 'f', 1)
                     .arg(100.0 * g->passRate->low, 0, 'f', 1)
                     .arg(100.0 * g->passRate->high, 0, 'f', 1)
                     .arg(g->counts.prompts)
              << Qt::endl;
        if (const qint64 open = g->counts.items - g->counts.judged; open > 0)
            out() << CliCommands::tr("%1: %2 more have no verdict yet (tierlens-cli judge %3, or rate them)")
                         .arg(label)
                         .arg(open)
                         .arg(runId)
                  << Qt::endl;
    }
    return true;
}

} // namespace

int run(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption prompts(
        u"prompts"_s,
        CliCommands::tr("Prompt set to send: JSONL, CSV, a promptfoo configuration (YAML) or OpenAI Evals JSONL."),
        CliCommands::tr("FILE"));
    const QCommandLineOption model(u"model"_s, CliCommands::tr("A model under test, repeatable."),
                                   CliCommands::tr("LABEL=BASE_URL#MODEL_ID"));
    const QCommandLineOption concurrency(
        u"concurrency"_s, CliCommands::tr("In-flight cap of a model (default: its limit in the price book)."),
        CliCommands::tr("LABEL=N"));
    const QCommandLineOption repeat(u"repeat"_s, CliCommands::tr("Send every prompt K times to every model."),
                                    CliCommands::tr("K"), u"1"_s);
    const QCommandLineOption stream(u"stream"_s, CliCommands::tr("Stream answers (the default)."));
    const QCommandLineOption noStream(u"no-stream"_s, CliCommands::tr("Ask for whole answers instead of streams."));
    const QCommandLineOption maxAttempts(u"max-attempts"_s, CliCommands::tr("Attempts per item, the first included."),
                                         CliCommands::tr("N"), u"4"_s);
    const QCommandLineOption keyEnv(
        u"api-key-env"_s, CliCommands::tr("Environment variable holding a model's API key (default DEEPSEEK_API_KEY)."),
        CliCommands::tr("LABEL=VAR"));
    const QCommandLineOption provider(u"provider"_s,
                                      CliCommands::tr("Price book to bill a model with (default: from its base URL)."),
                                      CliCommands::tr("LABEL=NAME"));
    const QCommandLineOption thinking(u"thinking"_s, CliCommands::tr("Thinking mode of a model: on or off."),
                                      CliCommands::tr("LABEL=on|off"));
    const QCommandLineOption http2(
        u"http2"_s,
        CliCommands::tr("HTTP version of a model: auto (HTTP/2 where https:// offers it and this libcurl multiplexes "
                        "reliably, 8.1.0 or newer; HTTP/1.1 otherwise) or prior-knowledge (HTTP/2 on http:// from the "
                        "first byte)."),
        CliCommands::tr("LABEL=auto|prior-knowledge"));
    const QCommandLineOption effort(u"reasoning-effort"_s, CliCommands::tr("Reasoning effort of a model: high or max."),
                                    CliCommands::tr("LABEL=EFFORT"));
    const QCommandLineOption maxTokens(u"max-tokens"_s, CliCommands::tr("max_tokens of a model."),
                                       CliCommands::tr("LABEL=N"));
    const QCommandLineOption timeout(u"timeout-ms"_s, CliCommands::tr("Time limit of one attempt."),
                                     CliCommands::tr("MS"));
    const QCommandLineOption backoff(u"backoff-ms"_s, CliCommands::tr("First retry delay, doubled per attempt."),
                                     CliCommands::tr("MS"));
    const QCommandLineOption stopAfter(
        u"stop-after-errors"_s,
        CliCommands::tr(
            "Stop the run when a model's last N results failed the same way that no retry helps (a model id "
            "that does not exist, ...); 0 never stops (default 5). A refused key or an empty account "
            "stops it at once."),
        CliCommands::tr("N"));
    const QCommandLineOption summary(
        u"summary"_s, CliCommands::tr("Write the run's JSON summary to FILE (- for stdout)."), CliCommands::tr("FILE"));
    const QCommandLineOption resume(u"resume"_s, CliCommands::tr("Continue an interrupted or cancelled run."),
                                    CliCommands::tr("RUN_ID"));
    const QCommandLineOption priceBooks = priceBooksOption();
    const QCommandLineOption quiet = quietOption();
    const QCommandLineOption insecure = insecureHttpOption();
    parser.addOptions({ prompts, model,    concurrency, repeat,     stream, noStream,  maxAttempts,
                        keyEnv,  provider, thinking,    http2,      effort, maxTokens, timeout,
                        backoff, summary,  resume,      priceBooks, quiet,  insecure,  stopAfter });
    int code = ExitOk;
    if (!parse(parser, args, CliCommands::tr("Send a prompt set to every model and record every attempt."), &code))
        return code;

    QString error;
    std::unique_ptr<Store> store;
    qint64 runId = 0;
    if (parser.isSet(resume)) {
        bool ok = false;
        runId = parser.value(resume).toLongLong(&ok);
        if (!ok || runId < 1)
            return fail(ExitUsage, CliCommands::tr("--resume expects a run id, not \"%1\"").arg(parser.value(resume)));
        if (parser.isSet(prompts) || parser.isSet(model))
            return fail(
                ExitUsage,
                CliCommands::tr("--resume continues a run as it was configured: leave out --prompts and --model"));
        store = openStore(parser, Store::OpenMode::Write, &error);
        if (!store)
            return fail(ExitInput, error);
        if (!checkInsecureHttp(storedConfig(*store, runId), parser.isSet(insecure), &code))
            return code;
    } else {
        if (!parser.isSet(prompts))
            return fail(ExitUsage, CliCommands::tr("--prompts FILE is required (or --resume RUN_ID)"));
        if (parser.values(model).isEmpty())
            return fail(ExitUsage, CliCommands::tr("at least one --model LABEL=BASE_URL#MODEL_ID is required"));

        RunConfig config;
        QStringList labels;
        for (const QString& spec : parser.values(model)) {
            const qsizetype eq = spec.indexOf(u'=');
            const qsizetype hash = spec.lastIndexOf(u'#');
            if (eq <= 0 || hash < eq + 2 || hash == spec.size() - 1)
                return fail(ExitUsage, CliCommands::tr("--model %1: expected LABEL=BASE_URL#MODEL_ID").arg(spec));
            ModelConfig m;
            m.label = spec.left(eq);
            m.baseUrl = spec.mid(eq + 1, hash - eq - 1);
            m.modelId = spec.mid(hash + 1);
            m.options.stream = !parser.isSet(noStream);
            config.models.append(m);
            labels.append(m.label);
        }
        auto modelByLabel = [&config](const QString& label) -> ModelConfig& {
            for (auto& m : config.models) {
                if (m.label == label)
                    return m;
            }
            Q_UNREACHABLE();
        };
        using Setter = std::function<bool(ModelConfig & m, const QString& value, QString* error)>;
        const std::vector<std::pair<QCommandLineOption, Setter>> perModelOptions = {
            { concurrency,
              [](ModelConfig& m, const QString& v, QString* e) {
                  bool ok = false;
                  m.concurrency = v.toInt(&ok);
                  if (!ok || m.concurrency < 1)
                      *e = CliCommands::tr("not a positive whole number");
                  return ok && m.concurrency >= 1;
              } },
            { keyEnv,
              [](ModelConfig& m, const QString& v, QString*) {
                  m.apiKeyEnv = v;
                  return true;
              } },
            { provider,
              [](ModelConfig& m, const QString& v, QString*) {
                  m.provider = v;
                  return true;
              } },
            { thinking,
              [](ModelConfig& m, const QString& v, QString* e) {
                  if (v != u"on"_s && v != u"off"_s) {
                      *e = CliCommands::tr("expected on or off");
                      return false;
                  }
                  m.options.thinking = v == u"on"_s;
                  return true;
              } },
            { http2,
              [](ModelConfig& m, const QString& v, QString* e) {
                  if (v != u"auto"_s && v != u"prior-knowledge"_s) {
                      *e = CliCommands::tr("expected auto or prior-knowledge");
                      return false;
                  }
                  m.http2 = v == u"auto"_s ? ModelConfig::Http2::Auto : ModelConfig::Http2::PriorKnowledge;
                  return true;
              } },
            { effort,
              [](ModelConfig& m, const QString& v, QString*) {
                  m.options.reasoningEffort = v;
                  return true;
              } },
            { maxTokens,
              [](ModelConfig& m, const QString& v, QString* e) {
                  bool ok = false;
                  const int n = v.toInt(&ok);
                  if (!ok || n < 1 || n > 393216) {
                      *e = CliCommands::tr("expected a whole number from 1 to 393216");
                      return false;
                  }
                  m.options.maxTokens = n;
                  return true;
              } },
        };
        for (const auto& [option, setter] : perModelOptions) {
            // A lambda may not capture a structured binding before C++20 (clang refuses it): a reference does.
            const Setter& set = setter;
            auto apply
                = [&](const QString& label, const QString& v, QString* e) { return set(modelByLabel(label), v, e); };
            if (!perModel(parser, option.names().constFirst(), labels, apply, &error))
                return fail(ExitUsage, error);
        }
        const auto repeats = positiveNumber(parser, repeat.names().constFirst(), 1, &error);
        const auto attempts = positiveNumber(parser, maxAttempts.names().constFirst(), 4, &error);
        const auto timeoutMs = positiveNumber(parser, timeout.names().constFirst(), config.timeoutMs, &error);
        const auto backoffMs = positiveNumber(parser, backoff.names().constFirst(), config.retry.baseDelayMs, &error);
        if (!repeats || !attempts || !timeoutMs || !backoffMs)
            return fail(ExitUsage, error);
        if (parser.isSet(stopAfter)) {
            bool ok = false;
            config.stopAfterErrors = parser.value(stopAfter).toInt(&ok);
            if (!ok || config.stopAfterErrors < 0)
                return fail(ExitUsage,
                            CliCommands::tr("--stop-after-errors expects a whole number, 0 or more, not \"%1\"")
                                .arg(parser.value(stopAfter)));
        }
        config.repeat = int(*repeats);
        config.retry.maxAttempts = int(*attempts);
        config.timeoutMs = *timeoutMs;
        config.retry.baseDelayMs = *backoffMs;
        if (const QString problem = config.validate(); !problem.isEmpty())
            return fail(ExitUsage, problem);
        if (!checkInsecureHttp(config, parser.isSet(insecure), &code))
            return code;

        ImportError importError;
        ImportReport importReport;
        std::optional<PromptSet> set = PromptSetImporter::loadAny(parser.value(prompts), &importReport, &importError);
        if (!set)
            return fail(ExitInput, importError.toString());
        printImportReport(parser.value(prompts), importReport);
        PriceBookRegistry registry;
        if (!registry.loadBundled(&error))
            return fail(ExitInput, error);
        if (parser.isSet(priceBooks) && !registry.loadOverrides(parser.value(priceBooks), &error))
            return fail(ExitInput, error);
        // Opened last: a refusal above leaves no database behind.
        store = openStore(parser, Store::OpenMode::Create, &error);
        if (!store)
            return fail(ExitInput, error);
        const auto created = RunEngine::createRun(*store, *set, config, registry, &error);
        if (!created)
            return fail(ExitInput, error);
        runId = *created;
    }

    const std::optional<RunOutcome> outcome
        = executeRun(*store, runId, parser.isSet(quiet), parser.isSet(insecure), &error);
    if (!outcome)
        return fail(ExitInput, error);
    if (outcome->refusedBusy)
        return fail(ExitRunFailed, outcome->message);

    if (parser.isSet(summary)) {
        const auto json = RunSummary::build(*store, runId, &error);
        if (!json)
            return fail(ExitRunFailed, error);
        if (!writeJson(*json, parser.value(summary), &error))
            return fail(ExitRunFailed, CliCommands::tr("cannot write the summary: %1").arg(error));
    }
    if (outcome->status != u"completed"_s)
        return runFailure(runId, *outcome);
    if (!outcome->withoutAnswers.isEmpty()) {
        // Every item has its final result, and for a model none of them is an answer: nothing to compare.
        return fail(ExitRunFailed,
                    CliCommands::tr("run %1 completed, but %2 (tierlens-cli report %1 shows the errors)")
                        .arg(runId)
                        .arg(outcome->message));
    }
    err() << CliCommands::tr("run %1 completed").arg(runId) << Qt::endl;
    return ExitOk;
}

int runs(const QStringList& args)
{
    QCommandLineParser parser;
    int code = ExitOk;
    if (!parse(parser, args, CliCommands::tr("List the runs in a database, newest first, one a line, its id first."),
               &code))
        return code;
    QString error;
    std::unique_ptr<Store> store = openStore(parser, Store::OpenMode::Read, &error);
    if (!store)
        return fail(ExitInput, error);
    const std::optional<QVector<RunRow>> listed = store->runs();
    if (!listed)
        return fail(ExitInput, store->lastError());
    for (const RunRow& r : *listed) {
        QStringList labels;
        for (const auto& m : r.models)
            labels.append(m.label + u'=' + m.modelId);
        out() << r.id << '\t' << r.createdAt.toString(Qt::ISODate) << '\t' << r.status << '\t' << r.promptSetName
              << '\t' << labels.join(u',') << '\t' << CliCommands::tr("%1 results").arg(r.resultCount) << '\t'
              << (r.costUsd ? u"$%1"_s.arg(*r.costUsd, 0, 'f', 4) : CliCommands::tr("cost unknown")) << '\n';
    }
    out().flush();
    return ExitOk;
}

int exportRun(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"RUN_ID"_s, CliCommands::tr("The run to export."));
    const QCommandLineOption format(u"format"_s, CliCommands::tr("csv or jsonl."), CliCommands::tr("FORMAT"), u"csv"_s);
    const QCommandLineOption output({ u"o"_s, u"output"_s }, CliCommands::tr("Write to FILE instead of stdout."),
                                    CliCommands::tr("FILE"));
    parser.addOptions({ format, output });
    int code = ExitOk;
    if (!parse(parser, args, CliCommands::tr("Write a run's results, one line per item with its final attempt."),
               &code))
        return code;
    const QString fmt = parser.value(format);
    if (fmt != u"csv"_s && fmt != u"jsonl"_s)
        return fail(ExitUsage, CliCommands::tr("--format expects csv or jsonl, not \"%1\"").arg(fmt));
    const std::optional<StoredRun> opened = openRun(parser, Store::OpenMode::Read, &code);
    if (!opened)
        return code;
    Store& store = *opened->store;
    const qint64 runId = opened->run.id;
    QString error;

    const auto kind = fmt == u"csv"_s ? ResultExporter::Format::Csv : ResultExporter::Format::Jsonl;
    if (parser.isSet(output)) {
        if (const QString refusal = GuardedFiles::refusal(parser.value(output)); !refusal.isEmpty())
            return fail(ExitUsage, refusal);
        QSaveFile file(parser.value(output));
        if (!file.open(QIODevice::WriteOnly))
            return fail(ExitInput, CliCommands::tr("cannot write %1: %2").arg(file.fileName(), file.errorString()));
        if (!ResultExporter::write(store, runId, kind, file, &error) || !file.commit())
            return fail(ExitRunFailed, error.isEmpty() ? file.errorString() : error);
        return ExitOk;
    }
    QFile stdoutFile;
    if (!stdoutFile.open(stdout, QIODevice::WriteOnly))
        return fail(ExitRunFailed, CliCommands::tr("cannot write to standard output"));
    if (!ResultExporter::write(store, runId, kind, stdoutFile, &error))
        return fail(ExitRunFailed, error);
    return ExitOk;
}

int check(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption prompts(
        u"prompts"_s, CliCommands::tr("Take the assertions from this prompt set file (matched by prompt id) first."),
        CliCommands::tr("FILE"));
    parser.addOption(prompts);
    parser.addPositionalArgument(u"RUN_ID"_s, CliCommands::tr("The run whose results to check."));
    int code = ExitOk;
    if (!parse(parser, args, CliCommands::tr("Check a run's stored results again, without calling the models."), &code))
        return code;
    const std::optional<StoredRun> opened = openRun(parser, Store::OpenMode::Write, &code);
    if (!opened)
        return code;
    Store* store = opened->store.get();
    const RunRow* run = &opened->run;
    const qint64 runId = run->id;
    QString error;
    if (parser.isSet(prompts)) {
        ImportError importError;
        ImportReport importReport;
        const auto set = PromptSetImporter::loadAny(parser.value(prompts), &importReport, &importError);
        if (!set)
            return fail(ExitInput, importError.toString());
        printImportReport(parser.value(prompts), importReport);
        if (!store->updateAssertions(run->promptSetId, *set, &error))
            return fail(ExitInput, error);
    }
    const auto checked = ResultChecker::recheckRun(*store, runId, &error);
    if (!checked)
        return fail(ExitInput, error);
    out() << CliCommands::tr("run %1: %n result(s) checked", nullptr, int(*checked)).arg(runId) << Qt::endl;
    if (!printChecks(*store, runId, &error))
        return fail(ExitInput, error);
    return ExitOk;
}

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
