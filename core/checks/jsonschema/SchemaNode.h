#pragma once
// One compiled (sub)schema: its keywords parsed once into typed fields, its subschemas and `$ref`s as pointers.

#include "checks/jsonschema/Draft.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonValue>
#include <QPair>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace tierlens {

struct SchemaNode;

// A schema resource (a document root or a subschema with its own `$id`): the unit of `$dynamicRef`'s dynamic scope.
struct SchemaResource
{
    QString uri;
    QHash<QString, const SchemaNode*> dynamicAnchors; // $dynamicAnchor name -> the subschema declaring it
};

struct SchemaPattern
{
    QString source;
    QRegularExpression regex;
};

struct SchemaNode
{
    enum TypeBit : quint8 {
        TypeNull = 1,
        TypeBoolean = 2,
        TypeObject = 4,
        TypeArray = 8,
        TypeNumber = 16,
        TypeString = 32,
        TypeInteger = 64,
    };

    JsonSchemaDraft draft = JsonSchemaDraft::Draft2020_12;
    const SchemaResource* resource = nullptr;
    QString location; // absolute keyword location of this schema: "<document>#<pointer>"
    QString keyword; // the keyword this schema sits under ("items", "additionalProperties"...), for messages

    bool isBoolean = false;
    bool booleanValue = true;
    bool refOverridesSiblings = false; // drafts before 2019-09 ignore every keyword next to `$ref`
    bool hasUnevaluated = false; // needs annotations from its in-place applicators
    QString dynamicAnchor; // `$dynamicAnchor` declared on this very schema

    // Assertions.
    quint8 types = 0; // 0: no `type` keyword
    std::optional<QJsonArray> enumValues;
    std::optional<QJsonValue> constValue;
    std::optional<double> multipleOf, maximum, exclusiveMaximum, minimum, exclusiveMinimum;
    std::optional<qint64> maxLength, minLength, maxItems, minItems, maxContains, minContains;
    std::optional<qint64> maxProperties, minProperties;
    std::optional<SchemaPattern> pattern;
    bool uniqueItems = false;
    QStringList required;
    QVector<QPair<QString, QStringList>> dependentRequired;
    QString dependentRequiredKeyword; // "dependentRequired" or "dependencies"

    // Applicators.
    const SchemaNode* ref = nullptr;
    const SchemaNode* dynamicRef = nullptr; // where `$dynamicRef` points before the dynamic scope is consulted
    QString dynamicRefAnchor; // the plain-name fragment of `$dynamicRef`, empty if it is a pointer
    QVector<const SchemaNode*> allOf, anyOf, oneOf;
    const SchemaNode* notSchema = nullptr;
    const SchemaNode* ifSchema = nullptr;
    const SchemaNode* thenSchema = nullptr;
    const SchemaNode* elseSchema = nullptr;
    QVector<QPair<QString, const SchemaNode*>> dependentSchemas;
    QHash<QString, const SchemaNode*> properties;
    QVector<QPair<SchemaPattern, const SchemaNode*>> patternProperties;
    const SchemaNode* additionalProperties = nullptr;
    const SchemaNode* propertyNames = nullptr;
    const SchemaNode* unevaluatedProperties = nullptr;
    // draft-07 `items: [...]` + `additionalItems` map onto 2020-12 `prefixItems` + `items`.
    QVector<const SchemaNode*> prefixItems;
    const SchemaNode* items = nullptr; // applies to every item after prefixItems
    const SchemaNode* contains = nullptr;
    const SchemaNode* unevaluatedItems = nullptr;
};

} // namespace tierlens
