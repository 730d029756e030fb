#include "SqlDialect.h"

#include "PostgresDialect.h"
#include "SqliteDialect.h"
#include "WriteStatement.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace tierlens {

std::unique_ptr<SqlDialect> SqlDialect::forDriver(const QString& driverName)
{
    if (driverName == u"QSQLITE"_s)
        return std::make_unique<SqliteDialect>();
    if (driverName == u"QPSQL"_s)
        return std::make_unique<PostgresDialect>();
    return nullptr;
}

namespace {

class QueryWriteStatement final : public WriteStatement
{
public:
    QueryWriteStatement(QSqlDatabase& db, const SqlDialect& dialect)
        : m_query(db)
        , m_dialect(dialect)
    { }
    bool prepare(const QString& sql) { return m_query.prepare(sql); }

    void bindNull(int index) override { m_query.bindValue(index, QVariant(QMetaType::fromType<QString>())); }
    void bind(int index, qint64 value) override { m_query.bindValue(index, value); }
    void bind(int index, double value) override { m_query.bindValue(index, value); }
    void bind(int index, const QString& value) override { m_query.bindValue(index, value); }
    bool exec() override { return m_query.exec(); }
    std::optional<qint64> insertedId() override { return m_dialect.insertedId(m_query); }
    QSqlError lastError() const override { return m_query.lastError(); }

private:
    QSqlQuery m_query;
    const SqlDialect& m_dialect;
};

} // namespace

std::unique_ptr<WriteStatement> SqlDialect::prepareWrite(QSqlDatabase& db, const QString& sql, QSqlError* error) const
{
    auto statement = std::make_unique<QueryWriteStatement>(db, *this);
    if (!statement->prepare(sql)) {
        *error = statement->lastError();
        return nullptr;
    }
    return statement;
}

} // namespace tierlens
