#pragma once
// The routing policy of a run, or of the runs checked on the Dashboard: derived under the rule the user chooses (the
// burden of proof), with their tolerance, confidence, minimum prompts and quality sources; each route with what it
// trades (quality difference and cost saved against the other rule's side);
// routes overridden by hand (kept and marked); replayed against each model alone with a monthly projection for the
// traffic the user enters; exported as the JSON policy file or a LiteLLM router configuration; compared with a
// policy file read back.

#include "analysis/EvalStatistics.h"
#include "analysis/ItemQuality.h"
#include "analysis/RoutingPolicy.h"
#include "analysis/WhatIf.h"

#include "util/PageTask.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class QTableWidget;

namespace tierlens {

class PolicyRoutesModel;
class Store;
class Workspace;

class PolicyPage : public QWidget
{
    Q_OBJECT
public:
    enum class Format { Json, LiteLlm };

    explicit PolicyPage(Workspace& workspace, QWidget* parent = nullptr);
    ~PolicyPage() override;

    void reload();
    // Verdicts or ratings changed: the policy is derived again, now if the page is shown, else when it is.
    void figuresStale() { derive(); }
    bool showRun(qint64 runId);
    qint64 currentRun() const;
    // The runs checked on the Dashboard: when the run shown is one of them, the policy pools them all.
    void setRunSelection(const QVector<qint64>& runIds);
    QVector<qint64> policyRuns() const;

    PolicyRoutesModel* routesModel() const { return m_routes; }
    QTableView* routesView() const { return m_routesView; }
    QTableWidget* whatIfTable() const { return m_whatIf; }
    QPlainTextEdit* diffView() const { return m_diff; }
    QDoubleSpinBox* toleranceBox() const { return m_tolerance; }
    QSpinBox* minPromptsBox() const { return m_minPrompts; }
    QComboBox* ruleBox() const { return m_rule; }
    // Until the policy and its what-if replay are shown, not only computed.
    bool isDeriving() const { return m_task.isBusy() || m_replayTask.isBusy(); }
    QString statusText() const;

    // The current policy, overrides included, written as format; false with the reason.
    bool exportTo(const QString& path, Format format, QString* error) const;
    // Reads a policy file and shows what differs from the current policy; false with the reason.
    bool compareWith(const QString& path, QString* error);

    // Settling the policy shown (what tierlens-cli settle does): the prompts of the file at promptsPath that its
    // undecided categories lack become a new run of its models, created here and sent by the Run page
    // (settleRequested). When that run has completed, settleFinished derives the policy again from every run at the
    // next look, keeping the routes set by hand. The run's id, or nothing with the reason.
    std::optional<qint64> createSettleRun(const QString& promptsPath, QString* error);
    void settleFinished(qint64 runId, const QString& status);
    QPushButton* settleButton() const { return m_settle; }
    int look() const;

protected:
    void showEvent(QShowEvent* event) override;

signals:
    void derived(); // a policy is shown for the current settings (or deriving failed: see statusText())
    void settleRequested(qint64 runId); // a settle run was created: send it
    // The policy replayed over the recorded answers of runIds (the runs it was derived from; item quality
    // from precedence): its cost per request and pass rate, for the Dashboard's cost/quality chart.
    void replayed(const QVector<qint64>& runIds, const QStringList& precedence, const QString& name,
                  double costPerRequestUsd, double passRate);

private:
    struct Derived
    {
        std::optional<RoutingPolicy> policy;
        // The figures the policy was derived from, with their items for the what-if replay: shared with the worker.
        std::shared_ptr<const EvalStatistics> statistics;
        QString error;
    };

    struct Replayed
    {
        std::optional<WhatIfResult> result;
        QString error;
        QVector<qint64> runIds; // whose answers were replayed
        QStringList precedence;
    };

    void fillRuns(qint64 select);
    void derive() { m_task.request(); }
    std::function<Derived()> prepareDerivation();
    void showDerived(Derived d);
    void replay() { m_replayTask.request(); }
    std::function<Replayed()> prepareReplay();
    void showReplay(const Replayed& shown);
    void exportInteractively(Format format);
    void compareInteractively();
    void settleInteractively();
    void updateSettle();

    Workspace& m_workspace;
    Store& m_store; // the workspace's
    QComboBox* m_run;
    QComboBox* m_rule;
    QDoubleSpinBox* m_tolerance;
    QComboBox* m_confidence;
    QSpinBox* m_minPrompts;
    QComboBox* m_precedence;
    QLabel* m_status;
    PolicyRoutesModel* m_routes;
    QTableView* m_routesView;
    QTableWidget* m_whatIf;
    QPlainTextEdit* m_diff;
    std::shared_ptr<const EvalStatistics> m_statistics;
    QVector<qint64> m_selection; // the Dashboard's checked runs
    bool m_filling = false;
    bool m_dropOverrides = false; // "Derive again": the next policy starts without the hand-made routes
    QPushButton* m_settle;
    // A settle run on its way (sent by the Run page), then the runs and the look the page derives with while the run
    // shown is one of them; the policy before, whose hand-made routes stay.
    struct Settled
    {
        qint64 runId = 0;
        QVector<qint64> runs;
        int look = 1;
        std::optional<RoutingPolicy> before;
        bool overridesAdopted = false;
    };
    std::optional<Settled> m_pendingSettle;
    bool m_settleUnfinished = false; // the pending settle run ended before completing (resume it, or settle again)
    std::optional<Settled> m_settled;
    // Last: they wait for their workers before the widgets go. The replay runs on a worker too: on a large run it
    // takes long enough per edited route to be felt.
    PageTask<Derived> m_task;
    PageTask<Replayed> m_replayTask;
};

} // namespace tierlens
