#pragma once
// Decides assertions from an answer alone. Compiled JSON schemas are cached, so checking thousands of
// answers against one schema compiles it once.

#include "checks/Assertion.h"
#include "checks/CheckSubject.h"

#include <QHash>

#include <memory>

namespace tierlens {

class JavaScriptSandbox;
class JsonSchema;

class AssertionEvaluator
{
    Q_DECLARE_TR_FUNCTIONS(AssertionEvaluator)
public:
    AssertionEvaluator();
    ~AssertionEvaluator();

    AssertionResult evaluate(const Assertion& assertion, const CheckSubject& subject);
    CheckOutcome evaluateAll(const QVector<Assertion>& assertions, const CheckSubject& subject);
    // The first script of a prompt's checks that does not compile (the test's transform, then each javascript
    // assertion's value and transform, in order): what is wrong, and where ("transform", "assert[2].value").
    // Empty when every script compiles, or there is none.
    QString compileScripts(const QVector<Assertion>& assertions, const QJsonValue& testTransform, QString* where);
    // Folds decided results into pass and weighted score; also used once a judge has decided an llm-rubric.
    static CheckOutcome combine(const QVector<Assertion>& assertions, QVector<AssertionResult> results);

private:
    // The answer as scripts see it: transformed by the test's transform when it has one.
    struct ScriptInput;
    AssertionResult evaluate(const Assertion& assertion, const CheckSubject& subject, ScriptInput* input);
    AssertionResult scripted(const Assertion& assertion, const CheckSubject& subject, ScriptInput& input);
    JavaScriptSandbox& sandbox();
    AssertionResult decide(const Assertion& a, const CheckSubject& s);
    AssertionResult jsonSchema(const QJsonValue& schema, const QJsonValue& instance, const QString& what);
    AssertionResult toolCall(const Assertion& a, const CheckSubject& s);
    const JsonSchema* compiled(const QJsonValue& schema, QString* error);

    QHash<QByteArray, std::shared_ptr<JsonSchema>> m_schemas;
    std::unique_ptr<JavaScriptSandbox> m_sandbox; // made on the first script
};

} // namespace tierlens
