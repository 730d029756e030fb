#pragma once
// A judge model's reply, parsed: the winner of a pairwise comparison or the score of a rubric grading.

#include <QString>

#include <optional>

namespace tierlens {

// Who won a pair once both orders of the judge prompt have been asked.
enum class PairOutcome { FirstWins, SecondWins, Tie };

struct PairwiseVerdict
{
    enum Winner { A, B, Tie };
    Winner winner = Tie;
    QString reason;

    // Reads {"winner": "A" | "B" | "tie", "reason": "..."} from a reply that may wrap it in a ```json fence or in
    // prose, as long as exactly one JSON object is inside. "winner" is case-insensitive and "draw" means a tie.
    static std::optional<PairwiseVerdict> parse(const QString& content, QString* error);

    // `firstAsA` is the verdict with the first model shown as A, `secondAsA` the one with the second model shown
    // as A. A win counts only when both orders name the same model, which cancels the judge's position bias.
    static PairOutcome combine(PairwiseVerdict firstAsA, PairwiseVerdict secondAsA);
};

struct RubricVerdict
{
    int score = 0; // 1..5
    QString reason;

    // Reads {"score": 1..5, "reason": "..."}; the score may be a number or a numeric string but must be a whole
    // number in range. Same tolerance for fences and prose as PairwiseVerdict::parse.
    static std::optional<RubricVerdict> parse(const QString& content, QString* error);
};

} // namespace tierlens
