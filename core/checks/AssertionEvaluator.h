#pragma once
// Decides assertions from an answer alone. Compiled JSON schemas are cached, so checking thousands of
// answers against one schema compiles it once.

#include "checks/Assertion.h"
#include "checks/CheckSubject.h"

#include <QHash>

#include <memory>

namespace tierlens {

class JsonSchema;

class AssertionEvaluator
{
    Q_DECLARE_TR_FUNCTIONS(AssertionEvaluator)
public:
    AssertionEvaluator();
    ~AssertionEvaluator();

    AssertionResult evaluate(const Assertion& assertion, const CheckSubject& subject);
    CheckOutcome evaluateAll(const QVector<Assertion>& assertions, const CheckSubject& subject);
    // Folds decided results into pass and weighted score; also used once a judge has decided an llm-rubric.
    static CheckOutcome combine(const QVector<Assertion>& assertions, QVector<AssertionResult> results);

private:
    AssertionResult decide(const Assertion& a, const CheckSubject& s);
    AssertionResult jsonSchema(const QJsonValue& schema, const QJsonValue& instance, const QString& what);
    AssertionResult toolCall(const Assertion& a, const CheckSubject& s);
    const JsonSchema* compiled(const QJsonValue& schema, QString* error);

    QHash<QByteArray, std::shared_ptr<JsonSchema>> m_schemas;
};

} // namespace tierlens
