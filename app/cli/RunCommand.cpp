// tierlens-cli run: send a prompt set to every model and record every attempt.
#include "CliCommands.h"
#include "CliSupport.h"

#include "ProgressPrinter.h"
#include "RunSession.h"
#include "engine/RunEngine.h"
#include "pricing/PriceBookRegistry.h"
#include "promptsets/PromptSetImporter.h"
#include "report/RunSummary.h"
#include "store/Store.h"

#include <QCommandLineParser>
#include <QJsonDocument>

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
            std::optional<ModelConfig> parsed = modelSpec(u"model"_s, spec, &error);
            if (!parsed)
                return fail(ExitUsage, error);
            ModelConfig& m = *parsed;
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

} // namespace tierlens::cli
