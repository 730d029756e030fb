// The remaining time of a run: each model at its own measured pace, the run ending with the slowest; a resumed
// run's earlier items take no time in this process.
#include "engine/RunProgress.h"

#include <QTest>

using namespace tierlens;

namespace {

ModelProgress model(qint64 total, qint64 done, qint64 doneBefore = 0)
{
    ModelProgress m;
    m.total = total;
    m.done = done;
    m.doneBefore = doneBefore;
    return m;
}

} // namespace

class TestRunProgress : public QObject
{
    Q_OBJECT

private slots:
    void slowestModelDecides()
    {
        // Flash at 5 items/s, pro at 1 item/s after 10 s: flash needs 10 s more, pro 90 s. Summing both models'
        // pace (60 items in 10 s, 140 left) would say 23 s.
        RunProgress p;
        p.elapsedS = 10;
        p.models = { model(100, 50), model(100, 10) };
        QCOMPARE(*RunProgress::etaS(p.models.at(0), p.elapsedS), 10.0);
        QCOMPARE(*RunProgress::etaS(p.models.at(1), p.elapsedS), 90.0);
        QCOMPARE(*p.etaS(), 90.0);
    }

    void finishedModelAddsNothing()
    {
        RunProgress p;
        p.elapsedS = 20;
        p.models = { model(100, 100), model(100, 40) };
        QCOMPARE(*p.etaS(), 30.0);
    }

    void resumedItemsAreNotPace()
    {
        // 40 items came from before the resume: 10 in 10 s here, 50 left.
        RunProgress p;
        p.elapsedS = 10;
        p.models = { model(100, 50, 40) };
        QCOMPARE(*p.etaS(), 50.0);
    }

    void noPaceNoEta()
    {
        RunProgress p;
        p.elapsedS = 5;
        p.models = { model(100, 20), model(100, 0) };
        QVERIFY(!p.etaS()); // pro has answered nothing yet: any figure would be a guess
        p.elapsedS = 0;
        p.models = { model(10, 0) };
        QVERIFY(!p.etaS());
        p.models = { model(10, 10) };
        QCOMPARE(*p.etaS(), 0.0);
    }
};

QTEST_APPLESS_MAIN(TestRunProgress)
#include "tst_runprogress.moc"
