#include "ImportError.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace tierlens {

QString ImportError::toString() const
{
    QString out = file;
    if (line > 0)
        out += u':' + QString::number(line);
    out += u": "_s;
    if (!field.isEmpty())
        out += QCoreApplication::translate("ImportError", "field \"%1\": ").arg(field);
    return out + message;
}

} // namespace tierlens
