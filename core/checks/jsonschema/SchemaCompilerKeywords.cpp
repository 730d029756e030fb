// SchemaCompiler: parsing of the assertion and applicator keywords of one schema object.

#include "checks/jsonschema/SchemaText.h"
#include "checks/jsonschema/SchemaCompiler.h"

#include "checks/jsonschema/JsonPointer.h"
#include "checks/jsonschema/JsonValues.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

std::optional<quint8> typeBit(const QString& name)
{
    static const QHash<QString, quint8> bits {
        { u"null"_s, SchemaNode::TypeNull },       { u"boolean"_s, SchemaNode::TypeBoolean },
        { u"object"_s, SchemaNode::TypeObject },   { u"array"_s, SchemaNode::TypeArray },
        { u"number"_s, SchemaNode::TypeNumber },   { u"string"_s, SchemaNode::TypeString },
        { u"integer"_s, SchemaNode::TypeInteger },
    };
    const auto it = bits.constFind(name);
    if (it == bits.constEnd())
        return std::nullopt;
    return it.value();
}

bool isStringArray(const QJsonValue& v)
{
    if (!v.isArray())
        return false;
    for (const QJsonValue& item : v.toArray()) {
        if (!item.isString())
            return false;
    }
    return true;
}

QStringList toStringList(const QJsonValue& v)
{
    QStringList out;
    for (const QJsonValue& item : v.toArray())
        out.append(item.toString());
    return out;
}

} // namespace

bool SchemaCompiler::compileAssertions(SchemaNode& node, const QJsonObject& o, const SchemaLocation& location)
{
    const JsonSchemaDraft draft = node.draft;
    const bool modern = draft == JsonSchemaDraft::Draft2020_12;

    const QJsonValue type = o.value(u"type"_s);
    if (!type.isUndefined()) {
        const QJsonArray names = type.isArray() ? type.toArray() : QJsonArray { type };
        for (const QJsonValue& name : names) {
            const std::optional<quint8> bit = name.isString() ? typeBit(name.toString()) : std::nullopt;
            if (!bit)
                return fail(location, u"type"_s, SchemaText::tr("unknown type %1").arg(JsonValues::toText(name)));
            node.types |= *bit;
        }
    }
    if (o.contains(u"enum"_s)) {
        if (!o.value(u"enum"_s).isArray())
            return fail(location, u"enum"_s, SchemaText::tr("expected an array of values"));
        node.enumValues = o.value(u"enum"_s).toArray();
    }
    if (draft != JsonSchemaDraft::Draft4 && o.contains(u"const"_s))
        node.constValue = o.value(u"const"_s);

    const auto number = [&](const QString& keyword, std::optional<double>* out) {
        const QJsonValue v = o.value(keyword);
        if (v.isUndefined())
            return true;
        if (!v.isDouble())
            return fail(location, keyword, SchemaText::tr("expected a number, not %1").arg(JsonValues::toText(v)));
        *out = v.toDouble();
        return true;
    };
    const auto count = [&](const QString& keyword, std::optional<qint64>* out) {
        const QJsonValue v = o.value(keyword);
        if (v.isUndefined())
            return true;
        if (!JsonValues::isInteger(v) || v.toDouble() < 0)
            return fail(location, keyword, SchemaText::tr("expected a non-negative integer, not %1").arg(JsonValues::toText(v)));
        *out = qint64(v.toDouble());
        return true;
    };
    if (!number(u"multipleOf"_s, &node.multipleOf) || !number(u"maximum"_s, &node.maximum)
        || !number(u"minimum"_s, &node.minimum))
        return false;
    if (node.multipleOf && *node.multipleOf <= 0)
        return fail(location, u"multipleOf"_s, SchemaText::tr("must be greater than 0"));
    if (draft == JsonSchemaDraft::Draft4) {
        // draft-04: exclusiveMaximum/exclusiveMinimum are booleans that make maximum/minimum strict.
        if (o.value(u"exclusiveMaximum"_s).toBool() && node.maximum)
            node.exclusiveMaximum = std::exchange(node.maximum, std::nullopt);
        if (o.value(u"exclusiveMinimum"_s).toBool() && node.minimum)
            node.exclusiveMinimum = std::exchange(node.minimum, std::nullopt);
    } else if (!number(u"exclusiveMaximum"_s, &node.exclusiveMaximum)
               || !number(u"exclusiveMinimum"_s, &node.exclusiveMinimum)) {
        return false;
    }
    if (!count(u"maxLength"_s, &node.maxLength) || !count(u"minLength"_s, &node.minLength)
        || !count(u"maxItems"_s, &node.maxItems) || !count(u"minItems"_s, &node.minItems)
        || !count(u"maxProperties"_s, &node.maxProperties) || !count(u"minProperties"_s, &node.minProperties))
        return false;
    if (modern && (!count(u"maxContains"_s, &node.maxContains) || !count(u"minContains"_s, &node.minContains)))
        return false;

    const QJsonValue pattern = o.value(u"pattern"_s);
    if (!pattern.isUndefined()) {
        if (!pattern.isString())
            return fail(location, u"pattern"_s, SchemaText::tr("expected a regular expression (a string)"));
        SchemaPattern compiled;
        if (!compilePattern(pattern.toString(), location, u"pattern"_s, &compiled))
            return false;
        node.pattern = compiled;
    }
    const QJsonValue unique = o.value(u"uniqueItems"_s);
    if (!unique.isUndefined() && !unique.isBool())
        return fail(location, u"uniqueItems"_s, SchemaText::tr("expected a boolean"));
    node.uniqueItems = unique.toBool();

    const QJsonValue required = o.value(u"required"_s);
    if (!required.isUndefined()) {
        if (!isStringArray(required))
            return fail(location, u"required"_s, SchemaText::tr("expected an array of property names"));
        node.required = toStringList(required);
    }
    if (modern && o.contains(u"dependentRequired"_s)) {
        const QJsonValue deps = o.value(u"dependentRequired"_s);
        if (!deps.isObject())
            return fail(location, u"dependentRequired"_s, SchemaText::tr("expected an object of property name arrays"));
        const QJsonObject m = deps.toObject();
        for (auto it = m.constBegin(); it != m.constEnd(); ++it) {
            if (!isStringArray(it.value()))
                return fail(location, JsonPointer::append(u"dependentRequired"_s, it.key()),
                            SchemaText::tr("expected an array of property names"));
            node.dependentRequired.append({ it.key(), toStringList(it.value()) });
        }
        node.dependentRequiredKeyword = u"dependentRequired"_s;
    }
    return true;
}

