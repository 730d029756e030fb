#include "SqliteDialect.h"

#include "SqlUtil.h"

#include <QScopeGuard>
#include <QThread>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace tierlens {

QString SqliteDialect::driverName() const
{
    return u"QSQLITE"_s;
}

QString SqliteDialect::primaryKeyColumn() const
{
    // An alias of the rowid: no AUTOINCREMENT, whose extra bookkeeping table only matters if ids must never be
    // reused after deleting the newest row, which nothing here relies on.
    return u"INTEGER PRIMARY KEY"_s;
}

QString SqliteDialect::integerType() const
{
    return u"INTEGER"_s;
}

QString SqliteDialect::realType() const
{
    return u"REAL"_s;
}

QString SqliteDialect::textType() const
{
    return u"TEXT"_s;
}

// SQLite's JSON functions are built in since 3.38 (Debian 12 ships 3.40); json_valid() is 0 for NULL.
QString SqliteDialect::isJson(const QString& expr) const
{
    return u"COALESCE(json_valid("_s + expr + u"), 0)"_s;
}

QString SqliteDialect::jsonValueAt(const QString& expr, const QString& path) const
{
    return u"(CASE WHEN json_valid("_s + expr + u") THEN json_extract("_s + expr + u", '"_s + path + u"') END)"_s;
}

QString SqliteDialect::toolCallArgumentsValid(const QString& expr) const
{
    return u"(CASE WHEN json_valid(%1) AND json_type(%1) = 'array' AND json_array_length(%1) > 0 AND NOT EXISTS "
           u"(SELECT 1 FROM json_each(%1) tc WHERE NOT COALESCE(json_valid(json_extract(tc.value, "
           u"'$.function.arguments')), 0)) THEN 1 ELSE 0 END)"_s.arg(expr);
}

QStringList SqliteDialect::migrationExtras(int) const
{
    return {};
}

bool SqliteDialect::lockKey(QSqlDatabase&, const QString&, QSqlError*) const
{
    return true;
}

bool SqliteDialect::isRetryable(const QSqlError&) const
{
    return false;
}

bool SqliteDialect::lockSchema(QSqlDatabase&, QString*) const
{
    // Nothing to take: the migration's first write takes the file's write lock.
    return true;
}

void SqliteDialect::unlockSchema(QSqlDatabase&) const { }

QString SqliteDialect::insertSuffix() const
{
    return QString();
}

std::optional<qint64> SqliteDialect::insertedId(QSqlQuery& query) const
{
    const QVariant v = query.lastInsertId();
    if (!v.isValid() || v.isNull())
        return std::nullopt;
    return v.toLongLong();
}

QString SqliteDialect::upsertClause(const QStringList& conflictColumns, const QStringList& updateColumns) const
{
    QStringList sets;
    for (const QString& c : updateColumns)
        sets.append(c + u" = excluded."_s + c);
    if (sets.isEmpty())
        return u" ON CONFLICT ("_s + conflictColumns.join(u", "_s) + u") DO NOTHING"_s;
    return u" ON CONFLICT ("_s + conflictColumns.join(u", "_s) + u") DO UPDATE SET "_s + sets.join(u", "_s);
}

bool SqliteDialect::configureConnection(QSqlDatabase& db, QString* error) const
{
    // WAL lets the GUI read history while the engine writes; NORMAL is durable at every checkpoint in WAL mode,
    // which is enough for measurements that can be re-run.
    // A 64 MiB page cache and memory-mapped reads: the analytics queries look up every result's final attempt by
    // id, which on a history of a million results jumps all over a file of 300 MB (bench_analytics).
    static const char16_t* const pragmas[]
        = { u"PRAGMA foreign_keys = ON",    u"PRAGMA busy_timeout = 5000", u"PRAGMA journal_mode = WAL",
            u"PRAGMA synchronous = NORMAL", u"PRAGMA cache_size = -65536", u"PRAGMA mmap_size = 1073741824",
            u"PRAGMA temp_store = MEMORY" };
    for (const char16_t* p : pragmas) {
        QSqlQuery q(db);
        // Switching a new file to WAL takes an exclusive lock, and SQLite does not wait for it through the busy
        // timeout when it would have to wait for itself: several processes opening one new workspace at once get
        // SQLITE_BUSY here, so this waits on its own, as the busy timeout would (5 s).
        bool done = q.exec(QString::fromUtf16(p));
        for (int tries = 0; !done && tries < 250 && isBusy(q.lastError()); ++tries) {
            QThread::msleep(20);
            done = q.exec(QString::fromUtf16(p));
        }
        if (!done) {
            setError(error, sqlErrorText(q.lastError()));
            return false;
        }
    }
    return true;
}

