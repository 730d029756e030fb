#include "StatisticsTables.h"

#include "StatisticsFigures.h"
#include "format/ReportFormat.h"
#include "format/TextTable.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

QString na()
{
    return ReportFormat::notAvailable();
}

QString interval(const std::optional<Interval>& i, bool asPercent)
{
    if (!i)
        return na();
    auto f = [&](double v) { return asPercent ? ReportFormat::percent(v) : QLocale().toString(v, 'f', 2); };
    return StatisticsTables::tr("%1 [%2, %3] n=%4").arg(f(i->estimate), f(i->low), f(i->high)).arg(i->n);
}

QString difference(const std::optional<Interval>& i)
{
    if (!i)
        return na();
    auto f = [](double v) -> QString { return (v > 0 ? u"+"_s : QString()) + ReportFormat::percent(v); };
    return StatisticsTables::tr("%1 [%2, %3] n=%4").arg(f(i->estimate), f(i->low), f(i->high)).arg(i->n);
}

QString rate(const std::optional<double>& v)
{
    return v ? ReportFormat::percent(*v) : na();
}

QString fraction(qint64 part, qint64 whole)
{
    return whole > 0 ? StatisticsTables::tr("%1/%2").arg(part).arg(whole) : na();
}

QString usd(const std::optional<double>& v)
{
    return v ? ReportFormat::usd(*v) : na();
}

QString count(const std::optional<qint64>& v)
{
    return v ? QLocale().toString(*v) : na();
}

QString spread(const Distribution& d, int decimals)
{
    if (!d.p50)
        return na();
    auto f = [&](const std::optional<double>& v) { return v ? QLocale().toString(*v, 'f', decimals) : na(); };
    return StatisticsTables::tr("%1 / %2 / %3 n=%4").arg(f(d.p50), f(d.p90), f(d.p99)).arg(d.n);
}

QString errors(const GroupFigures& g)
{
    if (g.counts.errorsByClass.isEmpty())
        return rate(g.errorRate);
    QStringList parts;
    for (auto it = g.counts.errorsByClass.cbegin(); it != g.counts.errorsByClass.cend(); ++it)
        parts << u"%1 %2"_s.arg(it.key()).arg(it.value());
    return StatisticsTables::tr("%1 (%2)").arg(rate(g.errorRate), parts.join(u", "_s));
}

QString categoryName(const QString& c)
{
    return c.isEmpty() ? StatisticsFigures::allCategories() : c;
}

QString pValue(const PairedTest& t)
{
    if (t.discordantOrNonZero == 0)
        return StatisticsTables::tr("no informative pair (n=%1)").arg(t.pairs);
    return StatisticsTables::tr("p=%1 (%2 of %3 pairs, %4)")
        .arg(QLocale().toString(t.pValue, 'g', 3))
        .arg(t.discordantOrNonZero)
        .arg(t.pairs)
        .arg(t.method);
}

QString preference(const PreferenceCounts& p)
{
    const qint64 n = p.firstWins + p.secondWins + p.ties;
    if (n == 0)
        return na();
    return StatisticsTables::tr("%1 / %2 / %3 ties (n=%4)").arg(p.firstWins).arg(p.secondWins).arg(p.ties).arg(n);
}

} // namespace

