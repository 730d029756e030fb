#include "RunPage.h"

#include "ModelForm.h"

#include "engine/BackgroundRun.h"
#include "engine/RunEngine.h"
#include "format/ReportFormat.h"
#include "pricing/CostEstimate.h"
#include "pricing/PriceBookRegistry.h"
#include "settings/ApiKeyStore.h"
#include "store/Store.h"
#include "util/Background.h"
#include "util/InsecureHttp.h"
#include "util/Settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

constexpr int kLatestRows = 200;

QVector<ModelConfig> defaultModels()
{
    ModelConfig flash;
    flash.label = u"flash"_s;
    flash.baseUrl = u"https://api.deepseek.com"_s;
    flash.modelId = u"deepseek-v4-flash"_s;
    ModelConfig pro = flash;
    pro.label = u"pro"_s;
    pro.modelId = u"deepseek-v4-pro"_s;
    return { flash, pro };
}

QString duration(double seconds)
{
    const auto s = qint64(seconds + 0.5);
    return s >= 60 ? RunPage::tr("%1 min %2 s").arg(s / 60).arg(s % 60) : RunPage::tr("%1 s").arg(s);
}

} // namespace

RunPage::RunPage(Store& store, const QString& databasePath, QWidget* parent)
    : QWidget(parent)
    , m_store(store)
    , m_databasePath(databasePath)
    , m_background(new BackgroundRun(databasePath, this))
    , m_keys(new ApiKeyStore(this))
    , m_promptSet(new QComboBox(this))
    , m_modelsBox(new QWidget(this))
    , m_modelsLayout(new QHBoxLayout)
    , m_modelsScroll(new QScrollArea(this))
    , m_repeat(new QSpinBox(this))
    , m_maxAttempts(new QSpinBox(this))
    , m_estimate(new QLabel(this))
    , m_start(new QPushButton(tr("&Start run"), this))
    , m_pause(new QPushButton(tr("&Pause"), this))
    , m_cancel(new QPushButton(tr("&Cancel run"), this))
    , m_status(new QLabel(this))
    , m_progressLayout(new QVBoxLayout)
    , m_latest(new QTableWidget(0, 7, this))
{
    m_promptSet->setObjectName(u"promptSetCombo"_s);
    m_modelsBox->setObjectName(u"models"_s);
    m_start->setObjectName(u"startButton"_s);
    m_pause->setObjectName(u"pauseButton"_s);
    m_cancel->setObjectName(u"cancelButton"_s);
    m_status->setObjectName(u"runStatus"_s);
    m_latest->setObjectName(u"latestResults"_s);

    m_repeat->setRange(1, 1000);
    m_maxAttempts->setRange(1, 20);
    m_maxAttempts->setValue(4);
    m_estimate->setWordWrap(true);
    m_estimate->setObjectName(u"estimate"_s);

    auto* addModel = new QPushButton(tr("&Add model"), this);
    addModel->setObjectName(u"addModel"_s);
    connect(addModel, &QPushButton::clicked, this, [this] {
        ModelConfig m;
        m.label = tr("model%1").arg(m_forms.size() + 1);
        m.apiKeyEnv = u"OPENAI_API_KEY"_s;
        addModelRow(m);
    });

    // The models side by side, a form each; a third one and more scroll sideways.
    m_modelsLayout->setContentsMargins(0, 0, 0, 0);
    auto* modelsBoxLayout = new QHBoxLayout(m_modelsBox);
    modelsBoxLayout->setContentsMargins(0, 0, 0, 0);
    modelsBoxLayout->addLayout(m_modelsLayout, 1);
    auto* addColumn = new QVBoxLayout;
    addColumn->addWidget(addModel);
    addColumn->addStretch();
    modelsBoxLayout->addLayout(addColumn);
    m_modelsScroll->setWidget(m_modelsBox);
    m_modelsScroll->setWidgetResizable(true);
    m_modelsScroll->setFrameShape(QFrame::NoFrame);
    m_modelsScroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto* setup = new QGroupBox(tr("Run setup"), this);
    auto* runRow = new QHBoxLayout;
    auto* setLabel = new QLabel(tr("Prompt &set:"), this);
    setLabel->setBuddy(m_promptSet);
    auto* repeatLabel = new QLabel(tr("&Repeat each prompt:"), this);
    repeatLabel->setBuddy(m_repeat);
    auto* attemptsLabel = new QLabel(tr("A&ttempts per item:"), this);
    attemptsLabel->setBuddy(m_maxAttempts);
    runRow->addWidget(setLabel);
    runRow->addWidget(m_promptSet, 1);
    runRow->addWidget(repeatLabel);
    runRow->addWidget(m_repeat);
    runRow->addWidget(attemptsLabel);
    runRow->addWidget(m_maxAttempts);
    auto* setupLayout = new QVBoxLayout(setup);
    setupLayout->addWidget(m_modelsScroll, 1);
    setupLayout->addLayout(runRow);
    setupLayout->addWidget(m_estimate);

    auto* controls = new QHBoxLayout;
    controls->addWidget(m_start);
    controls->addWidget(m_pause);
    controls->addWidget(m_cancel);
    controls->addWidget(m_status, 1);

    auto* live = new QGroupBox(tr("Live run"), this);
    auto* liveLayout = new QVBoxLayout(live);
    liveLayout->addLayout(controls);
    liveLayout->addLayout(m_progressLayout);
    liveLayout->addWidget(m_latest, 1);
    m_latest->setHorizontalHeaderLabels(
        { tr("Model"), tr("Prompt"), tr("Status"), tr("Latency ms"), tr("TTFT ms"), tr("Tokens"), tr("Answer") });
    m_latest->horizontalHeader()->setStretchLastSection(true);
    m_latest->verticalHeader()->hide();
    m_latest->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(setup);
    splitter->addWidget(live);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_start, &QPushButton::clicked, this, [this] {
        QString error;
        if (!startNewRun(&error) && !error.isEmpty())
            QMessageBox::warning(this, tr("Start run"), error);
    });
    connect(m_pause, &QPushButton::clicked, this, [this] {
        if (m_background->isPaused()) {
            m_background->resume();
            m_pause->setText(tr("&Pause"));
        } else {
            m_background->pause();
            m_pause->setText(tr("&Resume"));
        }
    });
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_starting)
            m_cancelWhileStarting = true;
        else
            m_background->cancel();
    });
    connect(m_background, &BackgroundRun::progressChanged, this, &RunPage::showProgress);
    connect(m_background, &BackgroundRun::resultsRecorded, this, &RunPage::showResults);
    connect(m_background, &BackgroundRun::finished, this, &RunPage::onFinished);
    connect(m_promptSet, &QComboBox::currentIndexChanged, this, [this] {
        m_estimateFailure = {}; // chosen again: read again
        updateEstimate();
    });
    connect(m_repeat, &QSpinBox::valueChanged, this, &RunPage::updateEstimate);

    m_prices.load(Settings::userPriceBookFolder());
    restoreModelSetup();
    reloadPromptSets();
    setRunning(false);
}

