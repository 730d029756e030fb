#pragma once
// Run setup and the live run: the models and their request options, repeats and retries, a pre-flight
// estimate, then one progress bar per model and the latest results while the run goes on in the background.

#include "engine/RunConfig.h"
#include "engine/RunProgress.h"
#include "pricing/PriceBookRegistry.h"
#include "promptsets/Prompt.h"
#include "store/StoreTypes.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QHBoxLayout;
class QScrollArea;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QVBoxLayout;

namespace tierlens {

class ApiKeyStore;
class ModelForm;
class BackgroundRun;
class Store;

class RunPage : public QWidget
{
    Q_OBJECT
public:
    RunPage(Store& store, const QString& databasePath, QWidget* parent = nullptr);
    ~RunPage() override;

    void reloadPromptSets();
    // Reads the price books again (bundled and the user's own) and refreshes the estimate.
    void reloadPriceBooks();
    void selectPromptSet(qint64 promptSetId);
    // The run configuration the form describes; empty with the reason when it is not valid.
    std::optional<RunConfig> runConfig(QString* error) const;
    // Creates the run from the form and starts it; false with the reason when it cannot (an empty reason when the
    // person chose not to send a key over plain http://).
    bool startNewRun(QString* error);
    // Continues a stored run that has items without a final result.
    bool resumeRun(qint64 runId, QString* error);
    bool isRunning() const;
    qint64 currentRunId() const { return m_runId; }

    // The form of model `row` (forms are added up to it) filled with the model.
    void setModelRow(int row, const ModelConfig& model);
    void removeModel(int index);
    // Exactly these models in the forms, not remembered as the person's setup unless they edit them (the
    // simulator's tour).
    void setModelsForOnce(const QVector<ModelConfig>& models);
    int modelCount() const { return int(m_forms.size()); }
    ModelForm* modelForm(int index) const { return m_forms.value(index); }
    // Where the simulator the desktop started listens: the "Local simulator" preset points there.
    void setSimulatorUrl(const QString& url);
    // The environment variable names the models read their keys from (remote models only).
    QStringList keyVariables() const;
    QSpinBox* repeatBox() const { return m_repeat; }
    // The price books as last read (bundled and the user's own).
    const PriceBookRegistry& priceBooks() const { return m_prices; }

signals:
    void runStarted(qint64 runId);
    void runFinished(qint64 runId, const QString& status, const QString& message);

private:
    void addModelRow(const ModelConfig& model);
    ModelConfig modelAt(int row) const;
    void saveModelSetup() const;
    void restoreModelSetup();
    void updateEstimate();
    // Reads what the estimate needs of the database on a worker (the set's prompts, the answers each model gave
    // before), then estimates again.
    void readEstimateInputs(qint64 setId, bool readSet, const QStringList& models);
    void showEstimate(const QString& html);
    // Asks before a key would go unencrypted over http:// to another host; true when there is none or the person
    // agreed.
    bool confirmInsecureHttp(const RunConfig& config);
    void startRun(qint64 runId);
    void showProgress(const RunProgress& progress);
    void showResults(const QVector<AttemptRow>& finals);
    void onFinished(qint64 runId, const QString& status, const QString& message);
    void setRunning(bool running);

    Store& m_store;
    QString m_databasePath;
    BackgroundRun* m_background;
    ApiKeyStore* m_keys;
    QComboBox* m_promptSet;
    QWidget* m_modelsBox;
    QHBoxLayout* m_modelsLayout;
    QScrollArea* m_modelsScroll;
    QVector<ModelForm*> m_forms;
    QString m_simulatorUrl;
    bool m_rememberSetup = true; // false while the forms hold models set for once
    QSpinBox* m_repeat;
    QSpinBox* m_maxAttempts;
    QLabel* m_estimate;
    QString m_estimateTotal; // the form's estimate, "$0.01 to $0.02"
    QString m_runEstimate; // the estimate the run going on was started with
    std::optional<PromptSet> m_estimateSet; // the estimate's prompt set, read once per choice
    QHash<std::pair<QString, qint64>, std::pair<double, qint64>> m_measured; // (model id, set) -> measured tokens
    bool m_estimateReading = false; // a worker reads what the estimate needs
    int m_estimateGeneration = 0; // a reading of an older generation is dropped (a run measured more since)
    std::pair<qint64, QString> m_estimateFailure; // the set that could not be read, and why
    QString m_lastRunCost; // what the last run cost, shown above the estimate until the next run starts
    QPushButton* m_start;
    QPushButton* m_pause;
    QPushButton* m_cancel;
    QLabel* m_status;
    QVBoxLayout* m_progressLayout;
    QVector<std::pair<QProgressBar*, QLabel*>> m_bars;
    QTableWidget* m_latest;
    qint64 m_runId = 0;
    bool m_starting = false; // reading the API keys before the run starts
    bool m_cancelWhileStarting = false;
    PriceBookRegistry m_prices; // read once, not per keystroke; reloaded after Settings and before a run
    QHash<qint64, QString> m_modelLabels; // run model id -> label
    QHash<qint64, QString> m_promptIds; // prompt row id -> the file's id
};

} // namespace tierlens
