#include "ReportFormat.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

using namespace Qt::StringLiterals;

namespace tierlens {

QString ReportFormat::isoUtc(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonValue ReportFormat::timeJson(const QDateTime& t)
{
    return t.isValid() ? QJsonValue(isoUtc(t)) : QJsonValue(QJsonValue::Null);
}

QString ReportFormat::number(double v)
{
    // 'g' would spell a whole 120000 ms as 1.2e+05; integral values below 2^53 are exact as integers.
    if (std::isfinite(v) && v == std::trunc(v) && std::fabs(v) < 9007199254740992.0)
        return QString::number(qint64(v));
    return QString::number(v, 'g', QLocale::FloatingPointShortest);
}

QString ReportFormat::fixed(const std::optional<double>& v, int decimals)
{
    return v ? QString::number(*v, 'f', decimals) : notAvailable();
}

QString ReportFormat::count(const std::optional<qint64>& v)
{
    return v ? QString::number(*v) : notAvailable();
}

QString ReportFormat::percent(double share)
{
    return QLocale().toString(share * 100, 'f', 1) + u'%';
}

QString ReportFormat::usd(double amount, const QLocale& locale)
{
    return u"$"_s + locale.toString(amount, 'f', amount < 0.01 ? 6 : 4);
}

QString ReportFormat::usd(const std::optional<double>& amount, const QLocale& locale)
{
    return amount ? usd(*amount, locale) : QCoreApplication::translate("ReportFormat", "unknown");
}

QString ReportFormat::notAvailable()
{
    return QCoreApplication::translate("ReportFormat", "n/a");
}

} // namespace tierlens
