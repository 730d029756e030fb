#include "YamlJson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

using namespace Qt::StringLiterals;

namespace tierlens {

int YamlJson::Document::lineOf(const QString& path) const
{
    QString p = path;
    while (true) {
        const auto it = lines.constFind(p);
        if (it != lines.constEnd())
            return *it;
        if (p.isEmpty())
            return 0;
        const qsizetype cut = std::max(p.lastIndexOf(u'.'), p.lastIndexOf(u'['));
        p = cut < 0 ? QString() : p.left(cut);
    }
}

QString YamlJson::child(const QString& path, const QString& key)
{
    return path.isEmpty() ? key : path + u'.' + key;
}

QString YamlJson::child(const QString& path, qsizetype index)
{
    return path + u'[' + QString::number(index) + u']';
}

std::optional<YamlJson::Document> YamlJson::parse(const QByteArray& bytes, const QString& fileName, ImportError* error)
{
    Document doc;
    try {
        const YAML::Node root = YAML::Load(bytes.toStdString());
        doc.root = convert(root, QString(), &doc);
    } catch (const YAML::Exception& e) {
        if (error) {
            // yaml-cpp counts lines from 0; a mark of -1 means it had no position.
            const int line = e.mark.line >= 0 ? e.mark.line + 1 : 0;
            *error = ImportError { fileName, line, {}, tr("invalid YAML: %1").arg(QString::fromStdString(e.msg)) };
        }
        return std::nullopt;
    }
    return doc;
}

QJsonValue YamlJson::convert(const YAML::Node& node, const QString& path, Document* doc)
{
    if (node.Mark().line >= 0)
        doc->lines.insert(path, node.Mark().line + 1);
    switch (node.Type()) {
    case YAML::NodeType::Sequence: {
        QJsonArray array;
        for (std::size_t i = 0; i < node.size(); ++i)
            array.append(convert(node[i], child(path, qsizetype(i)), doc));
        return array;
    }
    case YAML::NodeType::Map: {
        QJsonObject object;
        QJsonObject merged; // "<<" merge keys: the map's own keys win, so apply them last
        for (auto it = node.begin(); it != node.end(); ++it) {
            const QString key = QString::fromStdString(it->first.as<std::string>());
            if (key == u"<<" && it->first.Tag() == "?") {
                const QJsonValue source = convert(it->second, child(path, key), doc);
                const QJsonArray sources = source.isArray() ? source.toArray() : QJsonArray { source };
                for (const QJsonValue& s : sources) {
                    const QJsonObject o = s.toObject();
                    for (auto m = o.begin(); m != o.end(); ++m) {
                        if (!merged.contains(m.key()))
                            merged.insert(m.key(), m.value());
                    }
                }
                continue;
            }
            object.insert(key, convert(it->second, child(path, key), doc));
        }
        for (auto m = merged.begin(); m != merged.end(); ++m) {
            if (!object.contains(m.key()))
                object.insert(m.key(), m.value());
        }
        return object;
    }
    case YAML::NodeType::Scalar:
        return scalar(node);
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        break;
    }
    return QJsonValue(QJsonValue::Null);
}

QJsonValue YamlJson::scalar(const YAML::Node& node)
{
    const QString text = QString::fromStdString(node.Scalar());
    const std::string& tag = node.Tag();
    static const std::string core = "tag:yaml.org,2002:";
    // "!" is a quoted scalar: always a string, as "123" and "true" are meant to be.
    if (tag == "!" || tag == core + "str")
        return text;
    const bool plain = tag == "?" || tag.empty();

    static const QRegularExpression nullRe(u"^(~|null|Null|NULL|)$"_s);
    static const QRegularExpression trueRe(u"^(true|True|TRUE)$"_s);
    static const QRegularExpression falseRe(u"^(false|False|FALSE)$"_s);
    static const QRegularExpression intRe(u"^[-+]?[0-9]+$"_s);
    static const QRegularExpression octRe(u"^0o([0-7]+)$"_s);
    static const QRegularExpression hexRe(u"^0x([0-9a-fA-F]+)$"_s);
    static const QRegularExpression floatRe(u"^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"_s);

    if ((plain || tag == core + "null") && nullRe.match(text).hasMatch())
        return QJsonValue(QJsonValue::Null);
    if (plain || tag == core + "bool") {
        if (trueRe.match(text).hasMatch())
            return true;
        if (falseRe.match(text).hasMatch())
            return false;
    }
    if (plain || tag == core + "int" || tag == core + "float") {
        bool ok = false;
        if (intRe.match(text).hasMatch()) {
            const qlonglong v = text.toLongLong(&ok);
            if (ok)
                return double(v);
        }
        if (const auto m = octRe.match(text); m.hasMatch()) {
            const qlonglong v = m.captured(1).toLongLong(&ok, 8);
            if (ok)
                return double(v);
        }
        if (const auto m = hexRe.match(text); m.hasMatch()) {
            const qlonglong v = m.captured(1).toLongLong(&ok, 16);
            if (ok)
                return double(v);
        }
        // .inf and .nan have no JSON form: they stay text rather than turning into null.
        if (floatRe.match(text).hasMatch()) {
            const double v = text.toDouble(&ok);
            if (ok)
                return v;
        }
    }
    return text;
}

} // namespace tierlens
