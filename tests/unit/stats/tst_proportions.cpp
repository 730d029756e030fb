#include "stats/Proportions.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace tierlens;

namespace {

// Hand computations below carry 6-7 significant digits; the published figures 4 decimals.
bool near(double a, double b, double tolerance = 1e-6)
{
    return std::abs(a - b) < tolerance;
}

} // namespace

class TestProportions : public QObject
{
    Q_OBJECT

private slots:
    void wilsonEightOfTen()
    {
        // p = 0.8, z^2 = 3.841459, z^2/n = 0.3841459, denominator 1.3841459.
        // centre = (0.8 + 0.1920729) / 1.3841459 = 0.7167402;
        // half = 1.959964 * sqrt(0.016 + 0.0096036) / 1.3841459 = 1.959964 * 0.1600114 / 1.3841459 = 0.2265777;
        // low = centre - half = 0.4901625, high = centre + half = 0.9433178 (the sums taken before rounding).
        const Interval r = Proportions::wilson(8, 10);
        QCOMPARE(r.n, qint64(10));
        QVERIFY(near(r.estimate, 0.8, 1e-12));
        QVERIFY2(near(r.low, 0.4901625), qPrintable(QString::number(r.low, 'g', 10)));
        QVERIFY2(near(r.high, 0.9433178), qPrintable(QString::number(r.high, 'g', 10)));
    }

    void wilsonLowerConfidenceIsNarrower()
    {
        // 90%: z = 1.644854, z^2/n = 0.2705543, denominator 1.2705543; centre = 0.9352772 / 1.2705543 = 0.7361174;
        // half = 1.644854 * sqrt(0.016 + 0.0067639) / 1.2705543 = 1.644854 * 0.1508770 / 1.2705543 = 0.1953246.
        const Interval r = Proportions::wilson(8, 10, 0.90);
        QVERIFY2(near(r.low, 0.5407928), qPrintable(QString::number(r.low, 'g', 10)));
        QVERIFY2(near(r.high, 0.9314420), qPrintable(QString::number(r.high, 'g', 10)));
    }

    void wilsonNoneOfTen()
    {
        // p = 0: centre and half width are both (z^2/2n) / (1 + z^2/n), so low = 0 and
        // high = (z^2/n) / (1 + z^2/n) = 0.3841459 / 1.3841459 = 0.2775328.
        const Interval r = Proportions::wilson(0, 10);
        QCOMPARE(r.estimate, 0.0);
        QCOMPARE(r.low, 0.0);
        QVERIFY2(near(r.high, 0.2775328), qPrintable(QString::number(r.high, 'g', 10)));
    }

    void wilsonAllOfTen()
    {
        // The mirror image of 0/10: low = 1 - 0.2775328, high exactly 1.
        const Interval r = Proportions::wilson(10, 10);
        QCOMPARE(r.estimate, 1.0);
        QVERIFY2(near(r.low, 0.7224672), qPrintable(QString::number(r.low, 'g', 10)));
        QCOMPARE(r.high, 1.0);
    }

    void wilsonPublished_data()
    {
        // Newcombe, "Two-sided confidence intervals for the single proportion: comparison of seven methods",
        // Statistics in Medicine 17 (1998) 857-872, Table II, method 3 (score interval without continuity
        // correction), printed to 4 decimals.
        QTest::addColumn<qint64>("successes");
        QTest::addColumn<qint64>("n");
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        QTest::newRow("81/263") << qint64(81) << qint64(263) << 0.2553 << 0.3662;
        QTest::newRow("15/148") << qint64(15) << qint64(148) << 0.0624 << 0.1605;
        QTest::newRow("0/20") << qint64(0) << qint64(20) << 0.0 << 0.1611;
        QTest::newRow("1/29") << qint64(1) << qint64(29) << 0.0061 << 0.1718;
    }

    void wilsonPublished()
    {
        QFETCH(qint64, successes);
        QFETCH(qint64, n);
        QFETCH(double, low);
        QFETCH(double, high);
        const Interval r = Proportions::wilson(successes, n);
        QVERIFY2(near(r.low, low, 0.5e-4 + 1e-9), qPrintable(QString::number(r.low, 'g', 10)));
        QVERIFY2(near(r.high, high, 0.5e-4 + 1e-9), qPrintable(QString::number(r.high, 'g', 10)));
        QVERIFY(near(r.estimate, double(successes) / double(n), 1e-12));
    }

