#include "TextReport.h"

#include "RunSummary.h"
#include "analysis/EvalStatistics.h"
#include "analysis/ItemQuality.h"
#include "analysis/StatisticsTables.h"
#include "checks/judge/Agreement.h"
#include "format/ReportFormat.h"
#include "format/TextTable.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

// What the engine flags (RunEngine::kClientLagThresholdMs); report links no engine code, so the figure is repeated.
constexpr double kLagThresholdMs = 5.0;

std::optional<double> optionalNumber(const QJsonValue& v)
{
    return v.isDouble() ? std::optional<double>(v.toDouble()) : std::nullopt;
}

QString fixedJson(const QJsonValue& v, int decimals)
{
    return ReportFormat::fixed(optionalNumber(v), decimals);
}

QString countJson(const QJsonValue& v)
{
    return v.isDouble() ? ReportFormat::number(qint64(v.toDouble())) : ReportFormat::notAvailable();
}

QString header(const QJsonObject& s)
{
    const QString na = ReportFormat::notAvailable();
    auto text = [&](const QJsonValue& v) { return v.isString() && !v.toString().isEmpty() ? v.toString() : na; };
    const QVector<std::pair<QString, QString>> fields = {
        { QCoreApplication::translate("TextReport", "prompt set:"), text(s.value(u"prompt_set"_s)) },
        { QCoreApplication::translate("TextReport", "status:"), text(s.value(u"status"_s)) },
        { QCoreApplication::translate("TextReport", "created:"), text(s.value(u"created_at"_s)) },
        { QCoreApplication::translate("TextReport", "finished:"), text(s.value(u"finished_at"_s)) },
        { QCoreApplication::translate("TextReport", "price book:"), text(s.value(u"price_book_version"_s)) },
        { QCoreApplication::translate("TextReport", "client lag p95 ms:"), fixedJson(s.value(u"client_lag_ms"_s), 2) },
    };
    qsizetype width = 0;
    for (const auto& f : fields)
        width = std::max(width, f.first.size());
    QString out
        = QCoreApplication::translate("TextReport", "Tierlens run %1").arg(countJson(s.value(u"run_id"_s))) + u'\n';
    for (const auto& f : fields)
        out += u"  "_s + f.first.leftJustified(width) + u"  "_s + f.second + u'\n';
    if (s.value(u"client_lag_flagged"_s).toBool()) {
        out += QCoreApplication::translate(
                   "TextReport", "warning: client-side delay p95 %1 ms > %2 ms is inside these latency figures")
                   .arg(fixedJson(s.value(u"client_lag_ms"_s), 1), ReportFormat::number(kLagThresholdMs))
            + u'\n';
    }
    return out;
}

QString errorsText(const QJsonObject& errors)
{
    if (errors.isEmpty())
        return QCoreApplication::translate("TextReport", "none");
    QStringList parts;
    for (auto it = errors.begin(); it != errors.end(); ++it)
        parts.append(u"%1 %2"_s.arg(it.key(), countJson(it.value())));
    return parts.join(u", "_s);
}

// Figures down, models across: the two models' numbers sit next to each other, whatever the labels' length.
ReportTable modelTable(const QJsonObject& models, const QStringList& order, bool scoped)
{
    using Row = std::pair<QString, std::function<QString(const QJsonObject&)>>;
    auto count = [](const char* key) {
        return [key](const QJsonObject& m) { return countJson(m.value(QLatin1StringView(key))); };
    };
    auto pct = [](const char* group, const char* key, int decimals) {
        return [=](const QJsonObject& m) {
            return fixedJson(m.value(QLatin1StringView(group)).toObject().value(QLatin1StringView(key)), decimals);
        };
    };
    const QVector<Row> rows = {
        { QCoreApplication::translate("TextReport", "model id"),
          [](const QJsonObject& m) { return m.value(u"model_id"_s).toString(); } },
        { QCoreApplication::translate("TextReport", "base url"),
          [](const QJsonObject& m) { return m.value(u"base_url"_s).toString(); } },
        { QCoreApplication::translate("TextReport", "items"), count("items") },
        { QCoreApplication::translate("TextReport", "ok items"), count("ok_items") },
        { QCoreApplication::translate("TextReport", "awaiting the judge"),
          [](const QJsonObject& m) { return countJson(m.value(u"quality"_s).toObject().value(u"awaiting_judge"_s)); } },
        { QCoreApplication::translate("TextReport", "attempts"), count("attempts") },
        { QCoreApplication::translate("TextReport", "retries"), count("retries") },
        { QCoreApplication::translate("TextReport", "errors"),
          [](const QJsonObject& m) { return errorsText(m.value(u"errors"_s).toObject()); } },
        // Attempts kept with something unusual: implausible_usage ones are neither billed nor in the token rows.
        { QCoreApplication::translate("TextReport", "flagged attempts"),
          [](const QJsonObject& m) { return errorsText(m.value(u"flagged"_s).toObject()); } },
        { QCoreApplication::translate("TextReport", "prompt tokens"), count("prompt_tokens") },
        { QCoreApplication::translate("TextReport", "completion tokens"), count("completion_tokens") },
        { QCoreApplication::translate("TextReport", "cache hit tokens"), count("cache_hit_tokens") },
        { QCoreApplication::translate("TextReport", "cache miss tokens"), count("cache_miss_tokens") },
        { QCoreApplication::translate("TextReport", "reasoning tokens"), count("reasoning_tokens") },
        { QCoreApplication::translate("TextReport", "cost USD"),
          [](const QJsonObject& m) { return fixedJson(m.value(u"cost_usd"_s), 6); } },
        { QCoreApplication::translate("TextReport", "latency p50 ms"), pct("latency_ms", "p50", 1) },
        { QCoreApplication::translate("TextReport", "latency p95 ms"), pct("latency_ms", "p95", 1) },
        { QCoreApplication::translate("TextReport", "ttft p50 ms"), pct("ttft_ms", "p50", 1) },
        { QCoreApplication::translate("TextReport", "ttft p95 ms"), pct("ttft_ms", "p95", 1) },
        { QCoreApplication::translate("TextReport", "output tok/s p50"), pct("output_tps", "p50", 1) },
    };
    ReportTable table;
    table.title = scoped ? QCoreApplication::translate("TextReport", "Models (the whole run, every category)")
                         : QCoreApplication::translate("TextReport", "Models");
    table.note = QCoreApplication::translate("TextReport",
                                             "The run's totals per model: every attempt, retries included; cost over "
                                             "every billed attempt.");
    table.headers = QStringList { QCoreApplication::translate("TextReport", "figure") } + order;
    for (const Row& row : rows) {
        QStringList cells { row.first };
        for (const QString& label : order)
            cells.append(row.second(models.value(label).toObject()));
        table.rows.append(cells);
    }
    return table;
}

