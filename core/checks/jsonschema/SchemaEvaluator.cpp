#include "checks/jsonschema/SchemaEvaluator.h"

#include "checks/jsonschema/SchemaText.h"

#include "checks/jsonschema/JsonPointer.h"
#include "checks/jsonschema/SchemaAssertions.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

// Nesting of schemas at one evaluation; only a `$ref` cycle that never consumes the instance gets this deep.
constexpr int kMaxDepth = 1500;

} // namespace

void SchemaEvaluator::reportFalse(Errors* errors, const SchemaNode& node, const QString& pointer)
{
    if (!errors)
        return;
    QString message;
    if (node.keyword == "additionalProperties"_L1 || node.keyword == "unevaluatedProperties"_L1)
        message = SchemaText::tr("this property is not allowed");
    else if (node.keyword == "items"_L1 || node.keyword == "additionalItems"_L1
             || node.keyword == "unevaluatedItems"_L1)
        message = SchemaText::tr("this item is not allowed");
    else
        message = SchemaText::tr("no value is allowed here (the schema is false)");
    const QString keyword = node.keyword.isEmpty() ? u"false"_s : node.keyword;
    errors->append(ValidationError { pointer, keyword, node.location, message });
}

bool SchemaEvaluator::evaluate(const SchemaNode& node, const QJsonValue& instance, const QString& pointer,
                               Annotations* annotations, Errors* errors)
{
    if (node.isBoolean) {
        if (!node.booleanValue)
            reportFalse(errors, node, pointer);
        return node.booleanValue;
    }
    if (m_depth >= kMaxDepth) {
        SchemaAssertions::report(errors, node, pointer, u"$ref"_s,
                                 SchemaText::tr("the schema refers to itself without end at this location"));
        return false;
    }
    ++m_depth;
    const bool enters = m_scope.empty() || m_scope.back() != node.resource;
    if (enters)
        m_scope.push_back(node.resource);
    Annotations own;
    const bool collect = annotations || node.hasUnevaluated;
    const bool ok = evaluateKeywords(node, instance, pointer, collect ? &own : nullptr, errors);
    if (enters)
        m_scope.pop_back();
    --m_depth;
    if (ok && annotations)
        annotations->merge(own);
    return ok;
}

bool SchemaEvaluator::evaluateKeywords(const SchemaNode& node, const QJsonValue& instance, const QString& pointer,
                                       Annotations* annotations, Errors* errors)
{
    if (node.refOverridesSiblings)
        return evaluate(*node.ref, instance, pointer, annotations, errors);
    bool ok = SchemaAssertions::check(node, instance, pointer, errors);
    if (!ok && !errors)
        return false;
    ok = evaluateInPlace(node, instance, pointer, annotations, errors) && ok;
    if (!ok && !errors)
        return false;
    if (instance.isArray())
        ok = evaluateArray(node, instance.toArray(), pointer, annotations, errors) && ok;
    else if (instance.isObject())
        ok = evaluateObject(node, instance.toObject(), pointer, annotations, errors) && ok;
    // With a failure elsewhere the annotations are incomplete, and "not evaluated" errors would only mislead.
    if (ok && node.hasUnevaluated)
        ok = evaluateUnevaluated(node, instance, pointer, annotations, errors);
    return ok;
}

const SchemaNode* SchemaEvaluator::dynamicTarget(const SchemaNode& node) const
{
    // Only a `$dynamicRef` whose static target declares the same `$dynamicAnchor` looks at the dynamic scope;
    // then the outermost resource declaring that anchor wins.
    const SchemaNode* target = node.dynamicRef;
    if (node.dynamicRefAnchor.isEmpty() || target->dynamicAnchor != node.dynamicRefAnchor)
        return target;
    for (const SchemaResource* resource : m_scope) {
        const auto it = resource->dynamicAnchors.constFind(node.dynamicRefAnchor);
        if (it != resource->dynamicAnchors.constEnd())
            return it.value();
    }
    return target;
}

