// tierlens-cli export: a run's results, with why each item passed or failed, as CSV or JSONL.
#include "CliCommands.h"
#include "CliSupport.h"

#include "report/ResultExporter.h"
#include "store/Store.h"
#include "util/GuardedFiles.h"

#include <QCommandLineParser>
#include <QFile>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace tierlens::cli {

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

} // namespace tierlens::cli
