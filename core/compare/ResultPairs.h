#pragma once
// The answers of a run's first two models to the same prompt and repeat, side by side with what a person needs
// to judge them: the question, the expected answer, each side's final attempt, retries, cost and check verdict.

#include "promptsets/Prompt.h"
#include "store/Store.h"
#include "store/StoreTypes.h"

#include <QCoreApplication>

#include <optional>

namespace tierlens {

class Store;

struct PairSide
{
    qint64 resultId = 0;
    QString label;
    AttemptRow attempt; // the final attempt
    int attemptCount = 1;
    std::optional<double> costUsd; // of all the item's attempts
    std::optional<bool> checkPassed; // empty when the prompt has no assertions
    double checkScore = 0;
    QStringList checkReasons; // one line per assertion, "type: reason"
    QStringList earlierAnswers; // a conversation's: this model's own answers to the turns before the last
};

// What a list of pairs, its filters and its rated count need of a pair, without any text: 32 bytes, so the pairs
// of a million results are listed in megabytes. ResultPairs::read() reads the whole pair when it is shown.
struct PairKey
{
    qint64 firstResult = 0;
    qint64 secondResult = 0;
    qint32 promptIndex = 0; // in PairIndex::set.prompts
    qint32 repeatIndex = 0;
    std::optional<bool> firstCheck; // the automatic checks' verdict; empty when the prompt has no assertions
    std::optional<bool> secondCheck;
    bool firstOk = true; // the final attempt answered
    bool secondOk = true;

    bool hasError() const { return !firstOk || !secondOk; }
    bool checksDisagree() const { return firstCheck && secondCheck && *firstCheck != *secondCheck; }
    bool anyCheckFailed() const { return (firstCheck && !*firstCheck) || (secondCheck && !*secondCheck); }
};

// A run's pairs of two of its models: in prompt-set order, then repeat; items that only one of the two finished
// are left out.
struct PairIndex
{
    RunRow run;
    int first = 0; // the two models, as indexes into run.models
    int second = 1;
    PromptSet set;
    QVector<PairKey> pairs;

    const Prompt& prompt(const PairKey& key) const { return set.prompts.at(key.promptIndex); }
    QString firstLabel() const { return run.models.at(first).label; }
    QString secondLabel() const { return run.models.at(second).label; }
};

struct ResultPair
{
    qint64 promptId = 0;
    QString promptExtId;
    QString category;
    QString question; // the last user turn
    QStringList earlierTurns; // a conversation's user turns before the last (empty for a prompt of one turn)
    QString system;
    QString expected;
    int repeatIndex = 0;
    PairSide first; // the index's first model
    PairSide second;
};

// People's word on a pair, in the run's model terms: each side's latest verdict and score, and the latest
// preference whichever side it was written from (a row says its own result against the one it was compared with).
struct PairRatingState
{
    struct Side
    {
        std::optional<bool> passed;
        std::optional<int> score;
    };
    Side first;
    Side second;
    QString preferred; // first | second | tie, or empty
    QString note;
    bool rated() const { return !preferred.isEmpty() || first.passed || first.score || second.passed || second.score; }
};

class ResultPairs
{
    Q_DECLARE_TR_FUNCTIONS(ResultPairs)
public:
    // The pairs of two of a run's models (by their place in the run), without their texts.
    static std::optional<PairIndex> index(Store& store, qint64 runId, QString* error, int first = 0, int second = 1);
    // One pair whole: both final attempts with their answers, check reasons and a conversation's earlier turns.
    // Empty with the reason when it cannot be read (the results were deleted meanwhile, the file went bad).
    static std::optional<ResultPair> read(Store& store, const PairIndex& index, const PairKey& key, QString* error);
    // Every pair of the run's first two models, read whole: for reports and tests of small runs; a page that
    // shows one pair at a time lists index() and reads the shown pair.
    static std::optional<QVector<ResultPair>> load(Store& store, qint64 runId, QString* error);
    // Blind mode: whether the first model's answer is shown on the right. Looks random, but is the same for a
    // pair every time, so a person who comes back sees the same layout.
    static bool firstOnRight(qint64 runId, qint64 promptId, int repeatIndex);
    static bool firstOnRight(qint64 runId, const ResultPair& pair)
    {
        return firstOnRight(runId, pair.promptId, pair.repeatIndex);
    }
    // What people said of the pair of two results, from rows oldest first (Store::runRatings' order) so that the
    // newest word wins; rows about other results, or written beside another answer than the pair's other one,
    // are skipped.
    static PairRatingState rating(qint64 firstResult, qint64 secondResult, const QVector<RatingRow>& rows);
    static PairRatingState rating(const ResultPair& pair, const QVector<RatingRow>& rows)
    {
        return rating(pair.first.resultId, pair.second.resultId, rows);
    }
    // "flash 4 pass · pro 2 fail · pro better": a rated pair's marks in a line, the models named.
    static QString ratingText(const QString& firstLabel, const QString& secondLabel, const PairRatingState& rating);
};

} // namespace tierlens
