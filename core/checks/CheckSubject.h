#pragma once
// What the checks look at: one item's final answer, the measurements around it and the tools it was offered.

#include "api/ChatTypes.h"

#include <QJsonArray>
#include <QJsonObject>

#include <optional>

namespace tierlens {

struct CheckSubject
{
    QString content;
    QString reasoning;
    QVector<ToolCall> toolCalls;
    QString finishReason;
    ErrorClass error = ErrorClass::None;
    QString errorMessage;
    std::optional<double> latencyMs;
    std::optional<double> costUsd; // the item's, retries included
    std::optional<qint64> completionTokens;
    QJsonArray tools; // the request's tool definitions, for validating tool-call arguments
    // What promptfoo's JavaScript sees besides the answer: context.prompt and context.vars.
    QString prompt;
    QJsonObject vars;
    // promptfoo's test-level options.transform: JavaScript applied to the answer before every assertion. Undefined
    // when there is none.
    QJsonValue transform = QJsonValue(QJsonValue::Undefined);
    // A conversation's answers to its turns before the last: what an assertion with "turn": k (k < the last) reads.
    QStringList earlierAnswers;
};

// The verdict of one assertion. score is 0..1 (1 or 0 for pass/fail types).
struct AssertionResult
{
    bool pass = false;
    double score = 0;
    QString reason;
    bool pending = false; // waits for the judge (llm-rubric)
};

// All assertions of one item: pass when every decided assertion passed; score is their weighted mean.
struct CheckOutcome
{
    QVector<AssertionResult> results; // one per assertion, in order
    bool pass = true;
    double score = 1.0;
    bool hasPending = false;
};

} // namespace tierlens
