#pragma once
// The dashboard: the two models side by side over one run or several runs of a prompt set, as charts with their
// numbers a click away. Filters choose the runs, the categories, the quality sources and the confidence; the
// figures are computed on a worker thread with a database connection of its own, so a large history never
// freezes the window.

#include "analysis/EvalStatistics.h"

#include <QFutureWatcher>
#include <QWidget>

#include <memory>

class QComboBox;
class QGridLayout;
class QLabel;
class QListWidget;

namespace tierlens {

class ChartPanel;
class Store;

class DashboardPage : public QWidget
{
    Q_OBJECT
public:
    explicit DashboardPage(Store& store, QWidget* parent = nullptr);
    ~DashboardPage() override;

    // Re-reads prompt sets and runs (after a run finished or was deleted), keeping the selection where it can.
    void reload();
    // Shows the run's prompt set with that run checked; false when the run is not a shadow run of this workspace.
    bool showRun(qint64 runId);

    QVector<qint64> checkedRuns() const;
    QStringList checkedCategories() const;
    QListWidget* runList() const { return m_runs; }
    QListWidget* categoryList() const { return m_categories; }
    QComboBox* precedenceBox() const { return m_precedence; }
    QList<ChartPanel*> panels() const { return m_panels; }
    // The figures last computed; nothing while the first computation runs or after it failed.
    const std::optional<EvalStatistics>& statistics() const { return m_statistics; }
    // Until the figures are shown, not only while the worker runs: its result arrives by a queued event.
    bool isComputing() const { return m_computing; }
    QString statusText() const;

protected:
    void showEvent(QShowEvent* event) override;

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
    void recompute();
    void showOutcome();

    Store& m_store;
    QComboBox* m_promptSet;
    QListWidget* m_runs;
    QListWidget* m_categories;
    QComboBox* m_precedence;
    QComboBox* m_confidence;
    QLabel* m_status;
    QGridLayout* m_grid;
    QList<ChartPanel*> m_panels;
    std::optional<EvalStatistics> m_statistics;
    QFutureWatcher<Outcome> m_watcher;
    bool m_pending = false; // filters changed while a computation ran
    bool m_computing = false; // a computation started and its outcome not yet shown
    bool m_filling = false;
    bool m_stale = true; // filters or data changed while the page was hidden
};

} // namespace tierlens
