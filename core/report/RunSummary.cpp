#include "RunSummary.h"

#include "CheckSummary.h"
#include "Percentiles.h"
#include "ReportFormat.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

void setError(QString* error, const QString& message)
{
    if (error)
        *error = message;
}

std::optional<QJsonObject> percentiles(Store& store, qint64 runId, qint64 runModelId, Metric metric, bool withP95)
{
    const std::optional<QVector<double>> values = store.attemptValues(runId, runModelId, metric);
    if (!values)
        return std::nullopt;
    QJsonObject o { { u"p50"_s, ReportFormat::json(Percentiles::at(*values, 50.0)) } };
    if (withP95)
        o.insert(u"p95"_s, ReportFormat::json(Percentiles::at(*values, 95.0)));
    return o;
}

// A token or cost total is unknown, not zero, unless some attempt reported usage; SUM over NULLs already gives
// that, and this guards against a provider that sent a cost without usage.
template <typename T> QJsonValue total(const ModelTotals& t, const std::optional<T>& v)
{
    return t.attemptsWithUsage > 0 ? ReportFormat::json(v) : QJsonValue(QJsonValue::Null);
}

std::optional<QJsonObject> modelEntry(Store& store, qint64 runId, const RunModelRow& model, const ModelTotals& t,
                                      QString* error)
{
    QJsonObject errors;
    for (auto it = t.errorsByClass.cbegin(); it != t.errorsByClass.cend(); ++it)
        errors.insert(it.key(), double(it.value()));
    QJsonObject flagged;
    for (auto it = t.flagged.cbegin(); it != t.flagged.cend(); ++it)
        flagged.insert(it.key(), double(it.value()));
    const auto latency = percentiles(store, runId, model.id, Metric::LatencyMs, true);
    const auto ttft = latency ? percentiles(store, runId, model.id, Metric::TtftMs, true) : std::nullopt;
    const auto tps = ttft ? percentiles(store, runId, model.id, Metric::OutputTps, false) : std::nullopt;
    if (!tps) {
        setError(error, store.lastError());
        return std::nullopt;
    }
    return QJsonObject {
        { u"model_id"_s, model.modelId },
        { u"base_url"_s, model.baseUrl },
        { u"items"_s, double(t.items) },
        { u"ok_items"_s, double(t.okItems) },
        { u"attempts"_s, double(t.attempts) },
        { u"retries"_s, double(t.retries) },
        { u"errors"_s, errors },
        { u"flagged"_s, flagged },
        { u"prompt_tokens"_s, total(t, t.promptTokens) },
        { u"completion_tokens"_s, total(t, t.completionTokens) },
        { u"cache_hit_tokens"_s, total(t, t.cacheHitTokens) },
        { u"cache_miss_tokens"_s, total(t, t.cacheMissTokens) },
        { u"reasoning_tokens"_s, total(t, t.reasoningTokens) },
        { u"cost_usd"_s, total(t, t.costUsd) },
        { u"latency_ms"_s, *latency },
        { u"ttft_ms"_s, *ttft },
        { u"output_tps"_s, *tps },
    };
}

} // namespace

std::optional<QJsonObject> RunSummary::build(Store& store, qint64 runId, QString* error)
{
    const std::optional<RunRow> run = store.requireRun(runId, error);
    if (!run)
        return std::nullopt;
    const std::optional<QVector<ModelTotals>> read = store.modelTotals(runId);
    if (!read) {
        setError(error, store.lastError());
        return std::nullopt;
    }
    const QVector<ModelTotals>& totals = *read;

    QJsonObject models;
    for (const RunModelRow& model : run->models) {
        const auto it = std::find_if(totals.cbegin(), totals.cend(),
                                     [&](const ModelTotals& t) { return t.runModelId == model.id; });
        if (it == totals.cend()) {
            setError(error,
                     QCoreApplication::translate("RunSummary", "run %1: no totals for model \"%2\" (id %3)")
                         .arg(runId)
                         .arg(model.label)
                         .arg(model.id));
            return std::nullopt;
        }
        const std::optional<QJsonObject> entry = modelEntry(store, runId, model, *it, error);
        if (!entry)
            return std::nullopt;
        models.insert(model.label, *entry);
    }

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
        { u"models"_s, models },
    };
    if (run->parentRunId != 0)
        summary.insert(u"judged_run_id"_s, double(run->parentRunId));
    const std::optional<QJsonObject> checks = CheckSummary::checks(store, *run, error);
    if (!checks)
        return std::nullopt;
    if (!checks->isEmpty())
        summary.insert(u"checks"_s, *checks);
    if (!judge->isEmpty())
        summary.insert(u"judge"_s, *judge);
    return summary;
}

} // namespace tierlens
