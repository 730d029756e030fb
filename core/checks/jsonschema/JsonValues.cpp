#include "checks/jsonschema/JsonValues.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

using namespace Qt::StringLiterals;

namespace tierlens {

bool JsonValues::equal(const QJsonValue& a, const QJsonValue& b)
{
    if (a.type() != b.type())
        return false;
    switch (a.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return true;
    case QJsonValue::Bool:
        return a.toBool() == b.toBool();
    case QJsonValue::Double: {
        // Integers beyond 2^53 keep their exact qint64 value; compare those exactly.
        const double da = a.toDouble();
        const double db = b.toDouble();
        if (da != db)
            return false;
        const qint64 ia = a.toInteger(std::numeric_limits<qint64>::min());
        const qint64 ib = b.toInteger(std::numeric_limits<qint64>::min());
        if (ia != std::numeric_limits<qint64>::min() && ib != std::numeric_limits<qint64>::min())
            return ia == ib;
        return true;
    }
    case QJsonValue::String:
        return a.toString() == b.toString();
    case QJsonValue::Array: {
        const QJsonArray x = a.toArray();
        const QJsonArray y = b.toArray();
        if (x.size() != y.size())
            return false;
        for (qsizetype i = 0; i < x.size(); ++i) {
            if (!equal(x.at(i), y.at(i)))
                return false;
        }
        return true;
    }
    case QJsonValue::Object: {
        const QJsonObject x = a.toObject();
        const QJsonObject y = b.toObject();
        if (x.size() != y.size())
            return false;
        for (auto it = x.constBegin(); it != x.constEnd(); ++it) {
            const auto other = y.constFind(it.key());
            if (other == y.constEnd() || !equal(it.value(), other.value()))
                return false;
        }
        return true;
    }
    }
    return false;
}

bool JsonValues::isInteger(const QJsonValue& v)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    return std::isfinite(d) && std::floor(d) == d;
}

qsizetype JsonValues::codePointLength(const QString& s)
{
    qsizetype n = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s.at(i).isHighSurrogate() && i + 1 < s.size() && s.at(i + 1).isLowSurrogate())
            ++i;
        ++n;
    }
    return n;
}

QString JsonValues::toText(const QJsonValue& v, qsizetype maxChars)
{
    // QJsonDocument only writes containers: wrap the value in an array and strip the brackets.
    QString text = QString::fromUtf8(QJsonDocument(QJsonArray { v }).toJson(QJsonDocument::Compact));
    text = text.mid(1, text.size() - 2);
    if (maxChars > 3 && text.size() > maxChars)
        text = text.left(maxChars - 3) + u"..."_s;
    return text;
}

QString JsonValues::typeName(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return u"boolean"_s;
    case QJsonValue::Double:
        return isInteger(v) ? u"integer"_s : u"number"_s;
    case QJsonValue::String:
        return u"string"_s;
    case QJsonValue::Array:
        return u"array"_s;
    case QJsonValue::Object:
        return u"object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"undefined"_s;
}

} // namespace tierlens
