// tierlens-cli migrate: a personal history copied into a team database (or back).
#include "CliCommands.h"
#include "CliSupport.h"

#include "store/Store.h"
#include "store/StoreCopy.h"
#include "store/StoreLocation.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace tierlens::cli {

int migrate(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption from(u"from"_s,
                                  CliCommands::tr("The history to copy: sqlite:FILE (or a path) or a PostgreSQL URL."),
                                  CliCommands::tr("LOCATION"));
    const QCommandLineOption to(u"to"_s,
                                CliCommands::tr("The database to copy into, e.g. postgresql://USER@HOST:PORT/DATABASE "
                                                "(it must exist; its tables are created or brought up to date)."),
                                CliCommands::tr("LOCATION"));
    const QCommandLineOption only(
        u"run"_s, CliCommands::tr("Copy only this run (with the runs it judged or that judged it); repeatable."),
        CliCommands::tr("RUN_ID"));
    parser.setApplicationDescription(
        CliCommands::tr("Copy the runs of one history into another, e.g. a personal SQLite file into the team's "
                        "PostgreSQL database: prompt sets (reused by name and content hash), runs, attempts, "
                        "results, checks, ratings and judge verdicts, under new ids. Runs the target already holds "
                        "are left alone, so running it again copies only what is new."));
    parser.addHelpOption();
    parser.addOptions({ from, to, only });
    if (!parser.parse(args))
        return fail(ExitUsage, parser.errorText());
    if (parser.isSet(u"help"_s)) {
        out() << parser.helpText();
        return ExitOk;
    }
    if (!parser.isSet(from) || !parser.isSet(to))
        return fail(ExitUsage, CliCommands::tr("--from LOCATION and --to LOCATION are required"));
    QVector<qint64> runIds;
    for (const QString& v : parser.values(only)) {
        bool ok = false;
        const qint64 id = v.toLongLong(&ok);
        if (!ok || id < 1)
            return fail(ExitUsage, CliCommands::tr("--run expects a run id, not \"%1\"").arg(v));
        runIds.append(id);
    }
    QString error;
    // The source is opened as any store is, so an older personal file is brought up to date first.
    std::unique_ptr<Store> source = Store::open(parser.value(from), &error, Store::OpenMode::Read);
    if (!source)
        return fail(ExitInput, error);
    const QString target = parser.value(to);
    if (!StoreLocation::isUrl(target))
        QDir().mkpath(QFileInfo(target.startsWith(u"sqlite:"_s) ? target.mid(7) : target).absolutePath());
    std::unique_ptr<Store> destination = Store::open(target, &error, Store::OpenMode::Create);
    if (!destination || !destination->checkWritable(&error))
        return fail(ExitInput, error);
    int copied = 0, present = 0;
    const auto done = StoreCopy::copy(
        *source, *destination, runIds,
        [&](const CopiedRun& r) {
            if (r.alreadyThere) {
                ++present;
                out() << CliCommands::tr("run %1: already there as run %2").arg(r.sourceId).arg(r.targetId) << Qt::endl;
            } else {
                ++copied;
                out() << CliCommands::tr("run %1 -> run %2").arg(r.sourceId).arg(r.targetId) << Qt::endl;
            }
        },
        &error);
    if (!done)
        return fail(ExitRunFailed, error);
    err() << CliCommands::tr("%1 run(s) copied, %2 already there").arg(copied).arg(present) << Qt::endl;
    return ExitOk;
}

} // namespace tierlens::cli
