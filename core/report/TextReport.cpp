#include "TextReport.h"

#include "Percentiles.h"
#include "ReportFormat.h"
#include "RunSummary.h"
#include "TextTable.h"
#include "checks/judge/Agreement.h"
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
QString modelTable(const QJsonObject& models, const QStringList& order)
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
    QStringList headers { QCoreApplication::translate("TextReport", "figure") };
    QVector<TextTable::Align> aligns { TextTable::Align::Left };
    for (const QString& label : order) {
        headers.append(label);
        aligns.append(TextTable::Align::Right);
    }
    TextTable table(headers, aligns);
    for (const Row& row : rows) {
        QStringList cells { row.first };
        for (const QString& label : order)
            cells.append(row.second(models.value(label).toObject()));
        table.addRow(cells);
    }
    return table.render(u"  "_s);
}

using CategoryKey = std::pair<qint64, QString>;

// Time to first token per model and category, over the final attempts of ok items. Only the numbers are kept while
// the results stream past, never the rows.
bool ttftByCategory(Store& store, qint64 runId, QHash<CategoryKey, QVector<double>>& out, QString* error)
{
    return store.forEachResult(
        runId,
        [&](const ResultExportRow& r) {
            if (r.status == u"ok"_s && r.finalAttempt.ttftMs)
                out[CategoryKey(r.finalAttempt.runModelId, r.category)].append(*r.finalAttempt.ttftMs);
            return true;
        },
        error);
}

QString categoryTable(QVector<CategoryTotals> totals, QHash<CategoryKey, QVector<double>> ttft,
                      const QHash<qint64, int>& modelOrder)
{
    std::sort(totals.begin(), totals.end(), [&](const CategoryTotals& a, const CategoryTotals& b) {
        if (a.category != b.category)
            return a.category < b.category;
        return modelOrder.value(a.runModelId) < modelOrder.value(b.runModelId);
    });
    using A = TextTable::Align;
    TextTable table(
        { QCoreApplication::translate("TextReport", "category"), QCoreApplication::translate("TextReport", "model"),
          QCoreApplication::translate("TextReport", "items"), QCoreApplication::translate("TextReport", "ok %"),
          QCoreApplication::translate("TextReport", "errors"), QCoreApplication::translate("TextReport", "median ms"),
          QCoreApplication::translate("TextReport", "ttft p50 ms"),
          QCoreApplication::translate("TextReport", "prompt tok"),
          QCoreApplication::translate("TextReport", "completion tok"),
          QCoreApplication::translate("TextReport", "cost USD"),
          QCoreApplication::translate("TextReport", "USD per ok item") },
        { A::Left, A::Left, A::Right, A::Right, A::Right, A::Right, A::Right, A::Right, A::Right, A::Right, A::Right });
    for (const CategoryTotals& t : totals) {
        QVector<double>& values = ttft[CategoryKey(t.runModelId, t.category)];
        std::sort(values.begin(), values.end());
        const std::optional<double> okPercent
            = t.items > 0 ? std::optional<double>(100.0 * double(t.okItems) / double(t.items)) : std::nullopt;
        const std::optional<double> perOk
            = t.costUsd && t.okItems > 0 ? std::optional<double>(*t.costUsd / double(t.okItems)) : std::nullopt;
        table.addRow({ t.category, t.label, ReportFormat::number(t.items), ReportFormat::fixed(okPercent, 1),
                       ReportFormat::number(t.errorItems), ReportFormat::fixed(t.medianLatencyMs, 1),
                       ReportFormat::fixed(Percentiles::median(values), 1), ReportFormat::count(t.promptTokens),
                       ReportFormat::count(t.completionTokens), ReportFormat::fixed(t.costUsd, 6),
                       ReportFormat::fixed(perOk, 6) });
    }
    return table.render(u"  "_s);
}

