// One figure, every surface: a history written through the Store API (ratings that overrule assertions, the judge's
// rubric, errors after retries, repeats, a cancelled second run) shown by the run summary, the text, JSON and HTML
// reports, the Dashboard, the Policy page's evidence and what-if, the History page and `tierlens-cli runs` and
// `whatif`. Each shows the prompts (n), the pass rate with its interval and the cost that EvalStatistics computes
// for the same scope; any surface with a path of its own would drift from it and fail here.

#include "../support/CliProcess.h"
#include "../support/HistoryBuilder.h"

#include "MainWindow.h"
#include "analysis/EvalStatistics.h"
#include "analysis/FigureTableModel.h"
#include "analysis/PolicyRoutesModel.h"
#include "analysis/StatisticsFigures.h"
#include "analysis/StatisticsTables.h"
#include "dashboard/ChartPanel.h"
#include "dashboard/DashboardPage.h"
#include "format/ReportFormat.h"
#include "history/HistoryPage.h"
#include "policy/PolicyPage.h"
#include "report/RunSummary.h"
#include "store/Store.h"

#include <QApplication>
#include <QJsonArray>
#include <QListWidget>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace tierlens;
using namespace tierlens::testing;

namespace {

bool near(double a, double b)
{
    return std::abs(a - b) < 1e-12;
}

} // namespace

