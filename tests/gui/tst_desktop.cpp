// The desktop through its real widgets: import a prompt set, run it against tierlens-sim, rate three pairs with
// the keyboard in blind mode and find the ratings in the database, then resume an interrupted run from History.
// Every page is written as a screenshot under <build>/screenshots.

#include "../support/PageImport.h"
#include "../support/SimProcess.h"
#include "../support/SqliteRows.h"

#include "MainWindow.h"
#include "analysis/EvalStatistics.h"
#include "analysis/FigureTableModel.h"
#include "analysis/PolicyRoutesModel.h"
#include "compare/AnswerPane.h"
#include "compare/ComparePage.h"
#include "compare/ResultPairs.h"
#include "dashboard/ChartPanel.h"
#include "dashboard/DashboardPage.h"
#include "format/ReportFormat.h"
#include "history/HistoryPage.h"
#include "live/LivePage.h"
#include "policy/PolicyPage.h"
#include "pricing/PriceBookRegistry.h"
#include "promptsets/PromptSetsPage.h"
#include "promptsets/PromptTableModel.h"
#include "report/RunComparison.h"
#include "run/ModelForm.h"
#include "run/RunPage.h"
#include "settings/SettingsDialog.h"
#include "store/Store.h"
#include "util/Settings.h"
#include "util/Translations.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QImage>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace tierlens;
using tierlens::testing::SimProcess;

namespace {

const QString kSample = QStringLiteral(TIERLENS_SOURCE_DIR "/resources/prompts/sample.jsonl");

void screenshot(QWidget* window, const QString& name)
{
    const QString path = QStringLiteral(TIERLENS_SCREENSHOT_DIR) + u'/' + name + u".png"_s;
    QDir().mkpath(QFileInfo(path).absolutePath());
    QVERIFY2(window->grab().save(path), qPrintable(path));
}

ModelConfig simModel(const QString& label, const QString& url, const QString& id, int concurrency = 0)
{
    ModelConfig m;
    m.label = label;
    m.baseUrl = url;
    m.modelId = id;
    m.concurrency = concurrency;
    return m;
}

// As a dark desktop theme hands it to the window; every dark check and screenshot uses this one.
QPalette darkPalette()
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::AlternateBase, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3a));
    dark.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe6));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    return dark;
}

} // namespace

