#include "HtmlReport.h"

#include "analysis/FigureTableModel.h"
#include "analysis/StatisticsTables.h"
#include "dashboard/ChartFactory.h"
#include "format/ReportFormat.h"
#include "report/RunSummary.h"
#include "report/TextReport.h"
#include "store/Store.h"

#include <QLocale>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

QString esc(const QString& s)
{
    return s.toHtmlEscaped();
}

QString table(const QStringList& headers, const QVector<QStringList>& rows)
{
    QString html = u"<table>\n<tr>"_s;
    for (const QString& h : headers)
        html += u"<th>"_s + esc(h) + u"</th>"_s;
    html += u"</tr>\n"_s;
    for (const QStringList& row : rows) {
        html += u"<tr>"_s;
        for (qsizetype i = 0; i < row.size(); ++i)
            html += (i == 0 ? u"<th>"_s : u"<td>"_s) + esc(row.at(i)) + (i == 0 ? u"</th>"_s : u"</td>"_s);
        html += u"</tr>\n"_s;
    }
    return html + u"</table>\n"_s;
}

const char* kStyle = R"css(
body { font-family: sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: right; }
tr > th:first-child { text-align: left; }
th { background: #f3f3f3; }
p.note { color: #555; max-width: 60em; }
figure { margin: 1em 0 2em; }
img { max-width: 100%; border: 1px solid #ddd; }
)css";

} // namespace

QByteArray HtmlReport::render(Store& store, const EvalStatistics& stats)
{
    QString html = u"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n<title>"_s;
    QStringList ids;
    for (qint64 id : stats.settings().scope.runIds)
        ids << QString::number(id);
    const QString title = tr("Tierlens report: run %1").arg(ids.join(u", "_s));
    html += esc(title) + u"</title>\n<style>"_s + QString::fromUtf8(kStyle) + u"</style></head><body>\n"_s;
    html += u"<h1>"_s + esc(title) + u"</h1>\n"_s;

    // The runs: what was sent where, when, at which prices. Never a key: only the models' addresses.
    QVector<QStringList> runRows;
    QVector<ReportTable> runTables;
    const bool scoped = !stats.settings().scope.categories.isEmpty();
    for (qint64 id : stats.settings().scope.runIds) {
        const std::optional<RunRow> run = store.loadRun(id);
        if (!run)
            continue;
        // The run's own tables, as the text report has them: models' totals and the judge's verdicts and cost.
        QString problem;
        const std::optional<QJsonObject> summary = RunSummary::build(store, id, &problem);
        QStringList order;
        for (const RunModelRow& m : run->models)
            order.append(m.label);
        QString judgeCost = ReportFormat::notAvailable();
        if (summary) {
            for (ReportTable t : TextReport::runTables(*summary, order, scoped)) {
                if (stats.settings().scope.runIds.size() > 1)
                    t.title = tr("Run %1: %2").arg(id).arg(t.title);
                runTables.append(t);
            }
            const QJsonValue cost = summary->value(u"judge"_s).toObject().value(u"cost_usd"_s);
            if (cost.isDouble())
                judgeCost = ReportFormat::usd(cost.toDouble());
        }
        QStringList models;
        for (const RunModelRow& m : run->models) {
            // The address without user info or query, which could carry credentials in a page meant for sharing.
            const QString address = QUrl(m.baseUrl).toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
            models << u"%1 = %2 (%3)"_s.arg(m.label, m.modelId, address);
        }
        runRows.append({ QString::number(run->id), run->promptSetName, ReportFormat::isoUtc(run->createdAt),
                         run->status, QString::number(run->repeatCount), run->priceBookVersion,
                         run->costUsd ? ReportFormat::usd(*run->costUsd) : ReportFormat::notAvailable(), judgeCost,
                         models.join(u"; "_s) });
    }
    html += u"<h2>"_s + esc(tr("Runs")) + u"</h2>\n"_s;
    html += table({ tr("run"), tr("prompt set"), tr("created (UTC)"), tr("status"), tr("repeats"), tr("price book"),
                    tr("cost"), tr("judge's cost"), tr("models") },
                  runRows);
    for (const ReportTable& t : runTables) {
        html += u"<h2>"_s + esc(t.title) + u"</h2>\n<p class=\"note\">"_s + esc(t.note) + u"</p>\n"_s;
        html += table(t.headers, t.rows);
    }
    if (!stats.settings().scope.categories.isEmpty()) {
        html += u"<p class=\"note\">"_s
            + esc(tr("Only these categories: %1").arg(stats.settings().scope.categories.join(u", "_s))) + u"</p>\n"_s;
    }

    for (const ReportTable& t : StatisticsTables::build(stats)) {
        html += u"<h2>"_s + esc(t.title) + u"</h2>\n<p class=\"note\">"_s + esc(t.note) + u"</p>\n"_s;
        html += table(t.headers, t.rows);
    }

    html += u"<h2>"_s + esc(tr("Charts")) + u"</h2>\n"_s;
    FigureTableModel model;
    for (const FigureTable& figure : StatisticsFigures::build(stats)) {
        model.setFigure(figure);
        html += u"<figure id=\""_s + esc(figure.id) + u"\">\n<img alt=\""_s + esc(figure.title)
            + u"\" src=\"data:image/png;base64,"_s + QString::fromLatin1(ChartFactory::png(model).toBase64())
            + u"\">\n<figcaption>"_s + esc(figure.title) + u"</figcaption>\n"_s;
        QVector<QStringList> rows;
        for (qsizetype r = 0; r < figure.rows.size(); ++r) {
            QStringList row { figure.rows.at(r) };
            for (const FigureCell& c : figure.cells.at(r))
                row << c.text;
            rows << row;
        }
        html += table(QStringList { QString() } + figure.columns, rows) + u"</figure>\n"_s;
    }
    html += u"<p class=\"note\">"_s
        + esc(tr("Written by Tierlens %1 on %2.")
                  .arg(QCoreApplication::applicationVersion(), ReportFormat::isoUtc(QDateTime::currentDateTimeUtc())))
        + u"</p>\n</body></html>\n"_s;
    return html.toUtf8();
}

} // namespace tierlens
