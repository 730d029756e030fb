#include "checks/jsonschema/SchemaIndex.h"

#include "checks/jsonschema/SchemaText.h"

#include "checks/jsonschema/JsonPointer.h"
#include "checks/jsonschema/SchemaRegistry.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

// Keywords whose value is one subschema, an array of subschemas, or an object of subschemas, in any draft the
// validator knows. Indexing a keyword of another draft costs nothing: such a subschema is only compiled if a
// `$ref` reaches it.
const QLatin1StringView kSingleSchemaKeywords[] = {
    "additionalItems"_L1,
    "additionalProperties"_L1,
    "contains"_L1,
    "propertyNames"_L1,
    "not"_L1,
    "if"_L1,
    "then"_L1,
    "else"_L1,
    "unevaluatedItems"_L1,
    "unevaluatedProperties"_L1,
    "items"_L1,
};
const QLatin1StringView kSchemaArrayKeywords[] = { "allOf"_L1, "anyOf"_L1, "oneOf"_L1, "prefixItems"_L1, "items"_L1 };
const QLatin1StringView kSchemaMapKeywords[] = {
    "properties"_L1, "patternProperties"_L1, "definitions"_L1, "$defs"_L1, "dependentSchemas"_L1, "dependencies"_L1,
};

bool isSchemaShaped(const QJsonValue& v)
{
    return v.isObject() || v.isBool();
}

} // namespace

SchemaIndex::SchemaIndex(const SchemaRegistry* registry)
    : m_registry(registry)
{ }

std::optional<QString> SchemaIndex::canonicalPointer(const QString& pointer)
{
    const std::optional<QStringList> tokens = JsonPointer::parse(pointer);
    if (!tokens)
        return std::nullopt;
    QString out;
    for (const QString& t : *tokens)
        out = JsonPointer::append(out, t);
    return out;
}

int SchemaIndex::addResource(const QString& uri, const SchemaLocation& root)
{
    const auto it = m_resourceByUri.constFind(uri);
    if (it != m_resourceByUri.constEnd())
        return it.value();
    m_resources.append(Resource { uri, root, QHash<QString, QString>() });
    m_resourceByUri.insert(uri, int(m_resources.size() - 1));
    return int(m_resources.size() - 1);
}

int SchemaIndex::addDocument(const QString& key, const QJsonValue& root, JsonSchemaDraft defaultDraft)
{
    const int index = int(m_documents.size());
    m_documents.append(Document { key, root });
    m_positions.append(QHash<QString, PositionInfo>());
    const int resource = addResource(key, SchemaLocation { index, QString() });
    walk(index, root, QString(), QUrl(key), defaultDraft, resource);
    return index;
}

void SchemaIndex::walk(int document, const QJsonValue& value, const QString& pointer, QUrl base, JsonSchemaDraft draft,
                       int resource)
{
    if (!value.isObject()) {
        // Not a schema unless boolean, but recorded anyway so that the compiler can say where a bad one sits.
        if (!m_positions[document].contains(pointer))
            m_positions[document].insert(pointer, PositionInfo { base, draft, resource });
        return;
    }
    const QJsonObject o = value.toObject();
    const QJsonValue schemaUri = o.value(u"$schema"_s);
    if (schemaUri.isString()) {
        if (const std::optional<JsonSchemaDraft> d = jsonSchemaDraftFromUri(schemaUri.toString()))
            draft = *d;
    }
    const bool modern = draft == JsonSchemaDraft::Draft2020_12;
    const QJsonValue id = o.value(draft == JsonSchemaDraft::Draft4 ? u"id"_s : u"$id"_s);
    // Before 2019-09 `$ref` hides its siblings, `$id` included.
    if (id.isString() && (modern || !o.contains(u"$ref"_s))) {
        const QUrl resolved = base.resolved(QUrl(id.toString()));
        const QString fragment = resolved.fragment(QUrl::FullyDecoded);
        const QUrl newBase = resolved.adjusted(QUrl::RemoveFragment);
        const QString newKey = SchemaRegistry::keyFor(newBase);
        if (newKey != SchemaRegistry::keyFor(base)) {
            base = newBase;
            resource = addResource(newKey, SchemaLocation { document, pointer });
        }
        if (!modern && !fragment.isEmpty() && !fragment.startsWith(u'/'))
            m_anchors.insert(newKey + u'#' + fragment, SchemaLocation { document, pointer });
    }
    if (modern) {
        const QString baseKey = SchemaRegistry::keyFor(base);
        const QJsonValue anchor = o.value(u"$anchor"_s);
        if (anchor.isString())
            m_anchors.insert(baseKey + u'#' + anchor.toString(), SchemaLocation { document, pointer });
        const QJsonValue dynamicAnchor = o.value(u"$dynamicAnchor"_s);
        if (dynamicAnchor.isString()) {
            const QString name = dynamicAnchor.toString();
            if (!m_anchors.contains(baseKey + u'#' + name))
                m_anchors.insert(baseKey + u'#' + name, SchemaLocation { document, pointer });
            m_resources[resource].dynamicAnchors.insert(name, pointer);
        }
    }
    if (!m_positions[document].contains(pointer))
        m_positions[document].insert(pointer, PositionInfo { base, draft, resource });
    walkChildren(document, o, pointer, base, draft, resource);
}