class TestDesktop : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SimProcess m_sim { QStringLiteral(TIERLENS_BIN_DIR) };
    std::unique_ptr<MainWindow> m_window;
    qint64 m_firstRun = 0;

    // A second connection, as another program would read the workspace.
    std::unique_ptr<Store> openStore()
    {
        QString error;
        auto store = Store::open(m_window->workspacePath(), &error);
        if (!store)
            qWarning("%s", qPrintable(error));
        return store;
    }

    bool waitForRun(QSignalSpy& finished, int timeoutMs = 120000)
    {
        return finished.count() > 0 || finished.wait(timeoutMs);
    }

    // The POSIX locks this process holds on the workspace's database and its -wal and -shm files (/proc/locks names
    // the holder's pid and the file's inode).
    int locksOn(const QString& db)
    {
        QSet<QByteArray> inodes;
        for (const QString& f : QStringList { db, db + u"-wal"_s, db + u"-shm"_s }) {
            struct stat st
            {
            };
            if (::stat(QFile::encodeName(f).constData(), &st) == 0)
                inodes.insert(QByteArray::number(quint64(st.st_ino)));
        }
        QFile locks(u"/proc/locks"_s);
        if (!locks.open(QIODevice::ReadOnly))
            return -1;
        const QByteArray pid = QByteArray::number(QCoreApplication::applicationPid());
        int held = 0;
        for (const QByteArray& line : locks.readAll().split('\n')) {
            const QList<QByteArray> f = line.simplified().split(' ');
            // "1: POSIX ADVISORY READ 4711 08:01:123456 128 128"
            if (f.size() >= 6 && f.at(4) == pid && inodes.contains(f.at(5).split(':').value(2)))
                ++held;
        }
        return held;
    }

    void clickOn(QWidget* page, const QString& button, MainWindow::Page where)
    {
        m_window->showPage(where);
        auto* b = page->findChild<QPushButton*>(button);
        QVERIFY2(b && b->isEnabled(), qPrintable(button));
        QTest::mouseClick(b, Qt::LeftButton);
    }

    // Clicks the button and answers every message box it opens with Cancel (or OK); returns their texts.
    QStringList clickAnsweringBoxes(QWidget* button)
    {
        QStringList boxes;
        QTimer answer;
        connect(&answer, &QTimer::timeout, this, [&boxes] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                boxes << box->text();
                box->reject();
            }
        });
        answer.start(20);
        QTest::mouseClick(button, Qt::LeftButton);
        answer.stop();
        return boxes;
    }

    // The first chart's Export menu, by the keyboard: open the menu, go down to the entry, press Enter.
    void chartExport(int entry)
    {
        m_window->showPage(MainWindow::Dashboard);
        auto* button = m_window->findChild<QToolButton*>(u"chartExport"_s);
        QVERIFY(button && button->menu());
        QMenu* menu = button->menu();
        QTimer::singleShot(0, menu, [menu, entry] {
            menu->setActiveAction(menu->actions().at(entry));
            menu->activeAction()->trigger();
            menu->close();
        });
        button->showMenu();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCOMPARE(m_sim.start({ u"--time-scale"_s, u"0.02"_s, u"--seed"_s, u"5"_s }), QString());
        m_window = std::make_unique<MainWindow>();
        QString error;
        QVERIFY2(m_window->openWorkspace(m_dir.filePath(u"workspace.db"_s), &error), qPrintable(error));
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void importPromptSet()
    {
        m_window->showPage(MainWindow::PromptSets);
        PromptSetsPage* page = m_window->promptSetsPage();
        QString error;
        // A bad file says where, and nothing is imported.
        const QString bad = m_dir.filePath(u"bad.jsonl"_s);
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"id\": \"a\", \"prompt\": \"x\"}\n{\"id\": \"b\", \"prompt\": 7}\n");
        f.close();
        error = tierlens::testing::importThroughPage(page, bad);
        QVERIFY(!error.isEmpty());
        QVERIFY2(error.contains(u"bad.jsonl:2"_s) && error.contains(u"prompt"_s), qPrintable(error));
        QCOMPARE(openStore()->promptSets().value().size(), 0);

        error = tierlens::testing::importThroughPage(page, kSample);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QAbstractItemModelTester tester(page->promptModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(page->promptModel()->rowCount(), 45);
        QCOMPARE(page->promptModel()->index(0, PromptTableModel::Id).data().toString(), u"easy-capital-france"_s);
        QVERIFY(page->promptModel()->index(0, PromptTableModel::Checks).data().toString().contains(u"icontains"_s));
        screenshot(m_window.get(), u"1-prompt-sets"_s);
    }

    void editPromptsAsANewVersion()
    {
        PromptSetsPage* page = m_window->promptSetsPage();
        PromptTableModel* model = page->promptModel();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const qint64 original = page->currentPromptSetId();
        auto* save = page->findChild<QPushButton*>(u"saveEditsButton"_s);
        QVERIFY(!save->isEnabled());
        QVERIFY(model->setData(model->index(0, PromptTableModel::Category), u"geography"_s));
        QVERIFY(!model->setData(model->index(0, PromptTableModel::Options), u"[1, 2]"_s)); // not an object
        model->addPrompt();
        const int added = model->rowCount() - 1;
        QVERIFY(model->setData(model->index(added, PromptTableModel::Question), u"What is 6 x 7?"_s));
        QVERIFY(model->setData(model->index(added, PromptTableModel::Checks),
                               uR"([{"type": "contains", "value": "42"}])"_s));
        QVERIFY(save->isEnabled());

        // A duplicate id is refused by the importer's own rules, naming it; nothing is saved.
        QVERIFY(model->setData(model->index(added, PromptTableModel::Id), u"easy-capital-japan"_s));
        QString error;
        QVERIFY(!page->saveEdits(&error));
        QVERIFY2(error.contains(u"easy-capital-japan"_s), qPrintable(error));
        QCOMPARE(openStore()->promptSets().value().size(), 1);

        QVERIFY(model->setData(model->index(added, PromptTableModel::Id), u"hand-made-1"_s));
        QVERIFY2(page->saveEdits(&error), qPrintable(error));
        QVERIFY(!save->isEnabled());
        auto store = openStore();
        QCOMPARE(store->promptSets().value().size(), 2);
        const qint64 edited = page->currentPromptSetId();
        QVERIFY(edited != original);
        const auto saved = store->loadPromptSet(edited);
        QCOMPARE(saved->prompts.size(), 46);
        QCOMPARE(saved->prompts.at(0).category, u"geography"_s);
        QCOMPARE(saved->prompts.at(45).id, u"hand-made-1"_s);
        QCOMPARE(saved->prompts.at(45).metadata.value(u"assert"_s).toArray().size(), 1);
        QCOMPARE(store->loadPromptSet(original)->prompts.at(0).category, u"easy"_s); // the old version stays
        screenshot(m_window.get(), u"1b-prompt-sets-edited"_s);

        // The runs below use the sample as imported.
        m_window->runPage()->selectPromptSet(original);
    }

    void runAgainstTheSimulator()
    {
        m_window->showPage(MainWindow::Run);
        RunPage* page = m_window->runPage();
        page->setModelRow(0, simModel(u"flash"_s, m_sim.url(), u"deepseek-v4-flash"_s));
        page->setModelRow(1, simModel(u"pro"_s, m_sim.url(), u"deepseek-v4-pro"_s));
        // Pro over HTTP/2 with prior knowledge, flash over HTTP/1.1 (auto on http://).
        auto* http = page->modelForm(1)->findChild<QComboBox*>(u"http"_s);
        QVERIFY(http);
        http->setFocus();
        QTest::keyClick(http, Qt::Key_Down);
        QCOMPARE(http->currentText(), u"HTTP/2 (h2c)"_s);
        // The estimate's inputs are read on a worker: "Estimating..." first, then the figures.
        auto* estimateLabel = page->findChild<QLabel*>(u"estimate"_s);
        QTRY_VERIFY2_WITH_TIMEOUT(estimateLabel->text().contains(u"45 requests"_s), qPrintable(estimateLabel->text()),
                                  30000);
        const QString estimate = estimateLabel->text();
        QVERIFY2(estimate.contains(u"45 requests"_s) && estimate.contains(u"90 requests"_s), qPrintable(estimate));
        const QString total = estimate.section(u"<b>Total</b>: "_s, 1).section(u", "_s, 1);
        QSignalSpy finished(page, &RunPage::runFinished);
        auto* start = page->findChild<QPushButton*>(u"startButton"_s);
        QVERIFY(start && start->isEnabled());
        QTest::mouseClick(start, Qt::LeftButton);
        QVERIFY(page->isRunning());
        QVERIFY(!start->isEnabled());
        // The window keeps painting while the run goes: the event loop is free.
        QTRY_VERIFY_WITH_TIMEOUT(page->findChild<QTableWidget*>(u"latestResults"_s)->rowCount() > 0, 60000);
        QVERIFY(waitForRun(finished));
        QCOMPARE(finished.constFirst().at(1).toString(), u"completed"_s);
        {
            // When the run ends its cost, as History counts it, shows above the estimate it was started with.
            const qint64 runId = finished.constFirst().at(0).toLongLong();
            const std::optional<RunRow> ended = Store::open(m_window->workspacePath(), nullptr)->loadRun(runId);
            QVERIFY(ended && ended->costUsd);
            const QString said = u"<b>Run %1 cost %2</b>"_s.arg(runId).arg(ReportFormat::usd(ended->costUsd));
            QTRY_VERIFY2_WITH_TIMEOUT(estimateLabel->text().startsWith(said), qPrintable(estimateLabel->text()), 30000);
            QVERIFY2(!total.isEmpty() && estimateLabel->text().contains(u"estimated before it: %1."_s.arg(total)),
                     qPrintable(estimateLabel->text() + u" / "_s + total));
        }
        m_firstRun = finished.constFirst().at(0).toLongLong();
        for (const char* name : { "progress_0", "progress_1" }) {
            auto* bar = page->findChild<QProgressBar*>(QString::fromLatin1(name));
            QVERIFY(bar);
            QCOMPARE(bar->value(), 45);
        }
        QVERIFY(page->findChild<QLabel*>(u"runStatus"_s)->text().contains(u"completed"_s));
        auto store = openStore();
        QCOMPARE(store->loadRun(m_firstRun)->resultCount, 90);
        const QJsonObject served = m_sim.stats().value(u"models"_s).toObject();
        const QJsonObject pro = served.value(u"deepseek-v4-pro"_s).toObject();
        QVERIFY(pro.value(u"requests"_s).toInt() >= 45);
        QCOMPARE(pro.value(u"http2_requests"_s).toInt(), pro.value(u"requests"_s).toInt());
        QCOMPARE(served.value(u"deepseek-v4-flash"_s).toObject().value(u"http2_requests"_s).toInt(), 0);
        screenshot(m_window.get(), u"2-run"_s);
    }

    void rateThreePairsBlindWithTheKeyboard()
    {
        QVERIFY(m_window->selectRun(m_firstRun));
        ComparePage* page = m_window->comparePage();
        QVERIFY(page->isVisible());
        // The pairs are read on a worker; the window stays free meanwhile.
        QTRY_VERIFY_WITH_TIMEOUT(!page->isLoading(), 30000);
        page->setBlind(true);
        QCOMPARE(page->visibleCount(), 45);
        auto* left = page->findChild<AnswerPane*>(u"leftAnswer"_s);
        QCOMPARE(left->heading(), u"Answer A"_s); // blind: no model named until rated
        screenshot(m_window.get(), u"3-compare-blind"_s);

        auto store = openStore();
        QString error;
        const auto pairs = ResultPairs::load(*store, m_firstRun, &error);
        QVERIFY2(pairs && pairs->size() == 45, qPrintable(error));
        // Blind mode shuffles: over the run, the first model shows on both sides.
        int onRight = 0;
        for (const ResultPair& p : *pairs)
            onRight += ResultPairs::firstOnRight(m_firstRun, p) ? 1 : 0;
        QVERIFY(onRight > 0 && onRight < 45);

        // Pair 1: left 4 and pass, right 2 and fail, left better. Pair 2: right better, both 3. Pair 3: tie.
        struct Expect
        {
            qint64 leftResult, rightResult;
            QString preference;
        };
        QVector<Expect> expected;
        auto sides = [&](int position) {
            const ResultPair& p = pairs->at(position);
            const bool firstLeft = !ResultPairs::firstOnRight(m_firstRun, p);
            return std::pair((firstLeft ? p.first : p.second).resultId, (firstLeft ? p.second : p.first).resultId);
        };
        // As a person does: click the first pair in the list, then type; the keys go to the focused list.
        auto* list = page->findChild<QListView*>(u"pairList"_s);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(list->model()->index(0, 0)).center());
        QCOMPARE(QApplication::focusWidget(), list);
        QCOMPARE(page->currentPosition(), 0);
        QTest::keyClicks(list, u"4p"_s);
        QTest::keyClick(list, Qt::Key_Right);
        QTest::keyClicks(list, u"2fa"_s);
        QVERIFY(left->heading().startsWith(u"Answer A: "_s)); // revealed once rated
        expected.append({ sides(0).first, sides(0).second, u"left"_s });
        QTest::keyClick(list, Qt::Key_J);
        QCOMPARE(page->currentPosition(), 1);
        QTest::keyClicks(list, u"3"_s);
        QTest::keyClick(list, Qt::Key_Right);
        QTest::keyClicks(list, u"3d"_s);
        expected.append({ sides(1).first, sides(1).second, u"right"_s });
        QTest::keyClick(list, Qt::Key_J);
        QTest::keyClicks(list, u"s"_s);
        expected.append({ sides(2).first, sides(2).second, u"tie"_s });
        screenshot(m_window.get(), u"4-compare-rated"_s);
        QTest::keyClick(list, Qt::Key_J); // moving on saves the pair
        QCOMPARE(page->currentPosition(), 3);

        const QVector<RatingRow> ratings = store->runRatings(m_firstRun).value();
        QCOMPARE(ratings.size(), 5); // three left rows with the preference, two right rows with a verdict
        for (const Expect& e : expected) {
            const auto row = std::find_if(ratings.cbegin(), ratings.cend(), [&](const RatingRow& r) {
                return r.resultId == e.leftResult && !r.preference.isEmpty();
            });
            QVERIFY(row != ratings.cend());
            QCOMPARE(row->preference, e.preference);
            QCOMPARE(row->comparedResultId, std::optional<qint64>(e.rightResult));
            QVERIFY(row->blind);
            QVERIFY(!row->rater.isEmpty());
            QVERIFY(row->ratedAt.isValid());
        }
        const auto first = std::find_if(ratings.cbegin(), ratings.cend(),
                                        [&](const RatingRow& r) { return r.resultId == expected[0].leftResult; });
        QCOMPARE(first->score, std::optional<int>(4));
        QCOMPARE(first->passed, std::optional<bool>(true));
        const auto firstRight = std::find_if(ratings.cbegin(), ratings.cend(),
                                             [&](const RatingRow& r) { return r.resultId == expected[0].rightResult; });
        QVERIFY(firstRight != ratings.cend());
        QCOMPARE(firstRight->score, std::optional<int>(2));
        QCOMPARE(firstRight->passed, std::optional<bool>(false));
    }

    void darkPaletteAndWordDiff()
    {
        ComparePage* page = m_window->comparePage();
        const QPalette light = m_window->palette();
        m_window->setPalette(darkPalette()); // as a dark desktop theme would hand it to the window
        page->setBlind(false);
        page->findChild<QCheckBox*>(u"diffCheck"_s)->setChecked(true);
        // The diff is drawn with the dark palette's colours, and the answers' words are all there.
        auto* left = page->findChild<QGroupBox*>(u"leftAnswer"_s)->findChild<QTextBrowser*>();
        QVERIFY2(left->toHtml().contains(u"#67060c"_s), "the removed words are not marked in the dark colours");
        screenshot(m_window.get(), u"4b-compare-dark-diff"_s);
        page->findChild<QCheckBox*>(u"diffCheck"_s)->setChecked(false);
        m_window->setPalette(light);
    }

    void resumeAnInterruptedRunFromHistory()
    {
        m_window->showPage(MainWindow::Run);
        RunPage* page = m_window->runPage();
        // One request at a time and three repeats: slow enough to cancel half-way.
        ModelConfig flash = simModel(u"flash"_s, m_sim.url(), u"deepseek-v4-flash"_s, 1);
        flash.provider = u"deepseek"_s;
        flash.options.temperature = 0.3;
        page->setModelRow(0, flash);
        page->setModelRow(1, simModel(u"pro"_s, m_sim.url(), u"deepseek-v4-pro"_s, 1));
        page->repeatBox()->setValue(3);
        // The first run measured the answers' lengths: the estimate goes by them now.
        QTRY_VERIFY2_WITH_TIMEOUT(page->findChild<QLabel*>(u"estimate"_s)->text().contains(u"measured"_s),
                                  qPrintable(page->findChild<QLabel*>(u"estimate"_s)->text()), 30000);
        QSignalSpy finished(page, &RunPage::runFinished);
        QTest::mouseClick(page->findChild<QPushButton*>(u"startButton"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page->findChild<QTableWidget*>(u"latestResults"_s)->rowCount() >= 6, 60000);
        // Paused, the run says so and its clock stops (the requests already sent finish first).
        auto* pause = page->findChild<QPushButton*>(u"pauseButton"_s);
        auto* status = page->findChild<QLabel*>(u"runStatus"_s);
        QTest::mouseClick(pause, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(u"paused"_s), 10000);
        QTest::qWait(500);
        const QString paused = status->text();
        QTest::qWait(1500);
        QCOMPARE(status->text(), paused);
        QTest::mouseClick(pause, Qt::LeftButton); // resume
        QTRY_VERIFY_WITH_TIMEOUT(!status->text().contains(u"paused"_s), 10000);
        QTest::mouseClick(page->findChild<QPushButton*>(u"cancelButton"_s), Qt::LeftButton);
        QVERIFY(waitForRun(finished));
        QCOMPARE(finished.constFirst().at(1).toString(), u"cancelled"_s);
        const qint64 runId = finished.constFirst().at(0).toLongLong();
        auto store = openStore();
        const qint64 before = store->loadRun(runId)->resultCount;
        // The form's provider and temperature are what the run was set up with.
        const RunModelRow stored = store->loadRun(runId)->models.at(0);
        QCOMPARE(stored.provider, u"deepseek"_s);
        QCOMPARE(stored.options.value(u"temperature"_s).toDouble(), 0.3);
        QVERIFY2(before > 0 && before < 270, qPrintable(QString::number(before)));

        m_window->showPage(MainWindow::History);
        HistoryPage* history = m_window->historyPage();
        history->reload();
        QVERIFY(history->selectRun(runId));
        auto* resume = history->findChild<QPushButton*>(u"resumeButton"_s);
        QVERIFY(resume->isEnabled());
        screenshot(m_window.get(), u"5-history"_s);
        finished.clear();
        QTest::mouseClick(resume, Qt::LeftButton);
        QVERIFY(page->isVisible());
        QVERIFY(waitForRun(finished, 240000));
        QCOMPARE(finished.constFirst().at(1).toString(), u"completed"_s);
        QCOMPARE(store->loadRun(runId)->resultCount, 270);
        QCOMPARE(store->loadRun(runId)->status, u"completed"_s);
        // Nothing that completed before the cancel was sent again: one final result per item.
        QSet<ItemKey> items = store->completedItems(runId).value();
        QCOMPARE(items.size(), 270);

        // Two runs of the sample: what changed between them. As a person does: click one run, Ctrl+click the
        // other, "Compare two runs"; a worker reads both, the window stays free.
        m_window->showPage(MainWindow::History);
        QTableWidget* table = history->table();
        auto rowOf = [&](qint64 id) {
            for (int row = 0; row < table->rowCount(); ++row)
                if (table->item(row, HistoryPage::Id)->text() == QString::number(id))
                    return row;
            return -1;
        };
        QVERIFY(rowOf(m_firstRun) >= 0 && rowOf(runId) >= 0);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                          table->visualItemRect(table->item(rowOf(runId), HistoryPage::Date)).center());
        QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::ControlModifier,
                          table->visualItemRect(table->item(rowOf(m_firstRun), HistoryPage::Date)).center());
        QCOMPARE(history->selectedRuns().size(), 2);
        QTest::mouseClick(history->findChild<QPushButton*>(u"compareRunsButton"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!history->isReadingDetails(), 30000);
        const QString diff = history->detailsText();
        QVERIFY2(diff.contains(u"latency p50 ms"_s), qPrintable(diff));
        QString error;
        // Per item: three repeats against one are not "more ok items"; the rates come from EvalStatistics.
        QVERIFY2(diff.contains(u"pass rate (over prompts)"_s) && diff.contains(u"ok rate"_s)
                     && !diff.contains(u"ok items"_s),
                 qPrintable(diff));
        const auto comparison = RunComparison::compute(*store, m_firstRun, runId, &error);
        QVERIFY2(comparison, qPrintable(error));
        StatisticsSettings one;
        one.scope.runIds = { runId };
        const auto newer = EvalStatistics::compute(*store, one, &error);
        for (const RunComparison::Model& m : comparison->models) {
            const auto f = std::find_if(m.figures.cbegin(), m.figures.cend(), [](const RunComparison::Figure& x) {
                return x.name == u"pass rate (over prompts)"_s;
            });
            QVERIFY(f != m.figures.cend());
            QCOMPARE(f->newer, std::optional<double>(newer->group(m.label)->passRate->estimate));
        }
        // The prompts that changed are listed; one opens on Compare, on the newer run.
        QListWidget* changes = history->changedPrompts();
        QCOMPARE(changes->count(), comparison->changes.size());
        qInfo("%d prompt(s) changed", int(changes->count()));
        QVERIFY(changes->count() > 0);
        {
            const QString prompt = changes->item(0)->data(Qt::UserRole + 1).toString();
            changes->setCurrentRow(0);
            QTest::keyClick(changes, Qt::Key_Return);
            QVERIFY(m_window->comparePage()->isVisible());
            QTRY_VERIFY_WITH_TIMEOUT(!m_window->comparePage()->isLoading(), 30000);
            QCOMPARE(m_window->comparePage()
                         ->findChild<QComboBox*>(u"compareRunCombo"_s)
                         ->currentData()
                         .toList()
                         .value(0)
                         .toLongLong(),
                     runId);
            QCOMPARE(m_window->comparePage()->currentPromptId(), prompt);
            QVERIFY(m_window->selectRun(m_firstRun)); // the tests below start from the first run, as before
        }
        m_window->showPage(MainWindow::History);
        history->reload();
        QVERIFY(history->selectRun(runId));
        // The report is read on a worker (while the page is shown); it names the models once it is there.
        QTRY_VERIFY_WITH_TIMEOUT(!history->isReadingDetails() && history->detailsText().contains(u"flash"_s), 30000);
        screenshot(m_window.get(), u"6-history-resumed"_s);

        // Export report...: the file dialog as a person uses it, then the HTML written on a worker. The name is typed
        // again if the dialog has not taken it a second later (a slow sanitizer build can be typed into before the
        // dialog is ready), and the dialog is closed, failing the test, if it still has not after ten seconds.
        QSignalSpy exported(history, &HistoryPage::exported);
        QString stuck;
        QElapsedTimer sinceTyped;
        int typings = 0;
        QTimer poll;
        poll.setInterval(20);
        connect(&poll, &QTimer::timeout, this, [&] {
            auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
            if (!dialog || (typings > 0 && sinceTyped.elapsed() < 1000))
                return;
            if (typings >= 10) {
                stuck = u"the file dialog did not take the report's name"_s;
                dialog->reject();
                return;
            }
            ++typings;
            sinceTyped.start();
            dialog->setDirectory(m_dir.path());
            auto* name = dialog->findChild<QLineEdit*>(u"fileNameEdit"_s);
            if (!name) {
                stuck = u"the file dialog has no file name field"_s;
                dialog->reject();
                return;
            }
            name->setFocus();
            name->clear();
            QTest::keyClicks(name, u"resumed-report.html"_s);
            QTest::keyClick(name, Qt::Key_Return);
        });
        poll.start();
        QTest::mouseClick(history->findChild<QPushButton*>(u"exportReportButton"_s), Qt::LeftButton);
        poll.stop();
        QVERIFY2(stuck.isEmpty(), qPrintable(stuck));
        QVERIFY(exported.size() == 1 || exported.wait(60000));
        QCOMPARE(exported.constFirst().at(1).toString(), QString());
        QFile report(m_dir.filePath(u"resumed-report.html"_s));
        QVERIFY2(report.open(QIODevice::ReadOnly), qPrintable(report.fileName()));
        const QByteArray html = report.readAll();
        QVERIFY(html.contains("<html") && html.contains("flash"));
    }

    void dashboardOverTwoRuns()
    {
        m_window->showPage(MainWindow::Dashboard);
        DashboardPage* page = m_window->dashboardPage();
        QSignalSpy computed(page, &DashboardPage::computed);
        page->reload();
        QTRY_VERIFY_WITH_TIMEOUT(!page->isComputing() && page->statistics(), 60000);
        QListWidget* runs = page->runList();
        QCOMPARE(runs->count(), 2); // the two shadow runs of the sample set
        // One is checked: the run last opened (Compare showed the first run earlier).
        QCOMPARE(page->checkedRuns(), QVector<qint64> { m_firstRun });
        // Pool both runs: check the other one from the keyboard.
        QListWidgetItem* other = runs->item(0)->checkState() == Qt::Checked ? runs->item(1) : runs->item(0);
        computed.clear();
        runs->setFocus();
        runs->setCurrentItem(other);
        QTest::keyClick(runs, Qt::Key_Space);
        QCOMPARE(other->checkState(), Qt::Checked);
        QTRY_VERIFY_WITH_TIMEOUT(computed.count() > 0 && !page->isComputing(), 60000);
        QCOMPARE(page->checkedRuns().size(), 2);
        const EvalStatistics& stats = *page->statistics();
        QCOMPARE(stats.settings().scope.runIds.size(), 2);

        // The figures against a count made with SQL over the same database.
        {
            auto store = openStore();
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"dashboard-check"_s);
            db.setDatabaseName(m_window->workspacePath());
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(u"SELECT COUNT(*) FROM results r JOIN run_models m ON m.id = r.run_model_id "
                           u"WHERE m.label = 'flash' AND r.run_id IN (%1, %2)"_s.arg(page->checkedRuns().at(0))
                               .arg(page->checkedRuns().at(1))));
            QVERIFY(q.next());
            QCOMPARE(stats.group(u"flash"_s)->counts.items, q.value(0).toLongLong());
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(u"dashboard-check"_s);

        const QList<ChartPanel*> panels = page->panels();
        QCOMPARE(panels.size(), 10);
        ChartPanel* quality = panels.first();
        QCOMPARE(quality->figureId(), u"quality"_s);
        QCOMPARE(quality->model().rowCount(), stats.categories().size() + 1);
        QVERIFY(quality->chartView()->chart()->series().size() > 0);
        QCOMPARE(panels.at(7)->model().rowCount(), 2); // the trend: one row per run
        // The numbers behind the chart, one click away.
        QTest::mouseClick(quality->findChild<QToolButton*>(), Qt::LeftButton);
        QVERIFY(quality->showsTable());
        QVERIFY(quality->tableView()->isVisible());
        QCOMPARE(quality->tableView()->model()->index(0, 0).data().toString(),
                 quality->model().figure().cells.at(0).at(0).text);
        QAbstractItemModelTester tester(quality->tableView()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        screenshot(m_window.get(), u"10-dashboard-table"_s);
        QTest::mouseClick(quality->findChild<QToolButton*>(), Qt::LeftButton);
        QVERIFY(!quality->showsTable());
        screenshot(m_window.get(), u"10-dashboard"_s);

        // Exports: a PNG of the export size, an SVG document, the CSV of the table.
        QString error;
        for (ChartPanel* panel : panels) {
            const QString png = m_dir.filePath(panel->figureId() + u".png"_s);
            QVERIFY2(panel->exportTo(png, &error), qPrintable(error));
            QCOMPARE(QImage(png).size(), QSize(960, 540));
        }
        const QString svg = m_dir.filePath(u"latency_box.svg"_s);
        QVERIFY2(panels.at(3)->exportTo(svg, &error), qPrintable(error));
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        QVERIFY(svgFile.readAll().contains("<svg"));
        QVERIFY(!quality->exportTo(m_dir.filePath(u"x.bmp"_s), &error));
        QVERIFY2(error.contains(u"bmp"_s), qPrintable(error));

        // A category filter: one category fewer in the bars.
        QListWidget* categories = page->categoryList();
        QVERIFY(categories->count() >= 2);
        computed.clear();
        categories->item(0)->setCheckState(Qt::Unchecked);
        QTRY_VERIFY_WITH_TIMEOUT(computed.count() > 0 && !page->isComputing(), 60000);
        QCOMPARE(page->statistics()->categories().size(), categories->count() - 1);
        QCOMPARE(quality->model().rowCount(), categories->count());
        categories->item(0)->setCheckState(Qt::Checked);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isComputing() && page->statistics()
                                     && page->statistics()->categories().size() == categories->count(),
                                 60000);
        const QPalette light = m_window->palette();
        QApplication::setPalette(darkPalette());
        page->reload();
        QTRY_VERIFY_WITH_TIMEOUT(!page->isComputing(), 60000);
        QCOMPARE(quality->chartView()->chart()->theme(), QChart::ChartThemeDark);
        screenshot(m_window.get(), u"10-dashboard-dark"_s);
        QApplication::setPalette(light);
        page->reload();
        QTRY_VERIFY_WITH_TIMEOUT(!page->isComputing(), 60000);
    }

    void policyOverridesWhatIfAndExports()
    {
        m_window->showPage(MainWindow::Policy);
        PolicyPage* page = m_window->policyPage();
        QVERIFY(page->showRun(m_firstRun));
        QTRY_VERIFY_WITH_TIMEOUT(!page->isDeriving() && page->routesModel()->rowCount() > 0, 60000);
        // Loose settings: every category has enough evidence, and the cheaper model is within tolerance.
        page->minPromptsBox()->setValue(1);
        page->toleranceBox()->setValue(1.0);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isDeriving() && page->routesModel()->policy().settings().tolerance == 1.0
                                     && page->routesModel()->policy().settings().minPrompts == 1,
                                 60000);
        PolicyRoutesModel* routes = page->routesModel();
        QAbstractItemModelTester tester(routes, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString db = m_window->workspacePath();
        QCOMPARE(
            qint64(routes->rowCount()),
            testing::scalar(db,
                            u"SELECT COUNT(DISTINCT p.category) FROM results r JOIN prompts p ON p.id = r.prompt_id "
                            "WHERE r.run_id = %1"_s.arg(m_firstRun)));
        // The cheaper model wherever both have a verdict (any loss is within a tolerance of 1), else the safer one.
        int flashRow = -1;
        for (int row = 0; row < routes->rowCount(); ++row) {
            const CategoryRoute& r = routes->policy().routes().at(row);
            QVERIFY2(r.model == u"flash"_s || r.decision == u"insufficient_evidence"_s, qPrintable(r.reason));
            if (r.model == u"flash"_s && flashRow < 0)
                flashRow = row;
        }
        QVERIFY(flashRow >= 0);

        // Override a route to flash with the combo box editor.
        QTableView* view = page->routesView();
        const QModelIndex cell = routes->index(flashRow, PolicyRoutesModel::Model);
        view->setCurrentIndex(cell);
        view->edit(cell);
        auto* combo = view->findChild<QComboBox*>();
        QVERIFY(combo);
        combo->setCurrentText(u"pro"_s);
        QTest::keyClick(combo, Qt::Key_Return);
        // The delegate commits on the next turn of the event loop.
        QTRY_COMPARE(routes->policy().routes().at(flashRow).model, u"pro"_s);
        const CategoryRoute overridden = routes->policy().routes().at(flashRow);
        QCOMPARE(overridden.model, u"pro"_s);
        QVERIFY(overridden.override);
        QCOMPARE(overridden.decision, u"override"_s);
        QVERIFY(cell.data().toString().contains(u"pro"_s));
        // Other settings derive the policy again; the route set by hand stays set by hand.
        page->toleranceBox()->setValue(0.9);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isDeriving() && routes->policy().settings().tolerance == 0.9, 60000);
        QVERIFY(routes->policy().routes().at(flashRow).override);
        QCOMPARE(routes->policy().routes().at(flashRow).model, u"pro"_s);
        QVERIFY2(page->statusText().contains(u"1 set by hand"_s), qPrintable(page->statusText()));

        // Traffic for the first category: a monthly projection appears.
        const QModelIndex traffic = routes->index(flashRow, PolicyRoutesModel::RequestsPerDay);
        view->setCurrentIndex(traffic);
        view->edit(traffic);
        auto* spin = view->findChild<QDoubleSpinBox*>();
        QVERIFY(spin);
        spin->selectAll();
        QTest::keyClicks(spin, u"1000"_s);
        QTest::keyClick(spin, Qt::Key_Return);
        QTRY_COMPARE(routes->traffic().requestsPerDay.value(overridden.category), 1000.0);
        // The replay runs on a worker: the projection replaces "enter requests/day" when it is done.
        QTableWidget* whatIf = page->whatIfTable();
        QTRY_VERIFY_WITH_TIMEOUT(
            !page->isDeriving() && whatIf->item(0, 4) && whatIf->item(0, 4)->text().startsWith(u"$"_s), 60000);
        QCOMPARE(whatIf->rowCount(), 3); // the policy, all flash, all pro
        // All flash costs what flash's attempts cost, per request, over the policy's runs: the run shown and the
        // others checked on the Dashboard with it.
        QStringList policyRuns;
        for (qint64 id : page->policyRuns())
            policyRuns.append(QString::number(id));
        QVERIFY(policyRuns.contains(QString::number(m_firstRun)));
        const QString flashOf = u"JOIN run_models m ON m.id = %1.run_model_id WHERE %1.run_id IN (%2) AND "
                                "m.label = 'flash'"_s;
        const double flashCost
            = testing::rows(db,
                            u"SELECT SUM(a.cost_usd) FROM attempts a "_s + flashOf.arg(u"a"_s, policyRuns.join(u","_s)))
                  .value(0)
                  .value(0)
                  .toDouble();
        const double flashItems
            = testing::scalar(db, u"SELECT COUNT(*) FROM results r "_s + flashOf.arg(u"r"_s, policyRuns.join(u","_s)));
        const double flashPerRequest = flashCost / flashItems;
        QCOMPARE(whatIf->item(1, 0)->text(), u"all flash"_s);
        QCOMPARE(whatIf->item(1, 2)->text(), u"$"_s + QLocale().toString(flashPerRequest, 'f', 6));
        screenshot(m_window.get(), u"11-policy"_s);

        // Exports: the policy file keeps the override and reads back; the LiteLLM configuration names both models.
        QString error;
        const QString json = m_dir.filePath(u"policy.json"_s);
        QVERIFY2(page->exportTo(json, PolicyPage::Format::Json, &error), qPrintable(error));
        const auto back = RoutingPolicy::load(json, &error);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(back->routes().at(flashRow).override);
        const QString yaml = m_dir.filePath(u"litellm.yaml"_s);
        QVERIFY2(page->exportTo(yaml, PolicyPage::Format::LiteLlm, &error), qPrintable(error));
        QFile yamlFile(yaml);
        QVERIFY(yamlFile.open(QIODevice::ReadOnly));
        const QByteArray yamlText = yamlFile.readAll();
        QVERIFY(yamlText.contains("model_list") && yamlText.contains("deepseek-v4-pro"));

        // Another override, then what differs from the exported file.
        const int other = flashRow == 0 ? 1 : 0;
        const QString otherModel = routes->policy().routes().at(other).model == u"pro"_s ? u"flash"_s : u"pro"_s;
        QVERIFY(routes->setData(routes->index(other, PolicyRoutesModel::Model), otherModel));
        QVERIFY2(page->compareWith(json, &error), qPrintable(error));
        QVERIFY2(page->diffView()->toPlainText().contains(routes->policy().routes().at(other).category),
                 qPrintable(page->diffView()->toPlainText()));
        QVERIFY(!page->compareWith(m_dir.filePath(u"missing.json"_s), &error));
        QVERIFY2(error.contains(u"missing.json"_s), qPrintable(error));
        screenshot(m_window.get(), u"11b-policy-diff"_s);

        // The dashboard's scatter shows the policy's replay (the what-if of the runs the policy pooled) while it
        // shows exactly those runs, and not beside the figures of other runs.
        auto name = [](QVector<qint64> runs) {
            std::sort(runs.begin(), runs.end());
            QStringList ids;
            for (qint64 id : runs)
                ids << QString::number(id);
            return runs.size() == 1 ? u"policy (run %1)"_s.arg(ids.join(QString()))
                                    : u"policy (runs %1)"_s.arg(ids.join(u", "_s));
        };
        const QVector<qint64> pooled = page->policyRuns();
        QTRY_VERIFY_WITH_TIMEOUT(!page->isDeriving(), 60000);
        DashboardPage* dashboard = m_window->dashboardPage();
        m_window->showPage(MainWindow::Dashboard);
        QTRY_VERIFY_WITH_TIMEOUT(!dashboard->isComputing() && dashboard->panels().size() == 10, 60000);
        auto scatterRows = [&] { return dashboard->panels().at(6)->model().figure().rows; };
        auto sorted = [](QVector<qint64> v) { return std::sort(v.begin(), v.end()), v; };
        QCOMPARE(dashboard->checkedRuns().size(), 2);
        if (sorted(pooled) == sorted(dashboard->checkedRuns()))
            QCOMPARE(scatterRows().last(), name(pooled));
        else
            QVERIFY2(!scatterRows().last().startsWith(u"policy"_s), qPrintable(scatterRows().join(u", "_s)));
        QVERIFY(dashboard->showRun(m_firstRun));
        QTRY_VERIFY_WITH_TIMEOUT(!dashboard->isComputing() && dashboard->checkedRuns().size() == 1, 60000);
        if (pooled.size() > 1) // the point of two runs is not put beside the figures of one
            QVERIFY2(!scatterRows().last().startsWith(u"policy"_s), qPrintable(scatterRows().join(u", "_s)));
        // The Policy page follows the Dashboard's runs: derived and replayed over the first run alone, its point
        // comes back on the Dashboard named after that run.
        m_window->showPage(MainWindow::Policy);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isDeriving() && page->policyRuns() == QVector<qint64> { m_firstRun }, 60000);
        m_window->showPage(MainWindow::Dashboard);
        QTRY_VERIFY_WITH_TIMEOUT(!dashboard->isComputing() && scatterRows().last() == name({ m_firstRun }), 60000);
    }

    // Settle from the page: with more prompts asked for than the runs have, every category is undecided; Settle
    // takes a prompt file in its dialog, the Run page sends the new prompts, and the policy comes back at look 2.
    void settleThePolicyFromThePage()
    {
        m_window->showPage(MainWindow::Policy);
        PolicyPage* page = m_window->policyPage();
        QVERIFY(page->showRun(m_firstRun));
        QSpinBox* minPrompts = page->minPromptsBox();
        minPrompts->setFocus();
        minPrompts->selectAll();
        QTest::keyClicks(minPrompts, u"500"_s);
        QTest::keyClick(minPrompts, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isDeriving() && page->routesModel()->policy().settings().minPrompts == 500,
                                 60000);
        QVERIFY(!page->routesModel()->policy().undecidedCategories().isEmpty());
        QVERIFY(page->settleButton()->isEnabled());
        const QVector<qint64> before = page->policyRuns();

        const QString more = m_dir.filePath(u"settle.jsonl"_s);
        QFile f(more);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"id\": \"s1\", \"category\": \"factual\", \"prompt\": \"What is the capital of Peru?\", "
                "\"assert\": [{\"type\": \"icontains\", \"value\": \"Lima\"}]}\n"
                "{\"id\": \"s2\", \"category\": \"factual\", \"prompt\": \"Who wrote Hamlet?\", "
                "\"assert\": [{\"type\": \"icontains\", \"value\": \"Shakespeare\"}]}\n");
        f.close();
        QSignalSpy requested(page, &PolicyPage::settleRequested);
        QSignalSpy finished(m_window->runPage(), &RunPage::runFinished);
        bool chosen = false;
        QElapsedTimer sinceChosen;
        QString refused;
        QTimer poll;
        poll.setInterval(20);
        connect(&poll, &QTimer::timeout, this, [&] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                refused = box->text();
                box->reject();
                return;
            }
            auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            if (chosen) {
                if (sinceChosen.elapsed() > 3000) { // it should have taken the file by now
                    screenshot(dialog, u"dialog-settle-stuck"_s);
                    refused = u"the file dialog did not take "_s + more;
                    dialog->reject();
                }
                return;
            }
            chosen = true;
            sinceChosen.start();
            // As a person does: into the folder, type the file's name, Enter.
            dialog->setDirectory(m_dir.path());
            auto* name = dialog->findChild<QLineEdit*>(u"fileNameEdit"_s);
            if (!name) {
                refused = u"the file dialog has no file name field"_s;
                dialog->reject();
                return;
            }
            name->setFocus();
            QTest::keyClicks(name, QFileInfo(more).fileName());
            QTest::keyClick(name, Qt::Key_Return);
        });
        poll.start();
        QTest::mouseClick(page->settleButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(chosen && !QApplication::activeModalWidget(), 10000);
        poll.stop();
        QVERIFY2(refused.isEmpty(), qPrintable(refused));
        QCOMPARE(requested.count(), 1);
        const qint64 settleRun = requested.at(0).at(0).toLongLong();
        QVERIFY(!page->settleButton()->isEnabled()); // one settle at a time
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 120000);
        QCOMPARE(finished.last().at(0).toLongLong(), settleRun);
        QCOMPARE(finished.last().at(1).toString(), u"completed"_s);

        // The two new prompts, once each to both models; the policy from every run at the next look.
        m_window->showPage(MainWindow::Policy);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isDeriving() && page->routesModel()->policy().settings().look == 2, 60000);
        QCOMPARE(testing::scalar(m_window->workspacePath(),
                                 u"SELECT COUNT(*) FROM results WHERE run_id = %1"_s.arg(settleRun)),
                 4);
        QCOMPARE(page->policyRuns(), before + QVector<qint64> { settleRun });
        QCOMPARE(page->routesModel()->policy().sources().size(), before.size() + 1);
        QVERIFY2(page->statusText().contains(u"look 2"_s), qPrintable(page->statusText()));
        screenshot(m_window.get(), u"11c-policy-settled"_s);
        minPrompts->setValue(PolicySettings().minPrompts);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isDeriving(), 60000);
    }

    // Every file dialog, opened on the workspace's folder and cancelled, leaves this process's SQLite locks on the
    // workspace in place (a dialog that reads the files to find their types drops them all: GuardedFiles). Then a
    // second process reads the workspace while a run writes: with the locks gone it would take itself for the last
    // user, delete the -wal and -shm files, and what the run wrote next would never reach the file.
    void fileDialogsLeaveTheWorkspaceLocked()
    {
        const QString db = m_window->workspacePath();
        QVERIFY(QFile::exists(db + u"-shm"_s));
        const int before = locksOn(db);
        QVERIFY2(before > 0, "the desktop holds SQLite's locks on its open workspace");

        struct Trigger
        {
            const char* name;
            std::function<void()> open;
        };
        PolicyPage* policy = m_window->policyPage();
        const QList<Trigger> triggers {
            { "File > New workspace", [&] { QTest::keySequence(m_window.get(), QKeySequence::New); } },
            { "File > Open workspace", [&] { QTest::keySequence(m_window.get(), QKeySequence::Open); } },
            { "File > Import prompt set", [&] { QTest::keySequence(m_window.get(), QKeySequence(u"Ctrl+I"_s)); } },
            { "Policy > Export policy", [&] { clickOn(policy, u"exportJson"_s, MainWindow::Policy); } },
            { "Policy > Export LiteLLM config", [&] { clickOn(policy, u"exportLiteLlm"_s, MainWindow::Policy); } },
            { "Policy > Compare with file", [&] { clickOn(policy, u"compareWithFile"_s, MainWindow::Policy); } },
            { "Dashboard > chart > Export PNG", [&] { chartExport(0); } },
            { "Dashboard > chart > Export SVG", [&] { chartExport(1); } },
            { "Dashboard > chart > Export CSV", [&] { chartExport(2); } },
        };
        for (const Trigger& t : triggers) {
            // Once the dialog is up: into the workspace's folder, the database selected, a moment for the listing
            // (file types and icons come from a thread of the dialog's), then Cancel.
            bool seen = false;
            QTimer poll;
            poll.setInterval(20);
            QElapsedTimer shown;
            connect(&poll, &QTimer::timeout, this, [&] {
                auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
                if (!dialog)
                    return;
                if (!seen) {
                    seen = true;
                    dialog->setDirectory(m_dir.path());
                    dialog->selectFile(db);
                    shown.start();
                } else if (shown.elapsed() > 700) {
                    screenshot(dialog, u"dialog-"_s + QString::fromLatin1(t.name).section(u' ', -1).toLower());
                    dialog->reject();
                }
            });
            poll.start();
            // Shortcuts go to the active window: the one the dialog before handed back to.
            m_window->activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
            t.open();
            QTRY_VERIFY2_WITH_TIMEOUT(seen && !QApplication::activeModalWidget(), t.name, 10000);
            poll.stop();
            // A page's worker may hold a read connection for a moment (the sanitizer build is slow): a lock the
            // dialog left would stay, one of a worker goes.
            QTRY_COMPARE_WITH_TIMEOUT(locksOn(db), before, 15000);
        }

        // A run in the desktop while another process reads the workspace over and over.
        m_window->showPage(MainWindow::Run);
        RunPage* page = m_window->runPage();
        page->setModelRow(0, simModel(u"flash"_s, m_sim.url(), u"deepseek-v4-flash"_s, 2));
        page->setModelRow(1, simModel(u"pro"_s, m_sim.url(), u"deepseek-v4-pro"_s, 2));
        page->repeatBox()->setValue(1);
        QSignalSpy finished(page, &RunPage::runFinished);
        QTest::mouseClick(page->findChild<QPushButton*>(u"startButton"_s), Qt::LeftButton);
        int reads = 0;
        while (finished.isEmpty()) {
            QProcess cli;
            cli.start(QStringLiteral(TIERLENS_BIN_DIR "/tierlens-cli"), { u"runs"_s, u"--db"_s, db });
            QVERIFY(cli.waitForFinished(30000));
            QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
            ++reads;
            QTest::qWait(50);
        }
        QCOMPARE(finished.constFirst().at(1).toString(), u"completed"_s);
        const qint64 runId = finished.constFirst().at(0).toLongLong();
        QVERIFY(reads >= 3);
        QTRY_COMPARE_WITH_TIMEOUT(locksOn(db), before, 15000); // as above: a worker's read may still be open
        // What another process finds on disk: every result of the run, in a file that checks out.
        QProcess sqlite;
        sqlite.start(u"sqlite3"_s,
                     { db, u"PRAGMA integrity_check; SELECT COUNT(*) FROM results WHERE run_id = %1;"_s.arg(runId) });
        QVERIFY(sqlite.waitForFinished(30000));
        QCOMPARE(QString::fromUtf8(sqlite.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts),
                 QStringList({ u"ok"_s, u"90"_s }));
    }

    void settingsShowAndEditPriceBooks()
    {
        SettingsDialog dialog({ u"DEEPSEEK_API_KEY"_s }, m_window.get());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.showProvider(u"deepseek"_s);
        // Pro's promotion and its list price, each with its effective dates.
        QStringList untils;
        for (int row = 0; row < dialog.periodTable()->rowCount(); ++row)
            untils.append(dialog.periodTable()->item(row, 2)->text());
        QVERIFY2(untils.contains(u"2026-05-31 15:59"_s), qPrintable(untils.join(u", "_s)));
        // The key's status comes back even where no keychain service runs (as here): the environment still works.
        auto* keys = dialog.findChild<QTableWidget*>();
        QVERIFY(keys);
        QTRY_VERIFY_WITH_TIMEOUT(keys->item(0, 1) != nullptr, 60000);
        screenshot(&dialog, u"7-settings"_s);

        // A broken edit is refused with where it is; a good one becomes the user's book of the provider.
        const QString original = dialog.bookEditor()->toPlainText();
        dialog.bookEditor()->setPlainText(QString(original).replace(u"\"provider\""_s, u"\"provider_typo\""_s));
        QString error;
        QVERIFY(!dialog.savePriceBook(&error));
        QVERIFY2(!error.isEmpty(), "no reason given");
        QVERIFY(!QFile::exists(Settings::userPriceBookFolder() + u"/deepseek.json"_s));
        dialog.bookEditor()->setPlainText(original);
        QVERIFY2(dialog.savePriceBook(&error), qPrintable(error));
        PriceBookRegistry registry;
        registry.load(Settings::userPriceBookFolder());
        QVERIFY(registry.isUserBook(u"deepseek"_s));
        QVERIFY(QFile::remove(Settings::userPriceBookFolder() + u"/deepseek.json"_s));
        dialog.reject();
    }

    void chineseInterface()
    {
        QVERIFY(tierlens::installTranslations(u"zh_CN"_s));
        // The tests after this one read English texts: the window they share was built in English.
        const auto english = qScopeGuard([] { tierlens::installTranslations(u"en"_s); });
        MainWindow window;
        QString error;
        QVERIFY2(window.openWorkspace(m_window->workspacePath(), &error), qPrintable(error));
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.selectRun(m_firstRun));
        QTRY_VERIFY_WITH_TIMEOUT(!window.comparePage()->isLoading(), 30000);
        auto* tabs = window.findChild<QTabWidget*>(u"pages"_s);
        QCOMPARE(tabs->tabText(MainWindow::Compare), u"比较"_s);
        screenshot(&window, u"8-compare-zh_CN"_s);
        window.showPage(MainWindow::History);
        screenshot(&window, u"9-history-zh_CN"_s);
    }

    // A model on plain http:// to another host: the Run page asks before its key is sent; Cancel starts nothing.
    void plainHttpToAnotherHostAsksFirst()
    {
        m_window->showPage(MainWindow::Run);
        RunPage* page = m_window->runPage();
        page->setModelRow(0, simModel(u"flash"_s, u"http://192.0.2.1:8000"_s, u"deepseek-v4-flash"_s));
        page->setModelRow(1, simModel(u"pro"_s, m_sim.url(), u"deepseek-v4-pro"_s));
        const qsizetype runsBefore = openStore()->runs().value().size();
        // the text of every message box shown, each answered with Cancel (or OK)
        const QStringList boxes = clickAnsweringBoxes(page->findChild<QPushButton*>(u"startButton"_s));
        QCOMPARE(boxes.size(), 1);
        QVERIFY2(boxes.constFirst().contains(u"http://192.0.2.1:8000"_s) && boxes.constFirst().contains(u"\"flash\""_s)
                     && !boxes.constFirst().contains(u"\"pro\""_s),
                 qPrintable(boxes.constFirst()));
        QVERIFY(!page->isRunning());
        QCOMPARE(openStore()->runs().value().size(), runsBefore);
        page->setModelRow(0, simModel(u"flash"_s, m_sim.url(), u"deepseek-v4-flash"_s));
    }

    // Opening a damaged workspace says so (it used to show an empty history and take new runs), and another
    // application's database is refused untouched; the open workspace stays open either way.
    void damagedOrForeignWorkspaceIsRefused()
    {
        const QString open = m_window->workspacePath();
        const QString damaged = m_dir.filePath(u"damaged.db"_s);
        {
            auto store = Store::open(damaged, nullptr);
            QVERIFY(store);
            PromptSet set;
            set.name = u"big"_s;
            for (int i = 0; i < 1500; ++i) {
                Prompt p;
                p.id = QString::number(i);
                p.messages
                    = QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, QString(300, u'q') } } };
                set.prompts.append(p);
            }
            QString error;
            QVERIFY2(store->savePromptSet(set, &error), qPrintable(error));
        }
        {
            QFile f(damaged);
            QVERIFY(f.open(QIODevice::ReadWrite));
            f.seek(f.size() / 2 / 4096 * 4096);
            f.write(QByteArray(20 * 4096, '\x5a'));
        }
        QString error;
        // (The interface may be in Chinese by now: the parts that are not words are checked.)
        QVERIFY(!m_window->openWorkspace(damaged, &error));
        QVERIFY2(error.contains(damaged) && error.contains(u"sqlite3 "_s + damaged + u" .recover"_s),
                 qPrintable(error));
        QCOMPARE(m_window->workspacePath(), open);

        const QString foreign = m_dir.filePath(u"notes.sqlite"_s);
        {
            QSqlDatabase c = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"notes"_s);
            c.setDatabaseName(foreign);
            QVERIFY(c.open());
            QVERIFY(QSqlQuery(c).exec(u"CREATE TABLE notes (body TEXT)"_s));
        }
        QSqlDatabase::removeDatabase(u"notes"_s);
        const QByteArray before = [&] {
            QFile f(foreign);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        QVERIFY(!m_window->openWorkspace(foreign, &error));
        QVERIFY2(error.contains(foreign) && (error.contains(u"(notes)"_s) || error.contains(u"（notes）"_s)),
                 qPrintable(error));
        QFile f(foreign);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
        QCOMPARE(m_window->workspacePath(), open);
    }

    // Every page at 1280x800 and 1920x1080, light and dark, in English and in Chinese, to build/screenshots/gallery:
    // what a person sees, for review.
    void liveSessionFromTheLivePage()
    {
        m_window->showPage(MainWindow::Live);
        LivePage* live = m_window->livePage();
        live->setSimulatorUrl(m_sim.url()); // as when the desktop starts its simulator: both presets point there
        auto* listen = live->findChild<QLineEdit*>(u"liveListen"_s);
        QTest::mouseClick(listen, Qt::LeftButton);
        listen->selectAll();
        QTest::keyClicks(listen, u"127.0.0.1:0"_s);
        auto* rules = live->findChild<QPlainTextEdit*>(u"liveRules"_s);
        QTest::mouseClick(rules->viewport(), Qt::LeftButton);
        QTest::keyClicks(rules, u"(?i)capital=geo"_s);
        auto* start = live->findChild<QPushButton*>(u"liveStart"_s);

        // A candidate over plain http:// to another host with a key: the page asks first, and Cancel starts nothing.
        auto* candidate = live->findChild<ModelForm*>(u"liveCandidate"_s);
        for (const auto& [field, text] : { std::pair { u"baseUrl"_s, u"http://192.0.2.1:8000"_s },
                                           std::pair { u"keyVariable"_s, u"REMOTE_KEY"_s } }) {
            auto* edit = candidate->findChild<QLineEdit*>(field);
            QTest::mouseClick(edit, Qt::LeftButton);
            edit->selectAll();
            QTest::keyClicks(edit, text);
        }
        const QStringList boxes = clickAnsweringBoxes(start);
        QCOMPARE(boxes.size(), 1);
        QVERIFY2(boxes.constFirst().contains(u"http://192.0.2.1:8000"_s), qPrintable(boxes.constFirst()));
        QVERIFY(!live->isRunning());
        QVERIFY(live->findChild<QLabel*>(u"liveStatus"_s)->text().contains(u"unencrypted"_s));
        live->setSimulatorUrl(m_sim.url()); // both presets again

        QTest::mouseClick(start, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(live->isRunning(), 10000);
        QCOMPARE(start->text(), u"Stop"_s);
        QVERIFY(!listen->isEnabled()); // the session's options hold while it runs

        // An application's requests, through the endpoint the page names.
        QNetworkAccessManager nam;
        const QStringList questions { u"What is the capital of Peru?"_s, u"Say hi."_s,
                                      u"What is the capital of Chad?"_s };
        for (const QString& q : questions) {
            QNetworkRequest request(QUrl(live->endpoint() + u"/v1/chat/completions"_s));
            request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
            const QJsonObject body { { u"model"_s, u"deepseek-v4-flash"_s },
                                     { u"messages"_s,
                                       QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, q } } } } };
            QNetworkReply* reply = nam.post(request, QJsonDocument(body).toJson());
            QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 30000);
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
            reply->deleteLater();
        }
        auto* table = live->findChild<QTableWidget*>(u"liveModels"_s);
        QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 2, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(table->item(1, 2)->text(), u"3"_s, 30000); // the candidate answered all three
        QCOMPARE(table->item(0, 2)->text(), u"3"_s);
        QVERIFY(live->findChild<QLabel*>(u"liveSummary"_s)->text().contains(u"3 mirrored"_s));
        screenshot(m_window.get(), u"7-live"_s);

        // The live run opens in Compare like any run, while it grows.
        const qint64 runId = live->runId();
        QTest::mouseClick(live->findChild<QPushButton*>(u"liveOpen"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->findChild<QTabWidget*>(u"pages"_s)->currentIndex(),
                                  int(MainWindow::Compare), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->comparePage()->isLoading(), 30000);

        m_window->showPage(MainWindow::Live);
        QTest::mouseClick(start, Qt::LeftButton);
        QVERIFY(!live->isRunning());
        QVERIFY(live->findChild<QLabel*>(u"liveStatus"_s)->text().contains(u"ended"_s));
        auto store = openStore();
        QVERIFY(store);
        const std::optional<RunRow> run = store->loadRun(runId);
        QVERIFY(run);
        QVERIFY(run->isLive());
        QCOMPARE(run->status, u"completed"_s);
        // The page's figures are the store's: three results a model, what the table said.
        QCOMPARE(run->resultCount, qint64(6));
        const std::optional<PromptSet> set = store->loadPromptSet(run->promptSetId);
        QVERIFY(set);
        QCOMPARE(set->prompts.size(), qsizetype(3));
        QCOMPARE(set->prompts.at(0).category, u"geo"_s);
        QCOMPARE(set->prompts.at(1).category, u"uncategorized"_s);
        // Each model's cost on the page is what the store bills its attempts (the figure every report shows).
        const std::optional<QVector<ModelTotals>> totals = store->modelTotals(runId);
        QVERIFY(totals && totals->size() == 2);
        for (int row = 0; row < 2; ++row) {
            QVERIFY(totals->at(row).costUsd);
            QCOMPARE(table->item(row, 4)->text(), ReportFormat::usd(*totals->at(row).costUsd));
            QCOMPARE(totals->at(row).items, qint64(3));
        }
    }

    void galleryOfEveryPage()
    {
        const QPalette dark = darkPalette();
        const QStringList pages
            = { u"prompt-sets"_s, u"run"_s, u"compare"_s, u"dashboard"_s, u"policy"_s, u"history"_s, u"live"_s };
        int shots = 0;
        for (const QString& language : { u"en"_s, u"zh_CN"_s }) {
            tierlens::installTranslations(language);
            MainWindow window;
            QString error;
            QVERIFY2(window.openWorkspace(m_window->workspacePath(), &error), qPrintable(error));
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY(window.selectRun(m_firstRun));
            QTRY_VERIFY_WITH_TIMEOUT(!window.comparePage()->isLoading(), 30000);
            // The language asked for, and only it (English after Chinese too).
            QCOMPARE(window.findChild<QTabWidget*>(u"pages"_s)->tabText(MainWindow::Compare),
                     language == u"en"_s ? u"Compare"_s : u"比较"_s);
            const QPalette light = window.palette();
            for (const QSize size : { QSize(1280, 800), QSize(1920, 1080) }) {
                window.resize(size);
                for (const bool isDark : { false, true }) {
                    window.setPalette(isDark ? dark : light);
                    for (int page = 0; page < pages.size(); ++page) {
                        window.showPage(MainWindow::Page(page));
                        if (page == MainWindow::Dashboard)
                            QTRY_VERIFY_WITH_TIMEOUT(!window.dashboardPage()->isComputing(), 60000);
                        QTest::qWait(20); // laid out and painted
                        const QString name = u"gallery/%1-%2x%3-%4-%5-%6"_s.arg(language)
                                                 .arg(size.width())
                                                 .arg(size.height())
                                                 .arg(isDark ? u"dark"_s : u"light"_s)
                                                 .arg(page + 1)
                                                 .arg(pages.at(page));
                        screenshot(&window, name);
                        // The file holds the page at that size, in that palette (the status bar's colour).
                        const QImage shot(QStringLiteral(TIERLENS_SCREENSHOT_DIR) + u'/' + name + u".png"_s);
                        QCOMPARE(shot.size(), size);
                        QCOMPARE(shot.pixelColor(size.width() / 2, size.height() - 3).lightness() < 128, isDark);
                        ++shots;
                    }
                }
            }
        }
        tierlens::installTranslations(u"en"_s);
        QCOMPARE(shots, 56);
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_sim.stop();
    }
};

QTEST_MAIN(TestDesktop)
#include "tst_desktop.moc"
