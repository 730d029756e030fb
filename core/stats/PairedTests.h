#pragma once
// Two-sided significance tests for two models run on the same prompts: pass/fail pairs and paired differences.

#include <QString>
#include <QVector>
#include <QtGlobal>

namespace tierlens {

// The outcome of one paired test. Pairs that carry no information (both passed or both failed, a zero difference)
// are counted in pairs but left out of the test, as the methods prescribe.
struct PairedTest
{
    qint64 pairs = 0; // pairs given (NaN differences are not counted: they are no pair)
    qint64 discordantOrNonZero = 0; // pairs the test used: discordant (McNemar) or with a non-zero difference
    double statistic = 0; // the method's statistic; each method's documentation says which
    double pValue = 1; // two-sided; 1 when no pair carries information
    // Which computation gave the p-value, a stable identifier (for summaries and for a report to name in its own
    // words): "mcnemar-exact", "mcnemar-chi2-cc", "sign-exact", "wilcoxon-exact", "wilcoxon-normal-cc".
    QString method;
};

class PairedTests
{
public:
    // McNemar's test on pass/fail pairs: b = onlyFirstPassed, c = onlySecondPassed, out of pairs in all. When
    // b + c < 25 the p-value is exact, the two-sided binomial test of b out of b + c at 1/2,
    // min(1, 2 P(X <= min(b, c))), with statistic b ("mcnemar-exact"). From 25 on it is the chi-square test with
    // Edwards' continuity correction, statistic max(0, |b - c| - 1)^2 / (b + c) on 1 degree of freedom
    // ("mcnemar-chi2-cc"); the cut at 25 is where the approximation is commonly taken to be good enough.
    // Negative counts count as 0.
    static PairedTest mcnemar(qint64 onlyFirstPassed, qint64 onlySecondPassed, qint64 pairs);

    // The sign test on paired differences (first minus second): zeros dropped, then the exact two-sided binomial
    // test of the k positive differences out of the n non-zero ones at 1/2, min(1, 2 P(X <= min(k, n - k))).
    // statistic is k ("sign-exact").
    static PairedTest signTest(const QVector<double>& differences);

    // The Wilcoxon signed-rank test on paired differences (first minus second). Zeros are dropped (Wilcoxon's own
    // method; Pratt's keeps them) and the absolute values of the rest ranked, tied values taking the average of
    // their ranks (values are tied when exactly equal: round differences computed from scores first if that
    // matters). statistic is W+, the sum of the ranks of the positive differences; W- = n(n + 1)/2 - W+, and
    // textbooks' two-sided T is min(W+, W-).
    // With n <= 50 non-zero differences and no ties the p-value is exact, 2 P(W+ <= min(W+, W-)) capped at 1, from
    // the null distribution counted over all 2^n sign patterns ("wilcoxon-exact"). Otherwise it is the normal
    // approximation with the tie correction and a continuity correction of 1/2 towards the mean (as R's
    // wilcox.test(correct = TRUE)):
    //   z = max(0, |W+ - n(n + 1)/4| - 1/2) / sqrt(n(n + 1)(2n + 1)/24 - sum(t^3 - t)/48),  p = 2 P(Z > z),
    // t running over the sizes of the groups of tied values ("wilcoxon-normal-cc").
    static PairedTest wilcoxonSignedRank(const QVector<double>& differences);
};

} // namespace tierlens
