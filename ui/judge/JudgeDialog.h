#pragma once
// "Judge this run": the options of `tierlens-cli judge` (which model judges, its price book, pairwise and rubric,
// its cap and attempts), what the judging would cost before anything is sent, and what an earlier judge run of
// the run means (continued as it was set up, or judged again only when asked, since that pays again).

#include "engine/JudgeRunner.h"
#include "pricing/CostEstimate.h"
#include "util/PageTask.h"

#include <QDialog>
#include <QHash>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace tierlens {

class PriceBookRegistry;
class Store;

class JudgeDialog : public QDialog
{
    Q_OBJECT
public:
    JudgeDialog(Store& store, const RunRow& run, const JudgePlan& plan, const PriceBookRegistry& prices,
                QWidget* parent = nullptr);

    // The earlier judge run to carry on as it was set up; 0 when a new judge run is to be created.
    qint64 continueRunId() const;
    // The new judge run's settings; empty with the reason when the form is not valid.
    std::optional<JudgeSettings> settings(QString* error) const;
    QString estimateText() const;
    // The estimate reads every answer of the run (for the judge prompts) and the judge's measured replies: on a
    // worker, with its own connection.
    bool isEstimating() const { return m_estimating.isBusy(); }

protected:
    void showEvent(QShowEvent* event) override;

private:
    void updateForm();
    struct Estimated
    {
        int key = 0; // pairwise (1) and rubric (2)
        std::optional<PromptSet> set;
        std::optional<CostEstimate> estimate;
        QString error;
    };
    std::function<Estimated()> prepareEstimate();
    void showEstimate(const Estimated& e);

    Store& m_store;
    RunRow m_run;
    JudgePlan m_plan;
    const PriceBookRegistry& m_prices;
    QLabel* m_earlier;
    QCheckBox* m_again;
    QComboBox* m_judge;
    QLineEdit* m_baseUrl;
    QLineEdit* m_modelId;
    QLineEdit* m_keyEnv;
    QComboBox* m_provider;
    QCheckBox* m_pairwise;
    QCheckBox* m_rubric;
    QSpinBox* m_concurrency;
    QSpinBox* m_attempts;
    QLabel* m_estimate;
    QDialogButtonBox* m_buttons;
    QHash<int, PromptSet> m_sets; // the judge prompts per choice of pairwise (1) and rubric (2)
    PageTask<Estimated> m_estimating; // its job holds values only: a closed dialog does not wait for it
};

} // namespace tierlens