bool SqliteDialect::isBusy(const QSqlError& error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok && ((code & 0xff) == 5 || (code & 0xff) == 6); // SQLITE_BUSY, SQLITE_LOCKED
}

std::optional<int> SqliteDialect::schemaVersion(QSqlDatabase& db, QString* error) const
{
    // Reading the header is also what tells a database from any other file: SQLite answers "file is not a
    // database" here, before anything has been written.
    QSqlQuery q(db);
    if (!q.exec(u"PRAGMA user_version"_s) || !q.next()) {
        setError(error, sqlErrorText(q.lastError()));
        return std::nullopt;
    }
    return q.value(0).toInt();
}

bool SqliteDialect::beginMigration(QSqlDatabase& db, QString* error) const
{
    // A deferred BEGIN would let two processes read version 0 before either writes, and both create the tables.
    QSqlQuery q(db);
    if (!q.exec(u"BEGIN IMMEDIATE"_s)) {
        setError(error, sqlErrorText(q.lastError()));
        return false;
    }
    return true;
}

bool SqliteDialect::setSchemaVersion(QSqlDatabase& db, int version, QString* error) const
{
    // PRAGMA takes no bound parameters; the values are ints produced by this program, never input.
    QSqlQuery q(db);
    if (!q.exec(u"PRAGMA user_version = %1"_s.arg(version))
        || !q.exec(u"PRAGMA application_id = %1"_s.arg(kApplicationId))) {
        setError(error, sqlErrorText(q.lastError()));
        return false;
    }
    return true;
}

std::optional<StoreIdentity> SqliteDialect::identity(QSqlDatabase& db, QString* error) const
{
    StoreIdentity id;
    QSqlQuery q(db);
    // One read transaction, one snapshot: another process may be migrating the file between two of these reads.
    if (!q.exec(u"BEGIN"_s)) {
        setError(error, sqlErrorText(q.lastError()));
        return std::nullopt;
    }
    const auto end = qScopeGuard([&db] { QSqlQuery(db).exec(u"ROLLBACK"_s); });
    auto failed = [&] {
        setError(error, sqlErrorText(q.lastError()));
        return std::nullopt;
    };
    if (!q.exec(u"PRAGMA application_id"_s) || !q.next())
        return failed();
    const qint64 applicationId = q.value(0).toLongLong();
    id.marked = applicationId == kApplicationId;
    id.otherMark = id.marked ? 0 : applicationId;
    if (!q.exec(u"PRAGMA user_version"_s) || !q.next())
        return failed();
    id.schemaVersion = q.value(0).toInt();
    if (!q.exec(u"SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND substr(name, 1, 7) <> 'sqlite_' "
                u"ORDER BY name"_s))
        return failed();
    while (q.next())
        id.tables.append(q.value(0).toString());
    if (q.lastError().isValid())
        return failed();
    return id;
}

bool SqliteDialect::isDamage(const QSqlError& error) const
{
    // The primary result code: SQLITE_CORRUPT (11) or SQLITE_NOTADB (26), whatever extended code came with it.
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok && ((code & 0xff) == 11 || (code & 0xff) == 26);
}

std::optional<QString> SqliteDialect::integrityProblem(QSqlDatabase& db, QString* error) const
{
    // quick_check reads every page once (no index-to-table cross-checks): about a second per GB (README).
    QSqlQuery q(db);
    if (!q.exec(u"PRAGMA quick_check(5)"_s)) {
        if (isDamage(q.lastError()))
            return sqlErrorText(q.lastError());
        setError(error, sqlErrorText(q.lastError()));
        return std::nullopt;
    }
    QStringList problems;
    while (q.next()) {
        const QString line = q.value(0).toString();
        if (line != u"ok"_s)
            problems.append(line);
    }
    if (q.lastError().isValid()) {
        if (isDamage(q.lastError()))
            return sqlErrorText(q.lastError());
        setError(error, sqlErrorText(q.lastError()));
        return std::nullopt;
    }
    return problems.join(u"; "_s);
}

} // namespace tierlens
