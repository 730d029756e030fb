// A first run without a key: the empty workspace offers "Try it with the simulator"; one click starts
// tierlens-sim on loopback, imports the bundled sample, runs it against the simulated Flash and Pro, has the
// simulated Pro judge it and lands on the Dashboard with the run's figures. Help > Getting started repeats the
// steps the empty workspace shows.

#include "MainWindow.h"
#include "analysis/EvalStatistics.h"
#include "analysis/FigureTableModel.h"
#include "dashboard/ChartFactory.h"
#include "dashboard/ChartPanel.h"
#include "dashboard/DashboardPage.h"
#include "promptsets/PromptSetsPage.h"
#include "run/ModelForm.h"
#include "run/RunPage.h"
#include "store/Store.h"
#include "util/Settings.h"

#include <QAbstractBarSeries>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QBarSet>
#include <QBoxPlotSeries>
#include <QChart>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QMessageBox>
#include <QPushButton>
#include <QScatterSeries>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace tierlens;

class TestFirstRun : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static void screenshot(QWidget* window, const QString& name)
    {
        QDir().mkpath(QStringLiteral(TIERLENS_SCREENSHOT_DIR));
        const QString path = QStringLiteral(TIERLENS_SCREENSHOT_DIR) + u'/' + name + u".png"_s;
        QVERIFY2(window->grab().save(path), qPrintable(path));
    }

