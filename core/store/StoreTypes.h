#pragma once
// Rows the store reads and writes: runs, attempts, results, ratings, and the aggregates reports ask for.

#include "api/ChatTypes.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QVector>

#include <optional>

namespace tierlens {

struct PromptSetInfo
{
    qint64 id = 0;
    QString name;
    QString sourcePath;
    QString sourceSha256;
    QDateTime createdAt;
    int promptCount = 0;

    // The prompts a judge run asks (made by JudgeRunner, not by a person): shown under their run, never offered
    // to run or edit.
    static QString judgeSourcePath(qint64 judgedRunId)
    {
        return QStringLiteral("tierlens:judge/run/%1").arg(judgedRunId);
    }
    bool isJudgeSet() const { return sourcePath.startsWith(QLatin1String("tierlens:judge/")); }
};

struct RunModelRow
{
    qint64 id = 0;
    QString label; // unique within the run ("flash", "pro")
    QString provider;
    QString baseUrl;
    QString modelId;
    QString apiKeyEnv; // the NAME of the environment variable holding the key; the key itself is never stored
    int concurrency = 1;
    QJsonObject options; // request fields in wire format
};

struct RunRow
{
    qint64 id = 0;
    qint64 promptSetId = 0;
    QString promptSetName; // read only
    QDateTime createdAt; // now when left invalid
    QDateTime finishedAt;
    QString status; // running | completed | cancelled | failed; "running" when left empty
    int repeatCount = 1;
    int maxAttempts = 1;
    QJsonObject config; // the full snapshot of the run's configuration
    QString priceBookVersion;
    QByteArray priceBookJson;
    std::optional<double> clientLagP95Ms;
    std::optional<double> clientLagMaxMs;
    bool clientLagFlagged = false;
    QString toolVersion;
    QString kind = QStringLiteral("shadow"); // shadow | judge
    qint64 parentRunId = 0; // for a judge run: the run it judged
    // offline: its prompts came from a prompt set; live: captured from an application's requests as they went by
    // (tierlens-cli shadow), its prompt set growing while it runs. A live run is never resumed: its prompts were
    // answered when they were asked.
    QString origin = QStringLiteral("offline");
    bool isLive() const { return origin == QLatin1String("live"); }
    QVector<RunModelRow> models;
    // Derived when read.
    int promptCount = 0;
    qint64 resultCount = 0;
    std::optional<double> costUsd; // every billed attempt of the run; empty when none reported a cost
};

// One HTTP exchange of one item (model x prompt x repeat). The item's result is its final attempt.
struct AttemptRow
{
    qint64 id = 0;
    qint64 runId = 0;
    qint64 runModelId = 0;
    qint64 promptId = 0;
    int repeatIndex = 0;
    int attemptNo = 1; // 1 for the first try; numbered on across a conversation's turns
    int turnIndex = 0; // the turn of a conversation this attempt answers, from 0 (0 for a one-turn prompt)
    QDateTime startedAt;
    std::optional<double> queueWaitMs;
    std::optional<double> headersMs;
    std::optional<double> ttftMs;
    std::optional<double> ttfatMs; // time to first answer token, after any reasoning
    double latencyMs = 0;
    std::optional<double> outputTps;
    int httpStatus = 0; // 0 = no response
    ChatOutcome outcome;
    std::optional<qint64> retryAfterMs;
    std::optional<double> costUsd; // empty when the provider reported no usage
    bool isFinal = false; // written only: the engine will not retry this item again
};

// What an item without a result has done so far, for a resume: its attempts at each turn (what its retries have
// used up), and the cost of those that reported usage.
struct ItemProgress
{
    QHash<int, int> attemptsOfTurn;
    std::optional<double> costUsd;
};

struct ItemKey
{
    qint64 runModelId = 0;
    qint64 promptId = 0;
    int repeatIndex = 0;

    bool operator==(const ItemKey& o) const
    {
        return runModelId == o.runModelId && promptId == o.promptId && repeatIndex == o.repeatIndex;
    }
    bool operator!=(const ItemKey& o) const { return !(*this == o); }
};

inline size_t qHash(const ItemKey& k, size_t seed = 0) noexcept
{
    return qHashMulti(seed, k.runModelId, k.promptId, k.repeatIndex);
}

// Per run model. Token and cost sums are over ALL attempts (retries cost money too) and stay empty when no
// attempt reported them; attemptsWithUsage tells "unknown" from a real zero.
struct ModelTotals
{
    qint64 runModelId = 0;
    QString label;
    qint64 items = 0; // items with a final result
    qint64 okItems = 0;
    qint64 attempts = 0;
    qint64 retries = 0; // attempts after an item's first
    QMap<QString, qint64> errorsByClass; // final results that are errors, by errorClassName()
    QMap<QString, qint64> flagged; // attempts with each AttemptFlag, by its name
    qint64 attemptsWithUsage = 0;
    std::optional<qint64> promptTokens;
    std::optional<qint64> completionTokens;
    std::optional<qint64> cacheHitTokens;
    std::optional<qint64> cacheMissTokens;
    std::optional<qint64> reasoningTokens;
    std::optional<double> costUsd;
};

// One result for exports, with its final attempt.
struct ResultExportRow
{
    qint64 resultId = 0;
    QString modelLabel;
    QString modelId;
    QString promptExtId;
    QString category;
    QString status; // ok | error
    ErrorClass errorClass = ErrorClass::None;
    int attemptCount = 0;
    std::optional<double> costUsd; // over all the item's attempts
    QDateTime completedAt;
    AttemptRow finalAttempt;
};

// A result as a list of pairs needs it: no attempt read.
struct ResultKeyRow
{
    qint64 resultId = 0;
    qint64 runModelId = 0;
    qint64 promptId = 0;
    int repeatIndex = 0;
    bool ok = false; // status ok: the final attempt answered
    std::optional<bool> checkPassed; // empty when the result has no automatic check
};

struct RatingRow
{
    qint64 id = 0;
    qint64 resultId = 0;
    QString rater;
    QDateTime ratedAt; // now when left invalid
    std::optional<bool> passed;
    std::optional<int> score; // 1..5
    QString preference; // left | right | tie, or empty
    std::optional<qint64> comparedResultId;
    bool blind = false;
    QString note;
};

// The verdict of one assertion on one result.
struct AssertionCheckRow
{
    int index = 0;
    QString type; // as written, with any "not-" prefix
    double weight = 1;
    std::optional<bool> passed; // empty while the judge has not decided (llm-rubric)
    double score = 0;
    QString reason;
};

// All assertions on one result, keyed by the result's final attempt.
struct CheckRow
{
    qint64 attemptId = 0;
    bool passed = false;
    double score = 0;
    int pendingCount = 0;
    QDateTime checkedAt; // now when left invalid
    QVector<AssertionCheckRow> assertions;
};

struct JudgeVerdictRow
{
    qint64 id = 0;
    qint64 runId = 0;
    qint64 judgeRunId = 0;
    QString kind; // pairwise | rubric
    qint64 promptId = 0;
    int repeatIndex = 0;
    qint64 firstAttemptId = 0;
    std::optional<qint64> secondAttemptId;
    QString outcome; // pairwise: first | second | tie
    std::optional<int> score; // rubric: 1..5
    std::optional<int> assertionIndex;
    QString reason;
    QDateTime createdAt;
};

} // namespace tierlens
