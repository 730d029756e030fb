#pragma once
// Percentile-bootstrap confidence intervals for a sample mean (latency, cost, score), reproducible from a seed.

#include "Interval.h"

#include <QVector>
#include <QtGlobal>

namespace tierlens {

class Bootstrap
{
public:
    // The mean of values with a percentile bootstrap interval (Efron & Tibshirani, An Introduction to the
    // Bootstrap, 1993, ch. 13): resamples samples of values.size() values are drawn with replacement, and low and
    // high are the (1 - confidence) / 2 and (1 + confidence) / 2 quantiles of their means, interpolated linearly
    // between the closest ranks (numpy's default, as Percentiles does). It assumes no normality, which suits
    // skewed figures such as latency and cost, but it is only as good as the sample is representative, and
    // narrower than it should be below roughly 10 values.
    // The same values, confidence, resamples and seed give the same interval on every platform: the draws come
    // straight from std::mt19937_64 (whose output the standard fixes), not from std::uniform_int_distribution
    // (whose algorithm it leaves to the library). estimate is the sample mean; low <= estimate <= high is usual
    // but not forced. No values: everything 0 and n 0. One value: low = high = estimate = that value.
    // resamples below 1 counts as 1; confidence is clamped into [0, 1] (NaN reads as 1, the widest); values must
    // be finite.
    static Interval mean(const QVector<double>& values, double confidence = 0.95, int resamples = 2000,
                         quint64 seed = 1);
};

} // namespace tierlens
