// The Compare page as a person uses it: click any widget of the page, then rate with the keys. The rating keys
// must work wherever the focus is (a list's type-ahead search, a check box's arrow keys and a combo box's letter
// search must not take them) except in the note while it is written; blind mode shows nothing that tells the
// models apart until the pair is rated; the pair list marks what was rated and how.

#include "../support/PageImport.h"
#include "../support/SimProcess.h"

#include "MainWindow.h"
#include "analysis/EvalStatistics.h"
#include "compare/AnswerPane.h"
#include "compare/ComparePage.h"
#include "compare/ResultPairs.h"
#include "dashboard/DashboardPage.h"
#include "judge/JudgeDialog.h"
#include "promptsets/PromptSetsPage.h"
#include "run/RunPage.h"
#include "store/Store.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace tierlens;
using tierlens::testing::SimProcess;

namespace {

ModelConfig simModel(const QString& label, const QString& url, const QString& id)
{
    ModelConfig m;
    m.label = label;
    m.baseUrl = url;
    m.modelId = id;
    return m;
}

void screenshot(QWidget* window, const QString& name)
{
    QDir().mkpath(QStringLiteral(TIERLENS_SCREENSHOT_DIR));
    const QString path = QStringLiteral(TIERLENS_SCREENSHOT_DIR) + u'/' + name + u".png"_s;
    QVERIFY2(window->grab().save(path), qPrintable(path));
}

} // namespace

