#pragma once
// Evaluates an instance against compiled SchemaNodes, keeping the dynamic scope for `$dynamicRef` and the
// annotations that unevaluatedProperties/Items need.

#include "checks/jsonschema/Annotations.h"
#include "checks/jsonschema/SchemaNode.h"
#include "checks/jsonschema/ValidationError.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QVector>

#include <vector>

namespace tierlens {

class SchemaEvaluator
{
public:
    using Errors = QVector<ValidationError>;

    // Evaluates `node` at instance location `pointer`. Errors go to `errors` when given; with none, evaluation
    // stops at the first failure. Annotations of a successful evaluation are merged into `annotations` if given.
    bool evaluate(const SchemaNode& node, const QJsonValue& instance, const QString& pointer, Annotations* annotations,
                  Errors* errors);

private:
    bool evaluateKeywords(const SchemaNode& node, const QJsonValue& instance, const QString& pointer,
                          Annotations* annotations, Errors* errors);
    bool evaluateInPlace(const SchemaNode& node, const QJsonValue& instance, const QString& pointer,
                         Annotations* annotations, Errors* errors);
    bool evaluateCombinators(const SchemaNode& node, const QJsonValue& instance, const QString& pointer,
                             Annotations* annotations, Errors* errors);
    bool evaluateArray(const SchemaNode& node, const QJsonArray& array, const QString& pointer,
                       Annotations* annotations, Errors* errors);
    bool evaluateObject(const SchemaNode& node, const QJsonObject& object, const QString& pointer,
                        Annotations* annotations, Errors* errors);
    bool evaluateUnevaluated(const SchemaNode& node, const QJsonValue& instance, const QString& pointer,
                             Annotations* annotations, Errors* errors);
    const SchemaNode* dynamicTarget(const SchemaNode& node) const;

    static void reportFalse(Errors* errors, const SchemaNode& node, const QString& pointer);

    std::vector<const SchemaResource*> m_scope; // outermost first
    int m_depth = 0;
};

} // namespace tierlens