RunPage::~RunPage()
{
    saveModelSetup();
    // Before any member goes: a key read or the run's last reports must not reach a half-destroyed page.
    delete m_keys;
    m_background->disconnect(this);
    delete m_background; // cancels a run still going and waits for its in-flight attempts to be recorded
}

void RunPage::reloadPriceBooks()
{
    m_prices = PriceBookRegistry();
    m_prices.load(Settings::userPriceBookFolder());
    for (ModelForm* f : std::as_const(m_forms))
        f->setProviders(m_prices.providers());
    updateEstimate();
}

void RunPage::reloadPromptSets()
{
    const qint64 keep = m_promptSet->currentData().toLongLong();
    const QSignalBlocker block(m_promptSet);
    m_promptSet->clear();
    for (const PromptSetInfo& info : m_store.promptSets().value_or(QVector<PromptSetInfo>()))
        if (!info.isJudgeSet())
            m_promptSet->addItem(tr("%1 (%n prompt(s))", nullptr, info.promptCount).arg(info.name), info.id);
    const int index = m_promptSet->findData(keep);
    m_promptSet->setCurrentIndex(index >= 0 ? index : 0);
    m_estimateFailure = {}; // a set imported again may be read now
    updateEstimate();
}

void RunPage::selectPromptSet(qint64 promptSetId)
{
    const int index = m_promptSet->findData(promptSetId);
    if (index >= 0)
        m_promptSet->setCurrentIndex(index);
}

