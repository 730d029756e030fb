#include "ItemQuality.h"

using namespace Qt::StringLiterals;

namespace tierlens {

QString ItemQualities::checkPrecedence(const QStringList& precedence)
{
    for (const QString& source : precedence) {
        if (!defaultPrecedence().contains(source))
            return tr("unknown quality source \"%1\"; use %2").arg(source, defaultPrecedence().join(u", "_s));
    }
    return QString();
}

} // namespace tierlens
