// The desktop's one Workspace: the run and prompt-set lists every page starts from are read once per change, on a
// worker, and every page follows them; a list that cannot be read keeps the last one shown and says why; a damaged
// file is refused with the reason. The runs here are written by another connection, as tierlens-cli or a second
// window would write them.

#include "../support/HistoryBuilder.h"

#include "MainWindow.h"
#include "compare/ComparePage.h"
#include "dashboard/DashboardPage.h"
#include "history/HistoryPage.h"
#include "policy/PolicyPage.h"
#include "store/Store.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QListWidget>
#include <QPushButton>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace tierlens;

namespace {

// A finished two-model run of three prompts, written through its own connection.
qint64 writeRun(const QString& path)
{
    QString error;
    std::unique_ptr<Store> store = Store::open(path, &error);
    if (!store)
        qFatal("%s", qPrintable(error));
    test::HistoryBuilder h(*store);
    h.addPrompts(u"code"_s, 3);
    h.savePromptSet(u"set"_s);
    const qint64 run = h.createRun({ u"flash"_s, u"pro"_s });
    for (int p = 0; p < 3; ++p) {
        h.answer(run, u"flash"_s, p);
        h.answer(run, u"pro"_s, p, 0, 0.004);
    }
    h.finishRun(run);
    return run;
}

QList<qint64> comboRuns(QComboBox* box)
{
    QList<qint64> out;
    for (int i = 0; i < box->count(); ++i) {
        // Compare lists a run once per pair of its models: a run and the two models' places in it.
        const QVariant data = box->itemData(i);
        out.append(data.typeId() == QMetaType::QVariantList ? data.toList().value(0).toLongLong() : data.toLongLong());
    }
    return out;
}

} // namespace

