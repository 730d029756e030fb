#pragma once
// Small helpers shared by the store's translation units: binding optionals, timestamps, JSON text, error text.

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlError>
#include <QString>
#include <QVariant>

#include <initializer_list>
#include <optional>

namespace tierlens {

inline void setError(QString* error, const QString& message)
{
    if (error)
        *error = message;
}

// The database's own words when it has some ("UNIQUE constraint failed: ..."), else Qt's.
QString sqlErrorText(const QSqlError& e);

// ISO-8601 UTC with milliseconds and a trailing Z; NULL (a null QString) for an invalid time.
QString timeText(const QDateTime& t);
QVariant timeValue(const QDateTime& t);
QDateTime timeFromValue(const QVariant& v);

// Compact JSON text; NULL (a null QString) for an empty object or array so that "nothing" reads back the same.
QString jsonText(const QJsonObject& o);
QString jsonText(const QJsonArray& a);
QVariant jsonValue(const QJsonObject& o);
QVariant jsonValue(const QJsonArray& a);
QJsonObject jsonObjectFromValue(const QVariant& v);
QJsonArray jsonArrayFromValue(const QVariant& v);

template <typename T> QVariant optionalValue(const std::optional<T>& v)
{
    return v ? QVariant::fromValue(*v) : QVariant(QMetaType::fromType<T>());
}

inline std::optional<double> optionalDouble(const QVariant& v)
{
    return v.isNull() ? std::nullopt : std::optional<double>(v.toDouble());
}

inline std::optional<qint64> optionalInt(const QVariant& v)
{
    return v.isNull() ? std::nullopt : std::optional<qint64>(v.toLongLong());
}

// "a, b, c" from column names.
QString columnList(std::initializer_list<QLatin1StringView> columns);
// "INSERT INTO t (a, b) VALUES (?, ?)", values bound positionally in the same order.
QString insertStatement(QLatin1StringView table, std::initializer_list<QLatin1StringView> columns);

} // namespace tierlens
