#pragma once
// JSON-level helpers the keywords share: JSON equality (1 == 1.0), integer test, code point length, display text.

#include <QJsonValue>
#include <QString>

namespace tierlens {

class JsonValues
{
public:
    // Equality as JSON Schema defines it: numbers by mathematical value, objects regardless of key order.
    static bool equal(const QJsonValue& a, const QJsonValue& b);
    // True for numbers with no fractional part (1.0 is an integer).
    static bool isInteger(const QJsonValue& v);
    // Length in Unicode code points: a surrogate pair counts once.
    static qsizetype codePointLength(const QString& s);
    // Compact JSON text of any value, shortened past `maxChars` for messages.
    static QString toText(const QJsonValue& v, qsizetype maxChars = 80);
    // JSON type name as the `type` keyword spells it ("integer" only when asked to distinguish it).
    static QString typeName(const QJsonValue& v);
};

} // namespace tierlens