private slots:
    void trySimulatorFromAnEmptyWorkspace()
    {
        // Someone's own setup has a third model, remote, with a key: the tour must not send to it, nor forget the
        // setup.
        ModelConfig remote;
        remote.label = u"remote"_s;
        remote.baseUrl = u"https://api.deepseek.com"_s;
        remote.modelId = u"deepseek-v4-pro"_s;
        QJsonArray saved;
        for (const QString& label : { u"a"_s, u"b"_s }) {
            ModelConfig m = remote;
            m.label = label;
            saved.append(m.toJson());
        }
        saved.append(remote.toJson());
        Settings().setValue(Settings::Key::ModelSetup, QJsonDocument(saved).toJson(QJsonDocument::Compact));

        MainWindow window;
        window.setSimulator(QStringLiteral(TIERLENS_BIN_DIR "/tierlens-sim"), { u"--time-scale"_s, u"0.01"_s });
        QString error;
        const QString db = m_dir.filePath(u"first.db"_s);
        QVERIFY2(window.openWorkspace(db, &error), qPrintable(error));
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // The empty workspace opens on Prompt sets, with the steps and the offer.
        auto* tabs = window.findChild<QTabWidget*>(u"pages"_s);
        QCOMPARE(tabs->currentIndex(), int(MainWindow::PromptSets));
        QWidget* welcome = window.promptSetsPage()->findChild<QWidget*>(u"welcome"_s);
        QVERIFY(welcome && welcome->isVisible());
        screenshot(&window, u"first-run-welcome"_s);

        QTest::mouseClick(welcome->findChild<QPushButton*>(u"trySimulatorButton"_s), Qt::LeftButton);
        QVERIFY(window.isTryingSimulator());
        // Run, judge, Dashboard: the tour ends on the Dashboard with the figures computed.
        QTRY_VERIFY_WITH_TIMEOUT(!window.isTryingSimulator(), 180000);
        QCOMPARE(tabs->currentIndex(), int(MainWindow::Dashboard));
        DashboardPage* dashboard = window.dashboardPage();
        QTRY_VERIFY_WITH_TIMEOUT(!dashboard->isComputing() && dashboard->statistics(), 60000);
        QVERIFY(!welcome->isVisible());
        QVERIFY(window.simulatorUrl().startsWith(u"http://127.0.0.1:"_s));

        std::unique_ptr<Store> store = Store::open(db, &error);
        QVERIFY2(store, qPrintable(error));
        const QVector<RunRow> runs = store->runs().value();
        QCOMPARE(runs.size(), 2);
        const auto shadow
            = std::find_if(runs.cbegin(), runs.cend(), [](const RunRow& r) { return r.kind == u"shadow"_s; });
        const auto judge
            = std::find_if(runs.cbegin(), runs.cend(), [](const RunRow& r) { return r.kind == u"judge"_s; });
        QVERIFY(shadow != runs.cend() && judge != runs.cend());
        QCOMPARE(shadow->status, u"completed"_s);
        QCOMPARE(shadow->resultCount, qint64(90)); // the sample's 45 prompts, both models
        QCOMPARE(shadow->models.size(), 2);
        for (const RunModelRow& m : shadow->models)
            QCOMPARE(m.baseUrl, window.simulatorUrl());
        // The person's setup is still theirs.
        const QJsonArray setup
            = QJsonDocument::fromJson(Settings().value(Settings::Key::ModelSetup).toByteArray()).array();
        QCOMPARE(setup.size(), 3);
        QCOMPARE(setup.at(2).toObject().value(u"label"_s).toString(), u"remote"_s);
        QCOMPARE(judge->parentRunId, shadow->id);
        QCOMPARE(judge->status, u"completed"_s);
        QVERIFY(shadow->costUsd && *shadow->costUsd > 0); // billed with DeepSeek's book, as simulated
        QCOMPARE(dashboard->checkedRuns(), QVector<qint64>({ shadow->id }));
        // The judge's verdicts are in the Dashboard's figures.
        bool judged = false;
        for (const PairedFigures& p : dashboard->statistics()->paired())
            judged = judged || p.judge.firstWins + p.judge.secondWins + p.judge.ties > 0;
        QVERIFY(judged);
        QTRY_VERIFY(!dashboard->panels().isEmpty() && dashboard->panels().constFirst()->isVisible());
        // One colour per model in every chart, the scatter's categories included; exports name runs and models.
        QHash<QString, QColor> colourOf;
        auto sameColour = [&](const QString& model, const QColor& colour, const QString& chart) {
            if (!colourOf.contains(model))
                colourOf.insert(model, colour);
            QVERIFY2(colourOf.value(model) == colour, qPrintable(chart + u": "_s + model));
        };
        for (ChartPanel* panel : dashboard->panels()) {
            const FigureTable& figure = panel->model().figure();
            QVERIFY2(figure.scope.contains(u"run %1"_s.arg(shadow->id)) && figure.scope.contains(u"flash vs pro"_s),
                     qPrintable(figure.scope));
            std::unique_ptr<QChart> chart(ChartFactory::create(panel->model()));
            for (QAbstractSeries* series : chart->series()) {
                if (auto* bars = qobject_cast<QAbstractBarSeries*>(series)) {
                    for (QBarSet* set : bars->barSets())
                        sameColour(set->label(), set->color(), figure.id);
                } else if (auto* box = qobject_cast<QBoxPlotSeries*>(series)) {
                    sameColour(box->name(), box->brush().color(), figure.id);
                } else if (auto* line = qobject_cast<QLineSeries*>(series)) {
                    sameColour(line->name(), line->color(), figure.id);
                } else if (auto* points = qobject_cast<QScatterSeries*>(series)) {
                    const QString model = points->name().section(u' ', 0, 0); // "flash" or "flash by category"
                    sameColour(model, points->borderColor(), figure.id);
                }
            }
        }
        QVERIFY(colourOf.contains(u"flash"_s) && colourOf.contains(u"pro"_s));
        QVERIFY(colourOf.value(u"flash"_s) != colourOf.value(u"pro"_s));
        QTest::qWait(50); // the charts are laid out
        screenshot(&window, u"first-run-dashboard"_s);
        window.showPage(MainWindow::Run);
        screenshot(&window, u"first-run-run-page"_s);

        // A preset fills the model's form; a label the person typed stays.
        ModelForm* form = window.runPage()->modelForm(0);
        auto* preset = form->findChild<QComboBox*>(u"preset"_s);
        auto choose = [&](const QString& name) {
            QTest::mouseClick(preset, Qt::LeftButton);
            QVERIFY(QApplication::activePopupWidget());
            QAbstractItemView* list = preset->view(); // the open list has the keys
            QTest::keyClick(list, Qt::Key_Home);
            for (int i = 0; i < preset->count() && list->currentIndex().data().toString() != name; ++i)
                QTest::keyClick(list, Qt::Key_Down);
            QTest::keyClick(list, Qt::Key_Return);
            QCOMPARE(preset->currentText(), name);
        };
        choose(u"DeepSeek V4 Pro"_s);
        QCOMPARE(form->model().label, u"pro"_s);
        QCOMPARE(form->model().baseUrl, u"https://api.deepseek.com"_s);
        QCOMPARE(form->model().modelId, u"deepseek-v4-pro"_s);
        QCOMPARE(form->model().apiKeyEnv, u"DEEPSEEK_API_KEY"_s);
        auto* label = form->findChild<QLineEdit*>(u"label"_s);
        label->selectAll();
        QTest::keyClicks(label, u"mine"_s);
        choose(u"Local simulator: Flash"_s);
        QCOMPARE(form->model().label, u"mine"_s);
        QCOMPARE(form->model().baseUrl, window.simulatorUrl());
        QCOMPARE(form->model().modelId, u"deepseek-v4-flash"_s);
        QVERIFY(form->model().apiKeyEnv.isEmpty());
        QCOMPARE(form->model().http2, ModelConfig::Http2::PriorKnowledge);
        QTRY_VERIFY2_WITH_TIMEOUT(window.runPage()->findChild<QLabel*>(u"estimate"_s)->text().contains(u"<b>mine</b>"_s),
                                  qPrintable(window.runPage()->findChild<QLabel*>(u"estimate"_s)->text()), 30000);

        // Help > Getting started says the same steps.
        QString guide;
        QTimer::singleShot(0, this, [&] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            QVERIFY(box);
            guide = box->text();
            box->close();
        });
        window.findChild<QAction*>(u"gettingStartedAction"_s)->trigger();
        for (const QString& step : { u"Import"_s, u"Run"_s, u"Judge and rate"_s, u"Decide"_s, u"Export"_s })
            QVERIFY2(guide.contains(step), qPrintable(step));
    }
};

QTEST_MAIN(TestFirstRun)
#include "tst_firstrun.moc"
