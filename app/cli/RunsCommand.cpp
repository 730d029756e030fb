// tierlens-cli runs: the runs of a history, newest first.
#include "CliCommands.h"
#include "CliSupport.h"

#include "format/ReportFormat.h"
#include "store/Store.h"

#include <QCommandLineParser>

using namespace Qt::StringLiterals;

namespace tierlens::cli {

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
              // As History spells it, in the C locale: no group separators nor decimal commas in a tab-separated
              // line that scripts read.
              << ReportFormat::usd(r.costUsd, QLocale::c()) << '\n';
    }
    out().flush();
    return ExitOk;
}

} // namespace tierlens::cli
