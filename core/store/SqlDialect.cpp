#include "SqlDialect.h"

#include "PostgresDialect.h"
#include "SqliteDialect.h"

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

} // namespace tierlens
