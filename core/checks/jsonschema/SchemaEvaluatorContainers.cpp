// SchemaEvaluator: the applicators that descend into array items and object properties.

#include "checks/jsonschema/SchemaText.h"
#include "checks/jsonschema/SchemaEvaluator.h"

#include "checks/jsonschema/JsonPointer.h"
#include "checks/jsonschema/SchemaAssertions.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace tierlens {

bool SchemaEvaluator::evaluateArray(const SchemaNode& node, const QJsonArray& array, const QString& pointer,
                                    Annotations* annotations, Errors* errors)
{
    bool ok = true;
    const qsizetype n = array.size();
    const qsizetype prefix = qMin(n, qsizetype(node.prefixItems.size()));
    for (qsizetype i = 0; i < prefix; ++i) {
        if (!evaluate(*node.prefixItems.at(i), array.at(i), JsonPointer::append(pointer, i), nullptr, errors)) {
            if (!errors)
                return false;
            ok = false;
        }
    }
    if (annotations)
        annotations->prefixItems = qMax(annotations->prefixItems, prefix);
    if (node.items) {
        for (qsizetype i = prefix; i < n; ++i) {
            if (!evaluate(*node.items, array.at(i), JsonPointer::append(pointer, i), nullptr, errors)) {
                if (!errors)
                    return false;
                ok = false;
            }
        }
        if (annotations)
            annotations->allItems = true;
    }
    if (node.contains) {
        const qint64 minimum = node.minContains.value_or(1);
        qint64 matched = 0;
        for (qsizetype i = 0; i < n; ++i) {
            if (!evaluate(*node.contains, array.at(i), JsonPointer::append(pointer, i), nullptr, nullptr))
                continue;
            ++matched;
            if (annotations)
                annotations->items.insert(i);
            // Counting on only matters for maxContains and for the annotation of every matching item.
            else if (!node.maxContains && matched >= minimum)
                break;
        }
        if (matched < minimum) {
            if (node.minContains) {
                SchemaAssertions::report(
                    errors, node, pointer, u"minContains"_s,
                    SchemaText::tr("%1 items match the \"contains\" schema, fewer than the minimum %2").arg(matched).arg(minimum));
            } else {
                SchemaAssertions::report(errors, node, pointer, u"contains"_s,
                                         SchemaText::tr("no item matches the \"contains\" schema"));
            }
            if (!errors)
                return false;
            ok = false;
        }
        if (node.maxContains && matched > *node.maxContains) {
            SchemaAssertions::report(errors, node, pointer, u"maxContains"_s,
                                     SchemaText::tr("%1 items match the \"contains\" schema, more than the maximum %2")
                                         .arg(matched)
                                         .arg(*node.maxContains));
            if (!errors)
                return false;
            ok = false;
        }
    }
    return ok;
}

bool SchemaEvaluator::evaluateObject(const SchemaNode& node, const QJsonObject& object, const QString& pointer,
                                     Annotations* annotations, Errors* errors)
{
    bool ok = true;
    const bool descends = !node.properties.isEmpty() || !node.patternProperties.isEmpty() || node.additionalProperties;
    for (auto it = descends ? object.constBegin() : object.constEnd(); it != object.constEnd(); ++it) {
        const QString& name = it.key();
        const QString at = JsonPointer::append(pointer, name);
        bool evaluated = false;
        const auto property = node.properties.constFind(name);
        if (property != node.properties.constEnd()) {
            evaluated = true;
            if (!evaluate(*property.value(), it.value(), at, nullptr, errors)) {
                if (!errors)
                    return false;
                ok = false;
            }
        }
        for (const auto& pattern : node.patternProperties) {
            if (!pattern.first.regex.match(name).hasMatch())
                continue;
            evaluated = true;
            if (!evaluate(*pattern.second, it.value(), at, nullptr, errors)) {
                if (!errors)
                    return false;
                ok = false;
            }
        }
        if (!evaluated && node.additionalProperties) {
            evaluated = true;
            if (!evaluate(*node.additionalProperties, it.value(), at, nullptr, errors)) {
                if (!errors)
                    return false;
                ok = false;
            }
        }
        if (evaluated && annotations)
            annotations->properties.insert(name);
    }
    if (node.propertyNames) {
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (evaluate(*node.propertyNames, QJsonValue(it.key()), pointer, nullptr, nullptr))
                continue;
            SchemaAssertions::report(
                errors, node, pointer, u"propertyNames"_s,
                SchemaText::tr("the property name \"%1\" does not match the \"propertyNames\" schema").arg(it.key()));
            if (!errors)
                return false;
            ok = false;
        }
    }
    return ok;
}

} // namespace tierlens