void SchemaIndex::walkChildren(int document, const QJsonObject& o, const QString& pointer, const QUrl& base,
                               JsonSchemaDraft draft, int resource)
{
    for (QLatin1StringView keyword : kSingleSchemaKeywords) {
        const QJsonValue v = o.value(keyword);
        if (isSchemaShaped(v))
            walk(document, v, JsonPointer::append(pointer, QString(keyword)), base, draft, resource);
    }
    for (QLatin1StringView keyword : kSchemaArrayKeywords) {
        const QJsonValue v = o.value(keyword);
        if (!v.isArray())
            continue;
        const QJsonArray a = v.toArray();
        const QString at = JsonPointer::append(pointer, QString(keyword));
        for (qsizetype i = 0; i < a.size(); ++i)
            walk(document, a.at(i), JsonPointer::append(at, i), base, draft, resource);
    }
    for (QLatin1StringView keyword : kSchemaMapKeywords) {
        const QJsonValue v = o.value(keyword);
        if (!v.isObject())
            continue;
        const QJsonObject m = v.toObject();
        const QString at = JsonPointer::append(pointer, QString(keyword));
        for (auto it = m.constBegin(); it != m.constEnd(); ++it) {
            if (isSchemaShaped(it.value()))
                walk(document, it.value(), JsonPointer::append(at, it.key()), base, draft, resource);
        }
    }
}

SchemaIndex::PositionInfo SchemaIndex::positionInfo(const SchemaLocation& location) const
{
    const QHash<QString, PositionInfo>& positions = m_positions.at(location.document);
    QString pointer = location.pointer;
    for (;;) {
        const auto it = positions.constFind(pointer);
        if (it != positions.constEnd())
            return it.value();
        if (pointer.isEmpty())
            return PositionInfo {};
        pointer.truncate(pointer.lastIndexOf(u'/'));
    }
}

int SchemaIndex::findOrLoadResource(const QString& key, JsonSchemaDraft draft)
{
    const auto it = m_resourceByUri.constFind(key);
    if (it != m_resourceByUri.constEnd())
        return it.value();
    std::optional<QJsonValue> doc;
    if (m_registry)
        doc = m_registry->document(key);
    if (!doc)
        doc = SchemaRegistry::builtin().document(key);
    if (!doc)
        return -1;
    addDocument(key, *doc, draft);
    return m_resourceByUri.value(key, -1);
}

std::optional<SchemaLocation> SchemaIndex::resolve(const QString& ref, const QUrl& base, JsonSchemaDraft draft,
                                                   QString* error)
{
    const qsizetype hash = ref.indexOf(u'#');
    const QString uriPart = hash < 0 ? ref : ref.left(hash);
    const QString rawFragment = hash < 0 ? QString() : ref.mid(hash + 1);
    const QUrl target = uriPart.isEmpty() ? base : base.resolved(QUrl(uriPart));
    const QString key = SchemaRegistry::keyFor(target);
    const int res = findOrLoadResource(key, draft);
    if (res < 0) {
        *error = SchemaText::tr("cannot resolve \"%1\": no schema is known as \"%2\"").arg(ref, key);
        return std::nullopt;
    }
    const Resource& resource = m_resources.at(res);
    const QString fragment = QUrl::fromPercentEncoding(rawFragment.toUtf8());
    if (fragment.isEmpty())
        return resource.root;
    if (fragment.startsWith(u'/')) {
        const std::optional<QString> canonical = canonicalPointer(fragment);
        if (!canonical) {
            *error = SchemaText::tr("cannot resolve \"%1\": \"%2\" is not a valid JSON pointer").arg(ref, fragment);
            return std::nullopt;
        }
        const QString pointer = resource.root.pointer + *canonical;
        if (!JsonPointer::resolve(m_documents.at(resource.root.document).root, pointer)) {
            *error = SchemaText::tr("cannot resolve \"%1\": nothing at \"%2\" in \"%3\"").arg(ref, fragment, key);
            return std::nullopt;
        }
        return SchemaLocation { resource.root.document, pointer };
    }
    auto anchor = m_anchors.constFind(key + u'#' + fragment);
    if (anchor == m_anchors.constEnd()) {
        // `key` may be an alias of the resource (the name a document was fetched by, not its `$id`).
        const QString canonicalKey = SchemaRegistry::keyFor(positionInfo(resource.root).base);
        anchor = m_anchors.constFind(canonicalKey + u'#' + fragment);
    }
    if (anchor == m_anchors.constEnd()) {
        *error = SchemaText::tr("cannot resolve \"%1\": no anchor \"%2\" in \"%3\"").arg(ref, fragment, key);
        return std::nullopt;
    }
    return anchor.value();
}

} // namespace tierlens
