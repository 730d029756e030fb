#include "StatisticsTables.h"

#include "StatisticsFigures.h"
#include "report/ReportFormat.h"
#include "report/TextTable.h"

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
    models.title = tr("Models over every category");
    models.note = tr("Pass rates with %1% Wilson intervals, mean scores (1-5) with %1% bootstrap intervals; quality "
                     "from: %2. Latency, time to first token and tokens/s as p50 / p90 / p99 of the ok results. Cost "
                     "counts every attempt, retries included.")
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
    categories.note = tr("The same figures per prompt category.");
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
        const PairedFigures& any = s.paired().constFirst();
        ReportTable paired;
        paired.title = tr("%1 against %2 on the same prompts").arg(any.first, any.second);
        paired.note = tr("Pairs are the same prompt and repeat of the same run, both with a verdict. McNemar's test "
                         "on pass/fail, Wilcoxon's signed-rank test on score differences; p-values are two-sided. "
                         "Preferences: %1 wins / %2 wins / ties.")
                          .arg(any.first, any.second);
        paired.headers
            = { tr("category"),     tr("both pass"), tr("only %1").arg(any.first), tr("only %1").arg(any.second),
                tr("both fail"),    tr("McNemar"),   tr("Wilcoxon (scores)"),      tr("people prefer"),
                tr("judge prefers") };
        for (const PairedFigures& p : s.paired()) {
            const PairedVerdictCounts& v = p.verdicts;
            paired.rows.append({ categoryName(p.category), QString::number(v.bothPassed), QString::number(v.firstOnly),
                                 QString::number(v.secondOnly), QString::number(v.bothFailed), pValue(p.mcnemar),
                                 pValue(p.wilcoxon), preference(p.human), preference(p.judge) });
        }
        tables.append(paired);
    }
    return tables;
}

QString StatisticsTables::text(const EvalStatistics& stats)
{
    QString out;
    for (const ReportTable& t : build(stats)) {
        TextTable table(t.headers);
        for (const QStringList& row : t.rows)
            table.addRow(row);
        out += t.title + u'\n' + t.note + u"\n\n"_s + table.render(u"  "_s) + u'\n';
    }
    return out;
}

} // namespace tierlens
