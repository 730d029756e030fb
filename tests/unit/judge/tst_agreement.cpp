#include "checks/judge/Agreement.h"

#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace tierlens;

namespace {

using Pairs = QVector<QPair<QString, QString>>;

void addItems(Pairs* pairs, const QString& a, const QString& b, int count)
{
    for (int i = 0; i < count; ++i)
        pairs->append({ a, b });
}

bool near(double a, double b)
{
    return std::abs(a - b) < 1e-12;
}

} // namespace

class TestAgreement : public QObject
{
    Q_OBJECT

private slots:
    void classicTwoByTwo()
    {
        // 50 items: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no. Rater 1 says yes 25 times, rater 2 30 times:
        // expected = (25*30 + 25*20) / 50^2 = 0.5, observed = 35/50 = 0.7, kappa = 0.2 / 0.5 = 0.4.
        Pairs pairs;
        addItems(&pairs, u"yes"_s, u"yes"_s, 20);
        addItems(&pairs, u"yes"_s, u"no"_s, 5);
        addItems(&pairs, u"no"_s, u"yes"_s, 10);
        addItems(&pairs, u"no"_s, u"no"_s, 15);
        const auto r = Agreement::cohensKappa(pairs);
        QVERIFY(r.has_value());
        QCOMPARE(r->n, 50);
        QVERIFY(near(r->observed, 0.7));
        QVERIFY(near(r->expected, 0.5));
        QVERIFY(near(r->kappa, 0.4));
        QCOMPARE(Agreement::interpretation(r->kappa), u"fair agreement"_s);
    }

    void threeLabels()
    {
        // Rows rater 1, columns rater 2:   A   B   C
        //                               A 10   2   3   (15)
        //                               B  1  12   2   (15)
        //                               C  4   1  15   (20)
        //                                 (15) (15) (20)
        // observed = 37/50 = 0.74; expected = (15*15 + 15*15 + 20*20) / 2500 = 0.34; kappa = 0.40/0.66 = 20/33.
        Pairs pairs;
        addItems(&pairs, u"A"_s, u"A"_s, 10);
        addItems(&pairs, u"A"_s, u"B"_s, 2);
        addItems(&pairs, u"A"_s, u"C"_s, 3);
        addItems(&pairs, u"B"_s, u"A"_s, 1);
        addItems(&pairs, u"B"_s, u"B"_s, 12);
        addItems(&pairs, u"B"_s, u"C"_s, 2);
        addItems(&pairs, u"C"_s, u"A"_s, 4);
        addItems(&pairs, u"C"_s, u"B"_s, 1);
        addItems(&pairs, u"C"_s, u"C"_s, 15);
        const auto r = Agreement::cohensKappa(pairs);
        QVERIFY(r.has_value());
        QCOMPARE(r->n, 50);
        QVERIFY(near(r->observed, 0.74));
        QVERIFY(near(r->expected, 0.34));
        QVERIFY(near(r->kappa, 20.0 / 33.0));
        QCOMPARE(Agreement::interpretation(r->kappa), u"substantial agreement"_s);
    }

    void labelOnlyOneRaterUses()
    {
        // Rater 2 uses "C", which rater 1 never does: it adds nothing to chance agreement.
        // observed = 2/4; expected = (2*1 + 2*1 + 0*2) / 16 = 0.25; kappa = 0.25 / 0.75 = 1/3.
        const Pairs pairs { { u"A"_s, u"A"_s }, { u"A"_s, u"C"_s }, { u"B"_s, u"B"_s }, { u"B"_s, u"C"_s } };
        const auto r = Agreement::cohensKappa(pairs);
        QVERIFY(r.has_value());
        QVERIFY(near(r->observed, 0.5));
        QVERIFY(near(r->expected, 0.25));
        QVERIFY(near(r->kappa, 1.0 / 3.0));
    }

    void empty() { QVERIFY(!Agreement::cohensKappa({}).has_value()); }

