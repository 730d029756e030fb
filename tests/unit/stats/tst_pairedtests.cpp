#include "stats/PairedTests.h"

#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace tierlens;

namespace {

bool near(double a, double b, double tolerance = 1e-6)
{
    return std::abs(a - b) < tolerance;
}

QString show(double v)
{
    return QString::number(v, 'g', 12);
}

} // namespace

class TestPairedTests : public QObject
{
    Q_OBJECT

private slots:
    void mcnemarExact()
    {
        // b = 1, c = 9: two-sided p = 2 P(X <= 1), X ~ Bin(10, 1/2) = 2 (1 + 10) / 1024 = 22 / 1024 = 0.021484375.
        const PairedTest r = PairedTests::mcnemar(1, 9, 50);
        QCOMPARE(r.method, u"mcnemar-exact"_s);
        QCOMPARE(r.pairs, qint64(50));
        QCOMPARE(r.discordantOrNonZero, qint64(10));
        QCOMPARE(r.statistic, 1.0);
        QVERIFY2(near(r.pValue, 0.021484375, 1e-9), qPrintable(show(r.pValue)));
        // The test is symmetric in the two models.
        QVERIFY(near(PairedTests::mcnemar(9, 1, 50).pValue, 0.021484375, 1e-9));
    }

    void mcnemarExactAtTheCut()
    {
        // b + c = 24 is still exact: b = 6, c = 18, p = 2 P(X <= 6), X ~ Bin(24, 1/2)
        // = 2 (1 + 24 + 276 + 2024 + 10626 + 42504 + 134596) / 2^24 = 2 * 190051 / 16777216 = 0.0226558447.
        const PairedTest r = PairedTests::mcnemar(6, 18, 30);
        QCOMPARE(r.method, u"mcnemar-exact"_s);
        QVERIFY2(near(r.pValue, 380102.0 / 16777216.0, 1e-9), qPrintable(show(r.pValue)));
    }

    void mcnemarChiSquare()
    {
        // b = 30, c = 12: (|30 - 12| - 1)^2 / 42 = 289 / 42 = 6.8809524. On 1 degree of freedom
        // P(chi2 > x) = 2 P(Z > sqrt(x)) = 2 P(Z > 2.6231570) = 2 * 0.0043560 = 0.0087119.
        const PairedTest r = PairedTests::mcnemar(30, 12, 100);
        QCOMPARE(r.method, u"mcnemar-chi2-cc"_s);
        QCOMPARE(r.discordantOrNonZero, qint64(42));
        QVERIFY2(near(r.statistic, 289.0 / 42.0, 1e-9), qPrintable(show(r.statistic)));
        QVERIFY2(near(r.pValue, 0.0087119), qPrintable(show(r.pValue)));
    }

    void mcnemarChiSquareBalanced()
    {
        // b = c = 15: |b - c| - 1 would be -1; the correction stops at 0, so the statistic is 0 and p is 1.
        const PairedTest r = PairedTests::mcnemar(15, 15, 40);
        QCOMPARE(r.method, u"mcnemar-chi2-cc"_s);
        QCOMPARE(r.statistic, 0.0);
        QVERIFY(near(r.pValue, 1.0, 1e-12));
    }

    void mcnemarNoDiscordantPairs()
    {
        const PairedTest r = PairedTests::mcnemar(0, 0, 20);
        QCOMPARE(r.pairs, qint64(20));
        QCOMPARE(r.discordantOrNonZero, qint64(0));
        QCOMPARE(r.pValue, 1.0);
        QCOMPARE(r.method, u"mcnemar-exact"_s);
    }

    void mcnemarEqualSmallCounts()
    {
        // b = c = 3: twice the lower tail exceeds 1, the p-value is capped at 1.
        QCOMPARE(PairedTests::mcnemar(3, 3, 10).pValue, 1.0);
    }

    void signTest()
    {
        // Eight positive, two negative, three zeros: n = 10, p = 2 P(X <= 2), X ~ Bin(10, 1/2)
        // = 2 (1 + 10 + 45) / 1024 = 112 / 1024 = 0.109375.
        const QVector<double> d { 1, 2, 0.5, 3, -1, 4, 0, 2, 1, -0.25, 0, 6, 0 };
        const PairedTest r = PairedTests::signTest(d);
        QCOMPARE(r.method, u"sign-exact"_s);
        QCOMPARE(r.pairs, qint64(13));
        QCOMPARE(r.discordantOrNonZero, qint64(10));
        QCOMPARE(r.statistic, 8.0);
        QVERIFY2(near(r.pValue, 0.109375, 1e-9), qPrintable(show(r.pValue)));
    }

    void signTestAllOneWay()
    {
        // Six of six negative: p = 2 / 2^6 = 0.03125.
        const PairedTest r = PairedTests::signTest({ -1, -2, -3, -1, -5, -0.1 });
        QCOMPARE(r.statistic, 0.0);
        QVERIFY2(near(r.pValue, 0.03125, 1e-9), qPrintable(show(r.pValue)));
    }

