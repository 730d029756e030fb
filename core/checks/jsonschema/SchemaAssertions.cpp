#include "checks/jsonschema/SchemaAssertions.h"

#include "checks/jsonschema/SchemaText.h"

#include "checks/jsonschema/JsonPointer.h"
#include "checks/jsonschema/JsonValues.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

#include <cmath>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

QString number(double d)
{
    return JsonValues::toText(QJsonValue(d));
}

bool matchesType(quint8 types, const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return types & SchemaNode::TypeNull;
    case QJsonValue::Bool:
        return types & SchemaNode::TypeBoolean;
    case QJsonValue::Double:
        return (types & SchemaNode::TypeNumber) || ((types & SchemaNode::TypeInteger) && JsonValues::isInteger(v));
    case QJsonValue::String:
        return types & SchemaNode::TypeString;
    case QJsonValue::Array:
        return types & SchemaNode::TypeArray;
    case QJsonValue::Object:
        return types & SchemaNode::TypeObject;
    case QJsonValue::Undefined:
        break;
    }
    return false;
}

QString typeNames(quint8 types)
{
    static const QLatin1StringView names[]
        = { "null"_L1, "boolean"_L1, "object"_L1, "array"_L1, "number"_L1, "string"_L1, "integer"_L1 };
    QStringList out;
    for (int bit = 0; bit < 7; ++bit) {
        if (types & (1 << bit))
            out.append(QString(names[bit]));
    }
    return out.join(SchemaText::tr(" or "));
}

bool isMultipleOf(double value, double divisor)
{
    // Exact for integers; for fractions, a quotient within rounding noise of an integer counts (0.0075 / 0.0001).
    if (std::floor(value) == value && std::floor(divisor) == divisor && std::fabs(value) < 9007199254740992.0)
        return std::fmod(value, divisor) == 0;
    const double q = value / divisor;
    if (!std::isfinite(q))
        return false;
    return std::fabs(q - std::round(q)) < 1e-9;
}

} // namespace

void SchemaAssertions::report(Errors* errors, const SchemaNode& node, const QString& pointer, const QString& keyword,
                              const QString& message)
{
    if (errors)
        errors->append(ValidationError { pointer, keyword, JsonPointer::append(node.location, keyword), message });
}

bool SchemaAssertions::check(const SchemaNode& node, const QJsonValue& instance, const QString& pointer, Errors* errors)
{
    bool ok = true;
    if (node.types && !matchesType(node.types, instance)) {
        report(errors, node, pointer, u"type"_s,
               SchemaText::tr("%1 is not of type %2").arg(JsonValues::toText(instance), typeNames(node.types)));
        if (!errors)
            return false;
        ok = false;
    }
    if (node.enumValues) {
        bool found = false;
        for (const QJsonValue& allowed : *node.enumValues) {
            if (JsonValues::equal(allowed, instance)) {
                found = true;
                break;
            }
        }
        if (!found) {
            report(errors, node, pointer, u"enum"_s,
                   SchemaText::tr("%1 is not one of %2").arg(JsonValues::toText(instance), JsonValues::toText(*node.enumValues)));
            if (!errors)
                return false;
            ok = false;
        }
    }
    if (node.constValue && !JsonValues::equal(*node.constValue, instance)) {
        report(errors, node, pointer, u"const"_s,
               SchemaText::tr("%1 is not the constant %2").arg(JsonValues::toText(instance), JsonValues::toText(*node.constValue)));
        if (!errors)
            return false;
        ok = false;
    }
    bool typed = true;
    if (instance.isDouble())
        typed = checkNumber(node, instance, pointer, errors);
    else if (instance.isString())
        typed = checkString(node, instance.toString(), pointer, errors);
    else if (instance.isArray())
        typed = checkArray(node, instance.toArray(), pointer, errors);
    else if (instance.isObject())
        typed = checkObject(node, instance.toObject(), pointer, errors);
    return ok && typed;
}

