#pragma once
// Reads an LLM-judge prompt (pairwise or rubric) into its sections, following the shared contract below.
//
// The contract, copied verbatim from notes/judge-format.md so it lives next to the code that depends on it:
//
// # Judge prompt format (shared contract between core/checks/judge and tierlens-sim)
//
// Both judge kinds are sent as ordinary chat-completions requests, JSON mode on
// (response_format {"type":"json_object"}), through the normal engine.
//
// ## Pairwise
// system (byte-exact first line; the rest may follow):
//   You are an impartial judge comparing two answers to the same question.
//   <further instructions>
//   Reply with a JSON object only: {"winner": "A" | "B" | "tie", "reason": "<one sentence>"}.
// user:
//   [Question]
//   <the prompt's last user message text>
//
//   [Reference answer]            <- this section only when the prompt has an expected answer
//   <expected>
//
//   [Answer A]
//   <answer text; tool calls rendered as: tool call: NAME(ARGUMENTS_JSON) one per line>
//
//   [Answer B]
//   <answer text>
//
//   Which answer is better? Reply in JSON.
// Asked twice per pair: (A=model1, B=model2) and (A=model2, B=model1). A win counts only when both orders agree.
//
// ## Rubric
// system (byte-exact first line):
//   You are a strict grader scoring an answer against a rubric.
//   <further instructions>
//   Reply with a JSON object only: {"score": <integer 1-5>, "reason": "<one sentence>"}.
// user:
//   [Rubric]
//   <rubric text>
//
//   [Question]
//   <question>
//
//   [Reference answer]            <- optional
//   <expected>
//
//   [Answer]
//   <answer>
//
//   Score the answer in JSON.

#include <QString>

namespace tierlens {

class JudgePrompt
{
public:
    enum class Kind {
        None, // not a judge prompt: the system message's first line is neither of the two
        Pairwise,
        Rubric,
    };

    // The byte-exact first lines of the system message that make a request a judge request.
    static QString pairwiseSystemLine();
    static QString rubricSystemLine();

    // Never fails: a judge prompt with a required section missing comes back with readable() false.
    static JudgePrompt parse(const QString& systemText, const QString& userText);

    Kind kind() const { return m_kind; }
    bool readable() const { return m_readable; }
    QString question() const { return m_question; }
    bool hasReference() const { return m_hasReference; }
    QString reference() const { return m_reference; }
    QString rubric() const { return m_rubric; }
    QString answerA() const { return m_answerA; } // pairwise
    QString answerB() const { return m_answerB; } // pairwise
    QString answer() const { return m_answerA; } // rubric

private:
    Kind m_kind = Kind::None;
    bool m_readable = false;
    bool m_hasReference = false;
    QString m_question;
    QString m_reference;
    QString m_rubric;
    QString m_answerA;
    QString m_answerB;
};

} // namespace tierlens
