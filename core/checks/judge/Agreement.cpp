#include "Agreement.h"

#include <QCoreApplication>
#include <QHash>

#include <cmath>

namespace tierlens {

std::optional<Agreement::KappaResult> Agreement::cohensKappa(const QVector<QPair<QString, QString>>& pairs)
{
    if (pairs.isEmpty())
        return std::nullopt;
    QHash<QString, qint64> first;
    QHash<QString, qint64> second;
    qint64 agreed = 0;
    for (const auto& [a, b] : pairs) {
        ++first[a];
        ++second[b];
        if (a == b)
            ++agreed;
    }
    // Chance agreement in whole counts (sum of products of the marginals, over n squared) so that the "both raters
    // used one label" case is detected exactly rather than with a floating-point tolerance.
    qint64 chanceProducts = 0;
    for (auto it = first.cbegin(); it != first.cend(); ++it)
        chanceProducts += it.value() * second.value(it.key());
    const qint64 n = pairs.size();
    KappaResult r;
    r.n = static_cast<int>(n);
    r.observed = double(agreed) / double(n);
    r.expected = double(chanceProducts) / (double(n) * double(n));
    if (chanceProducts == n * n)
        r.kappa = 1.0; // one same label throughout: observed is 1 too (see the header)
    else
        r.kappa = (r.observed - r.expected) / (1.0 - r.expected);
    return r;
}

QString Agreement::interpretation(double kappa)
{
    if (std::isnan(kappa))
        return QCoreApplication::translate("Agreement", "undefined");
    // A kappa computed as 0.4 may come out a hair above it; it still belongs to the band it ends.
    constexpr double slack = 1e-9;
    if (kappa < -slack)
        return QCoreApplication::translate("Agreement", "poor agreement");
    if (kappa <= 0.20 + slack)
        return QCoreApplication::translate("Agreement", "slight agreement");
    if (kappa <= 0.40 + slack)
        return QCoreApplication::translate("Agreement", "fair agreement");
    if (kappa <= 0.60 + slack)
        return QCoreApplication::translate("Agreement", "moderate agreement");
    if (kappa <= 0.80 + slack)
        return QCoreApplication::translate("Agreement", "substantial agreement");
    return QCoreApplication::translate("Agreement", "almost perfect agreement");
}

} // namespace tierlens
