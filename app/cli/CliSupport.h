#pragma once
// What every tierlens-cli subcommand shares: the output streams, the common options (--db, --help), the RUN_ID
// argument, and writing result files whole.

#include "CliCommands.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <memory>
#include <optional>

namespace tierlens {
class Store;
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
// Parses the common part; returns false (and the exit code) when the caller should stop.
bool parse(QCommandLineParser& parser, const QStringList& args, const QString& description, int* exitCode);
std::unique_ptr<Store> openStore(const QCommandLineParser& parser, QString* error);
// The RUN_ID argument and the database of a command about one stored run; on failure, the exit code.
std::unique_ptr<Store> openForRun(const QCommandLineParser& parser, qint64* runId, int* exitCode);

std::optional<qint64> runIdArgument(const QCommandLineParser& parser, QString* error);
std::optional<qint64> positiveNumber(const QCommandLineParser& parser, const QString& option, qint64 fallback,
                                     QString* error);

// Writes bytes to a file whole (or not at all), or to stdout for "-".
bool writeBytes(const QByteArray& bytes, const QString& path, QString* error);
// Indented JSON, the same way.
bool writeJson(const QJsonObject& json, const QString& path, QString* error);

} // namespace tierlens::cli
