#include "Proportions.h"

#include "Distributions.h"

#include <cmath>

namespace tierlens {

Interval Proportions::wilson(qint64 successes, qint64 n, double confidence)
{
    return wilsonOfShares(double(qBound(qint64(0), successes, qMax(n, qint64(0)))), n, confidence);
}

Interval Proportions::wilsonOfShares(double successes, qint64 n, double confidence)
{
    Interval r;
    if (n <= 0) {
        r.high = 1.0;
        return r;
    }
    const double nn = double(n);
    successes = qBound(0.0, successes, nn);
    const double p = successes / nn;
    const double z = Distributions::twoSidedZ(confidence);
    const double z2 = z * z;
    const double denominator = 1.0 + z2 / nn;
    const double centre = (p + z2 / (2.0 * nn)) / denominator;
    const double halfWidth = z / denominator * std::sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn));
    r.n = n;
    r.estimate = p;
    // At 0/n and n/n the centre and the half width are equal in exact arithmetic; do not let rounding leave the
    // bound a hair inside or outside [0, 1].
    r.low = successes <= 0.0 ? 0.0 : qMax(0.0, centre - halfWidth);
    r.high = successes >= nn ? 1.0 : qMin(1.0, centre + halfWidth);
    return r;
}

std::optional<qint64> Proportions::samplesToSeparate(double p1, double p2, double confidence, double power)
{
    const auto inUnit = [](double v) { return v >= 0.0 && v <= 1.0; }; // false for NaN
    const auto inOpenUnit = [](double v) { return v > 0.0 && v < 1.0; };
    if (!inUnit(p1) || !inUnit(p2) || !inOpenUnit(confidence) || !inOpenUnit(power) || p1 == p2)
        return std::nullopt;
    const double zAlpha = Distributions::twoSidedZ(confidence);
    const double zBeta = Distributions::normalQuantile(power);
    const double pBar = (p1 + p2) / 2.0;
    const double root
        = zAlpha * std::sqrt(2.0 * pBar * (1.0 - pBar)) + zBeta * std::sqrt(p1 * (1.0 - p1) + p2 * (1.0 - p2));
    const double difference = p1 - p2;
    // Rounding must not turn an exact whole answer into the next one up.
    const double n = std::ceil(root * root / (difference * difference) - 1e-9);
    constexpr double largestExact = 9007199254740992.0; // 2^53: past it a double no longer holds every integer
    if (!std::isfinite(n) || n > largestExact)
        return std::nullopt;
    return qMax(qint64(1), qint64(n));
}

} // namespace tierlens
