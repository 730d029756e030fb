#include "SqlUtil.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace tierlens {

QString sqlErrorText(const QSqlError& e)
{
    // PostgreSQL's text comes as "ERROR:  ...\nDETAIL:  ...": one line, without the severity, like SQLite's.
    QString db = e.databaseText().simplified();
    if (db.startsWith(u"ERROR: "_s))
        db = db.mid(7);
    if (!db.isEmpty())
        return db;
    const QString driver = e.driverText().trimmed();
    return driver.isEmpty() ? e.text() : driver;
}

namespace {
QVariant nullableText(const QString& text)
{
    return text.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}
} // namespace

QString timeText(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QVariant timeValue(const QDateTime& t)
{
    return nullableText(timeText(t));
}

QDateTime timeFromValue(const QVariant& v)
{
    if (v.isNull())
        return QDateTime();
    QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : t;
}

QString jsonText(const QJsonObject& o)
{
    return o.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString jsonText(const QJsonArray& a)
{
    return a.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

QVariant jsonValue(const QJsonObject& o)
{
    return nullableText(jsonText(o));
}

QVariant jsonValue(const QJsonArray& a)
{
    return nullableText(jsonText(a));
}

QJsonObject jsonObjectFromValue(const QVariant& v)
{
    if (v.isNull())
        return QJsonObject();
    return QJsonDocument::fromJson(v.toString().toUtf8()).object();
}

QJsonArray jsonArrayFromValue(const QVariant& v)
{
    if (v.isNull())
        return QJsonArray();
    return QJsonDocument::fromJson(v.toString().toUtf8()).array();
}

QString columnList(std::initializer_list<QLatin1StringView> columns)
{
    QString out;
    for (QLatin1StringView c : columns) {
        if (!out.isEmpty())
            out += u", "_s;
        out += c;
    }
    return out;
}

QString insertStatement(QLatin1StringView table, std::initializer_list<QLatin1StringView> columns)
{
    QString marks;
    for (std::size_t i = 0; i < columns.size(); ++i)
        marks += i == 0 ? u"?"_s : u", ?"_s;
    return u"INSERT INTO "_s + table + u" ("_s + columnList(columns) + u") VALUES ("_s + marks + u")"_s;
}

} // namespace tierlens
