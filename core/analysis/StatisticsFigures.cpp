#include "StatisticsFigures.h"

#include "format/ReportFormat.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

QString ms(double v)
{
    return QLocale().toString(v, 'f', 0);
}

FigureCell passRateCell(const GroupFigures* g)
{
    FigureCell c;
    if (!g || !g->passRate) {
        c.text = StatisticsFigures::tr("n/a");
        return c;
    }
    c.value = g->passRate->estimate;
    c.text = StatisticsFigures::tr("%1 [%2, %3] n=%4")
                 .arg(ReportFormat::percent(g->passRate->estimate), ReportFormat::percent(g->passRate->low),
                      ReportFormat::percent(g->passRate->high))
                 .arg(g->passRate->n);
    return c;
}

FigureCell costCell(const GroupFigures* g)
{
    FigureCell c;
    if (!g || !g->costPerItemUsd) {
        c.text = StatisticsFigures::tr("n/a");
        return c;
    }
    c.value = *g->costPerItemUsd;
    c.text = StatisticsFigures::tr("%1 per item (%2 per success) n=%3")
                 .arg(ReportFormat::usd(*g->costPerItemUsd),
                      g->costPerSuccessUsd ? ReportFormat::usd(*g->costPerSuccessUsd) : StatisticsFigures::tr("n/a"))
                 .arg(g->counts.items);
    return c;
}

FigureCell percentilesCell(const GroupFigures* g, Distribution GroupFigures::*member, int decimals)
{
    FigureCell c;
    const Distribution* d = g ? &(g->*member) : nullptr;
    if (!d || !d->p50) {
        c.text = StatisticsFigures::tr("n/a");
        return c;
    }
    c.value = *d->p50;
    auto f = [&](const std::optional<double>& v) { return v ? QLocale().toString(*v, 'f', decimals) : QString(); };
    c.text = StatisticsFigures::tr("p50 %1, p90 %2, p99 %3 n=%4").arg(f(d->p50), f(d->p90), f(d->p99)).arg(d->n);
    return c;
}

FigureCell boxCell(const GroupFigures* g, Distribution GroupFigures::*member)
{
    FigureCell c;
    const Distribution* d = g ? &(g->*member) : nullptr;
    if (!d || !d->p50) {
        c.text = StatisticsFigures::tr("n/a");
        return c;
    }
    // Whiskers at the 1st and 99th percentiles rather than the extremes: one stalled request would otherwise
    // squash every box to a line.
    c.box = { *d->p1, *d->p25, *d->p50, *d->p75, *d->p99 };
    c.value = *d->p50;
    c.text = StatisticsFigures::tr("min %1, p1 %2, p25 %3, median %4, p75 %5, p99 %6, max %7 n=%8")
                 .arg(ms(*d->min), ms(*d->p1), ms(*d->p25), ms(*d->p50), ms(*d->p75), ms(*d->p99), ms(*d->max))
                 .arg(d->n);
    return c;
}

FigureTable byCategory(const EvalStatistics& s, const QString& id, const QString& title, const QString& unit,
                       FigureTable::Kind kind, const std::function<FigureCell(const GroupFigures*)>& cell)
{
    FigureTable t;
    t.id = id;
    t.title = title;
    t.unit = unit;
    t.kind = kind;
    t.columns = s.labels();
    QStringList categories = s.categories();
    categories.append(QString()); // every category
    for (const QString& category : std::as_const(categories)) {
        t.rows.append(category.isEmpty() ? StatisticsFigures::allCategories() : category);
        QVector<FigureCell> row;
        for (const QString& label : s.labels())
            row.append(cell(s.group(label, category)));
        t.cells.append(row);
    }
    return t;
}

FigureTable trend(const EvalStatistics& s, const QString& id, const QString& title, const QString& unit,
                  const std::function<FigureCell(const GroupFigures*)>& cell)
{
    FigureTable t;
    t.id = id;
    t.title = title;
    t.unit = unit;
    t.kind = FigureTable::Kind::Lines;
    t.columns = s.labels();
    QVector<qint64> runs;
    QHash<qint64, QDateTime> created;
    for (const GroupFigures& g : s.trends()) {
        if (!runs.contains(g.key.runId)) {
            runs.append(g.key.runId);
            created.insert(g.key.runId, g.runCreatedAt);
        }
    }
    for (qint64 run : std::as_const(runs)) {
        t.rows.append(StatisticsFigures::tr("run %1 (%2)")
                          .arg(run)
                          .arg(QLocale().toString(created.value(run).toLocalTime(), QLocale::ShortFormat)));
        QVector<FigureCell> row;
        for (const QString& label : s.labels()) {
            const GroupFigures* found = nullptr;
            for (const GroupFigures& g : s.trends()) {
                if (g.key.runId == run && g.key.label == label)
                    found = &g;
            }
            row.append(cell(found));
        }
        t.cells.append(row);
    }
    return t;
}

} // namespace

