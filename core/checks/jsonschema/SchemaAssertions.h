#pragma once
// The assertion keywords of one schema (type, enum, const, number, string, array and object limits).

#include "checks/jsonschema/SchemaNode.h"
#include "checks/jsonschema/ValidationError.h"

#include <QJsonValue>
#include <QVector>

namespace tierlens {

class SchemaAssertions
{
public:
    using Errors = QVector<ValidationError>;

    // Checks every assertion of `node` that applies to the instance's type. Reports into `errors` when given;
    // with none, returns at the first failure.
    static bool check(const SchemaNode& node, const QJsonValue& instance, const QString& pointer, Errors* errors);

    // Appends an error for `keyword` of `node` at instance location `pointer` (no-op without `errors`).
    static void report(Errors* errors, const SchemaNode& node, const QString& pointer, const QString& keyword,
                       const QString& message);

private:
    static bool checkNumber(const SchemaNode& node, const QJsonValue& instance, const QString& pointer, Errors* errors);
    static bool checkString(const SchemaNode& node, const QString& s, const QString& pointer, Errors* errors);
    static bool checkArray(const SchemaNode& node, const QJsonArray& a, const QString& pointer, Errors* errors);
    static bool checkObject(const SchemaNode& node, const QJsonObject& o, const QString& pointer, Errors* errors);
};

} // namespace tierlens
