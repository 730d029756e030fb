#pragma once
// A prepared statement of the store's write path (attempts, results, checks: a batch every 50 ms while a run goes),
// bound by position. Each dialect makes its own (SqlDialect::prepareWrite): on SQLite it binds through sqlite3's
// API, because Qt's positional QSqlQuery::bindValue costs about 0.4 us a value (a QString key built and looked up
// in a hash for each), more than SQLite takes to insert the row; elsewhere it is a QSqlQuery.

#include <QSqlError>
#include <QString>

#include <optional>

namespace tierlens {

class WriteStatement
{
public:
    virtual ~WriteStatement() = default;

    virtual void bindNull(int index) = 0;
    virtual void bind(int index, qint64 value) = 0;
    virtual void bind(int index, double value) = 0;
    // A null QString is NULL, an empty one '' (as QSqlQuery binds them).
    virtual void bind(int index, const QString& value) = 0;
    void bind(int index, int value) { bind(index, qint64(value)); }
    void bind(int index, bool value) { bind(index, qint64(value ? 1 : 0)); }
    template <typename T> void bind(int index, const std::optional<T>& value)
    {
        if (value)
            bind(index, *value);
        else
            bindNull(index);
    }

    // Runs the statement with what is bound; every parameter is bound again before the next run.
    virtual bool exec() = 0;
    // The id of the row the last exec() inserted (the dialect's insertSuffix() ends the statement).
    virtual std::optional<qint64> insertedId() = 0;
    virtual QSqlError lastError() const = 0;
};

} // namespace tierlens
