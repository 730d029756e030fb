// tierlens-cli promptset-from-run: a stratified sample of a run's prompts (a live run's captured traffic, for one)
// written as a prompt set file that offline runs can send again.
#include "CliCommands.h"
#include "CliSupport.h"

#include "promptsets/PromptSample.h"
#include "promptsets/PromptSetImporter.h"
#include "store/Store.h"
#include "util/GuardedFiles.h"

#include <QCommandLineParser>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace tierlens::cli {

int promptSetFromRun(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"RUN_ID"_s, CliCommands::tr("The run whose prompts to draw from."));
    const QCommandLineOption perCategory(u"per-category"_s,
                                         CliCommands::tr("Prompts to draw from each category (a smaller category "
                                                         "comes whole)."),
                                         CliCommands::tr("N"));
    const QCommandLineOption out(u"out"_s, CliCommands::tr("The prompt set file to write (JSONL)."),
                                 CliCommands::tr("FILE"));
    const QCommandLineOption seed(u"seed"_s, CliCommands::tr("Another seed draws other prompts (default 1)."),
                                  CliCommands::tr("S"), u"1"_s);
    parser.addOptions({ perCategory, out, seed });
    int code = ExitOk;
    if (!parse(parser, args,
               CliCommands::tr("Draw up to N prompts of each category from the prompts a run answered, the same ones "
                               "for a seed, and write them as a prompt set file."),
               &code))
        return code;
    QString error;
    if (!parser.isSet(perCategory))
        return fail(ExitUsage, CliCommands::tr("--per-category is required"));
    const std::optional<qint64> n = positiveNumber(parser, u"per-category"_s, 1, &error);
    if (!n)
        return fail(ExitUsage, error);
    bool seedOk = false;
    const quint64 seedValue = parser.value(seed).toULongLong(&seedOk);
    if (!seedOk)
        return fail(ExitUsage, CliCommands::tr("--seed expects a whole number, not \"%1\"").arg(parser.value(seed)));
    if (!parser.isSet(out))
        return fail(ExitUsage, CliCommands::tr("--out is required"));
    if (const QString refusal = GuardedFiles::refusal(parser.value(out)); !refusal.isEmpty())
        return fail(ExitUsage, refusal);

    const std::optional<StoredRun> opened = openRun(parser, Store::OpenMode::Read, &code);
    if (!opened)
        return code;
    Store& store = *opened->store;
    const std::optional<PromptSet> set = store.requirePromptSet(opened->run, &error);
    if (!set)
        return fail(ExitInput, error);
    // The prompts the run has results for: a live run's set holds what was captured; an offline run's, what it
    // finished.
    QSet<qint64> answered;
    if (!store.forEachResultKey(
            opened->run.id, [&](const ResultKeyRow& r) { return answered.insert(r.promptId), true; }, &error))
        return fail(ExitInput, error);
    if (answered.isEmpty())
        return fail(ExitInput, CliCommands::tr("run %1 has no results to draw prompts from").arg(opened->run.id));

    QVector<PromptSample::Drawn> drawn;
    PromptSet sample = PromptSample::stratified(*set, answered, int(std::min<qint64>(*n, 1'000'000)), seedValue,
                                                &drawn);
    sample.name = CliCommands::tr("%1, %2 a category from run %3").arg(set->name).arg(*n).arg(opened->run.id);
    QSaveFile file(parser.value(out));
    if (!file.open(QIODevice::WriteOnly))
        return fail(ExitInput, CliCommands::tr("cannot write %1: %2").arg(file.fileName(), file.errorString()));
    file.write(PromptSetImporter::toJsonl(sample));
    if (!file.commit())
        return fail(ExitInput, CliCommands::tr("cannot write %1: %2").arg(file.fileName(), file.errorString()));
    for (const PromptSample::Drawn& d : std::as_const(drawn))
        err() << CliCommands::tr("%1: %2 of %3").arg(d.category).arg(d.drawn).arg(d.of) << '\n';
    err() << CliCommands::tr("%n prompt(s) written to %1", nullptr, int(sample.prompts.size())).arg(file.fileName())
          << '\n';
    err().flush();
    return ExitOk;
}

} // namespace tierlens::cli
