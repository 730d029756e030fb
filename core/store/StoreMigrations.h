#pragma once
// Brings a store database from whatever schema version it has to the one this build writes, in one transaction.

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>

namespace tierlens {

class SqlDialect;

class StoreMigrations
{
    Q_DECLARE_TR_FUNCTIONS(StoreMigrations)

public:
    static constexpr int latestVersion = 7;

    // Runs every step between the database's version and targetVersion (at most latestVersion). A database
    // newer than latestVersion is refused without writing anything.
    static bool migrate(QSqlDatabase& db, const SqlDialect& dialect, int targetVersion, QString* error);

private:
    static bool createVersion1(QSqlDatabase& db, const SqlDialect& dialect, QString* error);
    static bool createVersion2(QSqlDatabase& db, const SqlDialect& dialect, QString* error);
    static bool createVersion3(QSqlDatabase& db, const SqlDialect& dialect, QString* error);
    // Indexes the analytics queries need on a large history (no table changes).
    static bool createVersion4(QSqlDatabase& db, const SqlDialect& dialect, QString* error);
    // Attempt flags and the raw usage kept when it was not believed; the run lease.
    static bool createVersion5(QSqlDatabase& db, const SqlDialect& dialect, QString* error);
    static bool createVersion6(QSqlDatabase& db, const SqlDialect& dialect, QString* error);
    static bool createVersion7(QSqlDatabase& db, const SqlDialect& dialect, QString* error);
};

} // namespace tierlens