class TestWorkspace : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void refreshReadsOnceForManyAsks()
    {
        const QString path = m_dir.filePath(u"asks.sqlite"_s);
        const qint64 first = writeRun(path);
        QString error;
        std::unique_ptr<Workspace> ws = Workspace::open(path, Store::OpenMode::Read, &error);
        QVERIFY2(ws, qPrintable(error));
        QCOMPARE(ws->runs().size(), 1);
        QCOMPARE(ws->runs().constFirst().id, first);
        QCOMPARE(ws->promptSets().size(), 1);

        QSignalSpy changed(ws.get(), &Workspace::listsChanged);
        ws->refresh();
        const qint64 second = writeRun(path); // written while the first reading may be going
        ws->refresh();
        ws->refresh();
        QTRY_VERIFY(!ws->isRefreshing());
        // One reading after the last ask, whatever the timing: the pages hear of the newest lists once.
        QCOMPARE(changed.size(), 1);
        QCOMPARE(ws->runs().size(), 2);
        QCOMPARE(ws->runs().constFirst().id, second); // newest first
        QCOMPARE(ws->run(first)->models.size(), 2);
        QVERIFY(ws->listsError().isEmpty());
    }

    // Lists read now, while a reading on the worker goes on, are not overwritten by that older reading.
    // A reading on the worker that read the lists before a run was written, and lands after refreshNow() read
    // them with that run: it must not put the older list back. The worker's first reading is held until then.
    void aReadingNowIsNotUndoneByAnOlderOne()
    {
        const QString path = m_dir.filePath(u"now.sqlite"_s);
        writeRun(path);
        // Before the workspace: they outlive it, and a failed check below still lets the held reading land (the
        // workspace's end waits for its worker).
        QSemaphore read, land;
        std::atomic<int> readings = 0;
        const auto release = qScopeGuard([&] { land.release(); });
        QString error;
        std::unique_ptr<Workspace> ws = Workspace::open(path, Store::OpenMode::Read, &error);
        QVERIFY2(ws, qPrintable(error));
        ws->setListReader([&](const QString& at) {
            Workspace::Lists lists = Workspace::readListsAt(at);
            if (readings++ == 0) {
                read.release(); // the old state is read
                land.acquire(); // and lands when the test says
            }
            return lists;
        });
        ws->refresh();
        QVERIFY(read.tryAcquire(1, 30000));
        const qint64 newest = writeRun(path);
        ws->refreshNow();
        QCOMPARE(ws->runs().constFirst().id, newest);
        land.release(); // (and once more by the guard: harmless)
        QTRY_VERIFY(!ws->isRefreshing());
        QCOMPARE(ws->runs().constFirst().id, newest);
    }

    void aListThatCannotBeReadKeepsTheLastOne()
    {
        const QString path = m_dir.filePath(u"gone.sqlite"_s);
        const qint64 run = writeRun(path);
        QString error;
        std::unique_ptr<Workspace> ws = Workspace::open(path, Store::OpenMode::Read, &error);
        QVERIFY2(ws, qPrintable(error));
        // The file goes (a network share unmounted, a clean-up script): the worker's connection cannot open it.
        QVERIFY(QFile::remove(path));
        QSignalSpy changed(ws.get(), &Workspace::listsChanged);
        ws->refresh();
        QTRY_COMPARE(changed.size(), 1);
        QCOMPARE(ws->runs().size(), 1);
        QCOMPARE(ws->runs().constFirst().id, run);
        QVERIFY2(ws->listsError().contains(u"gone.sqlite"_s), qPrintable(ws->listsError()));
    }

    void aDamagedFileIsRefusedWithTheReason()
    {
        const QString path = m_dir.filePath(u"damaged.sqlite"_s);
        writeRun(path);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            // Past the header: pages of the tables, not the file's mark, so it still looks like a workspace.
            QVERIFY(f.seek(f.size() / 2));
            QVERIFY(f.write(QByteArray(8192, '\x5a')) == 8192);
        }
        QString error;
        std::unique_ptr<Workspace> ws = Workspace::open(path, Store::OpenMode::Read, &error);
        QVERIFY(!ws);
        // Where the damage is found (opening, the integrity check, the lists) decides the wording; the file is named.
        QVERIFY2(error.contains(path) && !error.contains(u"%"_s), qPrintable(error));
    }

    // A run written elsewhere shows on History, Compare, Dashboard and Policy after one refresh of the lists.
    void everyPageFollowsTheLists()
    {
        const QString path = m_dir.filePath(u"pages.sqlite"_s);
        const qint64 first = writeRun(path);
        MainWindow window;
        QString error;
        QVERIFY2(window.openWorkspace(path, &error), qPrintable(error));
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* runs = window.historyPage()->findChild<QTableWidget*>();
        QVERIFY(runs);
        QCOMPARE(runs->rowCount(), 1);

        const qint64 second = writeRun(path);
        QCOMPARE(runs->rowCount(), 1); // nothing re-reads by itself
        window.workspace()->refresh();
        QTRY_VERIFY(!window.isReadingRunEnd());
        QCOMPARE(runs->rowCount(), 2);
        QCOMPARE(runs->item(0, HistoryPage::Id)->text(), QString::number(second));
        QCOMPARE(comboRuns(window.comparePage()->findChild<QComboBox*>(u"compareRunCombo"_s)),
                 (QList<qint64> { second, first }));
        QCOMPARE(comboRuns(window.policyPage()->findChild<QComboBox*>(u"policyRun"_s)),
                 (QList<qint64> { second, first }));
        window.showPage(MainWindow::Dashboard);
        // Both runs are of one prompt set: the Dashboard offers both, the newest checked.
        QCOMPARE(window.dashboardPage()->findChild<QComboBox*>(u"dashboardPromptSet"_s)->count(), 1);
        auto* dashboardRuns = window.dashboardPage()->findChild<QListWidget*>(u"dashboardRuns"_s);
        QCOMPARE(dashboardRuns->count(), 2);
        QVERIFY(dashboardRuns->item(0)->text().startsWith(u"run %1,"_s.arg(second)));

        // Two runs compared on History stay selected and compared when the lists are read again (a run ending
        // elsewhere): reading the lists must not undo what the person is looking at.
        window.showPage(MainWindow::History);
        runs->clearSelection();
        QTest::mouseClick(runs->viewport(), Qt::LeftButton, {}, runs->visualItemRect(runs->item(0, 1)).center());
        QTest::mouseClick(runs->viewport(), Qt::LeftButton, Qt::ControlModifier,
                          runs->visualItemRect(runs->item(1, 1)).center());
        QTest::mouseClick(window.historyPage()->findChild<QPushButton*>(u"compareRunsButton"_s), Qt::LeftButton);
        QTRY_VERIFY(!window.historyPage()->isReadingDetails());
        const QString comparison = window.historyPage()->detailsText();
        QVERIFY2(comparison.startsWith(u"What changed from run %1 to run %2"_s.arg(first).arg(second)),
                 qPrintable(comparison));
        window.workspace()->refresh();
        QTRY_VERIFY(!window.isReadingRunEnd());
        QCOMPARE(window.historyPage()->selectedRuns().size(), 2);
        QCOMPARE(window.historyPage()->detailsText(), comparison);

        // selectRun of a run the lists do not have yet reads them then, once.
        const qint64 third = writeRun(path);
        QVERIFY(window.selectRun(third));
        QCOMPARE(runs->rowCount(), 3);
        QVERIFY(!window.selectRun(third + 100));
    }
};

QTEST_MAIN(TestWorkspace)
#include "tst_workspace.moc"