QVector<ReportTable> StatisticsTables::build(const EvalStatistics& s)
{
    QVector<ReportTable> tables;
    const int confidence = int(std::lround(s.settings().confidence * 100));

    ReportTable models;
    const QStringList only = s.settings().scope.categories;
    models.title = only.isEmpty() ? tr("Models over every category")
                                  : tr("Models over the categories %1").arg(only.join(u", "_s));
    models.note = tr("The prompt is the sampling unit: a pass rate is the mean of each prompt's share of passing "
                     "items (repeats and runs of a prompt average into one), with a %1% Wilson interval over the "
                     "prompts (n); mean scores (1-5) per prompt with %1% bootstrap intervals; quality from: %2. "
                     "Latency, time to first token and tokens/s as p50 / p90 / p99 of the ok results. Cost counts "
                     "every billed attempt, retries and unfinished items included.")
                      .arg(confidence)
                      .arg(s.settings().scope.precedence.join(u" > "_s));
    models.headers = { tr("model"),      tr("items"),       tr("pass rate"),        tr("mean score"),
                       tr("latency ms"), tr("TTFT ms"),     tr("tokens/s"),         tr("retries/item"),
                       tr("errors"),     tr("JSON valid"),  tr("tool calls valid"), tr("prompt tokens"),
                       tr("cache hit"),  tr("completion"),  tr("reasoning"),        tr("cost"),
                       tr("cost/item"),  tr("cost/success") };
    for (const QString& label : s.labels()) {
        const GroupFigures* g = s.group(label);
        if (!g)
            continue;
        const bool usage = g->usage.attemptsWithUsage > 0;
        models.rows.append({ label, QString::number(g->counts.items), interval(g->passRate, true),
                             interval(g->meanScore, false), spread(g->latencyMs, 0), spread(g->ttftMs, 0),
                             spread(g->outputTps, 1), g->retryRate ? QLocale().toString(*g->retryRate, 'f', 2) : na(),
                             errors(*g), fraction(g->counts.jsonValid, g->counts.jsonExpected),
                             fraction(g->counts.toolCallsValid, g->counts.toolCallItems),
                             usage ? count(g->usage.promptTokens) : na(), usage ? count(g->usage.cacheHitTokens) : na(),
                             usage ? count(g->usage.completionTokens) : na(),
                             usage ? count(g->usage.reasoningTokens) : na(), usage ? usd(g->usage.costUsd) : na(),
                             usd(g->costPerItemUsd), usd(g->costPerSuccessUsd) });
    }
    tables.append(models);

    ReportTable categories;
    categories.title = tr("Per category");
    categories.labelColumns = 2;
    categories.note = tr("The same figures per prompt category. items: items with a result; the pass rate's n: "
                         "distinct prompts with a verdict.");
    categories.headers
        = { tr("category"), tr("model"),  tr("items"),        tr("pass rate"), tr("mean score"),  tr("latency ms"),
            tr("TTFT ms"),  tr("errors"), tr("retries/item"), tr("cost/item"), tr("cost/success") };
    for (const QString& category : s.categories()) {
        for (const QString& label : s.labels()) {
            const GroupFigures* g = s.group(label, category);
            if (!g)
                continue;
            categories.rows.append({ category, label, QString::number(g->counts.items), interval(g->passRate, true),
                                     interval(g->meanScore, false), spread(g->latencyMs, 0), spread(g->ttftMs, 0),
                                     errors(*g), g->retryRate ? QLocale().toString(*g->retryRate, 'f', 2) : na(),
                                     usd(g->costPerItemUsd), usd(g->costPerSuccessUsd) });
        }
    }
    tables.append(categories);

    if (!s.paired().isEmpty()) {
        ReportTable paired;
        paired.title = tr("Every two models on the same prompts");
        paired.labelColumns = 2;
        paired.note
            = tr("Per prompt both models answered: the difference of the pass rates (first minus second) with "
                 "Newcombe's %1% interval for paired data, prompts where the first or the second model did "
                 "better, McNemar's test with prompts as pairs, Wilcoxon's signed-rank test on the prompts' "
                 "mean score differences; p-values are two-sided. Preferences: first wins / second wins / ties.")
                  .arg(confidence);
        paired.headers = { tr("category"),      tr("first - second"), tr("difference"), tr("first better"),
                           tr("second better"), tr("both pass"),      tr("McNemar"),    tr("Wilcoxon (scores)"),
                           tr("people prefer"), tr("judge prefers") };
        for (const PairedFigures& p : s.paired()) {
            paired.rows.append({ categoryName(p.category), tr("%1 - %2").arg(p.first, p.second),
                                 difference(p.difference), QString::number(p.prompts.firstBetter),
                                 QString::number(p.prompts.secondBetter), QString::number(p.prompts.tiedPassed),
                                 pValue(p.mcnemar), pValue(p.wilcoxon), preference(p.human), preference(p.judge) });
        }
        tables.append(paired);
    }
    return tables;
}

QString StatisticsTables::text(const EvalStatistics& stats)
{
    return text(build(stats));
}

QString StatisticsTables::text(const QVector<ReportTable>& tables)
{
    QString out;
    for (const ReportTable& t : tables) {
        QVector<TextTable::Align> aligns(t.headers.size(), TextTable::Align::Right);
        for (int i = 0; i < t.labelColumns && i < aligns.size(); ++i)
            aligns[i] = TextTable::Align::Left;
        TextTable table(t.headers, aligns);
        for (const QStringList& row : t.rows)
            table.addRow(row);
        out += t.title + u'\n' + t.note + u"\n\n"_s + table.render(u"  "_s) + u'\n';
    }
    return out;
}

} // namespace tierlens
