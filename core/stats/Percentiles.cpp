#include "Percentiles.h"

#include <algorithm>
#include <cmath>

namespace tierlens {

std::optional<double> Percentiles::at(const QVector<double>& sorted, double p)
{
    if (sorted.isEmpty() || std::isnan(p))
        return std::nullopt;
    const double clamped = std::clamp(p, 0.0, 100.0);
    const double rank = clamped / 100.0 * double(sorted.size() - 1);
    const auto lo = qsizetype(std::floor(rank));
    const auto hi = std::min<qsizetype>(lo + 1, sorted.size() - 1);
    const double fraction = rank - double(lo);
    // a + (b - a) * f gives back exactly a sample when the rank falls on one or its neighbour is equal.
    return sorted.at(lo) + (sorted.at(hi) - sorted.at(lo)) * fraction;
}

} // namespace tierlens
