#pragma once
// What differs between the SQL databases the store runs on; everything else in the store is portable SQL.

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class QSqlError;
class QSqlQuery;

namespace tierlens {

class WriteStatement;

// What a database says about itself before anything is written to it: whose it is, and how old.
struct StoreIdentity
{
    int schemaVersion = 0;
    bool marked = false; // carries Tierlens's mark (SQLite: PRAGMA application_id; PostgreSQL: the schema table)
    qint64 otherMark = 0; // SQLite: another application's PRAGMA application_id, 0 when none
    QStringList tables; // every table and view, Tierlens's own included, sorted
};

class SqlDialect
{
public:
    virtual ~SqlDialect() = default;

    // Qt SQL driver name ("QSQLITE", "QPSQL").
    virtual QString driverName() const = 0;
    // Column definition of a surrogate key that the database fills on insert.
    virtual QString primaryKeyColumn() const = 0;
    virtual QString integerType() const = 0; // 64-bit integers: ids, token counts
    virtual QString realType() const = 0; // 64-bit floating point: timings, costs
    virtual QString textType() const = 0; // in casts
    // A text column's type: compared and sorted byte by byte, as SQLite's BINARY does, whatever the database's
    // locale, so that labels and categories come back in the same order on every backend.
    virtual QString textColumnType() const { return textType(); }

    // Appended to an INSERT so that insertedId() can read the new row's id.
    virtual QString insertSuffix() const = 0;
    virtual std::optional<qint64> insertedId(QSqlQuery& query) const = 0;
    // A prepared INSERT or DELETE for the write path (WriteStatement); null with *error set when it does not
    // prepare. The default is a QSqlQuery.
    virtual std::unique_ptr<WriteStatement> prepareWrite(QSqlDatabase& db, const QString& sql, QSqlError* error) const;
    // "ON CONFLICT (...) DO UPDATE SET ..." or its equivalent, replacing the update columns with the new values.
    virtual QString upsertClause(const QStringList& conflictColumns, const QStringList& updateColumns) const = 0;

    // JSON inside text columns, for the analytics queries: 1 when expr holds valid JSON text, else 0 (NULL: 0).
    virtual QString isJson(const QString& expr) const = 0;
    // The text or number at a simple "$.a.b" path of the JSON in expr; NULL when absent.
    virtual QString jsonValueAt(const QString& expr, const QString& path) const = 0;
    // 1 when expr holds a non-empty JSON array of tool calls ({"function": {"arguments": TEXT}}) whose every
    // arguments text is valid JSON, 0 otherwise.
    virtual QString toolCallArgumentsValid(const QString& expr) const = 0;

    // Statements this dialect adds to a migration step, after the step's tables (functions the analytics call).
    virtual QStringList migrationExtras(int version) const = 0;
    // Called first inside a transaction that writes; one writer at a time holds key until the transaction ends
    // (PostgreSQL: an advisory lock), so a check-then-insert after it is safe against other connections. SQLite
    // has one writer per file anyway: nothing to do there, and hasKeyLocks() says a check need not be repeated.
    virtual bool lockKey(QSqlDatabase& db, const QString& key, QSqlError* error) const = 0;
    virtual bool hasKeyLocks() const = 0;
    // True for the errors after which the whole transaction may simply be run again (PostgreSQL's serialization
    // failures and deadlocks). SQLite's busy database is waited for by its busy timeout instead.
    virtual bool isRetryable(const QSqlError& error) const = 0;

    // Per-connection settings (journal, foreign keys, lock timeouts). May write to the file: call it only once the
    // file is known to be a database this build can handle.
    virtual bool configureConnection(QSqlDatabase& db, QString* error) const = 0;
    // The schema version, read without writing anything; 0 for an empty database.
    virtual std::optional<int> schemaVersion(QSqlDatabase& db, QString* error) const = 0;
    // Around a migration, outside its transaction: a concurrent migration of the same database waits in
    // lockSchema until the first one has committed, so it reads the version that one reached (with a fresh
    // snapshot whatever the isolation level).
    virtual bool lockSchema(QSqlDatabase& db, QString* error) const = 0;
    virtual void unlockSchema(QSqlDatabase& db) const = 0;
    // Starts the migration's transaction, holding the write lock from its first statement on where the database
    // has one (SQLite: BEGIN IMMEDIATE), so that the version read next cannot change before the commit.
    virtual bool beginMigration(QSqlDatabase& db, QString* error) const = 0;
    // Called inside the migration transaction; marks the database as Tierlens's too.
    virtual bool setSchemaVersion(QSqlDatabase& db, int version, QString* error) const = 0;
    // Read without writing anything.
    virtual std::optional<StoreIdentity> identity(QSqlDatabase& db, QString* error) const = 0;
    // A read error that means the database file is damaged (SQLite: SQLITE_CORRUPT, SQLITE_NOTADB).
    virtual bool isDamage(const QSqlError& error) const = 0;
    // A whole-database consistency check, for before a run writes into it: empty when sound, else what is wrong.
    // Nothing where the server looks after its own files (PostgreSQL).
    virtual std::optional<QString> integrityProblem(QSqlDatabase& db, QString* error) const = 0;

    // The dialect for a Qt SQL driver name; null when the store has none for it.
    static std::unique_ptr<SqlDialect> forDriver(const QString& driverName);
};

} // namespace tierlens
