#pragma once
// The main window: the history of runs in a workspace database and the report of the selected run.
// The full desktop (run setup, live run, side-by-side rating) comes with the desktop issue.

#include <QMainWindow>

class QListWidget;
class QPlainTextEdit;

namespace tierlens {

class Store;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Store& store, QWidget* parent = nullptr);
    // Shows the run if it is in the history; returns whether it was.
    bool selectRun(qint64 runId);

private:
    void reloadRuns();
    void showReport();

    Store& m_store;
    QListWidget* m_runs;
    QPlainTextEdit* m_report;
};

} // namespace tierlens
