#pragma once
// Where the store tests put their databases: SQLite files in a temporary folder, or, when the test runs as its
// PostgreSQL variant (TIERLENS_TEST_BACKEND=postgresql, set by ctest for the *_pg tests), fresh databases created on
// the server TIERLENS_TEST_PG_URL names (tools/dev.sh test starts one) and dropped when the test ends.

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

namespace tierlens::test {

class TestDatabases
{
public:
    TestDatabases() = default;
    ~TestDatabases() { dropAll(); }
    TestDatabases(const TestDatabases&) = delete;
    TestDatabases& operator=(const TestDatabases&) = delete;

    static bool wantsPostgres()
    {
        return qEnvironmentVariable("TIERLENS_TEST_BACKEND") == QStringLiteral("postgresql");
    }
    static QString serverUrl() { return qEnvironmentVariable("TIERLENS_TEST_PG_URL"); }
    // Why the PostgreSQL variant cannot run here, or empty when it can (or the test runs on SQLite).
    static QString skipReason()
    {
        if (!wantsPostgres())
            return {};
        if (serverUrl().isEmpty())
            return QStringLiteral("TIERLENS_TEST_PG_URL is not set: the PostgreSQL variant needs a server "
                                  "(tools/dev.sh test starts one; or export "
                                  "TIERLENS_TEST_PG_URL=postgresql://USER@HOST:PORT/postgres)");
        if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
            return QStringLiteral("the Qt PostgreSQL driver (libqt6sql6-psql) is not installed");
        return {};
    }
    bool isPostgres() const { return wantsPostgres(); }

    // A new, empty store location: a file path, or the URL of a new database on the test server.
    QString newLocation(const QString& stem = QStringLiteral("store"))
    {
        if (!isPostgres())
            return m_dir.filePath(QStringLiteral("%1-%2.db").arg(stem).arg(++m_count));
        const QString name = QStringLiteral("tierlens_t%1_%2").arg(QCoreApplication::applicationPid()).arg(++m_count);
        if (!admin(QStringLiteral("CREATE DATABASE %1").arg(name)))
            return {};
        m_created.append(name);
        QUrl url(serverUrl());
        url.setPath(QLatin1Char('/') + name);
        return url.toString();
    }

    // Runs SQL on the server's maintenance database (the one TIERLENS_TEST_PG_URL names).
    bool admin(const QString& sql, QString* error = nullptr)
    {
        const QString connection = QStringLiteral("tierlens-test-admin");
        bool ok = false;
        {
            QSqlDatabase db = QSqlDatabase::contains(connection) ? QSqlDatabase::database(connection)
                                                                 : openUrl(serverUrl(), connection);
            QSqlQuery(db).exec(QStringLiteral("SET client_min_messages = warning"));
            QSqlQuery q(db);
            ok = db.isOpen() && q.exec(sql);
            if (!ok) {
                const QString why = q.lastError().isValid() ? q.lastError().text() : db.lastError().text();
                if (error)
                    *error = why;
                qWarning("%s: %s", qPrintable(sql), qPrintable(why));
            }
        }
        return ok;
    }

    // A raw QSqlDatabase connection to a location newLocation() returned (not through the Store).
    static QSqlDatabase openUrl(const QString& location, const QString& connection)
    {
        if (!location.startsWith(QStringLiteral("postgresql://"))) {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
            db.setDatabaseName(location.startsWith(QStringLiteral("sqlite:")) ? location.mid(7) : location);
            db.open();
            return db;
        }
        const QUrl url(location);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        db.setHostName(url.host());
        if (url.port() > 0)
            db.setPort(url.port());
        db.setUserName(url.userName());
        db.setDatabaseName(url.path().mid(1));
        db.open();
        return db;
    }

    QString tempPath(const QString& name) const { return m_dir.filePath(name); }

private:
    void dropAll()
    {
        for (const QString& name : std::as_const(m_created))
            admin(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name));
        m_created.clear();
        if (QSqlDatabase::contains(QStringLiteral("tierlens-test-admin"))) {
            QSqlDatabase::database(QStringLiteral("tierlens-test-admin")).close();
            QSqlDatabase::removeDatabase(QStringLiteral("tierlens-test-admin"));
        }
    }

    QTemporaryDir m_dir;
    int m_count = 0;
    QStringList m_created;
};

} // namespace tierlens::test
