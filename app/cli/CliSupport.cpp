#include "CliSupport.h"

#include "analysis/EvalStatistics.h"
#include "analysis/ItemQuality.h"
#include "analysis/RoutingPolicy.h"

#include "store/Store.h"
#include "store/StoreLocation.h"
#include "util/GuardedFiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace tierlens::cli {

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

namespace {

QString defaultDatabase()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/tierlens.db"_s;
}

} // namespace

QCommandLineOption priceBooksOption()
{
    return QCommandLineOption(u"price-books"_s,
                              CliCommands::tr("Folder of price books that override the bundled ones."),
                              CliCommands::tr("DIR"));
}

QCommandLineOption quietOption()
{
    return QCommandLineOption(u"quiet"_s, CliCommands::tr("No progress line."));
}

QCommandLineOption insecureHttpOption()
{
    return QCommandLineOption(
        u"allow-insecure-http"_s,
        CliCommands::tr("Send API keys over plain http:// to a host that is not this machine (refused otherwise)."));
}

QCommandLineOption dbOption()
{
    return QCommandLineOption(
        u"db"_s,
        CliCommands::tr("The database: a SQLite file (default: %1) or postgresql://USER@HOST:PORT/DATABASE, the "
                        "password in PGPASSWORD or ~/.pgpass.")
            .arg(u"<data dir>/tierlens.db"_s),
        CliCommands::tr("FILE|URL"));
}

bool parse(QCommandLineParser& parser, const QStringList& args, const QString& description, int* exitCode)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addOption(dbOption());
    if (!parser.parse(args)) {
        *exitCode = fail(ExitUsage, parser.errorText());
        return false;
    }
    if (parser.isSet(u"help"_s)) {
        // Qt names the program by its path; the usage line names the command as it is typed ("tierlens-cli run").
        QString help = parser.helpText();
        const QString program = QCoreApplication::arguments().value(0);
        const qsizetype firstLine = help.indexOf(u'\n');
        const qsizetype at = help.left(firstLine).indexOf(program);
        if (!program.isEmpty() && at >= 0 && !args.isEmpty())
            help.replace(at, program.size(), args.constFirst());
        out() << help;
        *exitCode = ExitOk;
        return false;
    }
    return true;
}

std::unique_ptr<Store> openStore(const QCommandLineParser& parser, Store::OpenMode mode, QString* error)
{
    const QString path = parser.isSet(dbOption()) ? parser.value(dbOption()) : defaultDatabase();
    if (mode == Store::OpenMode::Create && !StoreLocation::isUrl(path))
        QDir().mkpath(QFileInfo(path.startsWith(u"sqlite:"_s) ? path.mid(7) : path).absolutePath());
    std::unique_ptr<Store> store = Store::open(path, error, mode);
    // Every command checks the whole file first: a damaged workspace must not pass for a shorter history.
    if (store && !store->checkIntegrity(error))
        return nullptr;
    if (store && mode != Store::OpenMode::Read && !store->checkWritable(error))
        return nullptr;
    return store;
}

std::optional<qint64> positiveNumber(const QCommandLineParser& parser, const QString& option, qint64 fallback,
                                     QString* error)
{
    if (!parser.isSet(option))
        return fallback;
    bool ok = false;
    const qint64 n = parser.value(option).toLongLong(&ok);
    if (!ok || n < 1) {
        *error = CliCommands::tr("--%1 expects a positive whole number, not \"%2\"").arg(option, parser.value(option));
        return std::nullopt;
    }
    return n;
}

std::optional<ModelConfig> modelSpec(const QString& option, const QString& spec, QString* error)
{
    const qsizetype eq = spec.indexOf(u'=');
    const qsizetype hash = spec.lastIndexOf(u'#');
    if (eq <= 0 || hash < eq + 2 || hash == spec.size() - 1) {
        *error = CliCommands::tr("--%1 %2: expected LABEL=BASE_URL#MODEL_ID").arg(option, spec);
        return std::nullopt;
    }
    ModelConfig m;
    m.label = spec.left(eq);
    m.baseUrl = spec.mid(eq + 1, hash - eq - 1);
    m.modelId = spec.mid(hash + 1);
    return m;
}

std::optional<QVector<qint64>> runsWith(Store& store, const RunRow& first, const QString& ids, int* exitCode)
{
    QVector<qint64> runIds { first.id };
    for (const QString& id : ids.split(u',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const qint64 other = id.trimmed().toLongLong(&ok);
        QString error;
        const std::optional<RunRow> otherRun = ok ? store.requireRun(other, &error) : std::nullopt;
        if (!otherRun) {
            *exitCode = fail(ok && !store.lastError().isEmpty() ? ExitInput : ExitUsage,
                             ok ? u"--runs: "_s + error : CliCommands::tr("--runs: \"%1\" is not a run id").arg(id));
            return std::nullopt;
        }
        if (otherRun->kind != first.kind) {
            *exitCode = fail(ExitUsage,
                             CliCommands::tr("--runs: run %1 is a %2 run, run %3 a %4 run")
                                 .arg(other)
                                 .arg(otherRun->kind)
                                 .arg(first.id)
                                 .arg(first.kind));
            return std::nullopt;
        }
        if (!runIds.contains(other))
            runIds.append(other);
    }
    std::sort(runIds.begin(), runIds.end());
    return runIds;
}

std::optional<qint64> runIdArgument(const QCommandLineParser& parser, QString* error)
{
    const QStringList positional = parser.positionalArguments();
    bool ok = false;
    const qint64 id = positional.value(0).toLongLong(&ok);
    if (positional.size() != 1 || !ok || id < 1) {
        *error = CliCommands::tr("expected one RUN_ID (see 'tierlens-cli runs')");
        return std::nullopt;
    }
    return id;
}

bool writeBytes(const QByteArray& bytes, const QString& path, QString* error)
{
    if (path == u"-"_s) {
        out() << QString::fromUtf8(bytes) << Qt::flush;
        return true;
    }
    // Written over, the workspace would be gone; opened and closed, its locks would be.
    if (const QString refusal = GuardedFiles::refusal(path); !refusal.isEmpty()) {
        *error = refusal;
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = CliCommands::tr("cannot write %1: %2").arg(file.fileName(), file.errorString());
        return false;
    }
    return true;
}

bool writeJson(const QJsonObject& json, const QString& path, QString* error)
{
    return writeBytes(QJsonDocument(json).toJson(QJsonDocument::Indented), path, error);
}

std::optional<StoredRun> openRun(const QCommandLineParser& parser, Store::OpenMode mode, int* exitCode)
{
    QString error;
    const auto id = runIdArgument(parser, &error);
    if (!id) {
        *exitCode = fail(ExitUsage, error);
        return std::nullopt;
    }
    std::unique_ptr<Store> store = openStore(parser, mode, &error);
    if (!store) {
        *exitCode = fail(ExitInput, error);
        return std::nullopt;
    }
    std::optional<RunRow> run = store->requireRun(*id, &error);
    if (!run) {
        *exitCode = fail(ExitInput, error);
        return std::nullopt;
    }
    return StoredRun { std::move(store), std::move(*run) };
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

} // namespace tierlens::cli
