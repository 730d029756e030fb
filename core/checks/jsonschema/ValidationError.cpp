#include "checks/jsonschema/ValidationError.h"

#include <QCoreApplication>

namespace tierlens {

QString ValidationError::toString() const
{
    const QString where
        = instancePointer.isEmpty() ? QCoreApplication::translate("ValidationError", "(root)") : instancePointer;
    return QCoreApplication::translate("ValidationError", "%1: %2: %3 (schema: %4)")
        .arg(where, keyword, message, schemaPath);
}

} // namespace tierlens
