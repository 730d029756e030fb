#pragma once
// RFC 6901 JSON pointers: escaping tokens and walking a QJsonValue along a pointer.

#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

namespace tierlens {

class JsonPointer
{
public:
    // "a/b~c" -> "a~1b~0c"
    static QString escape(const QString& token);
    // Splits "/a~1b/0" into {"a/b", "0"}; nullopt when the text is not a pointer (no leading '/', bad '~').
    static std::optional<QStringList> parse(const QString& pointer);
    // The value at `pointer` inside `root`; nullopt when a token does not exist.
    static std::optional<QJsonValue> resolve(const QJsonValue& root, const QString& pointer);
    // pointer + "/" + escape(token)
    static QString append(const QString& pointer, const QString& token) { return pointer + u'/' + escape(token); }
    static QString append(const QString& pointer, qsizetype index) { return pointer + u'/' + QString::number(index); }
};

} // namespace tierlens
