#pragma once
// What the store's analytics queries take and return: the scope (runs, categories, quality precedence), every item
// with its verdict (the one source of quality and cost figures), and the attempt totals, scores and preferences the
// statistics in core/analysis add up.

#include <QDateTime>
#include <QHash>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QtNumeric>

#include <optional>

namespace tierlens {

// Which results an analysis covers.
struct AnalyticsScope
{
    QVector<qint64> runIds; // one run, or several
    QStringList categories; // empty: every category
    // Sources of an item's pass/fail, first that has a verdict decides: "human", "assertions", "judge".
    // A result that ended in an error is a failed item whatever the sources say.
    QStringList precedence;
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

// One item (a model's final result for one prompt and repeat of a run) with its verdict: what every quality and
// cost figure is computed from (Store::forEachItem).
struct ItemVerdict
{
    qint64 runId = 0;
    qint64 resultId = 0;
    qint64 finalAttemptId = 0; // the attempt whose answer is the item's (checks and judge verdicts refer to it)
    int finalTurnIndex = 0; // its turn: a conversation's last one reached, 0 for a prompt of one turn
    qint64 runModelId = 0;
    qint64 promptId = 0;
    QString promptExtId; // the prompt's id in its file
    // The prompt as sent (system, messages, options): the same prompt in two runs or two versions of a set has one
    // key.
    qint64 promptKey = 0;
    int repeatIndex = 0;
    QString label;
    QString category;
    bool ok = false; // an answer; else an error (errorClass)
    QString errorClass;
    int attemptCount = 0;
    std::optional<double> costUsd; // every attempt of the item; empty when none reported usage
    std::optional<bool> passed; // from the first source in the precedence that has a verdict; an error is false
    QString source; // human | assertions | judge | error; empty when nothing gave a verdict
    QStringList triggers; // final_error, invalid_json, invalid_tool_call, assertion_failed
    bool jsonAsked = false; // an ok answer to a request that asked for JSON
    bool jsonValid = false; // ... that parses as JSON
    bool toolCallsMade = false; // an ok answer with tool calls
    bool toolCallsValid = false; // ... whose every call's arguments parse as JSON
    bool awaitingJudge = false; // an ok answer whose checks wait for the judge's llm-rubric verdict
    double latencyMs = qQNaN(); // of the final attempt of an ok answer; NaN otherwise
    double ttftMs = qQNaN();
    double outputTps = qQNaN();
};

// Per group: every attempt (items still without a result included), tokens by kind.
struct GroupUsage
{
    GroupKey key;
    qint64 attempts = 0;
    qint64 retries = 0; // attempts after an item's first
    qint64 attemptsWithUsage = 0;
    std::optional<qint64> promptTokens;
    std::optional<qint64> completionTokens;
    std::optional<qint64> cacheHitTokens;
    std::optional<qint64> cacheMissTokens;
    std::optional<qint64> reasoningTokens;
    std::optional<double> costUsd;
    QMap<QString, qint64> flagged; // attempts with each AttemptFlag, by its name
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
