#include "RunSummary.h"

#include "CheckSummary.h"
#include "analysis/EvalStatistics.h"
#include "analysis/ItemQuality.h"
#include "format/ReportFormat.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

QJsonObject quality(const GroupFigures* g)
{
    QJsonObject sources;
    qint64 prompts = 0, judged = 0, passed = 0, awaiting = 0;
    std::optional<Interval> rate;
    if (g) {
        for (auto it = g->counts.verdictSources.cbegin(); it != g->counts.verdictSources.cend(); ++it)
            sources.insert(it.key(), double(it.value()));
        prompts = g->counts.prompts;
        judged = g->counts.judged;
        passed = g->counts.passed;
        awaiting = g->counts.awaitingJudge;
        rate = g->passRate;
    }
    return QJsonObject {
        { u"prompts"_s, double(prompts) },
        { u"items"_s, double(judged) },
        { u"passed"_s, double(passed) },
        { u"awaiting_judge"_s, double(awaiting) },
        { u"pass_rate"_s,
          rate ? QJsonValue(QJsonObject { { u"estimate"_s, rate->estimate },
                                          { u"low"_s, rate->low },
                                          { u"high"_s, rate->high },
                                          { u"n"_s, double(rate->n) } })
               : QJsonValue(QJsonValue::Null) },
        { u"sources"_s, sources },
    };
}

// A token or cost total is unknown, not zero, unless some attempt reported usage.
template <typename T> QJsonValue total(const GroupUsage& u, const std::optional<T>& v)
{
    return u.attemptsWithUsage > 0 ? ReportFormat::json(v) : QJsonValue(QJsonValue::Null);
}

QJsonObject modelEntry(const EvalStatistics& statistics, const RunModelRow& model)
{
    const GroupFigures* g = statistics.group(model.label);
    const GroupFigures empty;
    const GroupFigures& f = g ? *g : empty;
    QJsonObject errors;
    for (auto it = f.counts.errorsByClass.cbegin(); it != f.counts.errorsByClass.cend(); ++it)
        errors.insert(it.key(), double(it.value()));
    QJsonObject flagged;
    for (auto it = f.usage.flagged.cbegin(); it != f.usage.flagged.cend(); ++it)
        flagged.insert(it.key(), double(it.value()));
    QJsonObject categories;
    for (const QString& category : statistics.categories()) {
        const GroupFigures* c = statistics.group(model.label, category);
        if (!c)
            continue;
        categories.insert(category,
                          QJsonObject { { u"items"_s, double(c->counts.items) },
                                        { u"cost_usd"_s, total(c->usage, c->usage.costUsd) },
                                        { u"quality"_s, quality(c) } });
    }
    return QJsonObject {
        { u"model_id"_s, model.modelId },
        { u"base_url"_s, model.baseUrl },
        { u"items"_s, double(f.counts.items) },
        { u"ok_items"_s, double(f.counts.okItems) },
        { u"attempts"_s, double(f.usage.attempts) },
        { u"retries"_s, double(f.usage.retries) },
        { u"errors"_s, errors },
        { u"flagged"_s, flagged },
        { u"prompt_tokens"_s, total(f.usage, f.usage.promptTokens) },
        { u"completion_tokens"_s, total(f.usage, f.usage.completionTokens) },
        { u"cache_hit_tokens"_s, total(f.usage, f.usage.cacheHitTokens) },
        { u"cache_miss_tokens"_s, total(f.usage, f.usage.cacheMissTokens) },
        { u"reasoning_tokens"_s, total(f.usage, f.usage.reasoningTokens) },
        { u"cost_usd"_s, total(f.usage, f.usage.costUsd) },
        { u"cost_per_item_usd"_s, ReportFormat::json(f.costPerItemUsd) },
        { u"latency_ms"_s,
          QJsonObject { { u"p50"_s, ReportFormat::json(f.latencyMs.p50) },
                        { u"p95"_s, ReportFormat::json(f.latencyMs.p95) } } },
        { u"ttft_ms"_s,
          QJsonObject { { u"p50"_s, ReportFormat::json(f.ttftMs.p50) },
                        { u"p95"_s, ReportFormat::json(f.ttftMs.p95) } } },
        { u"output_tps"_s, QJsonObject { { u"p50"_s, ReportFormat::json(f.outputTps.p50) } } },
        { u"quality"_s, quality(g) },
        { u"categories"_s, categories },
    };
}

} // namespace

std::optional<QJsonObject> RunSummary::build(Store& store, qint64 runId, QString* error)
{
    const std::optional<RunRow> run = store.requireRun(runId, error);
    if (!run)
        return std::nullopt;
    StatisticsSettings settings;
    settings.scope.runIds = { runId };
    settings.scope.precedence = ItemQualities::defaultPrecedence();
    const std::optional<EvalStatistics> statistics = EvalStatistics::compute(store, settings, error);
    if (!statistics)
        return std::nullopt;
    QJsonObject models;
    for (const RunModelRow& model : run->models)
        models.insert(model.label, modelEntry(*statistics, model));

    const std::optional<QJsonObject> judge = CheckSummary::judge(store, *run, error);
    if (!judge)
        return std::nullopt;

    QJsonObject summary {
        { u"run_id"_s, double(run->id) },
        { u"kind"_s, run->kind },
        { u"status"_s, run->status },
        { u"prompt_set"_s, run->promptSetName },
        { u"created_at"_s, ReportFormat::timeJson(run->createdAt) },
        { u"finished_at"_s, ReportFormat::timeJson(run->finishedAt) },
        { u"price_book_version"_s, run->priceBookVersion },
        { u"client_lag_ms"_s, ReportFormat::json(run->clientLagP95Ms) },
        { u"client_lag_flagged"_s, run->clientLagFlagged },
        { u"quality_precedence"_s, QJsonArray::fromStringList(settings.scope.precedence) },
        { u"confidence"_s, settings.confidence },
        { u"models"_s, models },
    };
    if (run->parentRunId != 0)
        summary.insert(u"judged_run_id"_s, double(run->parentRunId));
    if (!judge->isEmpty())
        summary.insert(u"judge"_s, *judge);
    return summary;
}

} // namespace tierlens
