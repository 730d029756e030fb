#include "SqlDialect.h"

#include "SqliteDialect.h"

using namespace Qt::StringLiterals;

namespace tierlens {

std::unique_ptr<SqlDialect> SqlDialect::forDriver(const QString& driverName)
{
    if (driverName == u"QSQLITE"_s)
        return std::make_unique<SqliteDialect>();
    return nullptr;
}

} // namespace tierlens