bool SchemaAssertions::checkNumber(const SchemaNode& node, const QJsonValue& instance, const QString& pointer,
                                   Errors* errors)
{
    const double v = instance.toDouble();
    const QString text = JsonValues::toText(instance);
    bool ok = true;
    const auto failed = [&](const QString& keyword, const QString& message) {
        report(errors, node, pointer, keyword, message);
        ok = false;
        return !errors;
    };
    if (node.multipleOf && !isMultipleOf(v, *node.multipleOf)
        && failed(u"multipleOf"_s, SchemaText::tr("%1 is not a multiple of %2").arg(text, number(*node.multipleOf))))
        return false;
    if (node.maximum && v > *node.maximum
        && failed(u"maximum"_s, SchemaText::tr("%1 is greater than the maximum %2").arg(text, number(*node.maximum))))
        return false;
    if (node.exclusiveMaximum && v >= *node.exclusiveMaximum
        && failed(u"exclusiveMaximum"_s,
                  SchemaText::tr("%1 is not less than the exclusive maximum %2").arg(text, number(*node.exclusiveMaximum))))
        return false;
    if (node.minimum && v < *node.minimum
        && failed(u"minimum"_s, SchemaText::tr("%1 is less than the minimum %2").arg(text, number(*node.minimum))))
        return false;
    if (node.exclusiveMinimum && v <= *node.exclusiveMinimum
        && failed(u"exclusiveMinimum"_s,
                  SchemaText::tr("%1 is not greater than the exclusive minimum %2").arg(text, number(*node.exclusiveMinimum))))
        return false;
    return ok;
}

bool SchemaAssertions::checkString(const SchemaNode& node, const QString& s, const QString& pointer, Errors* errors)
{
    bool ok = true;
    const auto failed = [&](const QString& keyword, const QString& message) {
        report(errors, node, pointer, keyword, message);
        ok = false;
        return !errors;
    };
    if (node.maxLength || node.minLength) {
        const qsizetype length = JsonValues::codePointLength(s);
        if (node.maxLength && length > *node.maxLength
            && failed(u"maxLength"_s,
                      SchemaText::tr("the string has %1 characters, more than the maximum %2").arg(length).arg(*node.maxLength)))
            return false;
        if (node.minLength && length < *node.minLength
            && failed(u"minLength"_s,
                      SchemaText::tr("the string has %1 characters, fewer than the minimum %2").arg(length).arg(*node.minLength)))
            return false;
    }
    if (node.pattern && !node.pattern->regex.match(s).hasMatch()
        && failed(u"pattern"_s,
                  SchemaText::tr("%1 does not match the pattern %2")
                      .arg(JsonValues::toText(QJsonValue(s)), JsonValues::toText(QJsonValue(node.pattern->source)))))
        return false;
    return ok;
}

bool SchemaAssertions::checkArray(const SchemaNode& node, const QJsonArray& a, const QString& pointer, Errors* errors)
{
    bool ok = true;
    const auto failed = [&](const QString& keyword, const QString& message) {
        report(errors, node, pointer, keyword, message);
        ok = false;
        return !errors;
    };
    const qsizetype n = a.size();
    if (node.maxItems && n > *node.maxItems
        && failed(u"maxItems"_s, SchemaText::tr("the array has %1 items, more than the maximum %2").arg(n).arg(*node.maxItems)))
        return false;
    if (node.minItems && n < *node.minItems
        && failed(u"minItems"_s, SchemaText::tr("the array has %1 items, fewer than the minimum %2").arg(n).arg(*node.minItems)))
        return false;
    if (node.uniqueItems) {
        for (qsizetype i = 0; i < n; ++i) {
            for (qsizetype j = i + 1; j < n; ++j) {
                if (JsonValues::equal(a.at(i), a.at(j))) {
                    if (failed(u"uniqueItems"_s, SchemaText::tr("items %1 and %2 are equal").arg(i).arg(j)))
                        return false;
                    i = n; // one pair is enough to explain the failure
                    break;
                }
            }
        }
    }
    return ok;
}

bool SchemaAssertions::checkObject(const SchemaNode& node, const QJsonObject& o, const QString& pointer, Errors* errors)
{
    bool ok = true;
    const auto failed = [&](const QString& keyword, const QString& message) {
        report(errors, node, pointer, keyword, message);
        ok = false;
        return !errors;
    };
    const qsizetype n = o.size();
    if (node.maxProperties && n > *node.maxProperties
        && failed(u"maxProperties"_s,
                  SchemaText::tr("the object has %1 properties, more than the maximum %2").arg(n).arg(*node.maxProperties)))
        return false;
    if (node.minProperties && n < *node.minProperties
        && failed(u"minProperties"_s,
                  SchemaText::tr("the object has %1 properties, fewer than the minimum %2").arg(n).arg(*node.minProperties)))
        return false;
    for (const QString& name : node.required) {
        if (!o.contains(name) && failed(u"required"_s, SchemaText::tr("the required property \"%1\" is missing").arg(name)))
            return false;
    }
    for (const auto& dependency : node.dependentRequired) {
        if (!o.contains(dependency.first))
            continue;
        for (const QString& name : dependency.second) {
            if (!o.contains(name)
                && failed(node.dependentRequiredKeyword,
                          SchemaText::tr("the property \"%1\" is required when \"%2\" is present").arg(name, dependency.first)))
                return false;
        }
    }
    return ok;
}

} // namespace tierlens
