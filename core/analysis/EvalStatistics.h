#pragma once
// The figures that compare the models of one run, or of several runs of one prompt set: per model and category,
// pass rate, mean score, latency, tokens, errors, format validity and cost, each with its sample size and interval;
// and the paired tests of the first two models on the same prompts. Computed from the store's SQL aggregates.

#include "stats/Interval.h"
#include "stats/PairedTests.h"
#include "store/AnalyticsTypes.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <optional>

namespace tierlens {

class Store;

struct StatisticsSettings
{
    AnalyticsScope scope; // scope.precedence empty: ItemQualities::defaultPrecedence()
    double confidence = 0.95;
    int bootstrapResamples = 2000;
};

// A measurement's spread over a group's ok results.
struct Distribution
{
    qint64 n = 0;
    std::optional<double> min, p1, p25, p50, p75, p90, p99, max;
};

struct GroupFigures
{
    GroupKey key; // category empty: every category; runId set only for the per-run trend rows
    QDateTime runCreatedAt;
    GroupCounts counts;
    GroupUsage usage;
    std::optional<Interval> passRate; // Wilson, over counts.judged items
    std::optional<Interval> meanScore; // bootstrap, over the items with a score (1..5)
    Distribution latencyMs, ttftMs, outputTps;
    std::optional<double> retryRate; // attempts after the first, per item
    std::optional<double> errorRate; // items that ended in an error
    std::optional<double> jsonValidRate; // of the items that asked for JSON
    std::optional<double> toolCallValidRate; // of the items that answered with tool calls
    qint64 successes = 0; // passed items, or ok items when nothing gave a verdict
    std::optional<double> costPerItemUsd; // the items' cost (retries included) per item with a result
    std::optional<double> costPerSuccessUsd; // cost per item over the pass rate (the ok rate when nothing judged)
};

struct PairedFigures
{
    QString category; // empty: every category
    QString first, second; // labels
    PairedVerdictCounts verdicts;
    PairedTest mcnemar;
    PairedTest wilcoxon; // on score differences (first minus second) of pairs both scored
    PreferenceCounts human, judge;
};

class EvalStatistics
{
    Q_DECLARE_TR_FUNCTIONS(EvalStatistics)
public:
    // Nothing, with the reason in error, for an empty scope, a run that is not in the store or a read failure.
    static std::optional<EvalStatistics> compute(Store& store, const StatisticsSettings& settings, QString* error);

    // Shape: {"runs": [ids], "confidence", "quality_precedence", "labels", "categories",
    //  "groups": [{"model", "category" | null (all), figures...}], "trends": [{"run_id", "created_at", "model", ...}],
    //  "paired": [{"category" | null, "first", "second", "pairs", "mcnemar": {...}, "wilcoxon": {...},
    //              "preference": {"human": {...}, "judge": {...}}}]}
    QJsonObject toJson() const;

    const StatisticsSettings& settings() const { return m_settings; }
    QStringList labels() const { return m_labels; } // in the first run's model order
    QStringList categories() const { return m_categories; }
    // Per model and category, and per model over every category (category empty).
    const QVector<GroupFigures>& groups() const { return m_groups; }
    // Per run and model, oldest run first: the trend across the history.
    const QVector<GroupFigures>& trends() const { return m_trends; }
    const QVector<PairedFigures>& paired() const { return m_paired; }
    const GroupFigures* group(const QString& label, const QString& category = {}) const;

private:
    StatisticsSettings m_settings;
    QStringList m_labels;
    QStringList m_categories;
    QVector<GroupFigures> m_groups;
    QVector<GroupFigures> m_trends;
    QVector<PairedFigures> m_paired;
};

} // namespace tierlens
