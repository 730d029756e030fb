#pragma once
// Reading a SQLite file through a connection of its own, as another process would: what the tests check a database
// with.

#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QString>
#include <QVariantList>

namespace tierlens::testing {

// Every row of a query, each as its columns; empty when the database or the query fails.
inline QList<QVariantList> rows(const QString& dbPath, const QString& sql)
{
    const QString name = QStringLiteral("probe-%1").arg(quintptr(&dbPath));
    QList<QVariantList> out;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(dbPath);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql)) {
                while (q.next()) {
                    QVariantList row;
                    for (int i = 0; i < q.record().count(); ++i)
                        row.append(q.value(i));
                    out.append(row);
                }
            }
        }
    }
    QSqlDatabase::removeDatabase(name);
    return out;
}

inline qint64 scalar(const QString& dbPath, const QString& sql)
{
    const QList<QVariantList> r = rows(dbPath, sql);
    return r.isEmpty() || r.constFirst().isEmpty() ? -1 : r.constFirst().constFirst().toLongLong();
}

} // namespace tierlens::testing