    void oneSameLabelThroughout()
    {
        Pairs pairs;
        addItems(&pairs, u"tie"_s, u"tie"_s, 7);
        const auto r = Agreement::cohensKappa(pairs);
        QVERIFY(r.has_value());
        QCOMPARE(r->n, 7);
        QCOMPARE(r->observed, 1.0);
        QCOMPARE(r->expected, 1.0);
        QCOMPARE(r->kappa, 1.0);
        QVERIFY(!std::isnan(r->kappa));
    }

    void perfectAgreementTwoLabels()
    {
        const Pairs pairs { { u"A"_s, u"A"_s }, { u"B"_s, u"B"_s }, { u"A"_s, u"A"_s } };
        const auto r = Agreement::cohensKappa(pairs);
        QVERIFY(r.has_value());
        QVERIFY(near(r->expected, 5.0 / 9.0));
        QVERIFY(near(r->kappa, 1.0));
    }

    void completeDisagreement()
    {
        const auto r = Agreement::cohensKappa({ { u"yes"_s, u"no"_s }, { u"no"_s, u"yes"_s } });
        QVERIFY(r.has_value());
        QCOMPARE(r->observed, 0.0);
        QVERIFY(near(r->expected, 0.5));
        QVERIFY(near(r->kappa, -1.0));
        QCOMPARE(Agreement::interpretation(r->kappa), u"poor agreement"_s);
    }

    void oneRaterConstant()
    {
        // Agreement on half the items is exactly what chance predicts when one rater never changes its label.
        const auto r = Agreement::cohensKappa({ { u"x"_s, u"x"_s }, { u"x"_s, u"y"_s } });
        QVERIFY(r.has_value());
        QVERIFY(near(r->observed, 0.5));
        QVERIFY(near(r->expected, 0.5));
        QVERIFY(near(r->kappa, 0.0));
    }

    void singleItem()
    {
        const auto same = Agreement::cohensKappa({ { u"a"_s, u"a"_s } });
        QVERIFY(same.has_value());
        QCOMPARE(same->kappa, 1.0);
        const auto different = Agreement::cohensKappa({ { u"a"_s, u"b"_s } });
        QVERIFY(different.has_value());
        QCOMPARE(different->expected, 0.0);
        QCOMPARE(different->kappa, 0.0);
    }

    void labelsAreCaseSensitive()
    {
        const auto r = Agreement::cohensKappa({ { u"Yes"_s, u"yes"_s } });
        QVERIFY(r.has_value());
        QCOMPARE(r->observed, 0.0);
    }

    void interpretationBands_data()
    {
        QTest::addColumn<double>("kappa");
        QTest::addColumn<QString>("band");
        QTest::newRow("-1") << -1.0 << u"poor agreement"_s;
        QTest::newRow("-0.01") << -0.01 << u"poor agreement"_s;
        QTest::newRow("0") << 0.0 << u"slight agreement"_s;
        QTest::newRow("0.20") << 0.20 << u"slight agreement"_s;
        QTest::newRow("0.21") << 0.21 << u"fair agreement"_s;
        QTest::newRow("0.40") << 0.40 << u"fair agreement"_s;
        QTest::newRow("0.41") << 0.41 << u"moderate agreement"_s;
        QTest::newRow("0.60") << 0.60 << u"moderate agreement"_s;
        QTest::newRow("0.61") << 0.61 << u"substantial agreement"_s;
        QTest::newRow("0.80") << 0.80 << u"substantial agreement"_s;
        QTest::newRow("0.81") << 0.81 << u"almost perfect agreement"_s;
        QTest::newRow("1") << 1.0 << u"almost perfect agreement"_s;
        QTest::newRow("nan") << std::nan("") << u"undefined"_s;
    }

    void interpretationBands()
    {
        QFETCH(double, kappa);
        QFETCH(QString, band);
        QCOMPARE(Agreement::interpretation(kappa), band);
    }
};

QTEST_GUILESS_MAIN(TestAgreement)
#include "tst_agreement.moc"