void RunPage::addModelRow(const ModelConfig& model)
{
    auto* form = new ModelForm(m_prices.providers(), m_modelsBox);
    form->setObjectName(u"model_%1"_s.arg(m_forms.size()));
    form->setSimulatorUrl(m_simulatorUrl.isEmpty() ? u"http://127.0.0.1:8080"_s : m_simulatorUrl);
    form->setModel(model);
    form->setMinimumWidth(560);
    connect(form, &ModelForm::changed, this, [this] {
        m_rememberSetup = true; // the person's edit: their setup again
        updateEstimate();
    });
    connect(form, &ModelForm::removeRequested, this, [this](ModelForm* f) { removeModel(int(m_forms.indexOf(f))); });
    m_modelsLayout->addWidget(form, 1);
    m_forms.append(form);
    // The forms are read whole: the area is as tall as one, and scrolls only sideways.
    m_modelsScroll->setMinimumHeight(form->sizeHint().height()
                                     + m_modelsScroll->horizontalScrollBar()->sizeHint().height());
    for (ModelForm* f : std::as_const(m_forms))
        f->setRemovable(m_forms.size() > 1);
    updateEstimate();
}

void RunPage::removeModel(int index)
{
    if (index < 0 || index >= m_forms.size() || m_forms.size() <= 1)
        return;
    ModelForm* form = m_forms.takeAt(index);
    m_modelsLayout->removeWidget(form);
    form->deleteLater();
    for (int i = 0; i < m_forms.size(); ++i) {
        m_forms.at(i)->setObjectName(u"model_%1"_s.arg(i));
        m_forms.at(i)->setRemovable(m_forms.size() > 1);
    }
    updateEstimate();
}

void RunPage::setModelRow(int row, const ModelConfig& m)
{
    while (m_forms.size() <= row)
        addModelRow(m);
    m_forms.at(row)->setModel(m);
    updateEstimate();
}

void RunPage::setModelsForOnce(const QVector<ModelConfig>& models)
{
    saveModelSetup(); // the person's own, as it is now
    while (m_forms.size() > models.size() && m_forms.size() > 1)
        removeModel(int(m_forms.size()) - 1);
    for (int row = 0; row < models.size(); ++row)
        setModelRow(row, models.at(row));
    m_rememberSetup = false;
}

void RunPage::setSimulatorUrl(const QString& url)
{
    m_simulatorUrl = url;
    for (ModelForm* f : std::as_const(m_forms))
        f->setSimulatorUrl(url);
}

ModelConfig RunPage::modelAt(int row) const
{
    return m_forms.at(row)->model();
}

std::optional<RunConfig> RunPage::runConfig(QString* error) const
{
    RunConfig config;
    for (int row = 0; row < m_forms.size(); ++row)
        config.models.append(modelAt(row));
    config.repeat = m_repeat->value();
    config.retry.maxAttempts = m_maxAttempts->value();
    if (const QString problem = config.validate(); !problem.isEmpty()) {
        *error = problem;
        return std::nullopt;
    }
    return config;
}

void RunPage::saveModelSetup() const
{
    if (!m_rememberSetup)
        return;
    QJsonArray models;
    for (int row = 0; row < m_forms.size(); ++row)
        models.append(modelAt(row).toJson());
    Settings().setValue(Settings::Key::ModelSetup, QJsonDocument(models).toJson(QJsonDocument::Compact));
}

void RunPage::restoreModelSetup()
{
    const QJsonArray saved = QJsonDocument::fromJson(Settings().value(Settings::Key::ModelSetup).toByteArray()).array();
    QVector<ModelConfig> models;
    for (const auto& v : saved) {
        QString ignored; // a setting from another version falls back to the defaults rather than failing
        models.append(ModelConfig::fromJson(v.toObject(), &ignored));
    }
    for (const ModelConfig& m : models.isEmpty() ? defaultModels() : models)
        addModelRow(m);
}

