#include "MainWindow.h"

#include "compare/ComparePage.h"
#include "dashboard/DashboardPage.h"
#include "engine/JudgeRunner.h"
#include "firstrun/GettingStarted.h"
#include "history/HistoryPage.h"
#include "judge/JudgeDialog.h"
#include "live/LivePage.h"
#include "policy/PolicyPage.h"
#include "promptsets/PromptSetsPage.h"
#include "run/RunPage.h"
#include "settings/ApiKeyStore.h"
#include "settings/SettingsDialog.h"
#include "store/Store.h"
#include "store/StoreLocation.h"
#include "util/Background.h"
#include "util/FileDialogs.h"
#include "util/Settings.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

using namespace Qt::StringLiterals;

namespace tierlens {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_tabs(new QTabWidget(this))
{
    setWindowTitle(tr("Tierlens"));
    setWindowIcon(QIcon(u":/tierlens/icons/tierlens.svg"_s));
    m_tabs->setObjectName(u"pages"_s);
    m_tabs->setDocumentMode(true);
    setCentralWidget(m_tabs);
    buildMenus();
    resize(1280, 800);
    Settings settings;
    restoreGeometry(settings.value(Settings::Key::WindowGeometry).toByteArray());
    restoreState(settings.value(Settings::Key::WindowState).toByteArray());
}

MainWindow::~MainWindow()
{
    if (m_sim && m_sim->state() != QProcess::NotRunning) {
        // Nothing it says now reaches a window going away.
        m_sim->disconnect(this);
        m_trial = Trial();
        m_sim->terminate();
        if (!m_sim->waitForFinished(3000))
            m_sim->kill();
    }
    // The pages hold the store: they go first.
    while (m_tabs->count() > 0) {
        QWidget* page = m_tabs->widget(0);
        m_tabs->removeTab(0);
        delete page;
    }
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New workspace..."), QKeySequence::New, this, &MainWindow::newWorkspace);
    file->addAction(tr("&Open workspace..."), QKeySequence::Open, this, &MainWindow::openWorkspaceInteractively);
    file->addAction(tr("Open &team database..."), this, &MainWindow::openTeamDatabase);
    m_recent = file->addMenu(tr("Open &recent"));
    file->addSeparator();
    file->addAction(tr("&Import prompt set..."), QKeySequence(Qt::CTRL | Qt::Key_I), this, [this] {
        showPage(PromptSets);
        if (m_promptSets)
            m_promptSets->importInteractively();
    });
    file->addSeparator();
    file->addAction(tr("&Settings..."), QKeySequence::Preferences, this, &MainWindow::showSettings);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    const QList<std::pair<QString, Page>> pages = { { tr("&Prompt sets"), PromptSets },
                                                    { tr("&Run"), Run },
                                                    { tr("&Compare"), Compare },
                                                    { tr("&Dashboard"), Dashboard },
                                                    { tr("Po&licy"), Policy },
                                                    { tr("&History"), History },
                                                    { tr("Li&ve"), Live } };
    int key = Qt::Key_1;
    for (const auto& [title, page] : pages) {
        view->addAction(title, QKeySequence(Qt::ALT | Qt::Key(key++)), this, [this, page = page] { showPage(page); });
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* guide = help->addAction(tr("&Getting started"), this, &MainWindow::showGettingStarted);
    guide->setObjectName(u"gettingStartedAction"_s);
    guide->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&About Tierlens"), this, &MainWindow::about);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recent->clear();
    const QStringList recent = Settings().value(Settings::Key::RecentWorkspaces).toStringList();
    for (const QString& path : recent) {
        m_recent->addAction(QDir::toNativeSeparators(path), this, [this, path] {
            QString error;
            if (!openWorkspace(path, &error))
                QMessageBox::warning(this, tr("Open workspace"), error);
        });
    }
    m_recent->setEnabled(!recent.isEmpty());
}

bool MainWindow::openWorkspace(const QString& path, QString* error)
{
    if (m_run && m_run->isRunning()) {
        *error = tr("A run is going in this workspace; wait for it or cancel it first.");
        return false;
    }
    if (m_live && m_live->isRunning()) {
        *error = tr("A live session records into this workspace; stop it on the Live page first.");
        return false;
    }
    const bool url = StoreLocation::isUrl(path);
    if (url)
        rememberTeamPassword(path);
    else
        QDir().mkpath(QFileInfo(path).absolutePath());
    // "New workspace" creates the file; every other way of opening names one that must exist.
    const bool exists
        = url || QFileInfo::exists(StoreLocation::parse(path, nullptr).value_or(StoreLocation()).filePath());
    // A damaged file must not look like an empty workspace (and must not be written to): Workspace::open checks.
    std::unique_ptr<Workspace> workspace
        = Workspace::open(path, exists ? Store::OpenMode::Read : Store::OpenMode::Create, error);
    if (!workspace)
        return false;

    while (m_tabs->count() > 0) {
        QWidget* page = m_tabs->widget(0);
        m_tabs->removeTab(0);
        delete page;
    }
    m_workspace = std::move(workspace);
    Store& store = m_workspace->store();
    m_trial = Trial();
    m_promptSets = new PromptSetsPage(store, this);
    m_run = new RunPage(store, path, this);
    if (!m_simUrl.isEmpty())
        m_run->setSimulatorUrl(m_simUrl); // the simulator this window started goes on across workspaces
    m_compare = new ComparePage(*m_workspace, this);
    m_dashboard = new DashboardPage(*m_workspace, this);
    m_policy = new PolicyPage(*m_workspace, this);
    m_history = new HistoryPage(*m_workspace, this);
    m_live = new LivePage(store, m_run->priceBooks(), this);
    if (!m_simUrl.isEmpty())
        m_live->setSimulatorUrl(m_simUrl);
    m_tabs->addTab(m_promptSets, tr("Prompt sets"));
    m_tabs->addTab(m_run, tr("Run"));
    m_tabs->addTab(m_compare, tr("Compare"));
    m_tabs->addTab(m_dashboard, tr("Dashboard"));
    m_tabs->addTab(m_policy, tr("Policy"));
    // The Policy page derives from the runs checked on the Dashboard (when the run it shows is one of them).
    connect(m_dashboard, &DashboardPage::computed, this,
            [this] { m_policy->setRunSelection(m_dashboard->checkedRuns()); });
    connect(m_policy, &PolicyPage::replayed, this,
            [this](const QVector<qint64>& runIds, const QStringList& precedence, const QString& name, double cost,
                   double passRate) { m_dashboard->setPolicyPoint(runIds, precedence, name, cost, passRate); });
    m_tabs->addTab(m_history, tr("History"));
    m_tabs->addTab(m_live, tr("Live"));
    // A live run grows while it is watched: the lists every page reads are read again as it records.
    connect(m_live, &LivePage::liveRunChanged, this, [this](qint64) { m_workspace->refresh(); });
    connect(m_live, &LivePage::openRunRequested, this, [this](qint64 runId) { selectRun(runId); });

    connect(m_promptSets, &PromptSetsPage::promptSetsChanged, this, [this] {
        m_workspace->refresh();
        m_run->reloadPromptSets();
        m_run->selectPromptSet(m_promptSets->currentPromptSetId());
    });
    connect(m_run, &RunPage::runStarted, this, [this](qint64 runId) {
        m_workspace->refresh();
        statusBar()->showMessage(tr("Run %1 started").arg(runId));
    });
    connect(m_run, &RunPage::runFinished, this,
            [this](qint64 runId, const QString& status) { runEnded(runId, status); });
    connect(m_compare, &ComparePage::ratingsChanged, this, &MainWindow::verdictsChanged);
    auto judge = [this](qint64 runId) {
        QString why;
        if (!judgeRun(runId, &why) && !why.isEmpty())
            QMessageBox::warning(this, tr("Judge run %1").arg(runId), why);
    };
    connect(m_compare, &ComparePage::judgeRequested, this, judge);
    connect(m_history, &HistoryPage::judgeRequested, this, judge);
    // A prompt of a two-run comparison: only Compare moves; History keeps the comparison and its selection.
    connect(m_history, &HistoryPage::openPromptRequested, this, [this](qint64 runId, const QString& prompt) {
        if (!m_compare->openRun(runId))
            return;
        showPage(Compare);
        m_compare->showPrompt(prompt);
    });
    connect(m_promptSets, &PromptSetsPage::trySimulatorRequested, this, [this] {
        QString why;
        if (!trySimulator(&why))
            QMessageBox::warning(this, tr("Try it with the simulator"), why);
    });
    connect(m_policy, &PolicyPage::settleRequested, this, [this](qint64 runId) {
        QString why;
        if (!m_run->resumeRun(runId, &why)) {
            if (!why.isEmpty())
                QMessageBox::warning(this, tr("Settle"), why);
            m_policy->settleFinished(runId, tr("not started"));
            return;
        }
        showPage(Run);
    });
    connect(m_history, &HistoryPage::openRequested, this, [this](qint64 runId) { selectRun(runId); });
    connect(m_history, &HistoryPage::resumeRequested, this, [this](qint64 runId) {
        QString why;
        if (!m_run->resumeRun(runId, &why)) {
            if (!why.isEmpty()) // empty: the person chose not to send a key unencrypted
                QMessageBox::warning(this, tr("Resume run"), why);
            return;
        }
        showPage(Run);
    });

    Settings().addRecentWorkspace(url ? path : QFileInfo(path).absoluteFilePath());
    rebuildRecentMenu();
    setWindowTitle(tr("%1 - Tierlens").arg(url ? path : QFileInfo(path).fileName()));
    m_tabs->setCurrentWidget(m_workspace->promptSets().isEmpty() ? static_cast<QWidget*>(m_promptSets) : m_history);
    return true;
}

bool MainWindow::isReadingRunEnd() const
{
    return m_background > 0 || (m_workspace && m_workspace->isRefreshing());
}

QString MainWindow::workspacePath() const
{
    return m_workspace ? m_workspace->path() : QString();
}

bool MainWindow::selectRun(qint64 runId)
{
    if (!m_history)
        return false;
    if (!m_history->selectRun(runId)) {
        // A run the list does not have yet (it just started or ended): the lists are read now, once.
        if (!m_workspace->run(runId))
            return false;
        m_workspace->refreshNow();
        if (!m_history->selectRun(runId))
            return false;
    }
    m_dashboard->showRun(runId);
    m_policy->showRun(runId);
    if (m_compare->openRun(runId)) {
        showPage(Compare);
    } else {
        showPage(History);
    }
    return true;
}

void MainWindow::setSimulator(const QString& program, const QStringList& extraArguments)
{
    m_simProgram = program;
    m_simArguments = extraArguments;
}

bool MainWindow::trySimulator(QString* error)
{
    if (!m_workspace || (m_run && m_run->isRunning()) || isTryingSimulator()) {
        *error = tr("A run is going; try the simulator when it has ended.");
        return false;
    }
    if (m_sim && m_sim->state() == QProcess::Running && !m_simUrl.isEmpty()) {
        simulatorListening(m_simUrl); // started before: used again
        return true;
    }
    QString program = m_simProgram;
    if (program.isEmpty()) {
        const QString beside = QCoreApplication::applicationDirPath() + u"/tierlens-sim"_s;
        program = QFileInfo::exists(beside) ? beside : QStandardPaths::findExecutable(u"tierlens-sim"_s);
    }
    if (program.isEmpty() || !QFileInfo(program).isExecutable()) {
        *error = tr("tierlens-sim was not found next to Tierlens (%1) nor on the PATH.")
                     .arg(QCoreApplication::applicationDirPath());
        return false;
    }
    delete m_sim;
    m_sim = new QProcess(this);
    m_sim->setProgram(program);
    m_sim->setArguments(QStringList { u"--port"_s, u"0"_s, u"--quiet"_s } + m_simArguments);
    m_sim->setProcessChannelMode(QProcess::SeparateChannels);
#ifdef Q_OS_LINUX
    // The simulator ends with the window's process even when that one crashes.
    m_sim->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
    m_simUrl.clear();
    m_trial = Trial();
    m_trial.starting = true;
    // Its first line names the address it listens on.
    connect(m_sim, &QProcess::readyReadStandardOutput, this, [this] {
        if (!m_trial.starting || !m_sim->canReadLine())
            return;
        const QByteArray line = m_sim->readLine().trimmed();
        const QByteArray prefix = "listening on ";
        m_trial.starting = false;
        if (!line.startsWith(prefix)) {
            statusBar()->showMessage(
                tr("tierlens-sim said \"%1\" instead of its address").arg(QString::fromUtf8(line)));
            return;
        }
        simulatorListening(QString::fromUtf8(line.mid(prefix.size())));
    });
    connect(m_sim, &QProcess::errorOccurred, this, [this](QProcess::ProcessError) {
        if (m_trial.starting) {
            m_trial.starting = false;
            QMessageBox::warning(this, tr("Try it with the simulator"),
                                 tr("tierlens-sim did not start: %1").arg(m_sim->errorString()));
        }
    });
    m_sim->start();
    statusBar()->showMessage(tr("Starting the simulator..."));
    return true;
}

void MainWindow::simulatorListening(const QString& url)
{
    m_simUrl = url;
    m_run->setSimulatorUrl(url);
    if (m_live)
        m_live->setSimulatorUrl(url);
    auto fail = [this](const QString& why) {
        m_trial = Trial();
        QMessageBox::warning(this, tr("Try it with the simulator"), why);
    };
    // The sample set first (imported on a worker), then the run; an import of the person's own that ends
    // meanwhile is not the sample's.
    const QString sample = u":/tierlens/prompts/sample.jsonl"_s;
    m_trial.importing = true;
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(m_promptSets, &PromptSetsPage::importFinished, this,
                          [this, url, fail, sample, connection](const QString& path, const QString& error) {
                              if (path != sample)
                                  return;
                              disconnect(*connection);
                              m_trial.importing = false;
                              if (!error.isEmpty())
                                  return fail(tr("The sample set could not be imported: %1").arg(error));
                              runTrial(url);
                          });
    m_promptSets->importFile(sample);
}

void MainWindow::runTrial(const QString& url)
{
    QString error;
    auto fail = [this](const QString& why) {
        m_trial = Trial();
        QMessageBox::warning(this, tr("Try it with the simulator"), why);
    };
    m_run->selectPromptSet(m_promptSets->currentPromptSetId());
    // The simulator answers as DeepSeek's models would and is billed with DeepSeek's price book. Exactly these
    // two models: nothing of the person's own setup (a remote model with a key) goes into the tour, and the tour's
    // models are not remembered as the person's setup.
    QVector<ModelConfig> models;
    for (const auto& [label, id] :
         { std::pair(u"flash"_s, u"deepseek-v4-flash"_s), std::pair(u"pro"_s, u"deepseek-v4-pro"_s) }) {
        ModelConfig m;
        m.label = label;
        m.modelId = id;
        m.baseUrl = url;
        m.provider = u"deepseek"_s;
        m.apiKeyEnv.clear(); // loopback: no key is sent
        models.append(m);
    }
    m_run->setModelsForOnce(models);
    showPage(Run);
    if (!m_run->startNewRun(&error))
        return fail(error);
    m_trial.runId = m_run->currentRunId();
    statusBar()->showMessage(tr("Running the sample against the simulator (run %1)...").arg(m_trial.runId));
}

// The tour's next step once its run, then its judge run, has ended.
void MainWindow::continueTrial(qint64 runId, const QString& status)
{
    if (runId == m_trial.judgeRunId) {
        const qint64 judged = m_trial.runId;
        m_trial = Trial();
        selectRun(judged);
        showPage(Dashboard);
        statusBar()->showMessage(tr("The simulator's run %1 is judged: the Dashboard shows it; the Policy page "
                                    "derives the routes.")
                                     .arg(judged));
        return;
    }
    if (runId != m_trial.runId || m_trial.judgeRunId != 0)
        return;
    if (status != u"completed"_s) {
        m_trial = Trial();
        return; // stopped or failed: it says so on the Run page, and History can resume it
    }
    QString error;
    const std::optional<RunRow> run = m_workspace->run(runId);
    const std::optional<ModelConfig> judge = run ? JudgeRunner::judgeFromRun(*run, QString(), &error) : std::nullopt;
    auto fail = [this](const QString& why) {
        m_trial = Trial();
        QMessageBox::warning(this, tr("Try it with the simulator"), tr("The judge did not start: %1").arg(why));
    };
    if (!judge)
        return fail(error);
    JudgeSettings settings;
    settings.judge = *judge;
    settings.judge.label = u"judge"_s;
    createJudgeRun(runId, settings, [this, runId, fail](qint64 created, QString why) {
        if (created == 0 || !m_run->resumeRun(created, &why))
            return fail(why);
        m_trial.judgeRunId = created;
        statusBar()->showMessage(tr("The simulated Pro judges run %1 (judge run %2)...").arg(runId).arg(created));
    });
}

void MainWindow::createJudgeRun(qint64 runId, const JudgeSettings& settings,
                                std::function<void(qint64 judgeRunId, QString error)> then)
{
    // The judge's prompts are built from every answer of the run and written as a prompt set: on a worker with
    // its own connection.
    ++m_background;
    statusBar()->showMessage(tr("Writing the judge prompts of run %1...").arg(runId));
    const QString path = m_workspace->path();
    runInBackground(
        this,
        [path, runId, settings, prices = m_run->priceBooks()] {
            QString error;
            qint64 created = 0;
            if (std::unique_ptr<Store> store = Store::open(path, &error, Store::OpenMode::Write)) {
                if (const std::optional<qint64> id
                    = JudgeRunner::createJudgeRun(*store, runId, settings, prices, &error))
                    created = *id;
            }
            return std::pair(created, error);
        },
        [this, path, then = std::move(then)](const std::pair<qint64, QString>& result) {
            --m_background;
            if (m_workspace && m_workspace->path() == path) // else another workspace was opened meanwhile
                then(result.first, result.second);
        });
}

void MainWindow::showGettingStarted()
{
    QMessageBox box(QMessageBox::Information, tr("Getting started"),
                    tr("<h3>From nothing to a routing decision</h3>") + GettingStarted::stepsHtml(), QMessageBox::Close,
                    this);
    box.setObjectName(u"gettingStarted"_s);
    box.setTextFormat(Qt::RichText);
    box.exec();
}

void MainWindow::runEnded(qint64 runId, const QString& status)
{
    m_policy->settleFinished(runId, status);
    const std::optional<RunRow> run = m_workspace->run(runId);
    if (!run || run->kind != u"judge"_s) {
        afterRunEnded(runId, status, tr("Run %1 %2").arg(runId).arg(status));
        return;
    }
    // A judge run's replies become verdicts, whatever it got through (a rerun continues it). Every reply is read
    // and parsed: on a worker with its own connection, not on the window's thread.
    statusBar()->showMessage(tr("Judge run %1 %2; reading its verdicts...").arg(runId).arg(status));
    ++m_background;
    const QString path = m_workspace->path();
    runInBackground(
        this,
        [path, runId] {
            QString error;
            std::optional<JudgeTally> tally;
            if (std::unique_ptr<Store> store = Store::open(path, &error, Store::OpenMode::Write))
                tally = JudgeRunner::collect(*store, runId, &error);
            return std::pair(tally, error);
        },
        [this, path, runId, status](const std::pair<std::optional<JudgeTally>, QString>& collected) {
            --m_background;
            if (!m_workspace || m_workspace->path() != path)
                return; // another workspace was opened meanwhile; the verdicts are in the file all the same
            const auto& [tally, error] = collected;
            afterRunEnded(
                runId, status,
                tally ? tr("Judge run %1 %2: %3 pairs decided (%4 undecided), %5 answers graded (%6 unreadable)")
                            .arg(runId)
                            .arg(status)
                            .arg(tally->pairs)
                            .arg(tally->undecidedPairs)
                            .arg(tally->rubricScored)
                            .arg(tally->rubricUnreadable)
                      : tr("Judge run %1 %2; its replies could not be read: %3").arg(runId).arg(status, error));
        });
}

void MainWindow::afterRunEnded(qint64 runId, const QString& status, const QString& message)
{
    statusBar()->showMessage(message);
    // Every page's lists and figures follow from the workspace's lists, read once on a worker. The next run of the
    // tour starts when they are in, so that its pages know the run that ended.
    if (m_trial.runId != 0) {
        connect(
            m_workspace.get(), &Workspace::listsChanged, this, [this, runId, status] { continueTrial(runId, status); },
            Qt::SingleShotConnection);
    }
    m_workspace->refresh();
}

// Nothing is read here: each page recomputes when it is looked at.
void MainWindow::verdictsChanged()
{
    m_dashboard->figuresStale();
    m_policy->figuresStale();
}

bool MainWindow::judgeRun(qint64 runId, QString* error)
{
    if (m_run->isRunning()) {
        *error = tr("A run is going; judge when it has ended.");
        return false;
    }
    // From the list the workspace read (the run's totals are not read again on the window's thread).
    const std::optional<RunRow> run = m_workspace->run(runId);
    if (!run) {
        *error = tr("There is no run %1 in this workspace.").arg(runId);
        return false;
    }
    if (m_background > 0) {
        *error = tr("A judge run is being prepared; judge again when it has started.");
        return false;
    }
    const std::optional<JudgePlan> plan = JudgeRunner::plan(m_workspace->store(), runId, error);
    if (!plan)
        return false;
    JudgeDialog dialog(m_workspace->store(), *run, *plan, m_run->priceBooks(), this);
    if (dialog.exec() != QDialog::Accepted) {
        error->clear();
        return false;
    }
    if (const qint64 judgeRunId = dialog.continueRunId(); judgeRunId != 0) {
        if (!m_run->resumeRun(judgeRunId, error))
            return false;
        showPage(Run);
        return true;
    }
    const std::optional<JudgeSettings> settings = dialog.settings(error);
    if (!settings)
        return false;
    createJudgeRun(runId, *settings, [this, runId](qint64 created, QString why) {
        if (created != 0 && m_run->resumeRun(created, &why)) {
            showPage(Run);
        } else if (!why.isEmpty()) { // empty: the person chose not to send a key unencrypted
            QMessageBox::warning(this, tr("Judge run %1").arg(runId), why);
        }
    });
    return true;
}

void MainWindow::showPage(Page page)
{
    if (page < m_tabs->count())
        m_tabs->setCurrentIndex(page);
}

void MainWindow::newWorkspace()
{
    const QString path
        = FileDialogs::saveFile(this, tr("New workspace"), QString(), tr("Tierlens workspaces (*.db);;All files (*)"),
                                FileDialogs::Purpose::Workspace);
    if (path.isEmpty())
        return;
    QString error;
    if (!openWorkspace(path, &error))
        QMessageBox::warning(this, tr("New workspace"), error);
}

void MainWindow::openWorkspaceInteractively()
{
    const QString path = FileDialogs::openFile(
        this, tr("Open workspace"), tr("Tierlens workspaces (*.db);;All files (*)"), FileDialogs::Purpose::Workspace);
    if (path.isEmpty())
        return;
    QString error;
    if (!openWorkspace(path, &error))
        QMessageBox::warning(this, tr("Open workspace"), error);
}

void MainWindow::openTeamDatabase()
{
    bool ok = false;
    const QString url = QInputDialog::getText(
        this, tr("Open team database"),
        tr("PostgreSQL database shared by the team (postgresql://USER@HOST:PORT/DATABASE). The password comes from "
           "the keychain (Settings, API keys, PGPASSWORD) or the PGPASSWORD environment variable."),
        QLineEdit::Normal, u"postgresql://"_s, &ok);
    if (!ok || url.trimmed().isEmpty())
        return;
    QString error;
    if (!openWorkspace(url.trimmed(), &error))
        QMessageBox::warning(this, tr("Open team database"), error);
}

// The keychain entry filed under PGPASSWORD, as Settings saves API keys under their variable's name; the
// environment variable, when set, wins (libpq reads it itself). The read is short, and opening has to wait for it.
void MainWindow::rememberTeamPassword(const QString& url)
{
    if (qEnvironmentVariableIsSet("PGPASSWORD"))
        return;
    ApiKeyStore keys;
    QEventLoop loop;
    bool answered = false;
    keys.read({ u"PGPASSWORD"_s }, [&](const QHash<QString, QByteArray>& found, const QStringList&) {
        if (found.contains(u"PGPASSWORD"_s))
            StoreLocation::rememberPassword(url, QString::fromUtf8(found.value(u"PGPASSWORD"_s)));
        answered = true;
        loop.quit();
    });
    if (!answered)
        loop.exec();
}

void MainWindow::showSettings()
{
    QStringList variables = m_run ? m_run->keyVariables() : QStringList();
    if (m_workspace && m_workspace->store().isPostgres() && !variables.contains(u"PGPASSWORD"_s))
        variables.append(u"PGPASSWORD"_s); // the team database's password, kept in the keychain like a key
    SettingsDialog dialog(variables, this);
    if (dialog.exec() == QDialog::Accepted && m_run)
        m_run->reloadPriceBooks(); // a changed price book changes the estimate
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About Tierlens"),
                       tr("<h3>Tierlens %1</h3><p>Shadow-test two model tiers on the same prompts, compare quality, "
                          "latency and cost, and route each kind of traffic to the model that serves it.</p>")
                           .arg(QApplication::applicationVersion()));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    // What quitting would stop, each asked about in turn.
    const std::pair<bool, QString> going[]
        = { { m_live && m_live->isRunning(),
              tr("A live session is running. Quit anyway? It stops: the application's requests to it fail from then "
                 "on.") },
            { m_run && m_run->isRunning(),
              tr("A run is going. Quit anyway? Its in-flight requests are recorded as cancelled; resume it from "
                 "History.") } };
    for (const auto& [running, question] : going) {
        if (running
            && QMessageBox::question(this, tr("Quit Tierlens"), question, QMessageBox::Yes | QMessageBox::Cancel,
                                     QMessageBox::Cancel)
                != QMessageBox::Yes) {
            event->ignore();
            return;
        }
    }
    Settings settings;
    settings.setValue(Settings::Key::WindowGeometry, saveGeometry());
    settings.setValue(Settings::Key::WindowState, saveState());
    QMainWindow::closeEvent(event);
}

} // namespace tierlens