class TestCompare : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SimProcess m_sim { QStringLiteral(TIERLENS_BIN_DIR) };
    std::unique_ptr<MainWindow> m_window;
    qint64 m_run = 0;
    std::pair<qint64, qint64> m_scoredBlind; // the pair rated in blind mode by the first test

    ComparePage* page() const { return m_window->comparePage(); }

    std::unique_ptr<Store> openStore()
    {
        QString error;
        auto store = Store::open(m_window->workspacePath(), &error);
        if (!store)
            qWarning("%s", qPrintable(error));
        return store;
    }

    // The figures the Dashboard shows for the run, computed afresh from the database.
    EvalStatistics reference()
    {
        StatisticsSettings settings;
        settings.scope.runIds = { m_run };
        QString error;
        auto store = openStore();
        auto stats = EvalStatistics::compute(*store, settings, &error);
        if (!stats)
            qFatal("%s", qPrintable(error));
        return *stats;
    }

    // The Dashboard once it has computed, without anything else changed on it.
    const EvalStatistics& dashboardFigures()
    {
        m_window->showPage(MainWindow::Dashboard);
        DashboardPage* d = m_window->dashboardPage();
        [&] { QTRY_VERIFY_WITH_TIMEOUT(!d->isComputing() && d->statistics(), 60000); }();
        return *d->statistics();
    }

    // A click where a person would click: the middle of the widget, or of a list row.
    static void click(QWidget* w, QPoint at = {})
    {
        QWidget* target = w;
        if (auto* area = qobject_cast<QAbstractScrollArea*>(w))
            target = area->viewport();
        QTest::mouseClick(target, Qt::LeftButton, {}, at.isNull() ? target->rect().center() : at);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCOMPARE(m_sim.start({ u"--time-scale"_s, u"0.01"_s, u"--seed"_s, u"11"_s }), QString());
        m_window = std::make_unique<MainWindow>();
        QString error;
        QVERIFY2(m_window->openWorkspace(m_dir.filePath(u"workspace.db"_s), &error), qPrintable(error));
        m_window->resize(1280, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        error = tierlens::testing::importThroughPage(
            m_window->promptSetsPage(), QStringLiteral(TIERLENS_SOURCE_DIR "/resources/prompts/sample.jsonl"));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_window->showPage(MainWindow::Run);
        RunPage* run = m_window->runPage();
        run->setModelRow(0, simModel(u"flash"_s, m_sim.url(), u"deepseek-v4-flash"_s));
        run->setModelRow(1, simModel(u"pro"_s, m_sim.url(), u"deepseek-v4-pro"_s));
        QSignalSpy finished(run, &RunPage::runFinished);
        QTest::mouseClick(run->findChild<QPushButton*>(u"startButton"_s), Qt::LeftButton);
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.constFirst().at(1).toString(), u"completed"_s);
        m_run = finished.constFirst().at(0).toLongLong();
        QVERIFY(m_window->selectRun(m_run));
        QTRY_VERIFY_WITH_TIMEOUT(!page()->isLoading(), 30000);
        QCOMPARE(dashboardFigures().group(u"flash"_s)->counts.verdictSources.value(u"human"_s), 0);
        m_window->showPage(MainWindow::Compare);
        QVERIFY(page()->isVisible());
    }

    // Blind: the panes show the answers and nothing measured until the pair has a rating; then everything.
    void blindShowsOnlyTheAnswersUntilRated()
    {
        page()->setBlind(true);
        auto* left = page()->findChild<AnswerPane*>(u"leftAnswer"_s);
        auto* right = page()->findChild<AnswerPane*>(u"rightAnswer"_s);
        QCOMPARE(left->heading(), u"Answer A"_s);
        QVERIFY(left->metricsText().isEmpty());
        QVERIFY(right->metricsText().isEmpty());
        // No length of reasoning on either side (the sim's pro reasons, its flash often not).
        for (AnswerPane* pane : { left, right }) {
            for (QToolButton* b : pane->findChildren<QToolButton*>()) {
                QVERIFY2(!b->isVisible() || !b->text().contains(QRegularExpression(u"\\d"_s)), qPrintable(b->text()));
            }
        }
        QVERIFY(!left->renderedText().isEmpty());
        screenshot(m_window.get(), u"compare-blind-unrated"_s);
        // As a person does: click the pair in the list, then type (the list's type-ahead must not take the key).
        auto* list = page()->findChild<QListView*>(u"pairList"_s);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(list->currentIndex()).center());
        QCOMPARE(QApplication::focusWidget(), list);
        m_scoredBlind = page()->shownResults();
        QTest::keyClicks(list, u"3"_s);
        QVERIFY(left->heading().startsWith(u"Answer A: "_s));
        QVERIFY2(left->metricsText().contains(u"Latency"_s), qPrintable(left->metricsText()));
        QVERIFY(right->metricsText().contains(u"Latency"_s));
        QTest::keyClick(page(), Qt::Key_K); // no move from the first pair; the rating is kept for the next test
    }

    // Twenty pairs rated by keyboard only, each after clicking another widget of the page.
    void rateTwentyPairsAfterClickingEachWidget()
    {
        ComparePage* p = page();
        auto* note = p->findChild<QLineEdit*>(u"noteEdit"_s);
        auto* list = p->findChild<QListView*>(u"pairList"_s);
        QVector<QWidget*> widgets;
        widgets << p->findChild<QComboBox*>(u"compareRunCombo"_s) << p->findChild<QCheckBox*>(u"blindCheck"_s)
                << p->findChild<QCheckBox*>(u"diffCheck"_s);
        for (QComboBox* c : p->findChildren<QComboBox*>())
            if (!widgets.contains(c))
                widgets << c; // the category
        for (QCheckBox* c : p->findChildren<QCheckBox*>())
            if (!widgets.contains(c))
                widgets << c; // the filters
        widgets << list << p->findChild<AnswerPane*>(u"leftAnswer"_s)->findChild<QTextBrowser*>()
                << p->findChild<AnswerPane*>(u"rightAnswer"_s)->findChild<QTextBrowser*>() << note
                << m_window->findChild<QTabWidget*>()->tabBar();
        for (QWidget* w : widgets)
            QVERIFY(w);
        auto isFilter = [](QWidget* w) {
            return qobject_cast<QCheckBox*>(w) && w->objectName() != u"blindCheck"_s
                && w->objectName() != u"diffCheck"_s;
        };

        struct Rated
        {
            qint64 left, right;
        };
        QVector<Rated> rated;
        QSet<qint64> seen { m_scoredBlind.first, m_scoredBlind.second };
        for (int n = 0; rated.size() < 20; ++n) {
            QVERIFY2(n < 80, "the page ran out of unrated pairs");
            QWidget* w = widgets.at(n % widgets.size());
            const QString what
                = w->objectName().isEmpty() ? QString::fromLatin1(w->metaObject()->className()) : w->objectName();
            if (w == list) {
                // A click on the row below the one shown: that pair is shown.
                const int row = std::min(list->currentIndex().row() + 1, list->model()->rowCount() - 1);
                click(list, list->visualRect(list->model()->index(row, 0)).center());
                QCOMPARE(p->currentPosition(), row);
            } else if (auto* tabs = qobject_cast<QTabBar*>(w)) {
                // Away to another page and back by clicking the tabs.
                click(tabs, tabs->tabRect(MainWindow::Dashboard).center());
                click(tabs, tabs->tabRect(MainWindow::Compare).center());
                QVERIFY(p->isVisible());
            } else {
                click(w);
                if (QWidget* popup = QApplication::activePopupWidget()) // a combo box's list: Esc closes it
                    QTest::keyClick(popup, Qt::Key_Escape);
                auto allTicked = [&] {
                    for (int i = 0; i < list->model()->rowCount(); ++i)
                        if (!list->model()->index(i, 0).data().toString().startsWith(u"\u2713"_s))
                            return false;
                    return true;
                };
                if (isFilter(w) && allTicked())
                    click(w); // a filter that leaves nothing to rate is clicked off again
            }
            if (w == note) {
                // Typing goes into the note, arrows and Page Down too move nowhere; Esc leaves it and the keys
                // rate again.
                const int at = p->currentPosition();
                QTest::keyClicks(QApplication::focusWidget(), u"why"_s);
                for (const Qt::Key k : { Qt::Key_Down, Qt::Key_Up, Qt::Key_PageDown })
                    QTest::keyClick(QApplication::focusWidget(), k);
                QCOMPARE(p->currentPosition(), at);
                QCOMPARE(note->text(), u"why"_s);
                QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
            }
            // Skip pairs rated before: J from wherever the focus is.
            for (int guard = 0; seen.contains(p->shownResults().first) && guard < 50; ++guard)
                QTest::keyClick(QApplication::focusWidget(), Qt::Key_J);
            const auto [left, right] = p->shownResults();
            QVERIFY2(left != 0 && !seen.contains(left),
                     qPrintable(what + u" focus: "_s
                                + QString::fromLatin1(QApplication::focusWidget()
                                                          ? QApplication::focusWidget()->metaObject()->className()
                                                          : "none")
                                + u" position %1 of %2"_s.arg(p->currentPosition()).arg(p->visibleCount())));
            QWidget* focused = QApplication::focusWidget();
            QVERIFY2(focused && (focused == p || p->isAncestorOf(focused)), qPrintable(what));
            // Left: 5 and pass; right: 1 and fail; right better. Then on.
            const QString noteBefore = note->text();
            QTest::keyClicks(focused, u"5p"_s);
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Right);
            QTest::keyClicks(QApplication::focusWidget(), u"1fd"_s);
            QCOMPARE(note->text(), noteBefore); // nothing typed into the note
            QCOMPARE(p->shownResults().first, left); // no key moved to another pair
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_J);
            QVERIFY2(p->shownResults().first != left || p->currentPosition() == p->visibleCount() - 1,
                     qPrintable(what));
            rated.append({ left, right });
            seen.insert(left);
            seen.insert(right);
            if (isFilter(w) && static_cast<QCheckBox*>(w)->isChecked())
                click(w); // the filter off again once its pair is rated
        }
        p->commitRating();
        screenshot(m_window.get(), u"compare-twenty-rated"_s);

        auto store = openStore();
        const QVector<RatingRow> rows = store->runRatings(m_run).value();
        for (const Rated& r : rated) {
            auto latest = [&](qint64 result) {
                RatingRow found;
                for (const RatingRow& row : rows)
                    if (row.resultId == result)
                        found = row;
                return found;
            };
            const RatingRow l = latest(r.left);
            const RatingRow rr = latest(r.right);
            QCOMPARE(l.score, std::optional<int>(5));
            QCOMPARE(l.passed, std::optional<bool>(true));
            QCOMPARE(l.preference, u"right"_s);
            QCOMPARE(l.comparedResultId, std::optional<qint64>(r.right));
            QCOMPARE(rr.score, std::optional<int>(1));
            QCOMPARE(rr.passed, std::optional<bool>(false));
        }

        // The list marks each rated pair and how; the count says how many of the run's pairs are rated.
        QString loadError;
        const auto pairs = ResultPairs::load(*store, m_run, &loadError);
        QVERIFY2(pairs, qPrintable(loadError));
        int ratedPairs = 0;
        for (const ResultPair& pair : *pairs)
            ratedPairs += ResultPairs::rating(pair, rows).rated() ? 1 : 0;
        QCOMPARE(ratedPairs, 21); // the twenty, and the first pair scored blind above
        QCOMPARE(p->ratedCount(), 21);
        QCOMPARE(p->findChild<QLabel*>(u"ratedCount"_s)->text(), u"rated 21 of %1"_s.arg(pairs->size()));
        for (QCheckBox* box : p->findChildren<QCheckBox*>())
            if (box->objectName() != u"blindCheck"_s && box->objectName() != u"diffCheck"_s)
                box->setChecked(false);
        for (QComboBox* box : p->findChildren<QComboBox*>())
            if (box->objectName() != u"compareRunCombo"_s)
                box->setCurrentIndex(0);
        QCOMPARE(list->model()->rowCount(), pairs->size());
        int ticked = 0;
        for (int i = 0; i < list->model()->rowCount(); ++i) {
            const QString text = list->model()->index(i, 0).data().toString();
            if (text.startsWith(u"\u2713"_s)) {
                ++ticked;
                if (text.endsWith(u" 3"_s))
                    continue; // the pair scored blind above
                // "flash 5 pass · pro 1 fail · pro better": D said the right one (1, fail) was better.
                const QStringList parts = text.section(u" \u2014 "_s, 1).split(u" \u00b7 "_s);
                QCOMPARE(parts.size(), 3);
                const QString passed = parts.at(0).endsWith(u" 5 pass"_s) ? parts.at(0) : parts.at(1);
                const QString failed = parts.at(0).endsWith(u" 1 fail"_s) ? parts.at(0) : parts.at(1);
                QVERIFY2(passed.endsWith(u" 5 pass"_s) && failed.endsWith(u" 1 fail"_s), qPrintable(text));
                QCOMPARE(parts.at(2), failed.section(u' ', 0, 0) + u" better"_s);
            } else {
                QVERIFY2(!text.contains(u"pass"_s) && !text.contains(u"better"_s), qPrintable(text));
            }
        }
        QCOMPARE(ticked, 21);

        // The Dashboard counts the ratings as soon as it is looked at again.
        const EvalStatistics ref = reference();
        const EvalStatistics& shown = dashboardFigures();
        for (const QString& label : { u"flash"_s, u"pro"_s }) {
            const qint64 human = ref.group(label)->counts.verdictSources.value(u"human"_s);
            QVERIFY(human > 0);
            QCOMPARE(shown.group(label)->counts.verdictSources.value(u"human"_s), human);
            QCOMPARE(shown.group(label)->passRate->estimate, ref.group(label)->passRate->estimate);
        }
        m_window->showPage(MainWindow::Compare);
    }

    // Compare lists pairs without any text (PairKey); a shown pair is read whole, and it is what the key said.
    void pairKeysAgreeWithThePairsReadWhole()
    {
        auto store = openStore();
        QString error;
        const auto index = ResultPairs::index(*store, m_run, &error);
        const auto full = ResultPairs::load(*store, m_run, &error);
        QVERIFY2(index && full, qPrintable(error));
        // The pairs as the export reads the results (another query): every item both models finished, once.
        QHash<std::pair<QString, int>, std::pair<qint64, qint64>> exported; // (prompt, repeat) -> (flash, pro)
        QVERIFY(store->forEachResult(
            m_run,
            [&](const ResultExportRow& r) {
                auto& ids = exported[{ r.promptExtId, r.finalAttempt.repeatIndex }];
                (r.modelLabel == index->firstLabel() ? ids.first : ids.second) = r.resultId;
                return true;
            },
            &error));
        int both = 0;
        for (const auto& ids : std::as_const(exported))
            both += ids.first != 0 && ids.second != 0 ? 1 : 0;
        QCOMPARE(index->pairs.size(), both);
        QCOMPARE(index->pairs.size(), full->size());
        for (const PairKey& k : index->pairs) {
            const auto ids = exported.value({ index->prompt(k).id, k.repeatIndex });
            QCOMPARE(k.firstResult, ids.first);
            QCOMPARE(k.secondResult, ids.second);
        }
        int withReasons = 0, checked = 0;
        for (int i = 0; i < full->size(); ++i) {
            const PairKey& k = index->pairs.at(i);
            const ResultPair& f = full->at(i);
            QCOMPARE(index->prompt(k).id, f.promptExtId);
            QCOMPARE(k.repeatIndex, f.repeatIndex);
            QCOMPARE(k.firstResult, f.first.resultId);
            QCOMPARE(k.secondResult, f.second.resultId);
            // What the filters need is in the key: the checks' verdicts and whether each side answered.
            QCOMPARE(k.firstCheck, f.first.checkPassed);
            QCOMPARE(k.secondCheck, f.second.checkPassed);
            QCOMPARE(k.firstOk, f.first.attempt.outcome.ok());
            QCOMPARE(k.secondOk, f.second.attempt.outcome.ok());
            QCOMPARE(f.first.label, index->firstLabel());
            QCOMPARE(f.second.label, index->secondLabel());
            checked += k.firstCheck ? 1 : 0;
            for (const PairSide* side : { &f.first, &f.second })
                withReasons += side->checkReasons.isEmpty() ? 0 : 1;
        }
        QVERIFY(checked > 0 && withReasons > 0); // the sample's assertions were checked
        // A pair whose results are gone says so instead of showing empty answers.
        PairKey gone = index->pairs.at(0);
        gone.secondResult = 999999;
        QVERIFY(!ResultPairs::read(*store, *index, gone, &error));
        QVERIFY2(error.contains(u"999999"_s), qPrintable(error));
        // The page shows the shown pair's answers, read when it was shown.
        QVERIFY(!page()->findChild<AnswerPane*>(u"leftAnswer"_s)->renderedText().isEmpty());
        QVERIFY(!page()->findChild<AnswerPane*>(u"rightAnswer"_s)->renderedText().isEmpty());
    }

    // "Judge this run" on Compare: the estimate first, then the judge run; the verdicts reach the Dashboard. A
    // second time, the dialog says the run was judged and asks before paying again.
    void judgeFromTheComparePage()
    {
        RunPage* run = m_window->runPage();
        QSignalSpy finished(run, &RunPage::runFinished);
        QString estimate;
        QTimer::singleShot(0, this, [&] {
            auto* dialog = qobject_cast<JudgeDialog*>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            // The estimate is read on a worker: the dialog says so, then shows it.
            QTRY_VERIFY_WITH_TIMEOUT(!dialog->isEstimating(), 30000);
            estimate = dialog->estimateText();
            // The judge `tierlens-cli judge` would pick: the model whose id names "pro".
            QVERIFY(dialog->findChild<QComboBox*>(u"judgeModel"_s)->currentText().startsWith(u"pro "_s));
            screenshot(dialog, u"judge-dialog"_s);
            QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        });
        QTest::mouseClick(page()->findChild<QPushButton*>(u"judgeButton"_s), Qt::LeftButton);
        // 45 pairs asked in both orders, and the sample's llm-rubric assertions.
        QVERIFY2(estimate.contains(u"judge calls"_s) && estimate.contains(u"$"_s), qPrintable(estimate));
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.constFirst().at(1).toString(), u"completed"_s);
        const qint64 judgeRun = finished.constFirst().at(0).toLongLong();
        auto store = openStore();
        QCOMPARE(store->loadRun(judgeRun)->kind, u"judge"_s);
        QCOMPARE(store->loadRun(judgeRun)->parentRunId, m_run);
        QVERIFY2(estimate.contains(u"<b>%1 judge calls</b>"_s.arg(store->loadRun(judgeRun)->resultCount)),
                 qPrintable(estimate));
        // The verdicts are read on a worker once the judge run ends; the window stays free meanwhile.
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->isReadingRunEnd(), 30000);
        QVERIFY2(m_window->statusBar()->currentMessage().contains(u"pairs decided"_s),
                 qPrintable(m_window->statusBar()->currentMessage()));

        const EvalStatistics ref = reference();
        const PairedFigures* paired = nullptr;
        for (const PairedFigures& p : ref.paired())
            if (p.category.isEmpty())
                paired = &p;
        QVERIFY(paired && paired->judge.firstWins + paired->judge.secondWins + paired->judge.ties > 0);
        const EvalStatistics& shown = dashboardFigures();
        for (const PairedFigures& p : shown.paired()) {
            if (p.category.isEmpty()) {
                QCOMPARE(p.judge.firstWins, paired->judge.firstWins);
                QCOMPARE(p.judge.secondWins, paired->judge.secondWins);
                QCOMPARE(p.judge.ties, paired->judge.ties);
            }
        }

        // Judged already: OK only once "again" is ticked; cancelled here, nothing is sent.
        m_window->showPage(MainWindow::Compare);
        bool okBefore = true, okAfter = false;
        QString earlier;
        QTimer::singleShot(0, this, [&] {
            auto* dialog = qobject_cast<JudgeDialog*>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            earlier = dialog->findChild<QLabel*>(u"judgeEarlier"_s)->text();
            QPushButton* ok = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
            okBefore = ok->isEnabled();
            QTest::mouseClick(dialog->findChild<QCheckBox*>(u"judgeAgain"_s), Qt::LeftButton);
            okAfter = ok->isEnabled();
            dialog->reject();
        });
        QTest::mouseClick(page()->findChild<QPushButton*>(u"judgeButton"_s), Qt::LeftButton);
        QVERIFY2(earlier.contains(u"judged already"_s) && earlier.contains(QString::number(judgeRun)),
                 qPrintable(earlier));
        QVERIFY(!okBefore);
        QVERIFY(okAfter);
        QVERIFY(!run->isRunning());
        QCOMPARE(openStore()->runs()->size(), 2);
    }

    // A run of three models: the run list offers each two of them; choosing one (as a person does: open the list,
    // go to the entry with the arrow keys, Enter) lists that pair's answers, and a rating by keys is about those two results.
    void aRunOfThreeModelsIsComparedTwoAtATime()
    {
        RunPage* run = m_window->runPage();
        m_window->showPage(MainWindow::Run);
        run->setModelRow(0, simModel(u"flash"_s, m_sim.url(), u"deepseek-v4-flash"_s));
        run->setModelRow(1, simModel(u"pro"_s, m_sim.url(), u"deepseek-v4-pro"_s));
        QTest::mouseClick(run->findChild<QPushButton*>(u"addModel"_s), Qt::LeftButton);
        QCOMPARE(run->modelCount(), 3);
        run->setModelRow(2, simModel(u"pro-b"_s, m_sim.url(), u"deepseek-v4-pro"_s));
        QSignalSpy finished(run, &RunPage::runFinished);
        QTest::mouseClick(run->findChild<QPushButton*>(u"startButton"_s), Qt::LeftButton);
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.constFirst().at(1).toString(), u"completed"_s);
        const qint64 three = finished.constFirst().at(0).toLongLong();
        while (run->modelCount() > 2)
            run->removeModel(run->modelCount() - 1);

        m_window->showPage(MainWindow::Compare);
        auto* combo = page()->findChild<QComboBox*>(u"compareRunCombo"_s);
        QStringList entries;
        QTRY_VERIFY_WITH_TIMEOUT(combo->findText(u"Run %1 · "_s.arg(three), Qt::MatchStartsWith) >= 0, 30000);
        for (int i = 0; i < combo->count(); ++i) {
            if (combo->itemText(i).startsWith(u"Run %1 · "_s.arg(three)))
                entries << combo->itemText(i).section(u" · "_s, 2);
        }
        QCOMPARE(entries, (QStringList { u"flash vs pro"_s, u"flash vs pro-b"_s, u"pro vs pro-b"_s }));
        const int choice = combo->findText(u"pro vs pro-b"_s, Qt::MatchEndsWith);
        click(combo);
        QAbstractItemView* popup = combo->view();
        QTRY_VERIFY(popup->isVisible());
        for (int at = combo->currentIndex(); at != choice; at += at < choice ? 1 : -1)
            QTest::keyClick(popup, at < choice ? Qt::Key_Down : Qt::Key_Up);
        QTest::keyClick(popup, Qt::Key_Return);
        QTRY_COMPARE(combo->currentIndex(), choice);
        QTRY_VERIFY_WITH_TIMEOUT(!page()->isLoading() && page()->visibleCount() > 0, 30000);
        QCOMPARE(page()->models(), std::pair(1, 2));

        auto store = openStore();
        QString error;
        const auto index = ResultPairs::index(*store, three, &error, 1, 2);
        QVERIFY2(index, qPrintable(error));
        QCOMPARE(page()->visibleCount(), index->pairs.size());
        QCOMPARE(index->firstLabel(), u"pro"_s);
        QCOMPARE(index->secondLabel(), u"pro-b"_s);
        auto* list = page()->findChild<QListView*>(u"pairList"_s);
        click(list, list->visualRect(list->model()->index(0, 0)).center());
        const auto [leftResult, rightResult] = page()->shownResults();
        const PairKey& k = index->pairs.at(0);
        QCOMPARE(std::minmax(leftResult, rightResult), std::minmax(k.firstResult, k.secondResult));
        QTest::keyClicks(list, u"4a"_s);
        QTest::keyClick(list, Qt::Key_J);
        const auto rows = store->runRatings(three);
        QVERIFY(rows && !rows->isEmpty());
        const PairRatingState said = ResultPairs::rating(k.firstResult, k.secondResult, *rows);
        QVERIFY(said.rated());
        QCOMPARE(said.preferred, leftResult == k.firstResult ? u"first"_s : u"second"_s);
        QCOMPARE(page()->ratedCount(), 1);
        QVERIFY(list->model()->index(0, 0).data().toString().contains(u"better"_s));
        screenshot(m_window.get(), u"compare-three-models"_s);

        // The same answers beside the third model: what was said beside pro-b is not said here (nothing rated,
        // and blind mode stays blind).
        const int other = combo->findText(u"Run %1 · sample · flash vs pro"_s.arg(three));
        QVERIFY(other >= 0);
        click(combo);
        QTRY_VERIFY(popup->isVisible());
        for (int at = combo->currentIndex(); at != other; at += at < other ? 1 : -1)
            QTest::keyClick(popup, at < other ? Qt::Key_Down : Qt::Key_Up);
        QTest::keyClick(popup, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!page()->isLoading() && page()->models() == std::pair(0, 1), 30000);
        QCOMPARE(page()->ratedCount(), 0);
        page()->setBlind(true);
        QCOMPARE(page()->findChild<AnswerPane*>(u"leftAnswer"_s)->heading(), u"Answer A"_s);
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestCompare)
#include "tst_compare.moc"
