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
    // Shows what changed between two runs of one prompt set (the reason otherwise) in the details: per item rates,
    // and the prompts whose verdicts or answers changed (listed under the figures, each one opens on Compare).
    // Read on a worker, as the selected run's report is.
    void compareRuns(qint64 older, qint64 newer);
    // Writes the run's HTML report, as `tierlens-cli report RUN --format html` does, on a worker; a failure is
    // reported in a message box. exported() says how it went.
    void exportReport(qint64 runId, const QString& path);
    bool isExporting() const { return m_exporting > 0; }
    // What the details show: the selected run's report or a comparison, once read (on a large run that takes
    // seconds).
    QString detailsText() const;
    bool isReadingDetails() const { return m_details.isBusy(); }
    QListWidget* changedPrompts() const { return m_changes; }
    QTableWidget* table() const { return m_table; }

protected:
    void showEvent(QShowEvent* event) override;

signals:
    void openRequested(qint64 runId);
    void resumeRequested(qint64 runId);
    void judgeRequested(qint64 runId);
    void openPromptRequested(qint64 runId, const QString& promptExtId);
    // A report export ended; error is empty when the file was written.
    void exported(const QString& path, const QString& error);

private:
    void showSelected(); // the selection changed: its report, or what two selected runs offer
    void updateActions(); // the buttons, for the selection and the runs' states
    void deleteSelected();

    Workspace& m_workspace;
    Store& m_store; // the workspace's
    QTableWidget* m_table;
    QPlainTextEdit* m_detailsView;
    QPushButton* m_open;
    QPushButton* m_resume;
    QPushButton* m_judge;
    QPushButton* m_compare;
    QPushButton* m_delete;
    QPushButton* m_export;
    QListWidget* m_changes;
    int m_exporting = 0;
    // One run: its report; two: what changed from the older to the newer.
    struct Details
    {
        QVector<qint64> runs;
        QString text;
        QVector<QPair<QString, QString>> changes; // a changed prompt's line, and its id
    };
    QVector<qint64> m_detailsRuns; // what the details should show; empty: nothing
    PageTask<Details> m_details; // last: it waits for its worker before the widgets go
};

} // namespace tierlens
