#pragma once
// Turns a schema document into linked SchemaNodes: keywords parsed and checked once, `$ref`s resolved to nodes.

#include "checks/jsonschema/CompiledSchema.h"
#include "checks/jsonschema/SchemaIndex.h"

#include <QHash>
#include <QPair>

#include <memory>

namespace tierlens {

class SchemaRegistry;

class SchemaCompiler
{
public:
    explicit SchemaCompiler(const SchemaRegistry* registry);

    // nullptr on error, with `error` naming the schema location and the keyword.
    std::shared_ptr<CompiledSchema> compile(const QJsonValue& schema, JsonSchemaDraft defaultDraft, QString* error);

private:
    const SchemaNode* nodeAt(const SchemaLocation& location, const QString& keyword);
    bool compileNode(SchemaNode& node, const QJsonObject& o, const SchemaLocation& location, const QUrl& base);
    bool compileAssertions(SchemaNode& node, const QJsonObject& o, const SchemaLocation& location);
    bool compileApplicators(SchemaNode& node, const QJsonObject& o, const SchemaLocation& location);
    bool compileReference(const QJsonObject& o, const QString& keyword, const SchemaLocation& location,
                          const QUrl& base, JsonSchemaDraft draft, const SchemaNode** target, QString* fragment);
    const SchemaNode* subschema(const SchemaLocation& parent, const QString& keyword);
    bool subschemaArray(const QJsonObject& o, const QString& keyword, const SchemaLocation& parent,
                        QVector<const SchemaNode*>* out);
    bool subschemaMap(const QJsonObject& o, const QString& keyword, const SchemaLocation& parent,
                      QVector<QPair<QString, const SchemaNode*>>* out);
    bool compilePattern(const QString& source, const SchemaLocation& location, const QString& keyword,
                        SchemaPattern* out);
    const SchemaResource* resourceFor(int resourceIndex);
    QString locationText(const SchemaLocation& location) const;
    bool fail(const SchemaLocation& location, const QString& keyword, const QString& message);

    SchemaIndex m_index;
    std::shared_ptr<CompiledSchema> m_out;
    QHash<QPair<int, QString>, SchemaNode*> m_nodes;
    QHash<int, const SchemaResource*> m_resources;
    QString m_error;
};

} // namespace tierlens
