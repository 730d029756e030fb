#include "PairedTests.h"

#include "Distributions.h"

#include <algorithm>
#include <cmath>
#include <vector>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

// Exact two-sided binomial test of k successes in n trials at 1/2. The distribution is symmetric, so twice the
// smaller tail is the probability of a count at least as far from n/2 as the one seen.
double twoSidedHalfBinomial(qint64 k, qint64 n)
{
    if (n <= 0)
        return 1.0;
    return qMin(1.0, 2.0 * Distributions::binomialCdf(qMin(k, n - k), n, 0.5));
}

// Largest n for which the exact signed-rank distribution is counted: every count is below 2^50, well inside a
// double's exact integers, and scipy's wilcoxon draws the line at the same place.
constexpr qint64 maxExactSignedRank = 50;

// P(W+ <= w) under the null for n untied ranks 1..n: the share of the 2^n sign patterns whose positive ranks sum
// to at most w, counted by the subset-sum recurrence.
double signedRankCdf(qint64 w, qint64 n)
{
    const qint64 total = n * (n + 1) / 2;
    if (w < 0)
        return 0.0;
    if (w >= total)
        return 1.0;
    std::vector<double> ways(size_t(total + 1), 0.0);
    ways[0] = 1.0;
    for (qint64 rank = 1; rank <= n; ++rank) {
        const qint64 reachable = rank * (rank + 1) / 2;
        for (qint64 s = reachable; s >= rank; --s)
            ways[size_t(s)] += ways[size_t(s - rank)];
    }
    double atMost = 0;
    for (qint64 s = 0; s <= w; ++s)
        atMost += ways[size_t(s)];
    return std::ldexp(atMost, -int(n));
}

} // namespace

PairedTest PairedTests::mcnemar(qint64 onlyFirstPassed, qint64 onlySecondPassed, qint64 pairs)
{
    const qint64 b = qMax(qint64(0), onlyFirstPassed);
    const qint64 c = qMax(qint64(0), onlySecondPassed);
    PairedTest r;
    r.pairs = pairs;
    r.discordantOrNonZero = b + c;
    if (b + c < 25) {
        r.method = u"mcnemar-exact"_s;
        r.statistic = double(b);
        r.pValue = twoSidedHalfBinomial(b, b + c);
        return r;
    }
    r.method = u"mcnemar-chi2-cc"_s;
    const double corrected = qMax(0.0, std::abs(double(b - c)) - 1.0);
    r.statistic = corrected * corrected / double(b + c);
    r.pValue = Distributions::chiSquaredUpperTail(r.statistic, 1.0);
    return r;
}

PairedTest PairedTests::signTest(const QVector<double>& differences)
{
    PairedTest r;
    r.method = u"sign-exact"_s;
    qint64 positive = 0;
    for (double d : differences) {
        if (std::isnan(d))
            continue;
        ++r.pairs;
        if (d != 0)
            ++r.discordantOrNonZero;
        if (d > 0)
            ++positive;
    }
    r.statistic = double(positive);
    r.pValue = twoSidedHalfBinomial(positive, r.discordantOrNonZero);
    return r;
}

PairedTest PairedTests::wilcoxonSignedRank(const QVector<double>& differences)
{
    PairedTest r;
    std::vector<double> nonZero;
    nonZero.reserve(size_t(differences.size()));
    for (double d : differences) {
        if (std::isnan(d))
            continue;
        ++r.pairs;
        if (d != 0)
            nonZero.push_back(d);
    }
    const auto n = qint64(nonZero.size());
    r.discordantOrNonZero = n;
    if (n == 0) {
        r.method = u"wilcoxon-exact"_s;
        return r;
    }

    std::sort(nonZero.begin(), nonZero.end(), [](double a, double b) { return std::abs(a) < std::abs(b); });
    double positiveRanks = 0;
    double tieTerm = 0; // sum of t^3 - t over the groups of tied absolute values
    for (qint64 first = 0; first < n;) {
        qint64 last = first; // the group of values tied with nonZero[first] is [first, last]
        while (last + 1 < n && std::abs(nonZero[size_t(last + 1)]) == std::abs(nonZero[size_t(first)]))
            ++last;
        const double averageRank = double(first + 1 + last + 1) / 2.0;
        for (qint64 i = first; i <= last; ++i) {
            if (nonZero[size_t(i)] > 0)
                positiveRanks += averageRank;
        }
        const double t = double(last - first + 1);
        tieTerm += t * t * t - t;
        first = last + 1;
    }
    r.statistic = positiveRanks;

    const double nn = double(n);
    const double total = nn * (nn + 1.0) / 2.0;
    if (tieTerm == 0 && n <= maxExactSignedRank) {
        r.method = u"wilcoxon-exact"_s;
        // Without ties every rank is a whole number, and so is W+.
        const auto smaller = qint64(std::llround(qMin(positiveRanks, total - positiveRanks)));
        r.pValue = qMin(1.0, 2.0 * signedRankCdf(smaller, n));
        return r;
    }
    r.method = u"wilcoxon-normal-cc"_s;
    const double mean = total / 2.0;
    const double variance = nn * (nn + 1.0) * (2.0 * nn + 1.0) / 24.0 - tieTerm / 48.0;
    const double distance = qMax(0.0, std::abs(positiveRanks - mean) - 0.5);
    r.pValue = variance > 0 ? qMin(1.0, 2.0 * Distributions::normalUpperTail(distance / std::sqrt(variance))) : 1.0;
    return r;
}

} // namespace tierlens
