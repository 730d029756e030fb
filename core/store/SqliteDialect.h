#pragma once
// SqlDialect for SQLite (QSQLITE): rowid keys, PRAGMA user_version, WAL journal.

#include "SqlDialect.h"

namespace tierlens {

class SqliteDialect : public SqlDialect
{
public:
    // PRAGMA application_id of a Tierlens workspace: "TLNS".
    static constexpr qint64 kApplicationId = 0x544C4E53;

    QString driverName() const override;
    QString primaryKeyColumn() const override;
    QString integerType() const override;
    QString realType() const override;
    QString textType() const override;
    QString insertSuffix() const override;
    std::optional<qint64> insertedId(QSqlQuery& query) const override;
    std::unique_ptr<WriteStatement> prepareWrite(QSqlDatabase& db, const QString& sql, QSqlError* error) const override;
    QString upsertClause(const QStringList& conflictColumns, const QStringList& updateColumns) const override;
    QString isJson(const QString& expr) const override;
    QString jsonValueAt(const QString& expr, const QString& path) const override;
    QString toolCallArgumentsValid(const QString& expr) const override;
    QStringList migrationExtras(int version) const override;
    bool lockKey(QSqlDatabase& db, const QString& key, QSqlError* error) const override;
    bool hasKeyLocks() const override { return false; }
    bool isRetryable(const QSqlError& error) const override;
    bool lockSchema(QSqlDatabase& db, QString* error) const override;
    void unlockSchema(QSqlDatabase& db) const override;
    bool configureConnection(QSqlDatabase& db, QString* error) const override;
    std::optional<int> schemaVersion(QSqlDatabase& db, QString* error) const override;
    bool beginMigration(QSqlDatabase& db, QString* error) const override;
    bool setSchemaVersion(QSqlDatabase& db, int version, QString* error) const override;
    std::optional<StoreIdentity> identity(QSqlDatabase& db, QString* error) const override;
    bool isDamage(const QSqlError& error) const override;
    std::optional<QString> integrityProblem(QSqlDatabase& db, QString* error) const override;

private:
    static bool isBusy(const QSqlError& error);
};

} // namespace tierlens