QString StatisticsFigures::allCategories()
{
    return tr("all categories");
}

QVector<FigureTable> StatisticsFigures::build(const EvalStatistics& s,
                                              const QVector<std::pair<QString, std::pair<double, double>>>& extraPoints)
{
    using K = FigureTable::Kind;
    QVector<FigureTable> out;
    out.append(byCategory(s, u"quality"_s, tr("Pass rate by category"), tr("pass rate"), K::Bars, passRateCell));
    out.append(byCategory(s, u"cost"_s, tr("Cost per item by category"), tr("USD per item"), K::Bars, costCell));
    out.append(byCategory(s, u"latency"_s, tr("Latency by category (median)"), tr("ms"), K::Bars,
                          [](const GroupFigures* g) { return percentilesCell(g, &GroupFigures::latencyMs, 0); }));
    out.append(byCategory(s, u"latency_box"_s, tr("Latency distribution"), tr("ms"), K::Box,
                          [](const GroupFigures* g) { return boxCell(g, &GroupFigures::latencyMs); }));
    out.append(byCategory(s, u"ttft_box"_s, tr("Time to first token distribution"), tr("ms"), K::Box,
                          [](const GroupFigures* g) { return boxCell(g, &GroupFigures::ttftMs); }));
    out.append(byCategory(s, u"tokens_per_second"_s, tr("Output tokens per second (median)"), tr("tokens/s"), K::Bars,
                          [](const GroupFigures* g) { return percentilesCell(g, &GroupFigures::outputTps, 1); }));

    // Cost against quality: each model over everything, each model in each category, and any extra points.
    FigureTable scatter;
    scatter.id = u"cost_quality"_s;
    scatter.title = tr("Cost against quality");
    scatter.unit = tr("pass rate");
    scatter.kind = K::Scatter;
    scatter.columns = { tr("USD per item"), tr("pass rate") };
    auto point = [&](const QString& name, const QString& series, const QString& model,
                     const std::optional<double>& cost, const std::optional<double>& quality, const QString& detail) {
        if (!cost || !quality)
            return;
        scatter.rows.append(name);
        scatter.rowSeries.append(series);
        scatter.rowModels.append(model);
        FigureCell x { cost, ReportFormat::usd(*cost), {} };
        FigureCell y { quality, detail.isEmpty() ? ReportFormat::percent(*quality) : detail, {} };
        scatter.cells.append({ x, y });
    };
    for (const QString& label : s.labels()) {
        QStringList categories = s.categories();
        categories.prepend(QString());
        for (const QString& category : std::as_const(categories)) {
            const GroupFigures* g = s.group(label, category);
            if (!g || !g->passRate)
                continue;
            point(category.isEmpty() ? label : tr("%1 · %2").arg(label, category),
                  category.isEmpty() ? label : tr("%1 by category").arg(label), label, g->costPerItemUsd,
                  g->passRate->estimate, passRateCell(g).text);
        }
    }
    for (const auto& [name, xy] : extraPoints)
        point(name, name, QString(), xy.first, xy.second, QString());
    out.append(scatter);

    out.append(trend(s, u"trend_quality"_s, tr("Pass rate across runs"), tr("pass rate"), passRateCell));
    out.append(trend(s, u"trend_cost"_s, tr("Cost per item across runs"), tr("USD per item"), costCell));
    out.append(trend(s, u"trend_latency"_s, tr("Median latency across runs"), tr("ms"),
                     [](const GroupFigures* g) { return percentilesCell(g, &GroupFigures::latencyMs, 0); }));
    QStringList runs;
    for (const qint64 id : s.settings().scope.runIds)
        runs << QString::number(id);
    const QString scope = (runs.size() == 1 ? tr("run %1 · %2") : tr("runs %1 · %2"))
                              .arg(runs.join(u", "_s), s.labels().join(tr(" vs ")));
    for (FigureTable& f : out) {
        f.models = s.labels();
        f.scope = scope;
    }
    return out;
}

} // namespace tierlens
