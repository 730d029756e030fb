#pragma once
// What every tierlens-cli subcommand shares: the output streams, the common options (--db, --help), the RUN_ID
// argument, and writing result files whole.

#include "CliCommands.h"
#include "engine/RunConfig.h"
#include "store/Store.h"
#include "store/StoreTypes.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <memory>
#include <optional>

namespace tierlens {
class RoutingPolicy;
}

namespace tierlens::cli {

// The commands are free functions; this gives them one translation context that lupdate sees too.
class CliCommands
{
    Q_DECLARE_TR_FUNCTIONS(CliCommands)
};

QTextStream& err();
QTextStream& out();
// Prints "tierlens-cli: message" on stderr and returns code.
int fail(int code, const QString& message);

// Made on demand, not at static initialisation, so that its help text is translated.
QCommandLineOption dbOption();
// The options of every command that sends requests: --price-books DIR, --quiet, --allow-insecure-http.
QCommandLineOption priceBooksOption();
QCommandLineOption quietOption();
QCommandLineOption insecureHttpOption();
// Parses the common part; returns false (and the exit code) when the caller should stop.
bool parse(QCommandLineParser& parser, const QStringList& args, const QString& description, int* exitCode);
// The database --db names (or the default one). Read and Write want it to exist (nothing is created), Create makes
// it when missing; Write and Create also check that it can be written (and is not damaged) before returning it.
std::unique_ptr<Store> openStore(const QCommandLineParser& parser, Store::OpenMode mode, QString* error);
// The database and the run named by the RUN_ID argument, for a command about one stored run.
struct StoredRun
{
    std::unique_ptr<Store> store;
    RunRow run;
};
// Empty on failure, the message printed and *exitCode set: a bad RUN_ID, a database that cannot be opened (or
// written, for Store::OpenMode::Write), or no such run in it.
std::optional<StoredRun> openRun(const QCommandLineParser& parser, Store::OpenMode mode, int* exitCode);

std::optional<qint64> runIdArgument(const QCommandLineParser& parser, QString* error);
// RUN_ID and the runs a --runs IDS option adds to it (comma separated), each of the same kind as RUN_ID, oldest
// first. Empty on failure, the message printed and *exitCode set.
std::optional<QVector<qint64>> runsWith(Store& store, const RunRow& first, const QString& ids, int* exitCode);
std::optional<qint64> positiveNumber(const QCommandLineParser& parser, const QString& option, qint64 fallback,
                                     QString* error);
// A model given as LABEL=BASE_URL#MODEL_ID (--model, --primary, --shadow); option names it in the error.
std::optional<ModelConfig> modelSpec(const QString& option, const QString& spec, QString* error);

// Per model on stdout: how its items fared, from the same figures as every report (people, then assertions, then
// the judge). For check and judge.
bool printChecks(Store& store, qint64 runId, QString* error);
// One line per route on stderr: what goes where, whether it is decided, what it trades. For policy and settle.
void printRoutes(const RoutingPolicy& policy);

// Writes bytes to a file whole (or not at all), or to stdout for "-".
bool writeBytes(const QByteArray& bytes, const QString& path, QString* error);
// Indented JSON, the same way.
bool writeJson(const QJsonObject& json, const QString& path, QString* error);

} // namespace tierlens::cli
