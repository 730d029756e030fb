#pragma once
// Applies a prompt set's assertions to final results: as they arrive during a run, or again later on stored
// results after the checks changed, without calling the models.

#include "checks/AssertionEvaluator.h"
#include "promptsets/Prompt.h"
#include "store/StoreTypes.h"

#include <QHash>

namespace tierlens {

class Store;

class ResultChecker
{
    Q_DECLARE_TR_FUNCTIONS(ResultChecker)
public:
    // The set's default assertions apply to every prompt, followed by the prompt's own.
    static std::optional<QVector<Assertion>> assertionsFor(const PromptSet& set, const Prompt& prompt, QString* error);

    // Fails (with the prompt named) when a prompt's assertions do not parse.
    bool load(const PromptSet& set, QString* error);
    bool hasAssertions() const { return m_anyAssertions; }

    // itemCostUsd covers every attempt of the item, retries included. Empty when the prompt has no assertions.
    // earlierAnswers: a conversation's answers to its turns before the last (for assertions with "turn").
    std::optional<CheckRow> check(const Prompt& prompt, const AttemptRow& finalAttempt,
                                  std::optional<double> itemCostUsd, const QStringList& earlierAnswers = {});

    // Re-checks every result of a run as stored, folding in the latest judge run's rubric verdicts. Returns the
    // number of results checked, or nullopt on error.
    static std::optional<qint64> recheckRun(Store& store, qint64 runId, QString* error);

    // An llm-rubric assertion decided by a judge's 1-5 score: the score maps to 0..1 ((score - 1) / 4) and
    // passes at the assertion's "threshold" (promptfoo's key; default 0.5, i.e. a 3 out of 5).
    static AssertionResult rubricResult(const Assertion& assertion, int score, const QString& reason);

private:
    CheckSubject subject(const Prompt& prompt, const AttemptRow& finalAttempt, std::optional<double> itemCostUsd) const;
    static CheckRow toRow(qint64 attemptId, const QVector<Assertion>& assertions, const CheckOutcome& outcome);

    AssertionEvaluator m_evaluator;
    QHash<qint64, QVector<Assertion>> m_byPrompt; // prompt row id -> assertions
    QHash<qint64, CheckSubject> m_context; // prompt row id -> what checks see besides the answer (tools, vars...)
    bool m_anyAssertions = false;
};

} // namespace tierlens
