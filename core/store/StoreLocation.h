#pragma once
// Where a store lives: a SQLite file (a plain path or "sqlite:FILE") or a PostgreSQL database
// ("postgresql://user@host:port/db"), parsed from the one string the command line, the settings and the tests use.

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace tierlens {

class StoreLocation
{
    Q_DECLARE_TR_FUNCTIONS(StoreLocation)

public:
    enum class Backend { Sqlite, Postgresql };

    // Nothing, with the reason in error, for a URL that cannot be used: an unknown scheme, no database name, or a
    // password written into the URL (passwords come from PGPASSWORD, ~/.pgpass or rememberPassword, so that the URL
    // can be shown, logged and kept in the recent-workspaces list).
    static std::optional<StoreLocation> parse(const QString& text, QString* error);
    static bool isUrl(const QString& text); // postgresql:// or postgres://

    Backend backend() const { return m_backend; }
    QString text() const { return m_text; } // as given: what Store::path() returns and what reopens the store
    QString filePath() const { return m_filePath; } // SQLite
    QString host() const { return m_host; }
    int port() const { return m_port; } // -1: libpq's default (PGPORT, else 5432)
    QString user() const { return m_user; } // empty: libpq's default (PGUSER, else the login name)
    QString databaseName() const { return m_database; }
    QString connectOptions() const { return m_options; } // the URL's query items, as QPSQL connect options
    // For messages: the file, or the URL (which never holds a password).
    QString displayName() const;

    // A password the desktop read from the system keychain, kept in this process's memory only and used by every
    // later connection to the same URL (the run's worker thread and the dashboard open their own). Without one,
    // libpq reads PGPASSWORD, then ~/.pgpass.
    static void rememberPassword(const QString& url, const QString& password);
    QString password() const;

private:
    Backend m_backend = Backend::Sqlite;
    QString m_text;
    QString m_filePath;
    QString m_host;
    int m_port = -1;
    QString m_user;
    QString m_database;
    QString m_options;
};

} // namespace tierlens
