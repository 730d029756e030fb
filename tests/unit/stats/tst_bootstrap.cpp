#include "stats/Bootstrap.h"

#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace tierlens;

namespace {

QVector<double> oneTo(int n)
{
    QVector<double> values;
    for (int i = 1; i <= n; ++i)
        values.append(i);
    return values;
}

} // namespace

class TestBootstrap : public QObject
{
    Q_OBJECT

private slots:
    void empty()
    {
        const Interval r = Bootstrap::mean({});
        QCOMPARE(r.n, qint64(0));
        QCOMPARE(r.estimate, 0.0);
        QCOMPARE(r.low, 0.0);
        QCOMPARE(r.high, 0.0);
    }

    void oneValue()
    {
        const Interval r = Bootstrap::mean({ 42.5 });
        QCOMPARE(r.n, qint64(1));
        QCOMPARE(r.estimate, 42.5);
        QCOMPARE(r.low, 42.5);
        QCOMPARE(r.high, 42.5);
    }

    void constantValues()
    {
        // Every resample of identical values has the same mean: nothing varies, the interval is a point.
        const Interval r = Bootstrap::mean({ 3.0, 3.0, 3.0, 3.0, 3.0 });
        QCOMPARE(r.n, qint64(5));
        QCOMPARE(r.estimate, 3.0);
        QCOMPARE(r.low, 3.0);
        QCOMPARE(r.high, 3.0);
    }

    void estimateIsTheSampleMean()
    {
        const Interval r = Bootstrap::mean({ 1.0, 2.0, 3.0, 4.0 });
        QCOMPARE(r.n, qint64(4));
        QVERIFY(std::abs(r.estimate - 2.5) < 1e-12);
    }

    void deterministicForASeed()
    {
        const QVector<double> values { 12, 7, 3, 25, 9, 14, 2, 31, 8, 5, 17, 11 };
        const Interval a = Bootstrap::mean(values, 0.95, 2000, 7);
        const Interval b = Bootstrap::mean(values, 0.95, 2000, 7);
        // The same computation on the same input: bit for bit equal.
        QCOMPARE(a.low, b.low);
        QCOMPARE(a.high, b.high);
        QCOMPARE(a.estimate, b.estimate);
        // Another seed draws other resamples; with 12 distinct values both bounds landing on the same doubles
        // again would be a coincidence.
        const Interval c = Bootstrap::mean(values, 0.95, 2000, 8);
        QVERIFY(a.low != c.low || a.high != c.high);
        QCOMPARE(c.estimate, a.estimate);
    }

    void twoValues()
    {
        // Resamples of {0, 1} have mean 0, 0.5 or 1 with probability 1/4, 1/2, 1/4: about 500, 1000 and 500 of
        // 2000 (standard deviation about 19). The 95% bounds sit at ranks 0.025 * 1999 = 49.975 and 1949.025 of
        // the sorted means, deep inside the runs of 0s and of 1s, so they are exactly 0 and 1. The 40% bounds
        // sit at ranks 599.7 and 1399.3, inside the run of 0.5s unless more than 600 zeros or ones were drawn
        // (5 standard deviations away), so both are exactly 0.5.
        const Interval wide = Bootstrap::mean({ 0.0, 1.0 }, 0.95, 2000, 1);
        QCOMPARE(wide.estimate, 0.5);
        QCOMPARE(wide.low, 0.0);
        QCOMPARE(wide.high, 1.0);
        const Interval narrow = Bootstrap::mean({ 0.0, 1.0 }, 0.40, 2000, 1);
        QCOMPARE(narrow.low, 0.5);
        QCOMPARE(narrow.high, 0.5);
    }

    void agreesWithTheNormalTheory()
    {
        // 1..100: mean 50.5. A resample mean has the population's standard deviation (divisor n, as the
        // bootstrap resamples the sample itself) over sqrt(n): sqrt((100^2 - 1) / 12) / 10 = 28.8661 / 10 =
        // 2.88661, and by the central limit theorem is close to normal, so the 95% bounds are near
        // 50.5 -+ 1.959964 * 2.88661 = 50.5 -+ 5.65765, i.e. 44.842 and 56.158. With 10,000 resamples the
        // Monte Carlo error of a 2.5% quantile is about sqrt(0.025 * 0.975 / 10000) / (0.0584 / 2.88661) = 0.08.
        const Interval r = Bootstrap::mean(oneTo(100), 0.95, 10000, 1);
        QCOMPARE(r.n, qint64(100));
        QCOMPARE(r.estimate, 50.5);
        QVERIFY(r.low < r.estimate && r.estimate < r.high);
        QVERIFY2(std::abs(r.low - 44.842) < 0.35, qPrintable(QString::number(r.low)));
        QVERIFY2(std::abs(r.high - 56.158) < 0.35, qPrintable(QString::number(r.high)));
    }

    void narrowsWithMoreValues()
    {
        // The same spread ten times over: the standard error falls by sqrt(10) = 3.16, so the width should at
        // least halve.
        const QVector<double> ten = oneTo(10);
        QVector<double> hundred;
        for (int i = 0; i < 10; ++i)
            hundred += ten;
        const Interval small = Bootstrap::mean(ten);
        const Interval large = Bootstrap::mean(hundred);
        QCOMPARE(small.estimate, 5.5);
        QCOMPARE(large.estimate, 5.5);
        QVERIFY(small.low < 5.5 && 5.5 < small.high);
        QVERIFY(large.low < 5.5 && 5.5 < large.high);
        QVERIFY2(large.high - large.low < (small.high - small.low) / 2,
                 qPrintable(u"%1 vs %2"_s.arg(large.high - large.low).arg(small.high - small.low)));
    }

    void lowerConfidenceIsNarrower()
    {
        const QVector<double> values = oneTo(30);
        const Interval wide = Bootstrap::mean(values, 0.99);
        const Interval narrow = Bootstrap::mean(values, 0.50);
        QVERIFY(wide.low < narrow.low);
        QVERIFY(narrow.high < wide.high);
    }

    void oneResampleAtLeast()
    {
        // No resamples counts as one: both bounds are that one resample's mean, some multiple of 1/3 here.
        const Interval r = Bootstrap::mean({ 0.0, 1.0, 2.0 }, 0.95, 0, 1);
        QCOMPARE(r.low, r.high);
        QVERIFY(r.low >= 0.0 && r.low <= 2.0);
        QVERIFY(std::abs(r.low * 3 - std::round(r.low * 3)) < 1e-9);
    }
};

QTEST_GUILESS_MAIN(TestBootstrap)
#include "tst_bootstrap.moc"
