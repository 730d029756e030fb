#pragma once
// The dashboard: the two models side by side over one run or several runs of a prompt set, as charts with their
// numbers a click away. Filters choose the runs, the categories, the quality sources and the confidence; the
// figures are computed on a worker thread with a database connection of its own, so a large history never
// freezes the window.

#include "analysis/EvalStatistics.h"

#include "util/PageTask.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QGridLayout;
class QLabel;
class QListWidget;

namespace tierlens {

class ChartPanel;
class Store;
class Workspace;

class DashboardPage : public QWidget
{
    Q_OBJECT
public:
    explicit DashboardPage(Workspace& workspace, QWidget* parent = nullptr);
    ~DashboardPage() override;

    // Re-reads prompt sets and runs (after a run finished or was deleted), keeping the selection where it can.
    void reload();
    // Verdicts or ratings changed: the figures are computed again, now if the page is shown, else when it is.
    void figuresStale() { recompute(); }
    // Shows the run's prompt set with that run checked; false when the run is not a shadow run of this workspace.
    bool showRun(qint64 runId);

    // The policy's replay on the cost/quality scatter: shown while the dashboard covers exactly that run, every
    // category, with the same quality sources (anything else would put it against other figures).
    void setPolicyPoint(const QVector<qint64>& runIds, const QStringList& precedence, const QString& name,
                        double costPerRequestUsd, double passRate);

    QVector<qint64> checkedRuns() const;
    QStringList checkedCategories() const;
    QListWidget* runList() const { return m_runs; }
    QListWidget* categoryList() const { return m_categories; }
    QComboBox* precedenceBox() const { return m_precedence; }
    QList<ChartPanel*> panels() const { return m_panels; }
    // The figures last computed; nothing while the first computation runs or after it failed.
    const std::optional<EvalStatistics>& statistics() const { return m_statistics; }
    bool isComputing() const { return m_task.isBusy(); } // until the figures are shown, not only computed
    QString statusText() const;

protected:
    void showEvent(QShowEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

signals:
    // Emitted when figures for the current filters are shown (or a computation failed: see statusText()).
    void computed();

private:
    struct Outcome
    {
        std::optional<EvalStatistics> statistics;
        QString error;
        qint64 elapsedMs = 0;
    };

    void fillPromptSets();
    void fillRuns(const QVector<qint64>& check); // none of them listed: the newest run
    void fillCategories();
    void recompute() { m_task.request(); }
    std::function<Outcome()> prepareComputation();
    void showOutcome(const Outcome& outcome);
    void showFigures();
    void clearFigures(); // no figures for these filters: no stale charts either

    Workspace& m_workspace;
    Store& m_store; // the workspace's
    QComboBox* m_promptSet;
    QListWidget* m_runs;
    QListWidget* m_categories;
    QComboBox* m_precedence;
    QComboBox* m_confidence;
    QLabel* m_status;
    QGridLayout* m_grid;
    int m_columns = 0; // charts a row
    void arrangePanels();
    QList<ChartPanel*> m_panels;
    std::optional<EvalStatistics> m_statistics;
    struct PolicyPoint
    {
        QVector<qint64> runIds; // sorted
        QStringList precedence;
        QString name;
        double cost = 0;
        double passRate = 0;
    };
    std::optional<PolicyPoint> m_policyPoint;
    bool m_filling = false;
    PageTask<Outcome> m_task; // last: it waits for its worker before the widgets go
};

} // namespace tierlens
