#pragma once
// Turns YAML (or JSON) text into a QJsonValue with typed scalars, remembering the line of every node.

#include "ImportError.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QJsonValue>

#include <optional>

namespace YAML {
class Node;
}

namespace tierlens {

class YamlJson
{
    Q_DECLARE_TR_FUNCTIONS(YamlJson)

public:
    struct Document
    {
        QJsonValue root;
        // 1-based line of each node, keyed by path: "" for the root, then "tests[2].vars.city" and the like.
        QHash<QString, int> lines;

        // The line of path, or of its nearest ancestor that has one (0 when none has).
        int lineOf(const QString& path) const;
    };

    // Plain scalars follow the YAML 1.2 core schema (null, booleans, integers, floats); quoted ones stay strings.
    // On a syntax error returns nothing and the error with yaml-cpp's line.
    static std::optional<Document> parse(const QByteArray& bytes, const QString& fileName, ImportError* error);

    // "a.b" + "c" -> "a.b.c"; "a" + 2 -> "a[2]"
    static QString child(const QString& path, const QString& key);
    static QString child(const QString& path, qsizetype index);

private:
    static QJsonValue convert(const YAML::Node& node, const QString& path, Document* doc);
    static QJsonValue scalar(const YAML::Node& node);
};

} // namespace tierlens
