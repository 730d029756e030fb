#pragma once
// Builds the prompts that ask a judge model to compare two answers or to grade one against a rubric
// (the text follows /work/notes/judge-format.md, which the simulator implements on the other side).

#include "api/ChatTypes.h"
#include "promptsets/Prompt.h"

#include <QString>

namespace tierlens {

class JudgePrompts
{
public:
    // Which of the two models' answers is shown as "Answer A". Each pair is asked both ways so that a judge's
    // preference for the first position cancels out (see PairwiseVerdict::combine).
    enum class PairOrder {
        FirstAsA, // first shown as A, second as B: id "<original id>#pair-ab"
        SecondAsA, // second shown as A, first as B: id "<original id>#pair-ba"
    };

    // A pairwise judge prompt: system + one user message, JSON mode on, category of the original. For a conversation
    // (conversationTurns), the judge sees it whole: a [Conversation so far] section first (the system prompt, then
    // each earlier user turn with both models' own answers to it, `firstEarlier` and `secondEarlier`, in the A/B
    // order of this prompt), then the last turn as [Question] and the last answers.
    static Prompt pairwise(const Prompt& original, const ChatOutcome& first, const ChatOutcome& second,
                           PairOrder order = PairOrder::FirstAsA, const QStringList& firstEarlier = {},
                           const QStringList& secondEarlier = {});
    // A rubric judge prompt. `index` tells apart several rubrics on one prompt: id "<original id>#rubric-<index>".
    // A conversation's earlier turns and this model's answers to them (`earlier`) come first, as above.
    static Prompt rubric(const Prompt& original, const QString& rubric, const ChatOutcome& answer, int index = 0,
                         const QStringList& earlier = {});

    // The first line of each system prompt, byte-exact: the simulator recognises judge requests by it.
    static QString pairwiseSystemFirstLine();
    static QString rubricSystemFirstLine();

    // The text of the original's last user message; array content has its text parts joined by newlines.
    static QString questionText(const Prompt& original);
    // Content, then one "tool call: NAME(ARGUMENTS)" line per call; "(no answer)" when there is neither.
    static QString answerText(const ChatOutcome& answer);
};

} // namespace tierlens
