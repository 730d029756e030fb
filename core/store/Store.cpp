#include "Store.h"

#include "SqlDialect.h"
#include "SqlUtil.h"
#include "StoreLocation.h"
#include "StoreMigrations.h"

#include <QDir>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QThread>

#include <atomic>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {
std::atomic<int> s_connectionCounter { 0 };
}

Store::Store(const QString& path)
    : m_path(path)
    , m_connectionName(u"tierlens-store-%1"_s.arg(++s_connectionCounter))
    , m_thread(QThread::currentThread())
{ }

Store::~Store()
{
    // Queries hold the connection; they must go before it can be removed.
    m_insertAttempt.reset();
    m_insertResult.reset();
    const bool added = m_db.isValid();
    if (m_db.isOpen())
        m_db.close();
    m_db = QSqlDatabase();
    if (added)
        QSqlDatabase::removeDatabase(m_connectionName);
}

std::unique_ptr<Store> Store::open(const QString& location, QString* error)
{
    QString why;
    const std::optional<StoreLocation> parsed = StoreLocation::parse(location, &why);
    if (!parsed) {
        // why names the location itself, less anything that looked like a password.
        setError(error, tr("Cannot open the store: %1").arg(why));
        return nullptr;
    }
    std::unique_ptr<Store> store(new Store(location));
    if (!store->openConnection(*parsed, &why)) {
        // A SQLite file the file system refuses says why (read-only, or a folder it cannot add its -wal file to).
        const QString problem
            = parsed->backend() == StoreLocation::Backend::Sqlite ? accessProblem(parsed->filePath()) : QString();
        setError(error,
                 tr("Cannot open the store %1: %2")
                     .arg(parsed->displayName(), problem.isEmpty() ? why : why + u" ("_s + problem + u')'));
        return nullptr;
    }
    return store;
}

bool Store::migrateForTest(QSqlDatabase& db, int targetVersion, QString* error)
{
    const std::unique_ptr<SqlDialect> dialect = SqlDialect::forDriver(db.driverName());
    if (!dialect) {
        setError(error, tr("no SQL dialect for driver %1").arg(db.driverName()));
        return false;
    }
    return StoreMigrations::migrate(db, *dialect, targetVersion, error);
}

int Store::latestSchemaVersion()
{
    return StoreMigrations::latestVersion;
}

int Store::schemaVersion()
{
    QString why;
    const std::optional<int> v = m_dialect->schemaVersion(m_db, &why);
    if (!v)
        m_lastError = tr("reading the schema version: %1").arg(why);
    return v.value_or(-1);
}

bool Store::openConnection(const StoreLocation& location, QString* error)
{
    const bool postgres = location.backend() == StoreLocation::Backend::Postgresql;
    m_dialect = SqlDialect::forDriver(postgres ? u"QPSQL"_s : u"QSQLITE"_s);
    if (!QSqlDatabase::isDriverAvailable(m_dialect->driverName())) {
        setError(error,
                 postgres ? tr("the Qt PostgreSQL driver (QPSQL) is not installed (Debian: libqt6sql6-psql)")
                          : tr("the Qt SQLite driver (QSQLITE) is not installed"));
        return false;
    }
    m_db = QSqlDatabase::addDatabase(m_dialect->driverName(), m_connectionName);
    if (postgres) {
        // Empty fields are left to libpq: PGHOST, PGPORT, PGUSER, and PGPASSWORD or ~/.pgpass for the password.
        m_db.setHostName(location.host());
        if (location.port() > 0)
            m_db.setPort(location.port());
        m_db.setUserName(location.user());
        m_db.setPassword(location.password());
        m_db.setDatabaseName(location.databaseName());
        m_db.setConnectOptions(location.connectOptions());
    } else {
        m_db.setDatabaseName(location.filePath());
    }
    if (!m_db.open()) {
        setError(error, sqlErrorText(m_db.lastError()));
        return false;
    }
    // Look before writing: the journal mode PRAGMA alone would rewrite the header of a newer database.
    QString why;
    const std::optional<int> version = m_dialect->schemaVersion(m_db, &why);
    if (!version) {
        setError(error, why);
        return false;
    }
    if (*version > StoreMigrations::latestVersion) {
        setError(error,
                 tr("it was written by a newer version of Tierlens (schema version %1; this build knows up to %2)")
                     .arg(*version)
                     .arg(StoreMigrations::latestVersion));
        return false;
    }
    if (!m_dialect->configureConnection(m_db, &why)) {
        setError(error, tr("configuring the connection: %1").arg(why));
        return false;
    }
    if (!StoreMigrations::migrate(m_db, *m_dialect, StoreMigrations::latestVersion, error))
        return false;
    return prepareStatements(error);
}

bool Store::checkThread(QString* error) const
{
    if (QThread::currentThread() == m_thread)
        return true;
    setError(error, tr("the store %1 was used from a thread other than the one that opened it").arg(m_path));
    return false;
}

bool Store::fail(QString* error, const QString& doing, const QSqlError& e)
{
    const QString message = doing + u": "_s + sqlErrorText(e);
    m_lastError = message;
    setError(error, message);
    return false;
}

bool Store::execRead(QSqlQuery& q, const QString& doing)
{
    if (!checkThread(&m_lastError))
        return false;
    if (q.exec())
        return true;
    m_lastError = doing + u": "_s + sqlErrorText(q.lastError());
    return false;
}

bool Store::isPostgres() const
{
    return m_dialect && m_dialect->driverName() == u"QPSQL"_s;
}

bool Store::retryAfter(const QSqlError& e, int tries)
{
    if (tries >= kMaxTransactionTries || !m_dialect->isRetryable(e))
        return false;
    ++m_retries;
    // Writers that collided would collide again if they came back together: a short wait, longer each time and
    // different for each, lets one of them through first.
    QThread::msleep(QRandomGenerator::global()->bounded(5, 25) * tries);
    return true;
}

std::optional<qint64> Store::insertedId(QSqlQuery& q)
{
    return m_dialect->insertedId(q);
}

} // namespace tierlens
