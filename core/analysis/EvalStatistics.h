#pragma once
// Every quality and cost figure, computed once: per model and category, per model, and per run and model, from the
// items of one run or several (Store::forEachItem: each item's verdict by the one precedence rule) and the attempts'
// usage. The prompt is the sampling unit (PromptShares): pass rates, their intervals, the paired comparisons of every
// two models and the mean scores count prompts, and repeats of a prompt average into it. The summary, the reports,
// the dashboard, the policy's evidence, the what-if and the history all read these figures.

#include "stats/Interval.h"
#include "stats/PairedTests.h"
#include "stats/PromptShares.h"
#include "store/AnalyticsTypes.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QMap>

#include <optional>

namespace tierlens {

class Store;

struct StatisticsSettings
{
    AnalyticsScope scope; // scope.precedence empty: ItemQualities::defaultPrecedence()
    double confidence = 0.95;
    int bootstrapResamples = 2000;
    bool keepItems = false; // keep every item (items()): the policy's what-if replays them
};

// A measurement's spread over a group's ok results.
struct Distribution
{
    qint64 n = 0;
    std::optional<double> min, p1, p25, p50, p75, p90, p95, p99, max;
};

// Per group: what its items came to.
struct GroupCounts
{
    qint64 items = 0; // items with a final result
    qint64 okItems = 0;
    qint64 attempts = 0; // of the items with a result, retries included (and a conversation's every turn)
    qint64 turns = 0; // requests the items needed without retries: one per item, a conversation's one per turn
    qint64 judged = 0; // items with a pass/fail verdict
    qint64 passed = 0;
    qint64 prompts = 0; // distinct prompts with a verdict: the n of the pass rate
    qint64 awaitingJudge = 0; // items without a verdict whose checks wait for the judge (tierlens-cli judge)
    qint64 jsonExpected = 0; // ok items whose request asked for a JSON answer
    qint64 jsonValid = 0; // ... whose answer parses as JSON
    qint64 toolCallItems = 0; // ok items that answered with tool calls
    qint64 toolCallsValid = 0; // ... whose every call's arguments parse as JSON
    QMap<QString, qint64> errorsByClass;
    QMap<QString, qint64> verdictSources; // verdicts per source: human, assertions, judge, error
};

struct GroupFigures
{
    GroupKey key; // category empty: every category; runId set only for the per-run trend rows
    QDateTime runCreatedAt;
    GroupCounts counts;
    GroupUsage usage; // every attempt of the group, items still without a result included: tokens and cost
    std::optional<Interval> passRate; // mean per-prompt share of passes, Wilson over the prompts (PromptShares)
    std::optional<Interval> meanScore; // bootstrap over the prompts' mean scores (1..5)
    Distribution latencyMs, ttftMs, outputTps;
    std::optional<double> retryRate; // attempts after the first, per item
    std::optional<double> errorRate; // items that ended in an error
    std::optional<double> jsonValidRate; // of the items that asked for JSON
    std::optional<double> toolCallValidRate; // of the items that answered with tool calls
    // Every billed attempt of the group (usage.costUsd) per item with a result, and over the pass rate (the ok rate
    // when nothing gave a verdict).
    std::optional<double> costPerItemUsd;
    std::optional<double> costPerSuccessUsd;
};

// Two models on the prompts both answered (first minus second), per category (empty: every category).
struct PairedFigures
{
    QString category;
    QString first, second; // labels
    PromptShares::Counts prompts; // prompts where one model's share of passes was higher, or both equal
    std::optional<Interval> difference; // of the pass rates, paired on prompts (PromptShares::difference)
    PairedTest mcnemar; // prompts as pairs
    PairedTest wilcoxon; // on the prompts' mean score differences where both have scores of the same source
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
    //  "paired": [{"category" | null, "first", "second", "prompts": {...}, "difference": {...}, "mcnemar": {...},
    //              "wilcoxon": {...}, "preference": {"human": {...}, "judge": {...}}}]}
    QJsonObject toJson() const;

    const StatisticsSettings& settings() const { return m_settings; }
    QStringList labels() const { return m_labels; } // in the first run's model order
    QStringList categories() const { return m_categories; }
    // Per model and category, and per model over every category (category empty).
    const QVector<GroupFigures>& groups() const { return m_groups; }
    // Per run and model, oldest run first: the trend across the history.
    const QVector<GroupFigures>& trends() const { return m_trends; }
    // Every two models (in label order), per category and over every category.
    const QVector<PairedFigures>& paired() const { return m_paired; }
    const PairedFigures* pair(const QString& first, const QString& second, const QString& category = {}) const;
    const GroupFigures* group(const QString& label, const QString& category = {}) const;
    // The verdicts of a model's items by prompt, per category (empty: every category).
    const PromptShares* shares(const QString& label, const QString& category = {}) const;
    // With settings.keepItems: every item of the scope.
    const QVector<ItemVerdict>& items() const { return m_items; }

private:
    StatisticsSettings m_settings;
    QStringList m_labels;
    QStringList m_categories;
    QVector<GroupFigures> m_groups;
    QVector<GroupFigures> m_trends;
    QVector<PairedFigures> m_paired;
    QHash<GroupKey, PromptShares> m_shares; // runId 0: label x category and label
    QVector<ItemVerdict> m_items;
};

} // namespace tierlens