void RunPage::updateEstimate()
{
    const qint64 setId = m_promptSet->currentData().toLongLong();
    if (setId == 0) {
        m_estimateSet.reset();
        m_estimateTotal.clear();
        showEstimate(tr("Import a prompt set first."));
        return;
    }
    // Read once per prompt set and per model, on a worker: the form changes often, the database does not (and a
    // model's measured answers are an aggregate over every result it gave).
    QStringList unmeasured;
    for (int row = 0; row < m_forms.size(); ++row) {
        const QString id = modelAt(row).modelId;
        if (!m_measured.contains({ id, setId }) && !unmeasured.contains(id))
            unmeasured.append(id);
    }
    const bool readSet = !m_estimateSet || m_estimateSet->dbId != setId;
    if (readSet || !unmeasured.isEmpty()) {
        m_estimateTotal.clear();
        if (m_estimateFailure.first == setId) {
            showEstimate(tr("No estimate: %1").arg(m_estimateFailure.second.toHtmlEscaped()));
            return;
        }
        showEstimate(tr("Estimating from the prompt set and the answers measured so far…"));
        if (!m_estimateReading)
            readEstimateInputs(setId, readSet, unmeasured);
        return;
    }
    const std::optional<PromptSet>& set = m_estimateSet;
    const PriceBookRegistry& prices = m_prices;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVector<CostEstimate> perModel;
    QStringList lines;
    for (int row = 0; row < m_forms.size(); ++row) {
        const ModelConfig m = modelAt(row);
        CostEstimateInput in;
        in.set = &*set;
        in.repeat = m_repeat->value();
        in.book = prices.forProvider(m.provider.isEmpty() ? providerForBaseUrl(m.baseUrl) : m.provider);
        in.modelId = m.modelId;
        const auto [mean, from] = m_measured.value({ m.modelId, setId });
        if (from > 0) {
            in.measuredOutputTokens = mean;
            in.measuredFrom = from;
        }
        in.at = now;
        const CostEstimate e = CostEstimator::estimate(in);
        perModel.append(e);
        lines.append(tr("<b>%1</b>: %2 requests · ~%3 input and ~%4 output tokens (%5) · %6 to %7%8")
                         .arg(m.label.toHtmlEscaped())
                         .arg(QLocale().toString(e.requests), QLocale().toString(e.inputTokens),
                              QLocale().toString(e.outputTokens), CostEstimator::describeOutput(e).toHtmlEscaped(),
                              ReportFormat::usd(e.lowUsd), ReportFormat::usd(e.highUsd))
                         .arg(e.problem.isEmpty() ? QString() : u" · "_s + e.problem.toHtmlEscaped()));
    }
    const CostEstimate total = CostEstimator::total(perModel);
    m_estimateTotal = tr("%1 to %2").arg(ReportFormat::usd(total.lowUsd), ReportFormat::usd(total.highUsd));
    lines.append(tr("<b>Total</b>: %1 requests before retries, %2 to %3")
                     .arg(QLocale().toString(total.requests), ReportFormat::usd(total.lowUsd),
                          ReportFormat::usd(total.highUsd)));
    showEstimate(tr("Pre-flight estimate, nothing sent yet:") + u"<br>"_s + lines.join(u"<br>"_s));
}

void RunPage::readEstimateInputs(qint64 setId, bool readSet, const QStringList& models)
{
    struct Inputs
    {
        std::optional<PromptSet> set;
        QHash<QString, std::pair<double, qint64>> measured; // by model id
        QString error;
    };
    m_estimateReading = true;
    runInBackground(
        this,
        [path = m_store.path(), setId, readSet, models] {
            Inputs out;
            std::unique_ptr<Store> store = Store::open(path, &out.error, Store::OpenMode::Read);
            if (!store)
                return out;
            if (readSet) {
                out.set = store->loadPromptSet(setId);
                if (!out.set) {
                    out.error
                        = store->lastError().isEmpty() ? tr("prompt set %1 is gone").arg(setId) : store->lastError();
                    return out;
                }
            }
            for (const QString& m : models)
                out.measured.insert(m, store->measuredOutputTokens(m, setId));
            return out;
        },
        [this, setId, generation = m_estimateGeneration](Inputs in) {
            m_estimateReading = false;
            if (generation == m_estimateGeneration) {
                if (!in.error.isEmpty()) {
                    m_estimateFailure = { setId, in.error };
                } else {
                    if (in.set)
                        m_estimateSet = std::move(in.set);
                    for (auto it = in.measured.cbegin(); it != in.measured.cend(); ++it)
                        m_measured.insert({ it.key(), setId }, it.value());
                }
            }
            updateEstimate(); // with what was read, or reads what changed meanwhile
        });
}

void RunPage::showEstimate(const QString& html)
{
    m_estimate->setText(m_lastRunCost.isEmpty() ? html : m_lastRunCost + u"<br><br>"_s + html);
}

