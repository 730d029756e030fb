// tierlens-cli check: a run's stored answers checked again after the assertions changed.
#include "CliCommands.h"
#include "CliSupport.h"

#include "RunSession.h"
#include "engine/ResultChecker.h"
#include "promptsets/PromptSetImporter.h"
#include "store/Store.h"

#include <QCommandLineParser>

using namespace Qt::StringLiterals;

namespace tierlens::cli {

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

} // namespace tierlens::cli
