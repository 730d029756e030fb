#pragma once
// The eval history of the workspace: every run with its date, prompt set, models, items, cost and status; open,
// resume, compare two runs of one prompt set, delete.

#include "util/PageTask.h"

#include <QWidget>

class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace tierlens {

class Store;
class Workspace;

class HistoryPage : public QWidget
{
    Q_OBJECT
public:
    enum Column { Id, Date, PromptSet, Models, Items, Cost, Status, ColumnCount };

    explicit HistoryPage(Workspace& workspace, QWidget* parent = nullptr);

    void reload();
    bool selectRun(qint64 runId);
    QList<qint64> selectedRuns() const;
    // The two runs' figures next to each other, for runs of one prompt set; empty with error otherwise.
    // Per item rates, and the prompts whose verdicts or answers changed (listed under the figures, each one opens
    // on Compare).
    QString compareRuns(qint64 older, qint64 newer, QString* error);
    // The run's HTML report, as `tierlens-cli report RUN --format html` writes it.
    bool exportReport(qint64 runId, const QString& path, QString* error);
    QListWidget* changedPrompts() const { return m_changes; }
    QTableWidget* table() const { return m_table; }
    // The selected run's report, once read (a worker reads it: on a large run that takes seconds).
    QString detailsText() const;
    bool isReadingDetails() const { return m_report.isBusy(); }

protected:
    void showEvent(QShowEvent* event) override;

signals:
    void openRequested(qint64 runId);
    void resumeRequested(qint64 runId);
    void judgeRequested(qint64 runId);
    void openPromptRequested(qint64 runId, const QString& promptExtId);

private:
    void showSelected();
    void deleteSelected();

    Workspace& m_workspace;
    Store& m_store; // the workspace's
    QTableWidget* m_table;
    QPlainTextEdit* m_details;
    QPushButton* m_open;
    QPushButton* m_resume;
    QPushButton* m_judge;
    QPushButton* m_compare;
    QPushButton* m_delete;
    QPushButton* m_export;
    QListWidget* m_changes;
    struct Report
    {
        qint64 runId = 0;
        QString text;
    };
    qint64 m_detailsRun = 0; // the run whose report the details should show
    PageTask<Report> m_report; // last: it waits for its worker before the widgets go
};

} // namespace tierlens