QString kappaText(const QJsonValue& v)
{
    if (!v.isObject())
        return QCoreApplication::translate("TextReport", "no item rated by both");
    const QJsonObject k = v.toObject();
    return QCoreApplication::translate("TextReport", "Cohen's kappa %1 (%2), n = %3")
        .arg(fixedJson(k.value(u"kappa"_s), 2), Agreement::interpretation(k.value(u"kappa"_s).toDouble()),
             countJson(k.value(u"n"_s)));
}

ReportTable judgeTable(const QJsonObject& j, const QStringList& order)
{
    ReportTable table;
    table.title = QCoreApplication::translate("TextReport", "LLM judge");
    table.note = QCoreApplication::translate("TextReport", "judge run %1 (%2, %3): %4 calls, %5 retries, cost USD %6")
                     .arg(countJson(j.value(u"judge_run_id"_s)), j.value(u"judge_model"_s).toString(),
                          j.value(u"status"_s).toString(), countJson(j.value(u"attempts"_s)),
                          countJson(j.value(u"retries"_s)), fixedJson(j.value(u"cost_usd"_s), 6));
    table.headers = { QCoreApplication::translate("TextReport", "verdicts"),
                      QCoreApplication::translate("TextReport", "what the judge said") };
    table.labelColumns = 2;
    for (const QJsonValue& v : j.value(u"pairwise"_s).toArray()) {
        const QJsonObject pairwise = v.toObject();
        const QString first = pairwise.value(u"first"_s).toString();
        const QString second = pairwise.value(u"second"_s).toString();
        const QJsonObject wins = pairwise.value(u"wins"_s).toObject();
        table.rows.append({ QCoreApplication::translate("TextReport", "pairwise %1 / %2").arg(first, second),
                            QCoreApplication::translate("TextReport",
                                                        "%1 pairs; %2 wins %3, %4 wins %5, %6 ties (a win counts only "
                                                        "when both orders agree)")
                                .arg(countJson(pairwise.value(u"pairs"_s)), first, countJson(wins.value(first)), second,
                                     countJson(wins.value(second)), countJson(pairwise.value(u"ties"_s))) });
    }
    const QJsonObject rubric = j.value(u"rubric"_s).toObject();
    for (const QString& label : order) {
        if (!rubric.contains(label))
            continue;
        const QJsonObject r = rubric.value(label).toObject();
        table.rows.append({ QCoreApplication::translate("TextReport", "rubric %1").arg(label),
                            QCoreApplication::translate("TextReport", "mean %1 of 5 over %2 answers")
                                .arg(fixedJson(r.value(u"mean_score"_s), 2), countJson(r.value(u"scored"_s))) });
    }
    const QJsonObject agreement = j.value(u"agreement"_s).toObject();
    table.rows.append({ QCoreApplication::translate("TextReport", "agreement with people, pairwise"),
                        kappaText(agreement.value(u"pairwise"_s)) });
    table.rows.append({ QCoreApplication::translate("TextReport", "agreement with people, rubric pass/fail"),
                        kappaText(agreement.value(u"rubric_pass"_s)) });
    return table;
}

} // namespace

QString TextReport::render(Store& store, const EvalStatistics& statistics, qint64 runId, QString* error)
{
    const std::optional<QJsonObject> summary = RunSummary::build(store, runId, error);
    if (!summary)
        return QString();
    const std::optional<RunRow> run = store.requireRun(runId, error);
    if (!run)
        return QString();
    QStringList order;
    for (const RunModelRow& m : run->models)
        order.append(m.label);

    QString out = header(*summary);
    out += u'\n'
        + StatisticsTables::text(runTables(*summary, order, !statistics.settings().scope.categories.isEmpty()));
    out += StatisticsTables::text(statistics);
    return out;
}

QVector<ReportTable> TextReport::runTables(const QJsonObject& summary, const QStringList& order, bool scoped)
{
    QVector<ReportTable> tables { modelTable(summary.value(u"models"_s).toObject(), order, scoped) };
    if (const QJsonObject judge = summary.value(u"judge"_s).toObject(); !judge.isEmpty())
        tables.append(judgeTable(judge, order));
    return tables;
}

QString TextReport::render(Store& store, qint64 runId, QString* error)
{
    StatisticsSettings settings;
    settings.scope.runIds = { runId };
    settings.scope.precedence = ItemQualities::defaultPrecedence();
    const std::optional<EvalStatistics> statistics = EvalStatistics::compute(store, settings, error);
    if (!statistics)
        return QString();
    return render(store, *statistics, runId, error);
}

} // namespace tierlens
