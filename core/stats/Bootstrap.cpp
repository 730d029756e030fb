#include "Bootstrap.h"

#include "Percentiles.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace tierlens {

namespace {

// A uniform index in [0, bound) without modulo bias: raw outputs below 2^64 mod bound are rejected, so the rest
// fall evenly on every index (the method of OpenBSD's arc4random_uniform).
quint64 uniformIndex(std::mt19937_64& engine, quint64 bound)
{
    const quint64 threshold = (quint64(0) - bound) % bound; // 2^64 mod bound
    for (;;) {
        const quint64 r = engine();
        if (r >= threshold)
            return r % bound;
    }
}

} // namespace

Interval Bootstrap::mean(const QVector<double>& values, double confidence, int resamples, quint64 seed)
{
    Interval r;
    const qsizetype n = values.size();
    if (n == 0)
        return r;
    r.n = n;
    double sum = 0;
    for (double v : values)
        sum += v;
    r.estimate = sum / double(n);
    if (n == 1) {
        r.low = r.high = r.estimate;
        return r;
    }

    if (!(confidence <= 1.0)) // NaN too
        confidence = 1.0;
    confidence = qMax(0.0, confidence);
    resamples = qMax(1, resamples);

    std::mt19937_64 engine(seed);
    QVector<double> means;
    means.reserve(resamples);
    for (int i = 0; i < resamples; ++i) {
        double resampleSum = 0;
        for (qsizetype j = 0; j < n; ++j)
            resampleSum += values[qsizetype(uniformIndex(engine, quint64(n)))];
        means.append(resampleSum / double(n));
    }
    std::sort(means.begin(), means.end());
    const double tail = (1.0 - confidence) / 2.0;
    r.low = *Percentiles::at(means, 100.0 * tail);
    r.high = *Percentiles::at(means, 100.0 * (1.0 - tail));
    return r;
}

} // namespace tierlens
