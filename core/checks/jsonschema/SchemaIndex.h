#pragma once
// Finds every schema resource (`$id`), anchor and schema position in the documents of one compilation,
// so that `$ref`s resolve to a document and a JSON pointer.

#include "checks/jsonschema/Draft.h"

#include <QHash>
#include <QJsonValue>
#include <QString>
#include <QUrl>
#include <QVector>

#include <optional>

namespace tierlens {

class SchemaRegistry;

struct SchemaLocation
{
    int document = -1;
    QString pointer; // canonical JSON pointer inside the document

    bool operator==(const SchemaLocation& o) const { return document == o.document && pointer == o.pointer; }
};

class SchemaIndex
{
public:
    struct Document
    {
        QString key; // registry key: URI without fragment ("" for an anonymous root schema)
        QJsonValue root;
    };
    struct Resource
    {
        QString uri;
        SchemaLocation root;
        QHash<QString, QString> dynamicAnchors; // name -> pointer in the resource's document
    };
    struct PositionInfo
    {
        QUrl base;
        JsonSchemaDraft draft = JsonSchemaDraft::Draft2020_12;
        int resource = -1;
    };

    explicit SchemaIndex(const SchemaRegistry* registry);

    // Indexes a document; returns its number. `defaultDraft` applies when its root has no known `$schema`.
    int addDocument(const QString& key, const QJsonValue& root, JsonSchemaDraft defaultDraft);

    const Document& document(int index) const { return m_documents.at(index); }
    const Resource& resource(int index) const { return m_resources.at(index); }
    // Base URI, draft and resource of a schema position; positions the walk did not reach (a `$ref` into an
    // unknown keyword) inherit from the nearest indexed ancestor.
    PositionInfo positionInfo(const SchemaLocation& location) const;

    // Resolves `ref` (a URI reference) against `base`. Documents missing from the index are looked up in the
    // registry, then in the built-in meta-schemas. On failure returns nullopt and sets `error`.
    std::optional<SchemaLocation> resolve(const QString& ref, const QUrl& base, JsonSchemaDraft draft, QString* error);

    // Canonical form of a JSON pointer ("/a~1b" stays, "/%25" style input must already be decoded).
    static std::optional<QString> canonicalPointer(const QString& pointer);

private:
    void walk(int document, const QJsonValue& value, const QString& pointer, QUrl base, JsonSchemaDraft draft,
              int resource);
    void walkChildren(int document, const QJsonObject& object, const QString& pointer, const QUrl& base,
                      JsonSchemaDraft draft, int resource);
    int addResource(const QString& uri, const SchemaLocation& root);
    int findOrLoadResource(const QString& key, JsonSchemaDraft draft);

    const SchemaRegistry* m_registry;
    QVector<Document> m_documents;
    QVector<Resource> m_resources;
    QHash<QString, int> m_resourceByUri;
    QHash<QString, SchemaLocation> m_anchors; // "<resource uri>#<name>"
    QVector<QHash<QString, PositionInfo>> m_positions; // per document, by pointer
};

} // namespace tierlens
