#include "SimConfig.h"

#include <QCoreApplication>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace tierlens {

QString SimConfig::setModelValue(const QString& field, const QString& spec)
{
    const qsizetype eq = spec.lastIndexOf(u'=');
    if (eq <= 0)
        return QCoreApplication::translate("SimConfig", "\"%1\": expected MODEL=VALUE").arg(spec);
    bool ok = false;
    const double value = spec.mid(eq + 1).toDouble(&ok);
    if (!ok)
        return QCoreApplication::translate("SimConfig", "\"%1\": \"%2\" is not a number").arg(spec, spec.mid(eq + 1));
    const QJsonObject fields { { field, value } };
    return applyProfileOverrides(profiles, QJsonObject { { spec.left(eq), fields } }, u"--"_s + field);
}

QString SimConfig::setModelFault(const QString& spec)
{
    // The fault spec has "=" of its own: the model ends at the first one.
    const qsizetype eq = spec.indexOf(u'=');
    if (eq <= 0)
        return QCoreApplication::translate("SimConfig", "\"%1\": expected MODEL=MODE").arg(spec);
    const QJsonObject fields { { u"fault"_s, spec.mid(eq + 1) } };
    return applyProfileOverrides(profiles, QJsonObject { { spec.left(eq), fields } }, u"--fault"_s);
}

} // namespace tierlens
