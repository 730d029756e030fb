#include "CliCommands.h"

#include "ProgressPrinter.h"

#include "engine/RunEngine.h"
#include "pricing/PriceBookRegistry.h"
#include "promptsets/PromptSetImporter.h"
#include "report/ResultExporter.h"
#include "report/RunSummary.h"
#include "report/TextReport.h"
#include "store/Store.h"
#include "util/Clock.h"

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
#include <csignal>

using namespace Qt::StringLiterals;

namespace tierlens::cli {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("tierlens-cli", text);
}

QTextStream& err()
{
    static QTextStream stream(stderr);
    return stream;
}

QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

int fail(int code, const QString& message)
{
    err() << "tierlens-cli: " << message << Qt::endl;
    return code;
}

QString defaultDatabase()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/tierlens.db"_s;
}

const QCommandLineOption kDbOption(u"db"_s, tr("The SQLite database (default: %1).").arg(u"<data dir>/tierlens.db"_s),
                                   tr("FILE"));

// Parses the common part; returns false (and the exit code) when the caller should stop.
bool parse(QCommandLineParser& parser, const QStringList& args, const QString& description, int* exitCode)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addOption(kDbOption);
    if (!parser.parse(args)) {
        *exitCode = fail(ExitUsage, parser.errorText());
        return false;
    }
    if (parser.isSet(u"help"_s)) {
        out() << parser.helpText();
        *exitCode = ExitOk;
        return false;
    }
    return true;
}

std::unique_ptr<Store> openStore(const QCommandLineParser& parser, QString* error)
{
    const QString path = parser.isSet(kDbOption) ? parser.value(kDbOption) : defaultDatabase();
    QDir().mkpath(QFileInfo(path).absolutePath());
    return Store::open(path, error);
}

