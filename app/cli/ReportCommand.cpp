// tierlens-cli report: one run, or several pooled (the same prompt in two runs is one prompt), as text, JSON or a
// self-contained HTML page.
#include "CliCommands.h"
#include "CliSupport.h"

#include "analysis/EvalStatistics.h"
#include "analysis/ItemQuality.h"
#include "analysis/StatisticsTables.h"
#include "report/HtmlReport.h"
#include "report/ItemReasons.h"
#include "report/RunSummary.h"
#include "report/TextReport.h"
#include "store/Store.h"

#include <QApplication>
#include <QJsonDocument>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tierlens::cli {

int report(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"RUN_ID"_s, CliCommands::tr("The run to report on."));
    const QCommandLineOption format(u"format"_s, CliCommands::tr("text, json or html (default: text)."),
                                    CliCommands::tr("FORMAT"), u"text"_s);
    const QCommandLineOption runs(u"runs"_s,
                                  CliCommands::tr("More runs to pool with RUN_ID, comma separated (a prompt sent in "
                                                  "several counts once); the trend follows them in time."),
                                  CliCommands::tr("IDS"));
    const QCommandLineOption category(u"category"_s, CliCommands::tr("Only this prompt category (repeat for several)."),
                                      CliCommands::tr("NAME"));
    const QCommandLineOption quality(u"quality"_s,
                                     CliCommands::tr("Where an item's pass/fail comes from, first that has a verdict "
                                                     "wins (default: human,assertions,judge)."),
                                     CliCommands::tr("SOURCES"), u"human,assertions,judge"_s);
    const QCommandLineOption confidence(u"confidence"_s, CliCommands::tr("Confidence of the intervals (default 0.95)."),
                                        CliCommands::tr("C"), u"0.95"_s);
    const QCommandLineOption output({ u"o"_s, u"output"_s }, CliCommands::tr("Write to FILE instead of stdout."),
                                    CliCommands::tr("FILE"), u"-"_s);
    const QCommandLineOption failures(u"failures"_s,
                                      CliCommands::tr("List the failed items and why each failed (every assertion's "
                                                      "reason, the judge's, people's ratings) instead of the report."));
    const QCommandLineOption model(u"model"_s,
                                   CliCommands::tr("With --failures: only this model (repeat for several)."),
                                   CliCommands::tr("LABEL"));
    parser.addOptions({ format, runs, category, quality, confidence, output, failures, model });
    int code = ExitOk;
    if (!parse(parser, args,
               CliCommands::tr("Print a run's report: per model and per category, with intervals and paired tests."),
               &code))
        return code;
    const QString fmt = parser.value(format);
    if (fmt != u"text"_s && fmt != u"json"_s && fmt != u"html"_s)
        return fail(ExitUsage, CliCommands::tr("--format expects text, json or html, not \"%1\"").arg(fmt));
    bool ok = false;
    const double level = parser.value(confidence).toDouble(&ok);
    if (!ok || level <= 0 || level >= 1)
        return fail(
            ExitUsage,
            CliCommands::tr("--confidence expects a number between 0 and 1, not \"%1\"").arg(parser.value(confidence)));
    const std::optional<StoredRun> opened = openRun(parser, Store::OpenMode::Read, &code);
    if (!opened)
        return code;
    Store* store = opened->store.get();
    const RunRow* run = &opened->run;
    const qint64 runId = run->id;

    if (parser.isSet(failures)) {
        if (parser.isSet(runs) || fmt != u"text"_s)
            return fail(ExitUsage, CliCommands::tr("--failures lists the items of one run, as text"));
        const QStringList precedence = parser.value(quality).split(u',', Qt::SkipEmptyParts);
        if (const QString problem = ItemQualities::checkPrecedence(precedence); !problem.isEmpty())
            return fail(ExitUsage, problem);
        QString error;
        const std::optional<RunReasons> reasons = RunReasons::load(*store, runId, precedence, &error);
        if (!reasons)
            return fail(ExitInput, error);
        for (const QString& label : parser.values(model)) {
            if (std::none_of(run->models.cbegin(), run->models.cend(),
                             [&](const RunModelRow& m) { return m.label == label; }))
                return fail(ExitUsage,
                            CliCommands::tr("--model %1: run %2 has no model of that label").arg(label).arg(runId));
        }
        if (!writeBytes(reasons->failuresText(parser.values(category), parser.values(model)).toUtf8(),
                        parser.value(output), &error))
            return fail(ExitInput, error);
        return ExitOk;
    }
    if (parser.isSet(model))
        return fail(ExitUsage, CliCommands::tr("--model goes with --failures"));

    StatisticsSettings settings;
    const std::optional<QVector<qint64>> pooled = runsWith(*store, *run, parser.value(runs), &code);
    if (!pooled)
        return code;
    settings.scope.runIds = *pooled;
    settings.scope.categories = parser.values(category);
    settings.scope.precedence = parser.value(quality).split(u',', Qt::SkipEmptyParts);
    settings.confidence = level;

    QString error;
    const std::optional<EvalStatistics> stats = EvalStatistics::compute(*store, settings, &error);
    if (!stats)
        return fail(ExitInput, error);

    QByteArray bytes;
    if (fmt == u"text"_s) {
        // One page, one pipeline: the run's header and models, then the statistics of the whole scope.
        const QString text = TextReport::render(*store, *stats, runId, &error);
        if (text.isEmpty() && !error.isEmpty())
            return fail(ExitInput, error);
        bytes = text.toUtf8();
    } else if (fmt == u"json"_s) {
        const std::optional<QJsonObject> summary = RunSummary::build(*store, runId, &error);
        if (!summary)
            return fail(ExitInput, error);
        bytes = QJsonDocument(QJsonObject { { u"summary"_s, *summary }, { u"statistics"_s, stats->toJson() } })
                    .toJson(QJsonDocument::Indented);
    } else {
        if (!qobject_cast<QApplication*>(QCoreApplication::instance()))
            return fail(ExitRunFailed, CliCommands::tr("the HTML report needs the charts' QApplication"));
        bytes = HtmlReport::render(*store, *stats);
    }
    if (!writeBytes(bytes, parser.value(output), &error))
        return fail(ExitInput, error);
    return ExitOk;
}

} // namespace tierlens::cli