bool RunPage::startNewRun(QString* error)
{
    if (isRunning()) {
        *error = tr("A run is already going; wait for it or cancel it.");
        return false;
    }
    const qint64 setId = m_promptSet->currentData().toLongLong();
    std::optional<PromptSet> set = setId ? m_store.loadPromptSet(setId) : std::nullopt;
    if (!set) {
        *error = tr("Choose a prompt set to run (import one on the Prompt sets page).");
        return false;
    }
    const std::optional<RunConfig> config = runConfig(error);
    if (!config)
        return false;
    if (!confirmInsecureHttp(*config)) {
        error->clear();
        return false;
    }
    reloadPriceBooks(); // a run bills with the books as they are now
    if (m_prices.providers().isEmpty()) {
        *error = tr("No price book could be read; see Settings > Price books.");
        return false;
    }
    const auto runId = RunEngine::createRun(m_store, *set, *config, m_prices, error);
    if (!runId)
        return false;
    m_runEstimate = m_estimateTotal.isEmpty() ? tr("not estimated yet") : m_estimateTotal;
    saveModelSetup();
    startRun(*runId);
    return true;
}

bool RunPage::resumeRun(qint64 runId, QString* error)
{
    if (isRunning()) {
        *error = tr("A run is already going; wait for it or cancel it.");
        return false;
    }
    const std::optional<RunRow> run = m_store.loadRun(runId);
    if (!run) {
        *error = tr("There is no run %1 in this workspace.").arg(runId);
        return false;
    }
    // An unreadable configuration is reported by the engine when the run starts.
    const std::optional<RunConfig> config = RunConfig::fromJson(run->config, nullptr);
    if (config && !confirmInsecureHttp(*config)) {
        error->clear();
        return false;
    }
    startRun(runId);
    return true;
}

bool RunPage::confirmInsecureHttp(const RunConfig& config)
{
    return tierlens::confirmInsecureHttp(this, config);
}

QStringList RunPage::keyVariables() const
{
    QStringList out;
    for (int row = 0; row < m_forms.size(); ++row) {
        const ModelConfig m = modelAt(row);
        if (!m.isLoopback() && !m.apiKeyEnv.isEmpty() && !out.contains(m.apiKeyEnv))
            out.append(m.apiKeyEnv);
    }
    if (out.isEmpty())
        out.append(u"DEEPSEEK_API_KEY"_s);
    return out;
}

bool RunPage::isRunning() const
{
    return m_starting || m_background->isRunning();
}

void RunPage::startRun(qint64 runId)
{
    m_runId = runId;
    m_lastRunCost.clear(); // the run before's; this run's comes when it ends
    updateEstimate();
    m_modelLabels.clear();
    m_promptIds.clear();
    if (const auto run = m_store.loadRun(runId)) {
        for (const RunModelRow& m : run->models)
            m_modelLabels.insert(m.id, m.label);
        if (const auto set = m_store.loadPromptSet(run->promptSetId)) {
            for (const Prompt& p : set->prompts)
                m_promptIds.insert(p.dbId, p.id);
        }
    }
    for (auto& [bar, label] : m_bars) {
        delete bar;
        delete label;
    }
    m_bars.clear();
    m_latest->setRowCount(0);
    m_status->setText(tr("Run %1 starting...").arg(runId));
    setRunning(true);
    // Keys of remote models from the system keychain first; the engine falls back to the environment.
    QStringList variables;
    if (const auto run = m_store.loadRun(runId)) {
        for (const RunModelRow& m : run->models) {
            ModelConfig c;
            c.baseUrl = m.baseUrl;
            if (!c.isLoopback() && !variables.contains(m.apiKeyEnv))
                variables.append(m.apiKeyEnv);
        }
    }
    m_starting = true;
    m_cancelWhileStarting = false;
    m_keys->read(variables, [this, runId](const QHash<QString, QByteArray>& keys, const QStringList&) {
        m_starting = false;
        if (m_cancelWhileStarting) {
            onFinished(runId, u"cancelled"_s, QString()); // nothing was sent; History can resume it
            return;
        }
        // startNewRun and resumeRun asked before any key goes over plain http:// (confirmInsecureHttp).
        m_background->start(runId, keys, true);
    });
    emit runStarted(runId);
}