QString checksTable(const QJsonObject& checks, const QStringList& order)
{
    using A = TextTable::Align;
    TextTable table(
        { QCoreApplication::translate("TextReport", "category"), QCoreApplication::translate("TextReport", "model"),
          QCoreApplication::translate("TextReport", "checked"), QCoreApplication::translate("TextReport", "passed"),
          QCoreApplication::translate("TextReport", "pass %"), QCoreApplication::translate("TextReport", "mean score"),
          QCoreApplication::translate("TextReport", "awaiting judge") },
        { A::Left, A::Left, A::Right, A::Right, A::Right, A::Right, A::Right });
    auto addRow = [&table](const QString& category, const QString& label, const QJsonObject& t) {
        const QJsonValue rate = t.value(u"pass_rate"_s);
        table.addRow({ category, label, countJson(t.value(u"checked"_s)), countJson(t.value(u"passed"_s)),
                       rate.isDouble() ? ReportFormat::fixed(100.0 * rate.toDouble(), 1) : ReportFormat::notAvailable(),
                       fixedJson(t.value(u"mean_score"_s), 3), countJson(t.value(u"pending"_s)) });
    };
    QStringList categories;
    for (const QString& label : order) {
        for (const QString& c : checks.value(label).toObject().value(u"categories"_s).toObject().keys()) {
            if (!categories.contains(c))
                categories.append(c);
        }
    }
    std::sort(categories.begin(), categories.end());
    for (const QString& c : categories) {
        for (const QString& label : order) {
            const QJsonObject cats = checks.value(label).toObject().value(u"categories"_s).toObject();
            if (cats.contains(c))
                addRow(c, label, cats.value(c).toObject());
        }
    }
    for (const QString& label : order) {
        if (checks.contains(label))
            addRow(QCoreApplication::translate("TextReport", "(all)"), label, checks.value(label).toObject());
    }
    return table.render(u"  "_s);
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

QString judgeText(const QJsonObject& j, const QStringList& order)
{
    QString out = u"  "_s
        + QCoreApplication::translate("TextReport", "judge run %1 (%2, %3): %4 calls, %5 retries, cost USD %6")
              .arg(countJson(j.value(u"judge_run_id"_s)), j.value(u"judge_model"_s).toString(),
                   j.value(u"status"_s).toString(), countJson(j.value(u"attempts"_s)), countJson(j.value(u"retries"_s)),
                   fixedJson(j.value(u"cost_usd"_s), 6))
        + u'\n';
    const QJsonObject pairwise = j.value(u"pairwise"_s).toObject();
    if (!pairwise.isEmpty()) {
        const QString first = pairwise.value(u"first"_s).toString();
        const QString second = pairwise.value(u"second"_s).toString();
        const QJsonObject wins = pairwise.value(u"wins"_s).toObject();
        out += u"  "_s
            + QCoreApplication::translate("TextReport",
                                          "pairwise: %1 pairs; %2 wins %3, %4 wins %5, %6 ties (a win counts only when "
                                          "both orders agree)")
                  .arg(countJson(pairwise.value(u"pairs"_s)), first, countJson(wins.value(first)), second,
                       countJson(wins.value(second)), countJson(pairwise.value(u"ties"_s)))
            + u'\n';
    }
    const QJsonObject rubric = j.value(u"rubric"_s).toObject();
    for (const QString& label : order) {
        if (!rubric.contains(label))
            continue;
        const QJsonObject r = rubric.value(label).toObject();
        out += u"  "_s
            + QCoreApplication::translate("TextReport", "rubric %1: mean %2 of 5 over %3 answers")
                  .arg(label, fixedJson(r.value(u"mean_score"_s), 2), countJson(r.value(u"scored"_s)))
            + u'\n';
    }
    const QJsonObject agreement = j.value(u"agreement"_s).toObject();
    out += u"  "_s
        + QCoreApplication::translate("TextReport", "agreement with people, pairwise: %1")
              .arg(kappaText(agreement.value(u"pairwise"_s)))
        + u'\n';
    out += u"  "_s
        + QCoreApplication::translate("TextReport", "agreement with people, rubric pass/fail: %1")
              .arg(kappaText(agreement.value(u"rubric_pass"_s)))
        + u'\n';
    return out;
}

} // namespace

QString TextReport::render(Store& store, qint64 runId, QString* error)
{
    const std::optional<QJsonObject> summary = RunSummary::build(store, runId, error);
    if (!summary)
        return QString();
    const std::optional<RunRow> run = store.loadRun(runId);
    if (!run) {
        if (error)
            *error = store.lastError();
        return QString();
    }
    QStringList order;
    QHash<qint64, int> modelOrder;
    for (const RunModelRow& m : run->models) {
        modelOrder.insert(m.id, int(order.size()));
        order.append(m.label);
    }

    QHash<CategoryKey, QVector<double>> ttft;
    if (!ttftByCategory(store, runId, ttft, error))
        return QString();
    const std::optional<QVector<CategoryTotals>> read = store.categoryTotals(runId);
    if (!read) {
        if (error)
            *error = store.lastError();
        return QString();
    }
    const QVector<CategoryTotals>& categories = *read;

    QString out = header(*summary);
    out += u'\n' + QCoreApplication::translate("TextReport", "Models") + u'\n';
    out += modelTable(summary->value(u"models"_s).toObject(), order);
    out += u'\n' + QCoreApplication::translate("TextReport", "By category") + u'\n';
    if (categories.isEmpty())
        out += u"  "_s + QCoreApplication::translate("TextReport", "no results yet") + u'\n';
    else
        out += categoryTable(categories, ttft, modelOrder);
    if (const QJsonObject checks = summary->value(u"checks"_s).toObject(); !checks.isEmpty()) {
        out += u'\n' + QCoreApplication::translate("TextReport", "Checks (assertions on final results)") + u'\n';
        out += checksTable(checks, order);
    }
    if (const QJsonObject judge = summary->value(u"judge"_s).toObject(); !judge.isEmpty()) {
        out += u'\n' + QCoreApplication::translate("TextReport", "LLM judge") + u'\n';
        out += judgeText(judge, order);
    }
    return out;
}

} // namespace tierlens
