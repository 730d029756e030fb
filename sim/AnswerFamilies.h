#pragma once
// The task families the simulator recognises; each returns nothing when the prompt is not of its kind.
// Shared by AnswerEngine and its family sources only.

#include "AnswerEngine.h"

#include <optional>

namespace tierlens {

std::optional<SimAnswer> answerGreeting(AnswerContext& ctx);
std::optional<SimAnswer> answerCapital(AnswerContext& ctx);
std::optional<SimAnswer> answerSimpleFact(AnswerContext& ctx);
std::optional<SimAnswer> answerFactual(AnswerContext& ctx);
std::optional<SimAnswer> answerTrick(AnswerContext& ctx);
std::optional<SimAnswer> answerArithmetic(AnswerContext& ctx);
std::optional<SimAnswer> answerCoding(AnswerContext& ctx);
std::optional<SimAnswer> answerExtraction(AnswerContext& ctx);
std::optional<SimAnswer> answerNeedle(AnswerContext& ctx);
std::optional<SimAnswer> answerToolResult(AnswerContext& ctx);
// tool_choice auto/required/named: a call; tool_choice none: plain text about what the tool would do.
std::optional<SimAnswer> answerToolUse(AnswerContext& ctx);
// Pairwise and rubric judge prompts (JudgePrompt): recognised by the system message's first line only.
std::optional<SimAnswer> answerJudge(AnswerContext& ctx);

// Every task family above except the judge, most specific first: what a question asks and its answer.
std::optional<SimAnswer> answerTaskFamily(AnswerContext& ctx);

// Number formatting shared by the numeric families: integers without decimals, else up to two decimals.
QString formatNumber(double value);

} // namespace tierlens
