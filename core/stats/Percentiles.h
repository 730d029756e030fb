#pragma once
// Percentiles of a sorted sample, by linear interpolation between the closest ranks (numpy's default method).

#include <QVector>

#include <optional>

namespace tierlens {

class Percentiles
{
public:
    // p in [0, 100], clamped. sorted must be ascending (the store returns it so). The value at rank
    // p / 100 * (n - 1), interpolated between the two neighbouring samples; nullopt for an empty sample, because
    // "no data" must never read as zero.
    static std::optional<double> at(const QVector<double>& sorted, double p);
    static std::optional<double> median(const QVector<double>& sorted) { return at(sorted, 50.0); }
};

} // namespace tierlens
