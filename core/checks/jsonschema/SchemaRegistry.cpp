#include "checks/jsonschema/SchemaRegistry.h"

#include "checks/jsonschema/SchemaText.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

std::optional<QJsonValue> readJsonFile(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = SchemaText::tr("%1: cannot open: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    const QByteArray data = file.readAll();
    QJsonParseError parseError;
    // Wrapping in an array accepts documents whose root is a scalar (a boolean schema).
    const QJsonDocument doc = QJsonDocument::fromJson("["_ba + data + "]"_ba, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isArray() || doc.array().size() != 1) {
        if (error)
            *error = SchemaText::tr("%1: invalid JSON at byte %2: %3")
                         .arg(path)
                         .arg(qMax(0, parseError.offset - 1))
                         .arg(parseError.errorString());
        return std::nullopt;
    }
    return doc.array().at(0);
}

} // namespace

QString SchemaRegistry::keyFor(const QUrl& uri)
{
    return uri.adjusted(QUrl::RemoveFragment).toString(QUrl::FullyEncoded);
}

void SchemaRegistry::addDocument(const QUrl& uri, const QJsonValue& document)
{
    if (!uri.isEmpty())
        m_documents.insert(keyFor(uri), document);
    const QJsonObject root = document.toObject();
    // draft-04 spells it `id`.
    const QJsonValue id = root.contains(u"$id"_s) ? root.value(u"$id"_s) : root.value(u"id"_s);
    if (id.isString())
        m_documents.insert(keyFor(uri.resolved(QUrl(id.toString()))), document);
}

bool SchemaRegistry::addDirectory(const QString& directory, const QUrl& baseUri, QString* error)
{
    const QDir root(directory);
    if (!root.exists()) {
        if (error)
            *error = SchemaText::tr("%1: no such folder").arg(directory);
        return false;
    }
    QDirIterator it(directory, { u"*.json"_s }, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const std::optional<QJsonValue> doc = readJsonFile(path, error);
        if (!doc)
            return false;
        m_documents.insert(keyFor(baseUri.resolved(QUrl(root.relativeFilePath(path)))), *doc);
    }
    return true;
}

std::optional<QJsonValue> SchemaRegistry::document(const QString& uri) const
{
    const auto it = m_documents.constFind(keyFor(QUrl(uri)));
    if (it == m_documents.constEnd())
        return std::nullopt;
    return it.value();
}

const SchemaRegistry& SchemaRegistry::builtin()
{
    static const SchemaRegistry registry = [] {
        SchemaRegistry r;
        QDirIterator it(u":/tierlens/jsonschema/metaschemas"_s, { u"*.json"_s }, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QString error;
            const std::optional<QJsonValue> doc = readJsonFile(path, &error);
            // The meta-schemas are compiled in; a broken one is a build defect, not user input.
            Q_ASSERT_X(doc, "SchemaRegistry::builtin", qPrintable(error));
            if (doc)
                r.addDocument(QUrl(), *doc);
        }
        return r;
    }();
    return registry;
}

} // namespace tierlens
