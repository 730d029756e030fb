#include "SqliteDialect.h"

#include "SqlUtil.h"
#include "WriteStatement.h"

#include <QCoreApplication>
#include <QScopeGuard>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>

#include <sqlite3.h>

#include <vector>

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

namespace {

// Binds straight into sqlite3 on the connection Qt's driver opened (QSqlDriver::handle()), so the statement runs
// in the same transactions as everything else the store does on it.
class SqliteWriteStatement final : public WriteStatement
{
public:
    explicit SqliteWriteStatement(sqlite3* db)
        : m_db(db)
    { }
    ~SqliteWriteStatement() override { sqlite3_finalize(m_statement); }

    bool prepare(const QString& sql)
    {
        const QByteArray utf8 = sql.toUtf8();
        if (sqlite3_prepare_v2(m_db, utf8.constData(), int(utf8.size()), &m_statement, nullptr) != SQLITE_OK) {
            m_error = error(QCoreApplication::translate("tierlens::Store", "Unable to prepare the statement"));
            return false;
        }
        m_text.resize(size_t(sqlite3_bind_parameter_count(m_statement)));
        return true;
    }

    void bindNull(int index) override { sqlite3_bind_null(m_statement, index + 1); }
    void bind(int index, qint64 value) override { sqlite3_bind_int64(m_statement, index + 1, value); }
    void bind(int index, double value) override { sqlite3_bind_double(m_statement, index + 1, value); }
    void bind(int index, const QString& value) override
    {
        if (value.isNull()) {
            bindNull(index);
            return;
        }
        // Kept until the statement has run, so SQLite need not copy it.
        QByteArray& text = m_text.at(size_t(index));
        text = value.toUtf8();
        sqlite3_bind_text(m_statement, index + 1, text.constData(), int(text.size()), SQLITE_STATIC);
    }

    bool exec() override
    {
        const int rc = sqlite3_step(m_statement);
        const bool ok = rc == SQLITE_DONE || rc == SQLITE_ROW;
        if (ok) {
            // The connection's last rowid is another statement's when this one inserted nothing.
            m_lastId = sqlite3_changes(m_db) > 0 ? std::optional(sqlite3_last_insert_rowid(m_db)) : std::nullopt;
            m_error = QSqlError();
        } else {
            m_lastId.reset();
            m_error = error(QCoreApplication::translate("tierlens::Store", "Unable to execute the statement"));
        }
        sqlite3_reset(m_statement);
        sqlite3_clear_bindings(m_statement);
        for (QByteArray& text : m_text)
            text.clear();
        return ok;
    }

    std::optional<qint64> insertedId() override { return m_lastId; }
    QSqlError lastError() const override { return m_error; }

private:
    // What QSQLITE's own errors carry: SQLite's message, and its (extended) result code as the native code, which
    // SqliteDialect::isBusy and isDamage read.
    QSqlError error(const QString& what) const
    {
        return QSqlError(what, QString::fromUtf8(sqlite3_errmsg(m_db)), QSqlError::StatementError,
                         QString::number(sqlite3_extended_errcode(m_db)));
    }

    sqlite3* m_db;
    sqlite3_stmt* m_statement = nullptr;
    std::vector<QByteArray> m_text;
    std::optional<qint64> m_lastId;
    QSqlError m_error;
};

sqlite3* sqliteHandle(const QSqlDatabase& db)
{
    const QVariant v = db.driver() ? db.driver()->handle() : QVariant();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3* const*>(v.constData());
}

} // namespace

std::unique_ptr<WriteStatement> SqliteDialect::prepareWrite(QSqlDatabase& db, const QString& sql,
                                                            QSqlError* error) const
{
    sqlite3* handle = sqliteHandle(db);
    if (!handle)
        return SqlDialect::prepareWrite(db, sql, error);
    auto statement = std::make_unique<SqliteWriteStatement>(handle);
    if (!statement->prepare(sql)) {
        *error = statement->lastError();
        return nullptr;
    }
    return statement;
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