// LABEL=VALUE options; the label must name one of the run's models.
bool perModel(const QCommandLineParser& parser, const QString& option, const QStringList& labels,
              const std::function<bool(const QString& label, const QString& value, QString* error)>& apply,
              QString* error)
{
    for (const QString& entry : parser.values(option)) {
        const qsizetype eq = entry.indexOf(u'=');
        const QString label = eq > 0 ? entry.left(eq) : QString();
        if (eq <= 0 || !labels.contains(label)) {
            *error = tr("--%1 %2: expected LABEL=VALUE with LABEL one of %3")
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

std::optional<qint64> positiveNumber(const QCommandLineParser& parser, const QString& option, qint64 fallback,
                                     QString* error)
{
    if (!parser.isSet(option))
        return fallback;
    bool ok = false;
    const qint64 n = parser.value(option).toLongLong(&ok);
    if (!ok || n < 1) {
        *error = tr("--%1 expects a positive whole number, not \"%2\"").arg(option, parser.value(option));
        return std::nullopt;
    }
    return n;
}

std::atomic<int> g_interrupts{0};

extern "C" void onInterrupt(int)
{
    g_interrupts.fetch_add(1);
}

std::optional<qint64> runIdArgument(const QCommandLineParser& parser, QString* error)
{
    const QStringList positional = parser.positionalArguments();
    bool ok = false;
    const qint64 id = positional.value(0).toLongLong(&ok);
    if (positional.size() != 1 || !ok || id < 1) {
        *error = tr("expected one RUN_ID (see 'tierlens-cli runs')");
        return std::nullopt;
    }
    return id;
}

} // namespace

int run(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption prompts(u"prompts"_s, tr("Prompt set to send (JSONL or CSV)."), tr("FILE"));
    const QCommandLineOption model(u"model"_s, tr("A model under test, repeatable."), tr("LABEL=BASE_URL#MODEL_ID"));
    const QCommandLineOption concurrency(u"concurrency"_s, tr("In-flight cap of a model (default: its limit in the price book)."), tr("LABEL=N"));
    const QCommandLineOption repeat(u"repeat"_s, tr("Send every prompt K times to every model."), tr("K"), u"1"_s);
    const QCommandLineOption stream(u"stream"_s, tr("Stream answers (the default)."));
    const QCommandLineOption noStream(u"no-stream"_s, tr("Ask for whole answers instead of streams."));
    const QCommandLineOption maxAttempts(u"max-attempts"_s, tr("Attempts per item, the first included."), tr("N"), u"4"_s);
    const QCommandLineOption keyEnv(u"api-key-env"_s, tr("Environment variable holding a model's API key (default DEEPSEEK_API_KEY)."), tr("LABEL=VAR"));
    const QCommandLineOption provider(u"provider"_s, tr("Price book to bill a model with (default: from its base URL)."), tr("LABEL=NAME"));
    const QCommandLineOption thinking(u"thinking"_s, tr("Thinking mode of a model: on or off."), tr("LABEL=on|off"));
    const QCommandLineOption effort(u"reasoning-effort"_s, tr("Reasoning effort of a model: high or max."), tr("LABEL=EFFORT"));
    const QCommandLineOption maxTokens(u"max-tokens"_s, tr("max_tokens of a model."), tr("LABEL=N"));
    const QCommandLineOption timeout(u"timeout-ms"_s, tr("Time limit of one attempt."), tr("MS"));
    const QCommandLineOption backoff(u"backoff-ms"_s, tr("First retry delay, doubled per attempt."), tr("MS"));
    const QCommandLineOption summary(u"summary"_s, tr("Write the run's JSON summary to FILE (- for stdout)."), tr("FILE"));
    const QCommandLineOption resume(u"resume"_s, tr("Continue an interrupted or cancelled run."), tr("RUN_ID"));
    const QCommandLineOption priceBooks(u"price-books"_s, tr("Folder of price books that override the bundled ones."), tr("DIR"));
    const QCommandLineOption quiet(u"quiet"_s, tr("No progress line."));
    parser.addOptions({prompts, model, concurrency, repeat, stream, noStream, maxAttempts, keyEnv, provider, thinking,
                       effort, maxTokens, timeout, backoff, summary, resume, priceBooks, quiet});
    int code = ExitOk;
    if (!parse(parser, args, tr("Send a prompt set to every model and record every attempt."), &code))
        return code;

    QString error;
    std::unique_ptr<Store> store = openStore(parser, &error);
    if (!store)
        return fail(ExitInput, error);

    qint64 runId = 0;
    if (parser.isSet(resume)) {
        bool ok = false;
        runId = parser.value(resume).toLongLong(&ok);
        if (!ok || runId < 1)
            return fail(ExitUsage, tr("--resume expects a run id, not \"%1\"").arg(parser.value(resume)));
        if (parser.isSet(prompts) || parser.isSet(model))
            return fail(ExitUsage, tr("--resume continues a run as it was configured: leave out --prompts and --model"));
    } else {
        if (!parser.isSet(prompts))
            return fail(ExitUsage, tr("--prompts FILE is required (or --resume RUN_ID)"));
        if (parser.values(model).isEmpty())
            return fail(ExitUsage, tr("at least one --model LABEL=BASE_URL#MODEL_ID is required"));

        RunConfig config;
        QStringList labels;
        for (const QString& spec : parser.values(model)) {
            const qsizetype eq = spec.indexOf(u'=');
            const qsizetype hash = spec.lastIndexOf(u'#');
            if (eq <= 0 || hash < eq + 2 || hash == spec.size() - 1)
                return fail(ExitUsage, tr("--model %1: expected LABEL=BASE_URL#MODEL_ID").arg(spec));
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
        const bool optionsOk =
            perModel(parser, concurrency.names().constFirst(), labels,
                     [&](const QString& label, const QString& v, QString* e) {
                         bool ok = false;
                         modelByLabel(label).concurrency = v.toInt(&ok);
                         if (!ok || modelByLabel(label).concurrency < 1)
                             *e = tr("not a positive whole number");
                         return ok && modelByLabel(label).concurrency >= 1;
                     },
                     &error)
            && perModel(parser, keyEnv.names().constFirst(), labels,
                        [&](const QString& label, const QString& v, QString*) {
                            modelByLabel(label).apiKeyEnv = v;
                            return true;
                        },
                        &error)
            && perModel(parser, provider.names().constFirst(), labels,
                        [&](const QString& label, const QString& v, QString*) {
                            modelByLabel(label).provider = v;
                            return true;
                        },
                        &error)
            && perModel(parser, thinking.names().constFirst(), labels,
                        [&](const QString& label, const QString& v, QString* e) {
                            if (v != u"on"_s && v != u"off"_s) {
                                *e = tr("expected on or off");
                                return false;
                            }
                            modelByLabel(label).options.thinking = v == u"on"_s;
                            return true;
                        },
                        &error)
            && perModel(parser, effort.names().constFirst(), labels,
                        [&](const QString& label, const QString& v, QString*) {
                            modelByLabel(label).options.reasoningEffort = v;
                            return true;
                        },
                        &error)
            && perModel(parser, maxTokens.names().constFirst(), labels,
                        [&](const QString& label, const QString& v, QString* e) {
                            bool ok = false;
                            const int n = v.toInt(&ok);
                            if (!ok || n < 1 || n > 393216) {
                                *e = tr("expected a whole number from 1 to 393216");
                                return false;
                            }
                            modelByLabel(label).options.maxTokens = n;
                            return true;
                        },
                        &error);
        if (!optionsOk)
            return fail(ExitUsage, error);
        const auto repeats = positiveNumber(parser, repeat.names().constFirst(), 1, &error);
        const auto attempts = positiveNumber(parser, maxAttempts.names().constFirst(), 4, &error);
        const auto timeoutMs = positiveNumber(parser, timeout.names().constFirst(), config.timeoutMs, &error);
        const auto backoffMs = positiveNumber(parser, backoff.names().constFirst(), config.retry.baseDelayMs, &error);
        if (!repeats || !attempts || !timeoutMs || !backoffMs)
            return fail(ExitUsage, error);
        config.repeat = int(*repeats);
        config.retry.maxAttempts = int(*attempts);
        config.timeoutMs = *timeoutMs;
        config.retry.baseDelayMs = *backoffMs;
        if (const QString problem = config.validate(); !problem.isEmpty())
            return fail(ExitUsage, problem);

        ImportError importError;
        std::optional<PromptSet> set = PromptSetImporter::load(parser.value(prompts), &importError);
        if (!set)
            return fail(ExitInput, importError.toString());
        PriceBookRegistry registry;
        if (!registry.loadBundled(&error))
            return fail(ExitInput, error);
        if (parser.isSet(priceBooks) && !registry.loadOverrides(parser.value(priceBooks), &error))
            return fail(ExitInput, error);
        const auto created = RunEngine::createRun(*store, *set, config, registry, &error);
        if (!created)
            return fail(ExitInput, error);
        runId = *created;
    }

    RunEngine engine(*store, Clock::system());
    ProgressPrinter progress(engine, err(), parser.isSet(quiet));
    QString finalStatus;
    QString finalMessage;
    QObject::connect(&engine, &RunEngine::finished, [&](qint64, const QString& status, const QString& message) {
        finalStatus = status;
        finalMessage = message;
        QCoreApplication::quit();
    });
    // Ctrl-C cancels cleanly (in-flight attempts are recorded as cancelled); a second one quits at once.
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    QTimer interruptPoll;
    QObject::connect(&interruptPoll, &QTimer::timeout, [&engine] {
        const int n = g_interrupts.load();
        if (n == 1)
            engine.cancel();
        else if (n > 1)
            std::_Exit(ExitRunFailed);
    });
    interruptPoll.start(100);

    if (!engine.start(runId, &error))
        return fail(ExitInput, error);
    out() << tr("run %1").arg(runId) << Qt::endl;
    QCoreApplication::exec();
    progress.finish();

    if (parser.isSet(summary)) {
        const auto json = RunSummary::build(*store, runId, &error);
        if (!json)
            return fail(ExitRunFailed, error);
        const QByteArray bytes = QJsonDocument(*json).toJson(QJsonDocument::Indented);
        if (parser.value(summary) == u"-"_s) {
            out() << QString::fromUtf8(bytes) << Qt::flush;
        } else {
            QSaveFile file(parser.value(summary));
            if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
                return fail(ExitRunFailed, tr("cannot write the summary to %1: %2").arg(file.fileName(), file.errorString()));
        }
    }
    if (finalStatus != u"completed"_s) {
        return fail(ExitRunFailed, finalMessage.isEmpty()
                                       ? tr("run %1 %2; continue it with --resume %1").arg(runId).arg(finalStatus)
                                       : tr("run %1 %2: %3").arg(runId).arg(finalStatus, finalMessage));
    }
    err() << tr("run %1 completed").arg(runId) << Qt::endl;
    return ExitOk;
}

int runs(const QStringList& args)
{
    QCommandLineParser parser;
    int code = ExitOk;
    if (!parse(parser, args, tr("List the runs in a database, newest first, one a line, its id first."), &code))
        return code;
    QString error;
    std::unique_ptr<Store> store = openStore(parser, &error);
    if (!store)
        return fail(ExitInput, error);
    for (const RunRow& r : store->runs()) {
        QStringList labels;
        for (const auto& m : r.models)
            labels.append(m.label + u'=' + m.modelId);
        out() << r.id << '\t' << r.createdAt.toString(Qt::ISODate) << '\t' << r.status << '\t' << r.promptSetName
              << '\t' << labels.join(u',') << '\t' << tr("%1 results").arg(r.resultCount) << '\t'
              << (r.costUsd ? u"$%1"_s.arg(*r.costUsd, 0, 'f', 4) : tr("cost unknown")) << '\n';
    }
    out().flush();
    return ExitOk;
}

int report(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"RUN_ID"_s, tr("The run to report on."));
    int code = ExitOk;
    if (!parse(parser, args, tr("Print a run's report: per model and per category."), &code))
        return code;
    QString error;
    const auto runId = runIdArgument(parser, &error);
    if (!runId)
        return fail(ExitUsage, error);
    std::unique_ptr<Store> store = openStore(parser, &error);
    if (!store)
        return fail(ExitInput, error);
    const QString text = TextReport::render(*store, *runId, &error);
    if (text.isEmpty() && !error.isEmpty())
        return fail(ExitInput, error);
    out() << text << Qt::flush;
    return ExitOk;
}

int exportRun(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"RUN_ID"_s, tr("The run to export."));
    const QCommandLineOption format(u"format"_s, tr("csv or jsonl."), tr("FORMAT"), u"csv"_s);
    const QCommandLineOption output({u"o"_s, u"output"_s}, tr("Write to FILE instead of stdout."), tr("FILE"));
    parser.addOptions({format, output});
    int code = ExitOk;
    if (!parse(parser, args, tr("Write a run's results, one line per item with its final attempt."), &code))
        return code;
    QString error;
    const auto runId = runIdArgument(parser, &error);
    if (!runId)
        return fail(ExitUsage, error);
    const QString fmt = parser.value(format);
    if (fmt != u"csv"_s && fmt != u"jsonl"_s)
        return fail(ExitUsage, tr("--format expects csv or jsonl, not \"%1\"").arg(fmt));
    std::unique_ptr<Store> store = openStore(parser, &error);
    if (!store)
        return fail(ExitInput, error);
    if (!store->loadRun(*runId))
        return fail(ExitInput, tr("there is no run %1 in this database").arg(*runId));

    const auto kind = fmt == u"csv"_s ? ResultExporter::Format::Csv : ResultExporter::Format::Jsonl;
    if (parser.isSet(output)) {
        QSaveFile file(parser.value(output));
        if (!file.open(QIODevice::WriteOnly))
            return fail(ExitInput, tr("cannot write %1: %2").arg(file.fileName(), file.errorString()));
        if (!ResultExporter::write(*store, *runId, kind, file, &error) || !file.commit())
            return fail(ExitRunFailed, error.isEmpty() ? file.errorString() : error);
        return ExitOk;
    }
    QFile stdoutFile;
    if (!stdoutFile.open(stdout, QIODevice::WriteOnly))
        return fail(ExitRunFailed, tr("cannot write to standard output"));
    if (!ResultExporter::write(*store, *runId, kind, stdoutFile, &error))
        return fail(ExitRunFailed, error);
    return ExitOk;
}

} // namespace tierlens::cli
