#include "Distributions.h"

#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>

#include <cmath>

namespace tierlens {

namespace {

namespace bp = boost::math::policies;

// Boost.Math throws on a domain error or an overflow by default; core code reports, it does not throw. Callers
// validate their inputs, so these only guard against the unforeseen: a NaN or an infinity comes back instead.
using Policy = bp::policy<bp::domain_error<bp::ignore_error>, bp::overflow_error<bp::ignore_error>,
                          bp::underflow_error<bp::ignore_error>, bp::pole_error<bp::ignore_error>,
                          bp::evaluation_error<bp::ignore_error>, bp::rounding_error<bp::ignore_error>>;

using Normal = boost::math::normal_distribution<double, Policy>;

// The highest confidence level accepted: z is about 7.1 there, and 1 itself would ask for an infinite quantile.
constexpr double maxConfidence = 1.0 - 1e-12;

} // namespace

double Distributions::twoSidedZ(double confidence)
{
    if (!(confidence < maxConfidence)) // NaN too
        confidence = maxConfidence;
    if (confidence < 0)
        confidence = 0;
    return normalQuantile(0.5 + confidence / 2.0);
}

double Distributions::normalQuantile(double p)
{
    return boost::math::quantile(Normal(), p);
}

double Distributions::normalUpperTail(double z)
{
    return boost::math::cdf(boost::math::complement(Normal(), z));
}

double Distributions::chiSquaredUpperTail(double x, double degreesOfFreedom)
{
    if (x <= 0)
        return 1.0;
    const boost::math::chi_squared_distribution<double, Policy> chi(degreesOfFreedom);
    return boost::math::cdf(boost::math::complement(chi, x));
}

double Distributions::binomialCdf(qint64 k, qint64 trials, double p)
{
    if (k < 0)
        return 0.0;
    if (k >= trials)
        return 1.0;
    const boost::math::binomial_distribution<double, Policy> binomial(double(trials), p);
    return boost::math::cdf(binomial, double(k));
}

} // namespace tierlens