bool SchemaEvaluator::evaluateInPlace(const SchemaNode& node, const QJsonValue& instance, const QString& pointer,
                                      Annotations* annotations, Errors* errors)
{
    bool ok = true;
    if (node.ref && !evaluate(*node.ref, instance, pointer, annotations, errors)) {
        if (!errors)
            return false;
        ok = false;
    }
    if (node.dynamicRef && !evaluate(*dynamicTarget(node), instance, pointer, annotations, errors)) {
        if (!errors)
            return false;
        ok = false;
    }
    ok = evaluateCombinators(node, instance, pointer, annotations, errors) && ok;
    if (!ok && !errors)
        return false;

    if (node.ifSchema) {
        Annotations conditional;
        if (evaluate(*node.ifSchema, instance, pointer, annotations ? &conditional : nullptr, nullptr)) {
            if (annotations)
                annotations->merge(conditional);
            if (node.thenSchema && !evaluate(*node.thenSchema, instance, pointer, annotations, errors))
                ok = false;
        } else if (node.elseSchema && !evaluate(*node.elseSchema, instance, pointer, annotations, errors)) {
            ok = false;
        }
        if (!ok && !errors)
            return false;
    }
    if (instance.isObject() && !node.dependentSchemas.isEmpty()) {
        const QJsonObject object = instance.toObject();
        for (const auto& dependency : node.dependentSchemas) {
            if (object.contains(dependency.first)
                && !evaluate(*dependency.second, instance, pointer, annotations, errors)) {
                if (!errors)
                    return false;
                ok = false;
            }
        }
    }
    return ok;
}

bool SchemaEvaluator::evaluateCombinators(const SchemaNode& node, const QJsonValue& instance, const QString& pointer,
                                          Annotations* annotations, Errors* errors)
{
    bool ok = true;
    for (const SchemaNode* child : node.allOf) {
        if (!evaluate(*child, instance, pointer, annotations, errors)) {
            if (!errors)
                return false;
            ok = false;
        }
    }
    if (!node.anyOf.isEmpty()) {
        Errors branchErrors;
        bool matched = false;
        for (const SchemaNode* child : node.anyOf) {
            if (evaluate(*child, instance, pointer, annotations, errors ? &branchErrors : nullptr)) {
                matched = true;
                // Every matching branch contributes annotations, so only stop early when none are wanted.
                if (!annotations)
                    break;
            }
        }
        if (!matched) {
            SchemaAssertions::report(errors, node, pointer, u"anyOf"_s,
                                     SchemaText::tr("the value matches none of the %1 alternatives").arg(node.anyOf.size()));
            if (!errors)
                return false;
            errors->append(branchErrors);
            ok = false;
        }
    }
    if (!node.oneOf.isEmpty()) {
        Errors branchErrors;
        QVector<qsizetype> matches;
        Annotations matchedAnnotations;
        for (qsizetype i = 0; i < node.oneOf.size(); ++i) {
            Annotations branch;
            if (evaluate(*node.oneOf.at(i), instance, pointer, annotations ? &branch : nullptr,
                         errors ? &branchErrors : nullptr)) {
                matches.append(i);
                if (matches.size() == 1)
                    matchedAnnotations = branch;
                else
                    break;
            }
        }
        if (matches.size() == 1) {
            if (annotations)
                annotations->merge(matchedAnnotations);
        } else {
            if (matches.isEmpty()) {
                SchemaAssertions::report(errors, node, pointer, u"oneOf"_s,
                                         SchemaText::tr("the value matches none of the %1 alternatives").arg(node.oneOf.size()));
                if (errors)
                    errors->append(branchErrors);
            } else {
                SchemaAssertions::report(errors, node, pointer, u"oneOf"_s,
                                         SchemaText::tr("the value matches alternatives %1 and %2, but must match exactly one")
                                             .arg(matches.at(0))
                                             .arg(matches.at(1)));
            }
            if (!errors)
                return false;
            ok = false;
        }
    }
    if (node.notSchema && evaluate(*node.notSchema, instance, pointer, nullptr, nullptr)) {
        SchemaAssertions::report(errors, node, pointer, u"not"_s, SchemaText::tr("the value must not match the \"not\" schema"));
        if (!errors)
            return false;
        ok = false;
    }
    return ok;
}

bool SchemaEvaluator::evaluateUnevaluated(const SchemaNode& node, const QJsonValue& instance, const QString& pointer,
                                          Annotations* annotations, Errors* errors)
{
    bool ok = true;
    if (node.unevaluatedItems && instance.isArray()) {
        const QJsonArray array = instance.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (annotations->hasItem(i))
                continue;
            if (!evaluate(*node.unevaluatedItems, array.at(i), JsonPointer::append(pointer, i), nullptr, errors)) {
                if (!errors)
                    return false;
                ok = false;
            }
        }
        if (ok)
            annotations->allItems = true;
    }
    if (node.unevaluatedProperties && instance.isObject()) {
        const QJsonObject object = instance.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (annotations->hasProperty(it.key()))
                continue;
            if (!evaluate(*node.unevaluatedProperties, it.value(), JsonPointer::append(pointer, it.key()), nullptr,
                          errors)) {
                if (!errors)
                    return false;
                ok = false;
            }
        }
        if (ok)
            annotations->allProperties = true;
    }
    return ok;
}

} // namespace tierlens
