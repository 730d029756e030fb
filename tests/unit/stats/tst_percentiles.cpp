// Percentiles: linear interpolation between closest ranks, checked against values numpy.percentile gives.
#include "stats/Percentiles.h"

#include <QTest>

using namespace tierlens;

class TestPercentiles : public QObject
{
    Q_OBJECT

private slots:
    void emptyIsUnknown()
    {
        QVERIFY(!Percentiles::at({}, 50).has_value());
        QVERIFY(!Percentiles::median({}).has_value());
    }

    void singleValue()
    {
        QCOMPARE(*Percentiles::at({ 7.0 }, 0), 7.0);
        QCOMPARE(*Percentiles::at({ 7.0 }, 95), 7.0);
        QCOMPARE(*Percentiles::at({ 7.0 }, 100), 7.0);
    }

    void interpolates_data()
    {
        QTest::addColumn<QVector<double>>("sorted");
        QTest::addColumn<double>("p");
        QTest::addColumn<double>("expected");
        // Expected values are numpy.percentile(sorted, p) with the default "linear" method.
        QTest::newRow("median even") << QVector<double> { 1, 2, 3, 4 } << 50.0 << 2.5;
        QTest::newRow("median odd") << QVector<double> { 1, 2, 10 } << 50.0 << 2.0;
        QTest::newRow("p95 of three") << QVector<double> { 100, 200, 300 } << 95.0 << 290.0;
        QTest::newRow("p40") << QVector<double> { 15, 20, 35, 40, 50 } << 40.0 << 29.0;
        QTest::newRow("p95 of two") << QVector<double> { 150, 250 } << 95.0 << 245.0;
        QTest::newRow("p0 is min") << QVector<double> { 3, 5, 8 } << 0.0 << 3.0;
        QTest::newRow("p100 is max") << QVector<double> { 3, 5, 8 } << 100.0 << 8.0;
        QTest::newRow("p99 of ten") << QVector<double> { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 } << 99.0 << 9.91;
        QTest::newRow("ties") << QVector<double> { 0.1, 0.1, 0.1 } << 37.0 << 0.1;
    }

    void interpolates()
    {
        QFETCH(QVector<double>, sorted);
        QFETCH(double, p);
        QFETCH(double, expected);
        const std::optional<double> v = Percentiles::at(sorted, p);
        QVERIFY(v.has_value());
        QVERIFY2(qAbs(*v - expected) < 1e-9, qPrintable(QString::number(*v, 'g', 17)));
    }

    void clampsOutOfRange()
    {
        const QVector<double> v { 1, 2, 3 };
        QCOMPARE(*Percentiles::at(v, -10), 1.0);
        QCOMPARE(*Percentiles::at(v, 150), 3.0);
        QVERIFY(!Percentiles::at(v, std::nan("")).has_value());
    }
};

QTEST_GUILESS_MAIN(TestPercentiles)
#include "tst_percentiles.moc"