class TestSurfaces : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;
    qint64 m_first = 0, m_second = 0;
    std::optional<EvalStatistics> m_both; // both runs at 95%: the Dashboard's scope
    std::optional<EvalStatistics> m_firstOnly; // the summary's and the report's scope
    std::unique_ptr<MainWindow> m_window;

    static EvalStatistics compute(Store& store, const QVector<qint64>& runs, double confidence = 0.95)
    {
        StatisticsSettings s;
        s.scope.runIds = runs;
        s.confidence = confidence;
        QString error;
        auto stats = EvalStatistics::compute(store, s, &error);
        if (!stats)
            qFatal("%s", qPrintable(error));
        return *stats;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(u"surfaces.db"_s);
        QString error;
        auto store = Store::open(m_db, &error);
        QVERIFY2(store, qPrintable(error));
        test::HistoryBuilder h(*store);
        const QVector<int> chat = h.addPrompts(u"chat"_s, 12);
        const QVector<int> code = h.addPrompts(u"code"_s, 8);
        h.savePromptSet(u"mixed"_s);

        m_first = h.createRun({ u"flash"_s, u"pro"_s }, 2, QDateTime::currentDateTimeUtc().addSecs(-3600));
        for (int i = 0; i < 12; ++i) {
            // chat, two repeats: flash's verdicts differ between repeats; its last prompt's second repeat ends in an
            // error after three attempts; pro fails one repeat of one prompt.
            h.verdict(m_first, u"flash"_s, chat[i], 0, i % 3 != 0, 0.0011);
            if (i == 11)
                h.error(m_first, u"flash"_s, chat[i], 1, 3);
            else
                h.verdict(m_first, u"flash"_s, chat[i], 1, i % 4 != 0, 0.0011);
            h.verdict(m_first, u"pro"_s, chat[i], 0, true, 0.0043);
            h.verdict(m_first, u"pro"_s, chat[i], 1, i != 5, 0.0043);
        }
        // A person overrules the assertion on flash's first chat answer.
        h.rate(m_first, u"flash"_s, chat[0], 0, true, 4);
        for (int i = 0; i < 8; ++i) {
            // code: only the judge's rubric decides. Pro's first answer needed a retry.
            for (int rep = 0; rep < 2; ++rep) {
                h.answer(m_first, u"flash"_s, code[i], rep, 0.0011);
                h.judge(m_first, u"flash"_s, code[i], rep, i < 5);
                test::HistoryBuilder::Answer a;
                a.costPerAnswer = 0.0043;
                if (i == 0 && rep == 0)
                    a.attempts = { ErrorClass::ServerError, ErrorClass::None };
                h.record(m_first, u"pro"_s, code[i], rep, a);
                h.judge(m_first, u"pro"_s, code[i], rep, i < 7);
            }
        }
        h.finishRun(m_first);

        // A second run of the same prompts, cancelled after six chat prompts.
        m_second = h.createRun({ u"flash"_s, u"pro"_s });
        for (int i = 0; i < 6; ++i) {
            h.verdict(m_second, u"flash"_s, chat[i], 0, true, 0.0011);
            h.verdict(m_second, u"pro"_s, chat[i], 0, true, 0.0043);
        }
        h.finishRun(m_second, u"cancelled"_s);

        m_both = compute(*store, { m_first, m_second });
        m_firstOnly = compute(*store, { m_first });
        // The prompt is the unit: 20 prompts, however many repeats and runs.
        QCOMPARE(m_both->group(u"flash"_s)->counts.prompts, 20);
        QCOMPARE(m_both->group(u"flash"_s)->counts.judged, 46);
        QCOMPARE(m_both->group(u"flash"_s)->passRate->n, 20);
        store.reset();

        m_window = std::make_unique<MainWindow>();
        QVERIFY2(m_window->openWorkspace(m_db, &error), qPrintable(error));
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void summaryAndReports()
    {
        QString error;
        auto store = Store::open(m_db, &error, Store::OpenMode::Read);
        QVERIFY2(store, qPrintable(error));
        const auto summary = RunSummary::build(*store, m_first, &error);
        QVERIFY2(summary, qPrintable(error));
        for (const QString& label : { u"flash"_s, u"pro"_s }) {
            const GroupFigures* g = m_firstOnly->group(label);
            const QJsonObject m = summary->value(u"models"_s).toObject().value(label).toObject();
            const QJsonObject q = m.value(u"quality"_s).toObject();
            QCOMPARE(q.value(u"prompts"_s).toInteger(), g->counts.prompts);
            const QJsonObject rate = q.value(u"pass_rate"_s).toObject();
            QVERIFY(near(rate.value(u"estimate"_s).toDouble(), g->passRate->estimate));
            QVERIFY(near(rate.value(u"low"_s).toDouble(), g->passRate->low));
            QVERIFY(near(rate.value(u"high"_s).toDouble(), g->passRate->high));
            QVERIFY(near(m.value(u"cost_usd"_s).toDouble(), *g->usage.costUsd));
            for (const QString& category : { u"chat"_s, u"code"_s }) {
                const QJsonObject c = m.value(u"categories"_s).toObject().value(category).toObject();
                const GroupFigures* gc = m_firstOnly->group(label, category);
                QVERIFY(near(
                    c.value(u"quality"_s).toObject().value(u"pass_rate"_s).toObject().value(u"estimate"_s).toDouble(),
                    gc->passRate->estimate));
                QVERIFY(near(c.value(u"cost_usd"_s).toDouble(), *gc->usage.costUsd));
            }
        }

        // The JSON report over both runs: its statistics are the same computation.
        const QString out = m_dir.filePath(u"report.json"_s);
        CliResult r = cli({ u"report"_s, QString::number(m_first), u"--runs"_s, QString::number(m_second), u"--db"_s,
                            m_db, u"--format"_s, u"json"_s, u"-o"_s, out });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        for (const QJsonValue& v : readJson(out).value(u"statistics"_s).toObject().value(u"groups"_s).toArray()) {
            const QJsonObject g = v.toObject();
            const GroupFigures* ref = m_both->group(g.value(u"model"_s).toString(), g.value(u"category"_s).toString());
            QVERIFY(ref);
            QCOMPARE(g.value(u"prompts"_s).toInteger(), ref->counts.prompts);
            QVERIFY(near(g.value(u"pass_rate"_s).toObject().value(u"low"_s).toDouble(), ref->passRate->low));
            QVERIFY(near(g.value(u"cost_usd"_s).toDouble(), *ref->usage.costUsd));
        }

        // The text and HTML reports print the cells StatisticsTables makes of the same figures.
        r = cli({ u"report"_s, QString::number(m_first), u"--runs"_s, QString::number(m_second), u"--db"_s, m_db });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString text = QString::fromUtf8(r.out);
        const QString html = m_dir.filePath(u"report.html"_s);
        r = cli({ u"report"_s, QString::number(m_first), u"--runs"_s, QString::number(m_second), u"--db"_s, m_db,
                  u"--format"_s, u"html"_s, u"-o"_s, html });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile f(html);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString page = QString::fromUtf8(f.readAll());
        const QVector<ReportTable> tables = StatisticsTables::build(*m_both);
        int checked = 0;
        for (const ReportTable& t : tables) {
            for (const QStringList& row : t.rows) {
                const QString passRate = row.value(t.headers.indexOf(StatisticsTables::tr("pass rate")));
                if (passRate.isEmpty())
                    continue;
                QVERIFY2(text.contains(passRate), qPrintable(passRate));
                QVERIFY2(page.contains(passRate.toHtmlEscaped()), qPrintable(passRate));
                ++checked;
            }
        }
        QCOMPARE(checked, 2 + 2 * 2); // two models over everything, and per category
    }

    void dashboard()
    {
        m_window->showPage(MainWindow::Dashboard);
        DashboardPage* page = m_window->dashboardPage();
        QSignalSpy computed(page, &DashboardPage::computed);
        page->reload();
        QTRY_VERIFY_WITH_TIMEOUT(!page->isComputing() && page->statistics(), 60000);
        // Check the other run as a person: click it, press Space.
        QListWidget* runs = page->runList();
        QCOMPARE(runs->count(), 2);
        QListWidgetItem* other = runs->item(0)->checkState() == Qt::Checked ? runs->item(1) : runs->item(0);
        QTest::mouseClick(runs->viewport(), Qt::LeftButton, {}, runs->visualItemRect(other).center());
        computed.clear();
        QTest::keyClick(runs, Qt::Key_Space);
        QCOMPARE(other->checkState(), Qt::Checked);
        QTRY_VERIFY_WITH_TIMEOUT(computed.count() > 0 && !page->isComputing(), 60000);
        QCOMPARE(page->checkedRuns(), QVector<qint64>({ m_first, m_second }));

        const EvalStatistics& shown = *page->statistics();
        const FigureTable& quality = page->panels().at(0)->model().figure();
        QCOMPARE(quality.id, u"quality"_s);
        for (const QString& label : { u"flash"_s, u"pro"_s }) {
            const GroupFigures* ref = m_both->group(label);
            QCOMPARE(shown.group(label)->counts.prompts, ref->counts.prompts);
            QCOMPARE(shown.group(label)->passRate->low, ref->passRate->low);
            QCOMPARE(shown.group(label)->usage.costUsd, ref->usage.costUsd);
            // The chart's numbers view: the row of every category.
            const int row = int(quality.rows.indexOf(StatisticsFigures::allCategories()));
            const int column = int(quality.columns.indexOf(label));
            QVERIFY(row >= 0 && column >= 0);
            QCOMPARE(*quality.cells.at(row).at(column).value, ref->passRate->estimate);
            QVERIFY2(quality.cells.at(row).at(column).text.endsWith(u"n=%1"_s.arg(ref->counts.prompts)),
                     qPrintable(quality.cells.at(row).at(column).text));
        }
    }

    void policyEvidenceAndWhatIf()
    {
        m_window->showPage(MainWindow::Policy);
        PolicyPage* page = m_window->policyPage();
        QVERIFY(page->showRun(m_first));
        QTRY_VERIFY_WITH_TIMEOUT(!page->isDeriving() && page->routesModel()->rowCount() == 2, 60000);
        QCOMPARE(page->policyRuns(), QVector<qint64>({ m_first, m_second })); // the Dashboard's runs
        const RoutingPolicy& policy = page->routesModel()->policy();
        const double level = policy.settings().confidenceAtThisLook();
        QString error;
        auto store = Store::open(m_db, &error, Store::OpenMode::Read);
        QVERIFY2(store, qPrintable(error));
        const EvalStatistics atLook = compute(*store, { m_first, m_second }, level);
        for (const CategoryRoute& r : policy.routes()) {
            for (const ModelEvidence& e : r.evidence) {
                const GroupFigures* ref = m_both->group(e.label, r.category);
                QCOMPARE(e.prompts, ref->counts.prompts);
                QCOMPARE(e.passRate->estimate, ref->passRate->estimate);
                QCOMPARE(e.costPerItemUsd, ref->costPerItemUsd);
                // The interval at the look's level (alpha spent over the looks), from the same computation.
                QCOMPARE(e.passRate->low, atLook.group(e.label, r.category)->passRate->low);
            }
        }

        // What-if: each model alone is its statistics.
        QTableWidget* whatIf = page->whatIfTable();
        QTRY_VERIFY_WITH_TIMEOUT(whatIf->rowCount() == 3, 60000);
        const QLocale locale;
        for (int row = 1; row < 3; ++row) {
            const QString label = whatIf->item(row, 0)->text().section(u' ', 1);
            const GroupFigures* ref = atLook.group(label);
            QVERIFY2(ref, qPrintable(label));
            const QString pass = whatIf->item(row, 1)->text();
            QVERIFY2(pass.startsWith(locale.toString(ref->passRate->estimate * 100, 'f', 1) + u'%')
                         && pass.contains(locale.toString(ref->passRate->low * 100, 'f', 1))
                         && pass.endsWith(u" %1"_s.arg(ref->counts.prompts)),
                     qPrintable(pass));
            QCOMPARE(whatIf->item(row, 2)->text(), ReportFormat::usd(ref->costPerItemUsd));
        }

        // The CLI's what-if of the same policy and runs says the same.
        const QString file = m_dir.filePath(u"policy.json"_s);
        QVERIFY2(page->exportTo(file, PolicyPage::Format::Json, &error), qPrintable(error));
        const CliResult r = cli({ u"whatif"_s, QString::number(m_first), u"--runs"_s, QString::number(m_second),
                                  u"--db"_s, m_db, u"--policy"_s, file, u"--format"_s, u"json"_s });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject alone = QJsonDocument::fromJson(r.out).object().value(u"alone"_s).toObject();
        for (const QString& label : { u"flash"_s, u"pro"_s }) {
            const QJsonObject a = alone.value(label).toObject();
            QCOMPARE(a.value(u"prompts"_s).toInteger(), atLook.group(label)->counts.prompts);
            QVERIFY(near(a.value(u"pass_rate_low"_s).toDouble(), atLook.group(label)->passRate->low));
            QVERIFY(near(a.value(u"cost_usd"_s).toDouble(), *atLook.group(label)->usage.costUsd));
        }

        // The policy's replay on the Dashboard's cost/quality chart: the what-if's Policy row, while the Dashboard
        // shows the runs the policy pooled; with one of them unchecked it is no longer the same figures, and goes.
        const QString policyCost = whatIf->item(0, 2)->text();
        const QString policyPass = whatIf->item(0, 1)->text().section(u' ', 0, 0);
        m_window->showPage(MainWindow::Dashboard);
        DashboardPage* dashboard = m_window->dashboardPage();
        auto scatter = [&] {
            for (ChartPanel* panel : dashboard->panels()) {
                if (panel->model().figure().id == u"cost_quality"_s)
                    return panel->model().figure();
            }
            return FigureTable();
        };
        const QString name = u"policy (runs %1, %2)"_s.arg(m_first).arg(m_second);
        QTRY_VERIFY_WITH_TIMEOUT(!dashboard->isComputing() && scatter().rows.contains(name), 60000);
        const FigureTable shown = scatter();
        const int point = int(shown.rows.indexOf(name));
        QCOMPARE(shown.cells.at(point).at(0).text, policyCost);
        QCOMPARE(shown.cells.at(point).at(1).text, policyPass);
        QVERIFY(shown.rowModels.at(point).isEmpty()); // a point of its own, in no model's colour
        QListWidget* runs = dashboard->runList();
        QListWidgetItem* second = nullptr;
        for (int i = 0; i < runs->count(); ++i) {
            if (runs->item(i)->data(Qt::UserRole + 1).toLongLong() == m_second) // the page's run id role
                second = runs->item(i);
        }
        QVERIFY(second);
        QSignalSpy computed(dashboard, &DashboardPage::computed);
        QTest::mouseClick(runs->viewport(), Qt::LeftButton, {}, runs->visualItemRect(second).center());
        QTest::keyClick(runs, Qt::Key_Space);
        QCOMPARE(second->checkState(), Qt::Unchecked);
        QTRY_VERIFY_WITH_TIMEOUT(computed.count() > 0 && !dashboard->isComputing(), 60000);
        QCOMPARE(dashboard->checkedRuns(), QVector<qint64>({ m_first }));
        QVERIFY2(scatter().rows.filter(u"policy"_s).isEmpty(), qPrintable(scatter().rows.join(u", "_s)));
        QTest::keyClick(runs, Qt::Key_Space); // both again, as the tests below expect
        QTRY_VERIFY_WITH_TIMEOUT(dashboard->checkedRuns().size() == 2 && !dashboard->isComputing(), 60000);
    }

    void historyAndRuns()
    {
        m_window->showPage(MainWindow::History);
        HistoryPage* page = m_window->historyPage();
        page->reload();
        QTableWidget* table = page->table();
        const CliResult listed = cli({ u"runs"_s, u"--db"_s, m_db });
        QCOMPARE(listed.exitCode, 0);
        const QStringList lines = QString::fromUtf8(listed.out).split(u'\n', Qt::SkipEmptyParts);
        for (qint64 run : { m_first, m_second }) {
            const EvalStatistics& stats = run == m_first ? *m_firstOnly : *m_both;
            double cost = 0;
            qint64 items = 0;
            if (run == m_first) {
                for (const QString& label : stats.labels()) {
                    cost += *stats.group(label)->usage.costUsd;
                    items += stats.group(label)->counts.items;
                }
            } else {
                for (const GroupFigures& g : stats.trends()) {
                    if (g.key.runId == run) {
                        cost += *g.usage.costUsd;
                        items += g.counts.items;
                    }
                }
            }
            int row = -1;
            for (int r = 0; r < table->rowCount(); ++r) {
                if (table->item(r, HistoryPage::Id)->text() == QString::number(run))
                    row = r;
            }
            QVERIFY(row >= 0);
            QCOMPARE(table->item(row, HistoryPage::Cost)->text(), ReportFormat::usd(cost));
            QCOMPARE(table->item(row, HistoryPage::Items)->text(), QLocale().toString(items));
            const QString line = lines.filter(QRegularExpression(u"^%1\\t"_s.arg(run))).value(0);
            // One spelling of the run's cost on both surfaces (ReportFormat::usd: six decimals below a cent), the
            // CLI's in the C locale.
            QCOMPARE(line.section(u'\t', -1), ReportFormat::usd(cost, QLocale::c()));
            QVERIFY2(line.contains(u"\t%1 results\t"_s.arg(items)), qPrintable(line));
        }
    }

    // The export's verdicts and `report --failures` are the statistics' items: the same verdict, the same source.
    void exportsAndFailures()
    {
        const EvalStatistics& stats = *m_firstOnly;
        const QString id = QString::number(m_first);
        const CliResult exported = cli({ u"export"_s, id, u"--db"_s, m_db, u"--format"_s, u"jsonl"_s });
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        QMap<QString, qint64> judged, passed, failed;
        QMap<QString, QMap<QString, qint64>> sources;
        int overruled = 0;
        for (const QByteArray& line : exported.out.split('\n')) {
            if (line.isEmpty())
                continue;
            const QJsonObject row = QJsonDocument::fromJson(line).object();
            const QString label = row.value(u"model"_s).toString();
            const QString verdict = row.value(u"verdict"_s).toString();
            if (verdict != u"none"_s) {
                ++judged[label];
                ++sources[label][row.value(u"verdict_source"_s).toString()];
            }
            passed[label] += verdict == u"pass"_s ? 1 : 0;
            failed[label] += verdict == u"fail"_s ? 1 : 0;
            // Why: the rating that overruled a failed assertion is there with the assertion.
            if (row.value(u"verdict_source"_s).toString() == u"human"_s) {
                ++overruled;
                QCOMPARE(row.value(u"ratings"_s).toArray().first().toObject().value(u"passed"_s).toBool(), true);
                QCOMPARE(row.value(u"checks"_s).toArray().first().toObject().value(u"passed"_s).toBool(), false);
            }
        }
        QCOMPARE(overruled, 1);
        qint64 allFailed = 0;
        for (const QString& label : stats.labels()) {
            const GroupFigures* g = stats.group(label);
            QCOMPARE(judged.value(label), g->counts.judged);
            QCOMPARE(passed.value(label), g->counts.passed);
            QCOMPARE(sources.value(label), g->counts.verdictSources);
            allFailed += failed.value(label);
        }

        const CliResult failures = cli({ u"report"_s, id, u"--db"_s, m_db, u"--failures"_s });
        QVERIFY2(failures.exitCode == 0, failures.err.constData());
        QVERIFY2(failures.out.startsWith(QString(u"%1 failed items of "_s.arg(allFailed)).toUtf8()),
                 failures.out.constData());
        const CliResult flashCode = cli({ u"report"_s, id, u"--db"_s, m_db, u"--failures"_s, u"--model"_s, u"flash"_s,
                                          u"--category"_s, u"code"_s });
        QVERIFY2(flashCode.exitCode == 0, flashCode.err.constData());
        // flash failed the judge's rubric on code prompts 6 to 8, both repeats: 6 of its 16 code items.
        QVERIFY2(flashCode.out.startsWith("6 failed items of 16"), flashCode.out.constData());
        QVERIFY2(flashCode.out.contains("llm-rubric"), flashCode.out.constData());
        QCOMPARE(cli({ u"report"_s, id, u"--db"_s, m_db, u"--failures"_s, u"--model"_s, u"gpt"_s }).exitCode, 2);
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestSurfaces)
#include "tst_surfaces.moc"
