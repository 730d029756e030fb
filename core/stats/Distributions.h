#pragma once
// The few distribution functions the statistics need, from Boost.Math behind a policy that never throws.

#include <QtGlobal>

namespace tierlens {

class Distributions
{
public:
    // The standard normal quantile for the two-sided confidence level: 1.959964 for 0.95. confidence is clamped
    // into [0, 1 - 1e-12] (0 gives 0, a zero-width interval); NaN counts as the widest level, the safe side.
    static double twoSidedZ(double confidence);
    // The standard normal quantile for probability p in (0, 1): 0.841621 for 0.8.
    static double normalQuantile(double p);
    // P(Z > z) for a standard normal Z, computed as a complement so that tiny tails keep their precision.
    static double normalUpperTail(double z);
    // P(X > x) for X chi-square distributed with the given degrees of freedom.
    static double chiSquaredUpperTail(double x, double degreesOfFreedom);
    // P(X <= k) for X ~ Binomial(trials, p). k < 0 gives 0, k >= trials gives 1.
    static double binomialCdf(qint64 k, qint64 trials, double p);
};

} // namespace tierlens
