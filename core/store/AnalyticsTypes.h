#pragma once
// What the store's analytics queries take and return: the scope (runs, categories, quality precedence) and the
// grouped rows the statistics in core/analysis are computed from. Everything here is aggregated in SQL.

#include <QDateTime>
#include <QHash>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace tierlens {

// Which results an analysis covers.
struct AnalyticsScope
{
    QVector<qint64> runIds; // one run, or several runs of one prompt set
    QStringList categories; // empty: every category
    // Sources of an item's pass/fail, first that has a verdict decides: "human", "assertions", "judge".
    // A result that ended in an error is a failed item whatever the sources say.
    QStringList precedence;
};

enum class AnalyticsGrouping {
    ModelCategory, // label x category
    Model, // label, every category together
    RunModel, // run x label, every category together (trends across runs)
};

// The store groups by run, model and category, the finest grain; callers add groups up into coarser ones (all
// categories, all runs) since every count and sum is additive.
struct GroupKey
{
    qint64 runId = 0; // 0 in a group of several runs
    QString label;
    QString category; // empty in a group of every category

    bool operator==(const GroupKey& o) const { return runId == o.runId && label == o.label && category == o.category; }
};

inline size_t qHash(const GroupKey& k, size_t seed = 0) noexcept
{
    return qHashMulti(seed, k.runId, k.label, k.category);
}

// Per group: counts of results and their verdicts, and what the results cost.
struct GroupCounts
{
    GroupKey key;
    qint64 items = 0;
    qint64 okItems = 0;
    qint64 attempts = 0; // of the items with a result, retries included
    qint64 judged = 0; // items with a pass/fail verdict
    qint64 passed = 0;
    qint64 jsonExpected = 0; // ok items whose request asked for a JSON answer
    qint64 jsonValid = 0; // ... whose answer parses as JSON
    qint64 toolCallItems = 0; // ok items that answered with tool calls
    qint64 toolCallsValid = 0; // ... whose every call's arguments parse as JSON
    qint64 costedItems = 0;
    std::optional<double> costUsd; // the items' attempts, retries included
    QMap<QString, qint64> errorsByClass;
    QDateTime runCreatedAt;
};

// Per group: every attempt (items still without a result included), tokens by kind.
struct GroupUsage
{
    GroupKey key;
    qint64 attempts = 0;
    qint64 attemptsWithUsage = 0;
    std::optional<qint64> promptTokens;
    std::optional<qint64> completionTokens;
    std::optional<qint64> cacheHitTokens;
    std::optional<qint64> cacheMissTokens;
    std::optional<qint64> reasoningTokens;
    std::optional<double> costUsd;
};

// The measurements of every ok result's final attempt, one entry per result, for percentiles: they do not add up
// across groups, so the caller sorts them. Columnar so that a million results take 28 bytes each.
struct Measurements
{
    QVector<GroupKey> keys; // distinct (run, label, category)
    QVector<int> key; // per result: index into keys
    QVector<double> latencyMs; // NaN where the attempt has none
    QVector<double> ttftMs;
    QVector<double> outputTps;
};

// Two models' verdicts on the same prompt and repeat of the same run, counted per category.
struct PairedVerdictCounts
{
    QString category;
    qint64 bothPassed = 0;
    qint64 firstOnly = 0; // the first label passed, the second failed
    qint64 secondOnly = 0;
    qint64 bothFailed = 0;
};

struct ItemCounts
{
    QVector<GroupCounts> groups;
    QVector<PairedVerdictCounts> paired;
};

// A score (1..5) of one item: the latest a person gave, else the judge's rubric score.
struct ItemScore
{
    qint64 runId = 0;
    qint64 promptId = 0;
    int repeatIndex = 0;
    QString label;
    QString category;
    double score = 0;
    QString source; // human | judge
};

// Head-to-head preferences between two models' answers to the same prompt, per category and source.
struct PreferenceCounts
{
    QString category;
    QString source; // human | judge
    qint64 firstWins = 0;
    qint64 secondWins = 0;
    qint64 ties = 0;
};

} // namespace tierlens
