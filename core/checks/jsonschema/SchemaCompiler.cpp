#include "checks/jsonschema/SchemaCompiler.h"

#include "checks/jsonschema/SchemaText.h"

#include "checks/jsonschema/JsonPointer.h"
#include "checks/jsonschema/JsonValues.h"
#include "checks/jsonschema/SchemaRegistry.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <cmath>

using namespace Qt::StringLiterals;

namespace tierlens {

SchemaCompiler::SchemaCompiler(const SchemaRegistry* registry)
    : m_index(registry)
{ }

std::shared_ptr<CompiledSchema> SchemaCompiler::compile(const QJsonValue& schema, JsonSchemaDraft defaultDraft,
                                                        QString* error)
{
    m_out = std::make_shared<CompiledSchema>();
    m_nodes.clear();
    m_resources.clear();
    m_error.clear();
    // The root is keyed by its own `$id` if it has one (SchemaIndex adds that alias), else by "".
    const int document = m_index.addDocument(QString(), schema, defaultDraft);
    m_out->root = nodeAt(SchemaLocation { document, QString() }, QString());
    if (!m_out->root) {
        if (error)
            *error = m_error;
        return nullptr;
    }
    return std::move(m_out);
}

QString SchemaCompiler::locationText(const SchemaLocation& location) const
{
    return m_index.document(location.document).key + u'#' + location.pointer;
}

bool SchemaCompiler::fail(const SchemaLocation& location, const QString& keyword, const QString& message)
{
    if (m_error.isEmpty()) {
        const QString where
            = keyword.isEmpty() ? locationText(location) : JsonPointer::append(locationText(location), keyword);
        m_error = SchemaText::tr("%1: %2").arg(where, message);
    }
    return false;
}

const SchemaResource* SchemaCompiler::resourceFor(int resourceIndex)
{
    const auto it = m_resources.constFind(resourceIndex);
    if (it != m_resources.constEnd())
        return it.value();
    const SchemaIndex::Resource& indexed = m_index.resource(resourceIndex);
    m_out->resources.push_back(SchemaResource { indexed.uri, {} });
    SchemaResource* resource = &m_out->resources.back();
    m_resources.insert(resourceIndex, resource);
    // Any resource that takes part in an evaluation may be in the dynamic scope of a `$dynamicRef`, so its
    // dynamic anchors are compiled with it.
    for (auto a = indexed.dynamicAnchors.constBegin(); a != indexed.dynamicAnchors.constEnd(); ++a) {
        const SchemaNode* node = nodeAt(SchemaLocation { indexed.root.document, a.value() }, u"$dynamicAnchor"_s);
        if (!node)
            return nullptr;
        resource->dynamicAnchors.insert(a.key(), node);
    }
    return resource;
}

const SchemaNode* SchemaCompiler::nodeAt(const SchemaLocation& location, const QString& keyword)
{
    const QPair<int, QString> key(location.document, location.pointer);
    const auto it = m_nodes.constFind(key);
    if (it != m_nodes.constEnd())
        return it.value();
    const std::optional<QJsonValue> value
        = JsonPointer::resolve(m_index.document(location.document).root, location.pointer);
    if (!value) {
        fail(location, QString(), SchemaText::tr("no schema at this location"));
        return nullptr;
    }
    // Registered before its subschemas are compiled, so recursive `$ref`s find it.
    m_out->nodes.emplace_back();
    SchemaNode& node = m_out->nodes.back();
    m_nodes.insert(key, &node);

    const SchemaIndex::PositionInfo info = m_index.positionInfo(location);
    node.draft = info.draft;
    node.location = locationText(location);
    node.keyword = keyword;
    if (info.resource < 0) {
        fail(location, QString(), SchemaText::tr("no schema at this location"));
        return nullptr;
    }
    node.resource = resourceFor(info.resource);
    if (!node.resource)
        return nullptr;
    if (value->isBool()) {
        node.isBoolean = true;
        node.booleanValue = value->toBool();
        return &node;
    }
    if (!value->isObject()) {
        fail(location, QString(),
             SchemaText::tr("a schema must be an object or a boolean, not %1").arg(JsonValues::typeName(*value)));
        return nullptr;
    }
    if (!compileNode(node, value->toObject(), location, info.base))
        return nullptr;
    return &node;
}

bool SchemaCompiler::compileReference(const QJsonObject& o, const QString& keyword, const SchemaLocation& location,
                                      const QUrl& base, JsonSchemaDraft draft, const SchemaNode** target,
                                      QString* fragment)
{
    const QJsonValue ref = o.value(keyword);
    if (!ref.isString())
        return fail(location, keyword, SchemaText::tr("expected a URI reference (a string)"));
    QString error;
    const std::optional<SchemaLocation> resolved = m_index.resolve(ref.toString(), base, draft, &error);
    if (!resolved)
        return fail(location, keyword, error);
    *target = nodeAt(*resolved, keyword);
    if (fragment) {
        const qsizetype hash = ref.toString().indexOf(u'#');
        *fragment = hash < 0 ? QString() : QUrl::fromPercentEncoding(ref.toString().mid(hash + 1).toUtf8());
    }
    return *target != nullptr;
}

bool SchemaCompiler::compileNode(SchemaNode& node, const QJsonObject& o, const SchemaLocation& location,
                                 const QUrl& base)
{
    if (o.contains(u"$ref"_s)) {
        if (!compileReference(o, u"$ref"_s, location, base, node.draft, &node.ref, nullptr))
            return false;
        if (node.draft != JsonSchemaDraft::Draft2020_12) {
            node.refOverridesSiblings = true;
            return true;
        }
    }
    if (node.draft == JsonSchemaDraft::Draft2020_12) {
        if (o.contains(u"$dynamicRef"_s)) {
            QString fragment;
            if (!compileReference(o, u"$dynamicRef"_s, location, base, node.draft, &node.dynamicRef, &fragment))
                return false;
            if (!fragment.isEmpty() && !fragment.startsWith(u'/'))
                node.dynamicRefAnchor = fragment;
        }
        node.dynamicAnchor = o.value(u"$dynamicAnchor"_s).toString();
    }
    return compileAssertions(node, o, location) && compileApplicators(node, o, location);
}

const SchemaNode* SchemaCompiler::subschema(const SchemaLocation& parent, const QString& keyword)
{
    return nodeAt(SchemaLocation { parent.document, JsonPointer::append(parent.pointer, keyword) }, keyword);
}

bool SchemaCompiler::subschemaArray(const QJsonObject& o, const QString& keyword, const SchemaLocation& parent,
                                    QVector<const SchemaNode*>* out)
{
    const QJsonValue v = o.value(keyword);
    if (v.isUndefined())
        return true;
    if (!v.isArray())
        return fail(parent, keyword, SchemaText::tr("expected an array of schemas"));
    const qsizetype n = v.toArray().size();
    const QString at = JsonPointer::append(parent.pointer, keyword);
    for (qsizetype i = 0; i < n; ++i) {
        const SchemaNode* child = nodeAt(SchemaLocation { parent.document, JsonPointer::append(at, i) }, keyword);
        if (!child)
            return false;
        out->append(child);
    }
    return true;
}

bool SchemaCompiler::subschemaMap(const QJsonObject& o, const QString& keyword, const SchemaLocation& parent,
                                  QVector<QPair<QString, const SchemaNode*>>* out)
{
    const QJsonValue v = o.value(keyword);
    if (v.isUndefined())
        return true;
    if (!v.isObject())
        return fail(parent, keyword, SchemaText::tr("expected an object whose values are schemas"));
    const QJsonObject m = v.toObject();
    const QString at = JsonPointer::append(parent.pointer, keyword);
    for (auto it = m.constBegin(); it != m.constEnd(); ++it) {
        const SchemaNode* child
            = nodeAt(SchemaLocation { parent.document, JsonPointer::append(at, it.key()) }, keyword);
        if (!child)
            return false;
        out->append({ it.key(), child });
    }
    return true;
}

bool SchemaCompiler::compilePattern(const QString& source, const SchemaLocation& location, const QString& keyword,
                                    SchemaPattern* out)
{
    // PCRE2 is close enough to ECMA 262 for the patterns schemas use, and QRegularExpression works on code
    // points; only ECMA's \uXXXX escape needs rewriting (PCRE2 spells it \x{XXXX}).
    QString pcre;
    pcre.reserve(source.size());
    for (qsizetype i = 0; i < source.size(); ++i) {
        if (source.at(i) != u'\\' || i + 1 >= source.size()) {
            pcre.append(source.at(i));
            continue;
        }
        const QStringView hex = QStringView(source).mid(i + 2, 4);
        bool isHex = false;
        if (source.at(i + 1) == u'u' && hex.size() == 4)
            (void)hex.toUInt(&isHex, 16);
        if (isHex) {
            pcre.append(u"\\x{"_s + hex + u'}');
            i += 5;
        } else {
            pcre.append(source.at(i));
            pcre.append(source.at(++i)); // keeps "\\u" an escaped backslash followed by 'u'
        }
    }
    QRegularExpression regex(pcre);
    if (!regex.isValid()) {
        return fail(location, keyword,
                    SchemaText::tr("invalid regular expression \"%1\": %2 at offset %3")
                        .arg(source, regex.errorString())
                        .arg(regex.patternErrorOffset()));
    }
    regex.optimize();
    *out = SchemaPattern { source, regex };
    return true;
}

} // namespace tierlens