    void signTestNothingToTest()
    {
        const PairedTest zeros = PairedTests::signTest({ 0, 0, 0 });
        QCOMPARE(zeros.pairs, qint64(3));
        QCOMPARE(zeros.discordantOrNonZero, qint64(0));
        QCOMPARE(zeros.pValue, 1.0);
        const PairedTest none = PairedTests::signTest({});
        QCOMPARE(none.pairs, qint64(0));
        QCOMPARE(none.pValue, 1.0);
        // NaN is no pair at all.
        const PairedTest withNan = PairedTests::signTest({ std::nan(""), 1.0 });
        QCOMPARE(withNan.pairs, qint64(1));
        QCOMPARE(withNan.discordantOrNonZero, qint64(1));
        QCOMPARE(withNan.pValue, 1.0); // 2 P(X <= 0), X ~ Bin(1, 1/2) = 1
    }

    void wilcoxonTextbookWithTiesAndZero()
    {
        // Wikipedia, "Wilcoxon signed-rank test", Example (x2 - x1 for the ten pairs (125, 110), (115, 122),
        // (130, 125), (140, 120), (140, 140), (115, 124), (140, 123), (125, 137), (140, 135), (135, 145)).
        // Differences 15, -7, 5, 20, 0, -9, 17, -12, 5, -10; the zero is dropped, n = 9. Ranks of |d|:
        // 5, 5 -> 1.5 each; 7 -> 3; 9 -> 4; 10 -> 5; 12 -> 6; 15 -> 7; 17 -> 8; 20 -> 9.
        // W+ = 1.5 + 1.5 + 7 + 8 + 9 = 27, W- = 3 + 4 + 5 + 6 = 18 (sum 45 = 9 * 10 / 2).
        // A tie, so the normal approximation: mean 9 * 10 / 4 = 22.5; variance 9 * 10 * 19 / 24 - (2^3 - 2) / 48
        // = 71.25 - 0.125 = 71.125; z = (|27 - 22.5| - 0.5) / sqrt(71.125) = 4 / 8.4335639 = 0.4742953;
        // p = 2 P(Z > 0.4742953) = 2 * 0.3176447 = 0.6352893. R 3.4.1 gives the one-sided 0.3176447 for
        // wilcox.test(x, y, paired = TRUE, exact = FALSE, alternative = "greater", correct = TRUE), as quoted in
        // scipy's test suite (test_morestats.py, TestWilcoxon.test_onesided).
        const QVector<double> d { 15, -7, 5, 20, 0, -9, 17, -12, 5, -10 };
        const PairedTest r = PairedTests::wilcoxonSignedRank(d);
        QCOMPARE(r.method, u"wilcoxon-normal-cc"_s);
        QCOMPARE(r.pairs, qint64(10));
        QCOMPARE(r.discordantOrNonZero, qint64(9));
        QCOMPARE(r.statistic, 27.0);
        QVERIFY2(near(r.pValue, 0.6352893), qPrintable(show(r.pValue)));
        // The other way round W+ and W- trade places and the two-sided p stays.
        QVector<double> negated;
        for (double v : d)
            negated.append(-v);
        const PairedTest mirrored = PairedTests::wilcoxonSignedRank(negated);
        QCOMPARE(mirrored.statistic, 18.0);
        QVERIFY(near(mirrored.pValue, r.pValue, 1e-12));
    }

    void wilcoxonAllTied()
    {
        // Ten equal positive differences: one group of 10 tied at rank 5.5, W+ = 55. Mean 27.5; variance
        // 10 * 11 * 21 / 24 - (1000 - 10) / 48 = 96.25 - 20.625 = 75.625; z = (27.5 - 0.5) / 8.6962636 = 3.1047817;
        // p = 2 P(Z > 3.1047817) = 0.001904195, which is R's wilcox.test(rep(0.1, 10), exact = FALSE, correct = TRUE)
        // as quoted in scipy's test suite (TestWilcoxon.test_wilcoxon_tie).
        const PairedTest r = PairedTests::wilcoxonSignedRank(QVector<double>(10, 0.1));
        QCOMPARE(r.method, u"wilcoxon-normal-cc"_s);
        QCOMPARE(r.statistic, 55.0);
        QVERIFY2(near(r.pValue, 0.001904195, 1e-8), qPrintable(show(r.pValue)));
    }

