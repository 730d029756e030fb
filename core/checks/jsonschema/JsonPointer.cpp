#include "checks/jsonschema/JsonPointer.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace tierlens {

QString JsonPointer::escape(const QString& token)
{
    if (!token.contains(u'~') && !token.contains(u'/'))
        return token;
    QString out = token;
    out.replace(u"~"_s, u"~0"_s);
    out.replace(u"/"_s, u"~1"_s);
    return out;
}

std::optional<QStringList> JsonPointer::parse(const QString& pointer)
{
    QStringList tokens;
    if (pointer.isEmpty())
        return tokens;
    if (!pointer.startsWith(u'/'))
        return std::nullopt;
    const QStringList raw = pointer.mid(1).split(u'/');
    for (const QString& r : raw) {
        QString token;
        token.reserve(r.size());
        for (qsizetype i = 0; i < r.size(); ++i) {
            if (r.at(i) != u'~') {
                token.append(r.at(i));
                continue;
            }
            if (i + 1 >= r.size())
                return std::nullopt;
            const QChar next = r.at(++i);
            if (next == u'0')
                token.append(u'~');
            else if (next == u'1')
                token.append(u'/');
            else
                return std::nullopt;
        }
        tokens.append(token);
    }
    return tokens;
}

std::optional<QJsonValue> JsonPointer::resolve(const QJsonValue& root, const QString& pointer)
{
    const std::optional<QStringList> tokens = parse(pointer);
    if (!tokens)
        return std::nullopt;
    QJsonValue current = root;
    for (const QString& token : *tokens) {
        if (current.isObject()) {
            const QJsonObject o = current.toObject();
            const auto it = o.constFind(token);
            if (it == o.constEnd())
                return std::nullopt;
            current = it.value();
        } else if (current.isArray()) {
            bool ok = false;
            const qsizetype index = token.toLongLong(&ok);
            const QJsonArray a = current.toArray();
            // Array indexes are plain decimal: no sign, no leading zero.
            if (!ok || index < 0 || index >= a.size() || (token.size() > 1 && token.startsWith(u'0'))
                || token.startsWith(u'+'))
                return std::nullopt;
            current = a.at(index);
        } else {
            return std::nullopt;
        }
    }
    return current;
}

} // namespace tierlens
