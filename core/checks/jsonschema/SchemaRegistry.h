#pragma once
// Schema documents known by URI, so that `$ref`s to other documents resolve without any network access.

#include <QHash>
#include <QJsonValue>
#include <QString>
#include <QUrl>

#include <optional>

namespace tierlens {

class SchemaRegistry
{
public:
    // Registers `document` under `uri` (its fragment dropped; empty: not at all) and under the `$id` (`id` in
    // draft-04) at its root, if any.
    void addDocument(const QUrl& uri, const QJsonValue& document);
    // Registers every *.json file below `directory`, keyed by `baseUri` + its relative path
    // ("folder/x.json" under "http://localhost:1234/"). False with a message naming the file on bad JSON.
    bool addDirectory(const QString& directory, const QUrl& baseUri, QString* error);
    // The document registered under `uri` (fragment ignored).
    std::optional<QJsonValue> document(const QString& uri) const;
    qsizetype size() const { return m_documents.size(); }

    // The draft-04, -06, -07 and 2020-12 meta-schemas (with the 2020-12 vocabularies), compiled into the library.
    static const SchemaRegistry& builtin();
    // The key a URI is stored under: fully encoded, no fragment.
    static QString keyFor(const QUrl& uri);

private:
    QHash<QString, QJsonValue> m_documents;
};

} // namespace tierlens