void RunPage::showProgress(const RunProgress& progress)
{
    while (m_bars.size() < progress.models.size()) {
        auto* label = new QLabel(this);
        auto* bar = new QProgressBar(this);
        bar->setObjectName(u"progress_%1"_s.arg(m_bars.size()));
        m_progressLayout->addWidget(label);
        m_progressLayout->addWidget(bar);
        m_bars.append({ bar, label });
    }
    for (qsizetype i = 0; i < progress.models.size(); ++i) {
        const ModelProgress& m = progress.models.at(i);
        auto [bar, label] = m_bars.at(i);
        bar->setRange(0, int(std::max<qint64>(1, m.total)));
        bar->setValue(int(m.done));
        bar->setFormat(u"%1 / %2"_s.arg(m.done).arg(m.total));
        label->setText(tr("<b>%1</b>: %2 in flight (cap %3) · %4 retries · %5 errors · %6")
                           .arg(m.label.toHtmlEscaped())
                           .arg(m.inFlight)
                           .arg(m.concurrency)
                           .arg(m.retries)
                           .arg(m.errors)
                           .arg(ReportFormat::usd(m.costUsd)));
    }
    if (progress.paused) {
        m_status->setText(tr("Run %1 paused: %2 of %3 items · %4 elapsed; the clock stops while paused (requests "
                             "already sent still finish)")
                              .arg(progress.runId)
                              .arg(progress.done())
                              .arg(progress.total())
                              .arg(duration(progress.elapsedS)));
        return;
    }
    const auto eta = progress.etaS();
    m_status->setText(tr("Run %1: %2 of %3 items · %4 elapsed%5")
                          .arg(progress.runId)
                          .arg(progress.done())
                          .arg(progress.total())
                          .arg(duration(progress.elapsedS))
                          .arg(eta ? tr(" · about %1 left").arg(duration(*eta)) : QString()));
}

void RunPage::showResults(const QVector<AttemptRow>& finals)
{
    m_latest->setUpdatesEnabled(false);
    for (const AttemptRow& a : finals) {
        m_latest->insertRow(0);
        QString answer = a.outcome.ok() ? a.outcome.content : a.outcome.errorMessage;
        if (answer.isEmpty() && !a.outcome.toolCalls.isEmpty())
            answer = tr("tool call: %1").arg(a.outcome.toolCalls.constFirst().name);
        answer.replace(u'\n', u' ');
        const QStringList cells = {
            m_modelLabels.value(a.runModelId),
            m_promptIds.value(a.promptId),
            a.outcome.ok() ? tr("ok") : errorClassName(a.outcome.error),
            QLocale().toString(a.latencyMs, 'f', 0),
            a.ttftMs ? QLocale().toString(*a.ttftMs, 'f', 0) : QString(),
            a.outcome.usage.completionTokens ? QString::number(*a.outcome.usage.completionTokens) : QString(),
            answer.left(300),
        };
        for (int c = 0; c < cells.size(); ++c)
            m_latest->setItem(0, c, new QTableWidgetItem(cells.at(c)));
    }
    if (m_latest->rowCount() > kLatestRows)
        m_latest->setRowCount(kLatestRows);
    m_latest->setUpdatesEnabled(true);
}

void RunPage::onFinished(qint64 runId, const QString& status, const QString& message)
{
    setRunning(false);
    // The run measured answers: the next estimate reads them (and drops a reading begun before).
    m_measured.clear();
    m_estimateSet.reset();
    m_estimateFailure = {};
    ++m_estimateGeneration;
    updateEstimate();
    // What the run cost, as History counts it, above the estimate; read on a worker (an aggregate over the run's
    // attempts).
    const QString estimated = m_runEstimate.isEmpty() ? tr("none (a resumed run)") : m_runEstimate;
    m_runEstimate.clear();
    runInBackground(
        this,
        [path = m_store.path(), runId] {
            QString error;
            std::unique_ptr<Store> store = Store::open(path, &error, Store::OpenMode::Read);
            return store ? store->loadRun(runId) : std::nullopt;
        },
        [this, runId, estimated](std::optional<RunRow> run) {
            if (!run || m_runId != runId || isRunning())
                return; // another run started meanwhile
            m_lastRunCost
                = tr("<b>Run %1 cost %2</b> (%n result(s)); estimated before it: %3.", nullptr, int(run->resultCount))
                      .arg(runId)
                      .arg(ReportFormat::usd(run->costUsd), estimated);
            updateEstimate();
        });
    m_status->setText(message.isEmpty() ? tr("Run %1 %2.").arg(runId).arg(status)
                                        : tr("Run %1 %2: %3").arg(runId).arg(status, message));
    emit runFinished(runId, status, message);
}

void RunPage::setRunning(bool running)
{
    m_start->setEnabled(!running);
    m_pause->setEnabled(running);
    m_cancel->setEnabled(running);
    m_pause->setText(tr("&Pause"));
    m_modelsBox->setEnabled(!running);
}

} // namespace tierlens