bool SchemaCompiler::compileApplicators(SchemaNode& node, const QJsonObject& o, const SchemaLocation& location)
{
    const JsonSchemaDraft draft = node.draft;
    const bool modern = draft == JsonSchemaDraft::Draft2020_12;
    const auto single = [&](const QString& keyword, const SchemaNode** out) {
        if (!o.contains(keyword))
            return true;
        *out = subschema(location, keyword);
        return *out != nullptr;
    };

    if (!subschemaArray(o, u"allOf"_s, location, &node.allOf) || !subschemaArray(o, u"anyOf"_s, location, &node.anyOf)
        || !subschemaArray(o, u"oneOf"_s, location, &node.oneOf) || !single(u"not"_s, &node.notSchema))
        return false;
    if (draft != JsonSchemaDraft::Draft4 && draft != JsonSchemaDraft::Draft6) {
        if (!single(u"if"_s, &node.ifSchema) || !single(u"then"_s, &node.thenSchema)
            || !single(u"else"_s, &node.elseSchema))
            return false;
    }

    QVector<QPair<QString, const SchemaNode*>> properties;
    if (!subschemaMap(o, u"properties"_s, location, &properties))
        return false;
    for (const auto& p : std::as_const(properties))
        node.properties.insert(p.first, p.second);
    QVector<QPair<QString, const SchemaNode*>> patternProperties;
    if (!subschemaMap(o, u"patternProperties"_s, location, &patternProperties))
        return false;
    for (const auto& p : std::as_const(patternProperties)) {
        SchemaPattern compiled;
        if (!compilePattern(p.first, location, u"patternProperties"_s, &compiled))
            return false;
        node.patternProperties.append({ compiled, p.second });
    }
    if (!single(u"additionalProperties"_s, &node.additionalProperties))
        return false;
    if (draft != JsonSchemaDraft::Draft4 && !single(u"propertyNames"_s, &node.propertyNames))
        return false;

    if (modern) {
        if (!subschemaMap(o, u"dependentSchemas"_s, location, &node.dependentSchemas))
            return false;
    } else if (o.contains(u"dependencies"_s)) {
        // draft-07 `dependencies` is dependentRequired (array values) and dependentSchemas (schema values) in one.
        const QJsonValue deps = o.value(u"dependencies"_s);
        if (!deps.isObject())
            return fail(location, u"dependencies"_s, SchemaText::tr("expected an object"));
        const QJsonObject m = deps.toObject();
        const QString at = JsonPointer::append(location.pointer, u"dependencies"_s);
        for (auto it = m.constBegin(); it != m.constEnd(); ++it) {
            if (it.value().isArray()) {
                if (!isStringArray(it.value()))
                    return fail(location, JsonPointer::append(u"dependencies"_s, it.key()),
                                SchemaText::tr("expected an array of property names or a schema"));
                node.dependentRequired.append({ it.key(), toStringList(it.value()) });
                continue;
            }
            const SchemaNode* child
                = nodeAt(SchemaLocation { location.document, JsonPointer::append(at, it.key()) }, u"dependencies"_s);
            if (!child)
                return false;
            node.dependentSchemas.append({ it.key(), child });
        }
        node.dependentRequiredKeyword = u"dependencies"_s;
    }

    if (modern) {
        if (!subschemaArray(o, u"prefixItems"_s, location, &node.prefixItems) || !single(u"items"_s, &node.items))
            return false;
    } else if (o.value(u"items"_s).isArray()) {
        if (!subschemaArray(o, u"items"_s, location, &node.prefixItems) || !single(u"additionalItems"_s, &node.items))
            return false;
    } else if (!single(u"items"_s, &node.items)) {
        return false;
    }
    if (draft != JsonSchemaDraft::Draft4 && !single(u"contains"_s, &node.contains))
        return false;

    if (modern) {
        if (!single(u"unevaluatedItems"_s, &node.unevaluatedItems)
            || !single(u"unevaluatedProperties"_s, &node.unevaluatedProperties))
            return false;
        node.hasUnevaluated = node.unevaluatedItems || node.unevaluatedProperties;
    }
    return true;
}

} // namespace tierlens