    void wilcoxonExactPublished()
    {
        // Wilcoxon (1945), "Individual comparisons by ranking methods", Biometrics Bulletin 1, 80-83: Darwin's
        // cross- minus self-fertilized corn heights. No ties, no zeros, n = 15. Negative ones: -48 (rank 10) and
        // -67 (rank 14), so W- = 24 and W+ = 120 - 24 = 96. The exact two-sided p is 0.041259765625 (= 1352 / 2^15),
        // as in scipy.stats.wilcoxon's documented example on these data.
        const QVector<double> d { 6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75 };
        const PairedTest r = PairedTests::wilcoxonSignedRank(d);
        QCOMPARE(r.method, u"wilcoxon-exact"_s);
        QCOMPARE(r.discordantOrNonZero, qint64(15));
        QCOMPARE(r.statistic, 96.0);
        QVERIFY2(near(r.pValue, 0.041259765625, 1e-12), qPrintable(show(r.pValue)));
    }

    void wilcoxonExactByHand_data()
    {
        QTest::addColumn<QVector<double>>("differences");
        QTest::addColumn<double>("plusRanks");
        QTest::addColumn<double>("p");
        // n = 5 all positive: W+ = 15, only the all-positive pattern of 2^5 is as extreme on that side:
        // p = 2 / 32 = 0.0625.
        QTest::newRow("five positive") << QVector<double> { 1, 2, 3, 4, 5 } << 15.0 << 0.0625;
        // n = 5, -2 negative: W- = 2. Sign patterns with W- <= 2: {}, {1}, {2}: p = 2 * 3 / 32 = 0.1875.
        QTest::newRow("one negative") << QVector<double> { 1, -2, 3, 4, 5 } << 13.0 << 0.1875;
        // Magnitudes, not values, are ranked: 0.3, -1.5, 2.5, 40 rank 1, 2, 3, 4; W- = 2, W+ = 8. Patterns of
        // 2^4 = 16 with negative ranks summing to <= 2: {}, {1}, {2}: p = 2 * 3 / 16 = 0.375.
        QTest::newRow("magnitudes") << QVector<double> { 40, -1.5, 0.3, 2.5 } << 8.0 << 0.375;
        // n = 6 all negative: W+ = 0, p = 2 / 64 = 0.03125.
        QTest::newRow("six negative") << QVector<double> { -6, -5, -4, -3, -2, -1 } << 0.0 << 0.03125;
        // n = 4, W+ = 5 = W- (the centre): p capped at 1.
        QTest::newRow("centre") << QVector<double> { -1, 2, 3, -4 } << 5.0 << 1.0;
    }

    void wilcoxonExactByHand()
    {
        QFETCH(QVector<double>, differences);
        QFETCH(double, plusRanks);
        QFETCH(double, p);
        const PairedTest r = PairedTests::wilcoxonSignedRank(differences);
        QCOMPARE(r.method, u"wilcoxon-exact"_s);
        QCOMPARE(r.statistic, plusRanks);
        QVERIFY2(near(r.pValue, p, 1e-12), qPrintable(show(r.pValue)));
    }

    void wilcoxonZeroMakesNoTie()
    {
        // Zeros are dropped before ranking, so zeros alone do not force the approximation: {0, 0, 1, 2, 3, 4, 5}
        // is the "five positive" case, p = 0.0625, exactly.
        const PairedTest r = PairedTests::wilcoxonSignedRank({ 0, 1, 0, 2, 3, 4, 5 });
        QCOMPARE(r.method, u"wilcoxon-exact"_s);
        QCOMPARE(r.pairs, qint64(7));
        QCOMPARE(r.discordantOrNonZero, qint64(5));
        QVERIFY(near(r.pValue, 0.0625, 1e-12));
    }

    void wilcoxonLargeWithoutTies()
    {
        // 1..60 with 1..20 negative: n = 60 > 50, no ties, so the normal approximation. W- = 20 * 21 / 2 = 210,
        // W+ = 60 * 61 / 2 - 210 = 1620. Mean 60 * 61 / 4 = 915; variance 60 * 61 * 121 / 24 = 18452.5, sd 135.8400;
        // z = (705 - 0.5) / 135.8400 = 5.1862; p = 2 P(Z > 5.1862) = 2.1457e-7.
        QVector<double> d;
        for (int i = 1; i <= 60; ++i)
            d.append(i <= 20 ? -i : i);
        const PairedTest r = PairedTests::wilcoxonSignedRank(d);
        QCOMPARE(r.method, u"wilcoxon-normal-cc"_s);
        QCOMPARE(r.statistic, 1620.0);
        QVERIFY2(std::abs(r.pValue / 2.1457e-7 - 1.0) < 1e-3, qPrintable(show(r.pValue)));
    }

    void wilcoxonNothingToTest()
    {
        const PairedTest r = PairedTests::wilcoxonSignedRank({ 0, 0, std::nan("") });
        QCOMPARE(r.pairs, qint64(2));
        QCOMPARE(r.discordantOrNonZero, qint64(0));
        QCOMPARE(r.statistic, 0.0);
        QCOMPARE(r.pValue, 1.0);
        QCOMPARE(PairedTests::wilcoxonSignedRank({}).pValue, 1.0);
    }
};

QTEST_GUILESS_MAIN(TestPairedTests)
#include "tst_pairedtests.moc"
