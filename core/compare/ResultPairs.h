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
    bool answerRead = true; // false: read with AnswerTexts::Skip, the answer and checkReasons are still in the store
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
    PairSide first; // the run's first model
    PairSide second;

    bool hasError() const { return !first.attempt.outcome.ok() || !second.attempt.outcome.ok(); }
    bool checksDisagree() const;
    bool anyCheckFailed() const;
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
    // Pairs in prompt-set order, then repeat; items that only one model finished are left out. With
    // AnswerTexts::Skip the final attempts come without their answers (a page that shows one pair at a time need
    // not hold a million answers): readAnswers() fills in a pair's before it is shown.
    static std::optional<QVector<ResultPair>> load(Store& store, qint64 runId, QString* error,
                                                   Store::AnswerTexts texts = Store::AnswerTexts::Read);
    // Both sides' answers, when the pair was loaded without them; false with the reason when they cannot be read.
    static bool readAnswers(Store& store, ResultPair& pair, QString* error);
    // Blind mode: whether the first model's answer is shown on the right. Looks random, but is the same for a
    // pair every time, so a person who comes back sees the same layout.
    static bool firstOnRight(qint64 runId, const ResultPair& pair);
    // What people said of a pair, from rows oldest first (Store::runRatings' order) so that the newest word wins;
    // rows about other results are skipped.
    static PairRatingState rating(const ResultPair& pair, const QVector<RatingRow>& rows);
    // "flash 4 pass · pro 2 fail · pro better": a rated pair's marks in a line, the models named.
    static QString ratingText(const ResultPair& pair, const PairRatingState& rating);
};

} // namespace tierlens
