#include "Store.h"

#include "SqlDialect.h"
#include "SqlUtil.h"
#include "StoreLocation.h"
#include "StoreMigrations.h"
#include "WriteStatement.h"
#include "util/GuardedFiles.h"

#include <QDir>
#include <QFileInfo>
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
    m_deleteCheck.reset();
    m_insertCheck.reset();
    m_insertAssertionCheck.reset();
    const bool added = m_db.isValid();
    if (m_db.isOpen())
        m_db.close();
    m_db = QSqlDatabase();
    if (added)
        QSqlDatabase::removeDatabase(m_connectionName);
    if (!m_guardedFile.isEmpty())
        GuardedFiles::remove(m_guardedFile);
}

std::unique_ptr<Store> Store::open(const QString& location, QString* error, OpenMode mode)
{
    QString why;
    const std::optional<StoreLocation> parsed = StoreLocation::parse(location, &why);
    if (!parsed) {
        // why names the location itself, less anything that looked like a password.
        setError(error, tr("Cannot open the store: %1").arg(why));
        return nullptr;
    }
    if (parsed->backend() == StoreLocation::Backend::Sqlite) {
        // Before SQLite sees the file: it would create a missing one, and -wal and -shm files beside it.
        const QString problem = fileProblem(parsed->filePath(), mode);
        if (!problem.isEmpty()) {
            setError(error, tr("Cannot open the store %1: %2").arg(parsed->displayName(), problem));
            return nullptr;
        }
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
        m_guardedFile = location.filePath();
        GuardedFiles::add(m_guardedFile);
    }
    if (!m_db.open()) {
        setError(error, sqlErrorText(m_db.lastError()));
        return false;
    }
    // Look before writing: the journal mode PRAGMA alone would switch another application's file to WAL, or rewrite
    // the header of a newer database.
    QString why;
    const std::optional<StoreIdentity> identity = m_dialect->identity(m_db, &why);
    if (!identity) {
        setError(error, why);
        return false;
    }
    if (const QString problem = identityProblem(*identity); !problem.isEmpty()) {
        setError(error, problem);
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

QString Store::fileProblem(const QString& path, OpenMode mode)
{
    const QFileInfo file(path);
    if (file.isDir())
        return tr("it is a folder, not a database file");
    if (!file.exists()) {
        if (mode != OpenMode::Create)
            return tr("there is no such file");
        const QFileInfo folder(file.absolutePath());
        if (!folder.isDir())
            return tr("its folder %1 does not exist").arg(QDir::toNativeSeparators(folder.absoluteFilePath()));
    }
    if (mode == OpenMode::Read)
        return QString();
    return accessProblem(path);
}

QString Store::identityProblem(const StoreIdentity& id)
{
    // Tierlens's own tables, as every version so far created them; an unmarked database of these tables only is a
    // workspace of a build from before the mark (schema versions 1 to 4).
    static const QStringList ours = { u"assertion_checks"_s, u"attempts"_s, u"judge_verdicts"_s, u"prompt_sets"_s,
                                      u"prompts"_s,          u"ratings"_s,  u"result_checks"_s,  u"results"_s,
                                      u"run_models"_s,       u"runs"_s,     u"tierlens_schema"_s };
    constexpr int kLastUnmarkedVersion = 4;
    QStringList foreign;
    for (const QString& t : id.tables) {
        if (!ours.contains(t))
            foreign.append(t);
    }
    auto theirs = [&]() {
        QStringList shown = foreign.mid(0, 5);
        QString list = shown.join(u", "_s);
        if (foreign.size() > shown.size())
            list = tr("%1 and %n more", nullptr, int(foreign.size() - shown.size())).arg(list);
        return list;
    };
    const QString untouched = tr("Tierlens left it untouched; choose another file, or a new one");
    if (id.otherMark != 0) {
        return tr("it is not a Tierlens workspace: it is marked as another application's database (application_id "
                  "0x%1). %2")
            .arg(QString::number(quint32(id.otherMark), 16), untouched);
    }
    if (id.marked) {
        if (id.schemaVersion > StoreMigrations::latestVersion) {
            return tr("it was written by a newer version of Tierlens (schema version %1; this build knows up to %2)")
                .arg(id.schemaVersion)
                .arg(StoreMigrations::latestVersion);
        }
        return QString();
    }
    if (id.tables.isEmpty() && id.schemaVersion == 0)
        return QString(); // a new, empty database
    if (foreign.isEmpty() && id.schemaVersion >= 1 && id.schemaVersion <= kLastUnmarkedVersion)
        return QString(); // an older Tierlens's workspace: the migration marks it
    if (!foreign.isEmpty())
        return tr("it is not a Tierlens workspace: it holds tables of another application (%1). %2")
            .arg(theirs(), untouched);
    return tr("it is not a Tierlens workspace: it carries no Tierlens mark and its schema version is %1. %2")
        .arg(id.schemaVersion)
        .arg(untouched);
}

bool Store::checkThread(QString* error) const
{
    if (QThread::currentThread() == m_thread)
        return true;
    setError(error, tr("the store %1 was used from a thread other than the one that opened it").arg(m_path));
    return false;
}

bool Store::checkWrite(QString* error) const
{
    if (!checkThread(error))
        return false;
    if (isDamaged()) {
        setError(error, m_damage);
        return false;
    }
    return true;
}

void Store::noteError(const QSqlError& e)
{
    if (!isDamaged() && m_dialect && m_dialect->isDamage(e))
        markDamaged(sqlErrorText(e));
}

void Store::markDamaged(const QString& why)
{
    const std::optional<StoreLocation> location = StoreLocation::parse(m_path, nullptr);
    m_damage = tr("the database %1 is damaged (%2); Tierlens reads what it can and writes nothing more to it. "
                  "Restore it from a backup, or copy out what is readable with: sqlite3 %1 .recover")
                   .arg(location ? location->displayName() : m_path, why);
}

bool Store::fail(QString* error, const QString& doing, const QSqlError& e)
{
    noteError(e);
    const QString message = isDamaged() ? doing + u": "_s + m_damage : doing + u": "_s + sqlErrorText(e);
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
    fail(nullptr, doing, q.lastError());
    return false;
}

bool Store::endOfRows(const QSqlQuery& q, const QString& doing)
{
    if (!q.lastError().isValid())
        return true;
    fail(nullptr, doing, q.lastError());
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
