#pragma once
// The main window: one workspace (a SQLite file) at a time, with its prompt sets, run setup and live run,
// side-by-side comparison and rating, and history as pages.

#include <QMainWindow>

#include <functional>
#include <memory>

class QMenu;
class QProcess;
class QTabWidget;

namespace tierlens {

class ComparePage;
class DashboardPage;
class HistoryPage;
class LivePage;
class PolicyPage;
class PromptSetsPage;
class RunPage;
class Workspace;
struct JudgeSettings;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Page { PromptSets, Run, Compare, Dashboard, Policy, History, Live };

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens (or creates) a workspace database, a file or a team database URL (see StoreLocation); the pages show
    // its contents. False with the reason on failure, leaving the current workspace open.
    bool openWorkspace(const QString& path, QString* error);
    QString workspacePath() const;
    // Shows the run in Compare (or History for a run with one model); false when it is not in the workspace.
    bool selectRun(qint64 runId);
    void showPage(Page page);
    // "Judge this run": the judge's options and its cost first, then the judge run on the Run page; its verdicts
    // are read when it ends. False with the reason when it did not start (empty: the person cancelled); a new judge
    // run is created on a worker, and a failure then is said in a message box.
    bool judgeRun(qint64 runId, QString* error);

    // "Try it with the simulator": starts tierlens-sim on loopback, imports the sample set, runs it against the
    // simulated Flash and Pro, has the simulated Pro judge it and ends on the Dashboard. False with the reason
    // when it could not begin; the steps after the start report in the status bar.
    bool trySimulator(QString* error);
    // The simulator program and its extra arguments (default: tierlens-sim next to this program, time scale 0.05).
    void setSimulator(const QString& program, const QStringList& extraArguments);
    // Whether the simulator's tour is still going (run, then judge, then the Dashboard).
    bool isTryingSimulator() const { return m_trial.runId != 0 || m_trial.starting || m_trial.importing; }
    QString simulatorUrl() const { return m_simUrl; }

    PromptSetsPage* promptSetsPage() const { return m_promptSets; }
    RunPage* runPage() const { return m_run; }
    ComparePage* comparePage() const { return m_compare; }
    DashboardPage* dashboardPage() const { return m_dashboard; }
    PolicyPage* policyPage() const { return m_policy; }
    HistoryPage* historyPage() const { return m_history; }
    LivePage* livePage() const { return m_live; }
    // The open workspace (null before one is open): its store and the run and prompt-set lists the pages share.
    Workspace* workspace() const { return m_workspace.get(); }
    // Whether the window is still working on a worker for the last thing asked (a judge run being created, a judge
    // run's verdicts, the run lists): the status bar and the pages are up to date when this is false.
    bool isReadingRunEnd() const;

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void rebuildRecentMenu();
    void newWorkspace();
    void openWorkspaceInteractively();
    void openTeamDatabase();
    void rememberTeamPassword(const QString& url);
    void showSettings();
    void about();
    void runEnded(qint64 runId, const QString& status);
    void afterRunEnded(qint64 runId, const QString& status, const QString& message);
    // Creates the judge run of runId on a worker, then calls then(judgeRunId, error) on this thread; judgeRunId is
    // 0 when it could not be created.
    void createJudgeRun(qint64 runId, const JudgeSettings& settings,
                        std::function<void(qint64 judgeRunId, QString error)> then);
    void simulatorListening(const QString& url);
    void runTrial(const QString& url);
    void continueTrial(qint64 runId, const QString& status);
    void showGettingStarted();
    // Figures that count verdicts or ratings are stale.
    void verdictsChanged();

    std::unique_ptr<Workspace> m_workspace;
    QTabWidget* m_tabs;
    PromptSetsPage* m_promptSets = nullptr;
    RunPage* m_run = nullptr;
    ComparePage* m_compare = nullptr;
    DashboardPage* m_dashboard = nullptr;
    PolicyPage* m_policy = nullptr;
    HistoryPage* m_history = nullptr;
    LivePage* m_live = nullptr;
    QMenu* m_recent = nullptr;
    int m_background = 0; // judge runs being created, or whose verdicts are being read, on workers

    QProcess* m_sim = nullptr;
    QString m_simProgram;
    QStringList m_simArguments { QStringLiteral("--time-scale"), QStringLiteral("0.05") };
    QString m_simUrl;
    struct Trial
    {
        bool starting = false; // waiting for the simulator's address
        bool importing = false; // the sample set
        qint64 runId = 0; // the sample's run
        qint64 judgeRunId = 0;
    } m_trial;
};

} // namespace tierlens