    void wilsonNoSamples()
    {
        for (qint64 n : { qint64(0), qint64(-3) }) {
            const Interval r = Proportions::wilson(0, n);
            QCOMPARE(r.n, qint64(0));
            QCOMPARE(r.estimate, 0.0);
            QCOMPARE(r.low, 0.0);
            QCOMPARE(r.high, 1.0);
        }
    }

    void wilsonClampsSuccesses()
    {
        const Interval over = Proportions::wilson(12, 10);
        QCOMPARE(over.estimate, 1.0);
        QCOMPARE(over.high, 1.0);
        QVERIFY(near(over.low, 0.7224672));
        const Interval under = Proportions::wilson(-1, 10);
        QCOMPARE(under.estimate, 0.0);
        QCOMPARE(under.low, 0.0);
    }

    void wilsonShrinksWithSamples()
    {
        const Interval small = Proportions::wilson(8, 10);
        const Interval large = Proportions::wilson(800, 1000);
        QVERIFY(large.high - large.low < (small.high - small.low) / 5);
        QVERIFY(large.low < 0.8 && large.high > 0.8);
    }

    void wilsonConfidenceOutOfRange()
    {
        // Confidence 0 is z = 0: the interval is the point p. NaN is the widest level, still inside [0, 1].
        const Interval point = Proportions::wilson(8, 10, 0.0);
        QVERIFY(near(point.low, 0.8, 1e-12));
        QVERIFY(near(point.high, 0.8, 1e-12));
        const Interval widest = Proportions::wilson(8, 10, std::numeric_limits<double>::quiet_NaN());
        QVERIFY(widest.low >= 0.0 && widest.low < 0.4901625);
        QVERIFY(widest.high <= 1.0 && widest.high > 0.9433178);
    }

    void samplesToSeparate()
    {
        // p1 = 0.6, p2 = 0.8, 95%, power 0.8: z_a = 1.959964, z_b = 0.841621, pbar = 0.7.
        // z_a sqrt(2 * 0.7 * 0.3) = 1.959964 * 0.6480741 = 1.2702019;
        // z_b sqrt(0.24 + 0.16)    = 0.841621 * 0.6324555 = 0.5322876;
        // (1.8024895)^2 / 0.04 = 3.2489684 / 0.04 = 81.22 -> 82 per model.
        QCOMPARE(Proportions::samplesToSeparate(0.6, 0.8), std::optional<qint64>(82));
        QCOMPARE(Proportions::samplesToSeparate(0.8, 0.6), std::optional<qint64>(82));
        // Power 0.9: z_b = 1.281552; 1.281552 * 0.6324555 = 0.8105249; (2.0807268)^2 / 0.04 = 108.24 -> 109.
        QCOMPARE(Proportions::samplesToSeparate(0.6, 0.8, 0.95, 0.9), std::optional<qint64>(109));
        // 0.5 vs 0.55: pbar = 0.525, 2 pbar (1 - pbar) = 0.49875, sqrt 0.7062224; sqrt(0.25 + 0.2475) = 0.7053368;
        // (1.959964 * 0.7062224 + 0.841621 * 0.7053368)^2 / 0.0025 = (1.3841705 + 0.5936263)^2 / 0.0025
        // = 3.9116595 / 0.0025 = 1564.66 -> 1565.
        QCOMPARE(Proportions::samplesToSeparate(0.5, 0.55), std::optional<qint64>(1565));
        // 0 vs 1: the second root is 0; (z_a sqrt(0.5))^2 / 1 = z_a^2 / 2 = 1.92 -> 2.
        QCOMPARE(Proportions::samplesToSeparate(0.0, 1.0), std::optional<qint64>(2));
    }

    void samplesToSeparateUndefined()
    {
        QCOMPARE(Proportions::samplesToSeparate(0.7, 0.7), std::nullopt);
        QCOMPARE(Proportions::samplesToSeparate(-0.1, 0.5), std::nullopt);
        QCOMPARE(Proportions::samplesToSeparate(0.5, 1.1), std::nullopt);
        QCOMPARE(Proportions::samplesToSeparate(0.5, 0.6, 1.0), std::nullopt);
        QCOMPARE(Proportions::samplesToSeparate(0.5, 0.6, 0.95, 0.0), std::nullopt);
        QCOMPARE(Proportions::samplesToSeparate(std::nan(""), 0.6), std::nullopt);
        QCOMPARE(Proportions::samplesToSeparate(0.5, 0.5 + 1e-12), std::nullopt); // beyond 2^53 per model
    }
};

QTEST_GUILESS_MAIN(TestProportions)
#include "tst_proportions.moc"
