#include "PolicyPage.h"

#include "analysis/LiteLlmExport.h"
#include "analysis/PolicyDiff.h"
#include "analysis/PolicyRoutesModel.h"
#include "analysis/PolicySettle.h"
#include "analysis/WhatIf.h"
#include "engine/RunEngine.h"
#include "format/ReportFormat.h"
#include "pricing/PriceBookRegistry.h"
#include "promptsets/PromptSetImporter.h"
#include "store/Store.h"
#include "util/FileDialogs.h"
#include "util/QualityChoices.h"
#include "util/Settings.h"
#include "workspace/Workspace.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

// A route's model is chosen from the policy's models.
class ModelChoiceDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        if (index.column() != PolicyRoutesModel::Model)
            return QStyledItemDelegate::createEditor(parent, option, index);
        auto* box = new QComboBox(parent);
        box->addItems(index.data(PolicyRoutesModel::ChoicesRole).toStringList());
        return box;
    }
    void setEditorData(QWidget* editor, const QModelIndex& index) const override
    {
        if (auto* box = qobject_cast<QComboBox*>(editor))
            box->setCurrentText(index.data(Qt::EditRole).toString());
        else
            QStyledItemDelegate::setEditorData(editor, index);
    }
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override
    {
        if (auto* box = qobject_cast<QComboBox*>(editor))
            model->setData(index, box->currentText());
        else
            QStyledItemDelegate::setModelData(editor, model, index);
    }
};

QString money(const std::optional<double>& v, int decimals)
{
    return v ? u"$"_s + QLocale().toString(*v, 'f', decimals) : PolicyPage::tr("n/a");
}

} // namespace

PolicyPage::PolicyPage(Workspace& workspace, QWidget* parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_store(workspace.store())
    , m_run(new QComboBox(this))
    , m_rule(new QComboBox(this))
    , m_tolerance(new QDoubleSpinBox(this))
    , m_confidence(new QComboBox(this))
    , m_minPrompts(new QSpinBox(this))
    , m_precedence(new QComboBox(this))
    , m_status(new QLabel(this))
    , m_routes(new PolicyRoutesModel(this))
    , m_routesView(new QTableView(this))
    , m_whatIf(new QTableWidget(this))
    , m_diff(new QPlainTextEdit(this))
    , m_settle(new QPushButton(tr("Settle…"), this))
    , m_task(
          this, [this] { return prepareDerivation(); }, [this](Derived d) { showDerived(std::move(d)); })
    , m_replayTask(
          this, [this] { return prepareReplay(); }, [this](const Replayed& r) { showReplay(r); })
{
    const PolicySettings defaults;
    m_tolerance->setRange(0, 1);
    m_tolerance->setSingleStep(0.01);
    m_tolerance->setDecimals(3);
    m_tolerance->setValue(defaults.tolerance);
    m_tolerance->setToolTip(tr("The pass-rate difference that matters"));
    m_run->setObjectName(u"policyRun"_s);
    m_rule->setObjectName(u"rule"_s);
    m_rule->addItem(tr("Cheaper unless shown worse"), PolicySettings::ruleName(PolicyRule::CheaperUnlessWorse));
    m_rule->addItem(tr("Pricier unless cheaper shown good enough"),
                    PolicySettings::ruleName(PolicyRule::PricierUnlessGoodEnough));
    m_rule->setToolTip(tr("Cheaper unless shown worse: a pricier model only where it is shown better than the cheaper "
                          "one by more than the tolerance (the common advice: Flash by default, Pro where your own "
                          "evaluation shows Flash insufficient).\nPricier unless cheaper shown good enough: the "
                          "cheapest model shown within the tolerance of the best, else the best."));
    QualityChoices::fillConfidence(m_confidence);
    m_minPrompts->setRange(1, 100000);
    m_minPrompts->setValue(defaults.minPrompts);
    m_minPrompts->setToolTip(tr("Distinct prompts with a verdict per model and category before a difference is "
                                "trusted; repeats of a prompt count once"));
    QualityChoices::fillPrecedence(m_precedence);

    auto* form = new QFormLayout;
    form->addRow(tr("Run:"), m_run);
    form->addRow(tr("Rule:"), m_rule);
    auto* settings = new QHBoxLayout;
    settings->addWidget(new QLabel(tr("Tolerance:"), this));
    settings->addWidget(m_tolerance);
    settings->addWidget(new QLabel(tr("Confidence:"), this));
    settings->addWidget(m_confidence);
    settings->addWidget(new QLabel(tr("Minimum prompts:"), this));
    settings->addWidget(m_minPrompts);
    settings->addWidget(new QLabel(tr("Quality from:"), this));
    settings->addWidget(m_precedence);
    settings->addStretch();
    form->addRow(settings);

    m_routesView->setModel(m_routes);
    m_routesView->setItemDelegate(new ModelChoiceDelegate(m_routesView));
    m_routesView->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                                  | QAbstractItemView::SelectedClicked);
    m_routesView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_routesView->horizontalHeader()->setStretchLastSection(true);
    m_routesView->verticalHeader()->hide();
    m_routesView->setObjectName(u"routes"_s);

    m_whatIf->setObjectName(u"whatIf"_s);
    m_whatIf->setColumnCount(5);
    m_whatIf->setHorizontalHeaderLabels(
        { tr("Strategy"), tr("Pass rate"), tr("Cost per request"), tr("Escalated"), tr("Monthly cost") });
    m_whatIf->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_whatIf->verticalHeader()->hide();
    m_whatIf->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_diff->setReadOnly(true);
    m_diff->setObjectName(u"policyDiff"_s);
    m_diff->setPlaceholderText(tr("Compare with a policy file to see what changed."));

    auto* exportJson = new QPushButton(tr("Export policy…"), this);
    exportJson->setObjectName(u"exportJson"_s);
    auto* exportLiteLlm = new QPushButton(tr("Export LiteLLM config…"), this);
    exportLiteLlm->setObjectName(u"exportLiteLlm"_s);
    auto* compare = new QPushButton(tr("Compare with file…"), this);
    compare->setObjectName(u"compareWithFile"_s);
    auto* rederive = new QPushButton(tr("Derive again"), this);
    rederive->setToolTip(tr("Drop the overrides and derive the routes from the evidence"));
    m_settle->setObjectName(u"settle"_s);
    m_settle->setToolTip(tr("Send more prompts of the undecided categories (from a prompt file, those not sent yet) "
                            "to the same models, then derive the policy again from every run. Each look tests at a "
                            "smaller alpha (alpha / 2^look), so looking again keeps the error rate."));
    m_settle->setEnabled(false);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(rederive);
    buttons->addWidget(m_settle);
    buttons->addStretch();
    buttons->addWidget(compare);
    buttons->addWidget(exportLiteLlm);
    buttons->addWidget(exportJson);

    auto* lower = new QSplitter(Qt::Horizontal, this);
    auto* whatIfBox = new QWidget(lower);
    auto* whatIfLayout = new QVBoxLayout(whatIfBox);
    whatIfLayout->setContentsMargins(0, 0, 0, 0);
    whatIfLayout->addWidget(
        new QLabel(tr("What-if: the recorded answers replayed under the policy and under each model alone. Enter "
                      "requests per day in the table above for a monthly projection."),
                   whatIfBox));
    whatIfLayout->itemAt(0)->widget()->setProperty("wordWrap", true);
    whatIfLayout->addWidget(m_whatIf);
    lower->addWidget(whatIfBox);
    lower->addWidget(m_diff);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_routesView);
    split->addWidget(lower);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);
    layout->addLayout(buttons);

    auto changed = [this] {
        if (!m_filling)
            derive();
    };
    connect(m_run, &QComboBox::currentIndexChanged, this, changed);
    connect(m_tolerance, &QDoubleSpinBox::valueChanged, this, changed);
    connect(m_confidence, &QComboBox::currentIndexChanged, this, changed);
    connect(m_minPrompts, &QSpinBox::valueChanged, this, changed);
    connect(m_rule, &QComboBox::currentIndexChanged, this, changed);
    connect(m_precedence, &QComboBox::currentIndexChanged, this, changed);
    connect(rederive, &QPushButton::clicked, this, [this] {
        m_dropOverrides = true;
        derive();
    });
    connect(m_routes, &PolicyRoutesModel::policyEdited, this, &PolicyPage::replay);
    connect(m_routes, &PolicyRoutesModel::trafficEdited, this, &PolicyPage::replay);
    connect(exportJson, &QPushButton::clicked, this, [this] { exportInteractively(Format::Json); });
    connect(exportLiteLlm, &QPushButton::clicked, this, [this] { exportInteractively(Format::LiteLlm); });
    connect(compare, &QPushButton::clicked, this, &PolicyPage::compareInteractively);
    connect(m_settle, &QPushButton::clicked, this, &PolicyPage::settleInteractively);
    connect(&m_workspace, &Workspace::listsChanged, this, &PolicyPage::reload);
    reload();
}

PolicyPage::~PolicyPage() = default;

void PolicyPage::reload()
{
    fillRuns(currentRun());
    derive();
}

bool PolicyPage::showRun(qint64 runId)
{
    const std::optional<RunRow> run = m_workspace.run(runId);
    if (!run || run->kind != u"shadow"_s || run->models.size() < 2)
        return false;
    fillRuns(runId);
    derive();
    return true;
}

qint64 PolicyPage::currentRun() const
{
    return m_run->currentData().toLongLong();
}

QString PolicyPage::statusText() const
{
    return m_status->text();
}

void PolicyPage::fillRuns(qint64 select)
{
    m_filling = true;
    m_run->clear();
    const QLocale locale;
    for (const RunRow& r : m_workspace.runs()) {
        if (r.kind != u"shadow"_s || r.models.size() < 2)
            continue;
        m_run->addItem(tr("run %1, %2: %3 (%4 results)")
                           .arg(r.id)
                           .arg(locale.toString(r.createdAt.toLocalTime(), QLocale::ShortFormat), r.promptSetName)
                           .arg(r.resultCount),
                       r.id);
    }
    const int index = m_run->findData(select);
    m_run->setCurrentIndex(index >= 0 ? index : 0);
    m_filling = false;
}

void PolicyPage::setRunSelection(const QVector<qint64>& runIds)
{
    if (runIds == m_selection)
        return;
    m_selection = runIds;
    if (m_selection.contains(currentRun()))
        derive();
}

QVector<qint64> PolicyPage::policyRuns() const
{
    const qint64 shown = currentRun();
    if (shown == 0)
        return {};
    if (m_settled && m_settled->runs.contains(shown))
        return m_settled->runs;
    if (!m_selection.contains(shown))
        return { shown };
    QVector<qint64> runs = m_selection;
    std::sort(runs.begin(), runs.end());
    return runs;
}

void PolicyPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_task.pageShown();
}

std::function<PolicyPage::Derived()> PolicyPage::prepareDerivation()
{
    const qint64 runId = currentRun();
    if (runId == 0) {
        m_routes->clear();
        m_whatIf->setRowCount(0);
        m_status->setText(tr("No shadow run of two models in this workspace yet."));
        emit derived();
        return {};
    }
    PolicySettings settings;
    settings.rule
        = PolicySettings::ruleFromName(m_rule->currentData().toString()).value_or(PolicyRule::CheaperUnlessWorse);
    settings.tolerance = m_tolerance->value();
    settings.confidence = m_confidence->currentData().toDouble();
    settings.minPrompts = m_minPrompts->value();
    settings.precedence = QualityChoices::precedence(m_precedence);
    settings.look = look();
    const QVector<qint64> runIds = policyRuns();
    QStringList shown;
    for (qint64 id : runIds)
        shown.append(QString::number(id));
    m_status->setText(tr("Deriving the policy of run(s) %1…").arg(shown.join(u", "_s)));
    const QString path = m_store.path();
    return [path, runIds, settings]() {
        Derived out;
        std::unique_ptr<Store> store = Store::open(path, &out.error, Store::OpenMode::Read);
        if (!store)
            return out;
        QVector<RunRow> runs;
        for (qint64 id : runIds) {
            std::optional<RunRow> run = store->requireRun(id, &out.error);
            if (!run)
                return out;
            runs.append(*run);
        }
        StatisticsSettings s;
        s.scope.runIds = runIds;
        s.scope.precedence = settings.precedence;
        s.confidence = settings.confidenceAtThisLook();
        s.keepItems = true;
        std::optional<EvalStatistics> statistics = EvalStatistics::compute(*store, s, &out.error);
        if (!statistics)
            return out;
        out.policy = RoutingPolicy::derive(*statistics, runs, settings, &out.error);
        if (out.policy)
            out.statistics = std::make_shared<const EvalStatistics>(std::move(*statistics));
        return out;
    };
}

void PolicyPage::showDerived(Derived d)
{
    if (!d.policy) {
        m_routes->clear(); // nothing stale to export
        m_whatIf->setRowCount(0);
        m_status->setText(tr("The policy could not be derived: %1").arg(d.error));
        emit derived();
        return;
    }
    // Routes set by hand stay set by hand when the same run's policy is derived again with other settings or
    // after the history changed; only "Derive again" drops them.
    int kept = m_routes->hasPolicy() && !m_dropOverrides ? d.policy->adoptOverrides(m_routes->policy()) : 0;
    if (m_settled && m_settled->before && d.policy->settings().look == m_settled->look) {
        // After settling, with the settings the policy was settled under: what was decided before stands; on the
        // first policy the routes set by hand before stay too (later ones adopt them from the policy shown).
        const PolicySettings& a = m_settled->before->settings();
        const PolicySettings& b = d.policy->settings();
        if (a.rule == b.rule && a.tolerance == b.tolerance && a.confidence == b.confidence
            && a.minPrompts == b.minPrompts && a.precedence == b.precedence)
            d.policy->keepDecided(*m_settled->before);
        if (!m_settled->overridesAdopted && !m_dropOverrides) {
            for (const CategoryRoute& r : m_settled->before->routes()) {
                if (r.override && d.policy->overrideRoute(r.category, r.model))
                    ++kept;
            }
        }
        m_settled->overridesAdopted = true;
    }
    m_dropOverrides = false;
    m_statistics = d.statistics;
    m_routes->setPolicy(*d.policy);
    m_routesView->resizeColumnsToContents();
    const qint64 undecided = d.policy->undecidedCategories().size();
    QStringList runs;
    for (const PolicySource& source : d.policy->sources())
        runs.append(QString::number(source.runId));
    m_status->setText(tr("Run(s) %1, look %2: %3 categories; default model %4 (%5); ladder %6; %7 undecided; %8 set "
                         "by hand.")
                          .arg(runs.join(u", "_s))
                          .arg(d.policy->settings().look)
                          .arg(d.policy->routes().size())
                          .arg(d.policy->defaultModel(), PolicySettings::ruleName(d.policy->settings().rule),
                               d.policy->ladder().join(u" < "_s))
                          .arg(undecided)
                          .arg(kept));
    updateSettle();
    replay();
    emit derived();
}

std::function<PolicyPage::Replayed()> PolicyPage::prepareReplay()
{
    if (!m_routes->hasPolicy())
        return {};
    // Copies for the worker: the items are shared, not copied, until the page replaces them.
    if (!m_statistics)
        return {};
    return [statistics = m_statistics, policy = m_routes->policy(), traffic = m_routes->traffic()]() {
        Replayed out;
        out.runIds = statistics->settings().scope.runIds;
        out.precedence = policy.settings().precedence;
        out.result = WhatIf::replay(*statistics, policy, traffic, &out.error);
        return out;
    };
}

void PolicyPage::showReplay(const Replayed& shown)
{
    // A policy that could not be derived meanwhile leaves nothing to replay: the table stays empty.
    if (!m_routes->hasPolicy())
        return;
    const std::optional<WhatIfResult>& r = shown.result;
    m_whatIf->setRowCount(0);
    if (!r) {
        m_status->setText(tr("The what-if replay failed: %1").arg(shown.error));
        return;
    }
    const QLocale locale;
    auto row = [&](const QString& name, const WhatIfFigures& f, bool policy) {
        const int at = m_whatIf->rowCount();
        m_whatIf->insertRow(at);
        const QString pass = f.passRate ? tr("%1% [%2, %3] of %4")
                                              .arg(locale.toString(*f.passRate * 100, 'f', 1),
                                                   locale.toString(f.passRateLow.value_or(0) * 100, 'f', 1),
                                                   locale.toString(f.passRateHigh.value_or(0) * 100, 'f', 1))
                                              .arg(f.prompts)
                                        : tr("n/a");
        // The cost per request as the Dashboard's cost/quality chart spells the policy's point (one function).
        const QStringList cells { name, pass, ReportFormat::usd(f.costPerRequestUsd),
                                  policy ? QString::number(f.escalated) : QString(),
                                  r->hasTraffic ? money(f.monthlyCostUsd, 2) : tr("enter requests/day") };
        for (int c = 0; c < cells.size(); ++c)
            m_whatIf->setItem(at, c, new QTableWidgetItem(cells.at(c)));
    };
    row(tr("Policy"), r->policy, true);
    for (auto it = r->alone.cbegin(); it != r->alone.cend(); ++it)
        row(tr("all %1").arg(it.key()), it.value(), false);
    if (r->policy.costPerRequestUsd && r->policy.passRate) {
        QStringList runs;
        for (const qint64 id : shown.runIds)
            runs << QString::number(id);
        emit replayed(shown.runIds, shown.precedence,
                      shown.runIds.size() == 1 ? tr("policy (run %1)").arg(runs.join(QString()))
                                               : tr("policy (runs %1)").arg(runs.join(u", "_s)),
                      *r->policy.costPerRequestUsd, *r->policy.passRate);
    }
}

bool PolicyPage::exportTo(const QString& path, Format format, QString* error) const
{
    if (!m_routes->hasPolicy()) {
        *error = tr("there is no policy to export yet");
        return false;
    }
    QByteArray bytes;
    if (format == Format::Json) {
        const std::optional<QJsonObject> doc = m_routes->policy().toJson(error);
        if (!doc)
            return false;
        bytes = QJsonDocument(*doc).toJson(QJsonDocument::Indented);
    } else {
        const std::optional<QByteArray> yaml = LiteLlmExport::toYaml(m_routes->policy(), LiteLlmOptions(), error);
        if (!yaml)
            return false;
        bytes = *yaml;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool PolicyPage::compareWith(const QString& path, QString* error)
{
    if (!m_routes->hasPolicy()) {
        *error = tr("there is no policy to compare with yet");
        return false;
    }
    const std::optional<RoutingPolicy> other = RoutingPolicy::load(path, error);
    if (!other)
        return false;
    const PolicyDiff diff = PolicyDiff::between(*other, m_routes->policy());
    m_diff->setPlainText(diff.isEmpty() ? tr("%1 routes every category as the current policy does.").arg(path)
                                        : tr("From %1 to the current policy:\n%2").arg(path, diff.toText()));
    return true;
}

void PolicyPage::exportInteractively(Format format)
{
    const bool json = format == Format::Json;
    const QString path
        = FileDialogs::saveFile(this, json ? tr("Export policy") : tr("Export LiteLLM config"),
                                json ? u"tierlens-policy.json"_s : u"litellm-config.yaml"_s,
                                json ? tr("Policy files (*.json)") : tr("LiteLLM configuration (*.yaml *.yml)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportTo(path, format, &error))
        QMessageBox::warning(this, tr("Export"), error);
}

void PolicyPage::compareInteractively()
{
    const QString path = FileDialogs::openFile(this, tr("Compare with a policy file"), tr("Policy files (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!compareWith(path, &error))
        QMessageBox::warning(this, tr("Compare policies"), error);
}

int PolicyPage::look() const
{
    return m_settled && m_settled->runs.contains(currentRun()) ? m_settled->look : 1;
}

void PolicyPage::updateSettle()
{
    m_settle->setEnabled((!m_pendingSettle || m_settleUnfinished) && m_routes->hasPolicy()
                         && !m_routes->policy().undecidedCategories().isEmpty());
}

std::optional<qint64> PolicyPage::createSettleRun(const QString& promptsPath, QString* error)
{
    if (!m_routes->hasPolicy() || m_routes->policy().sources().isEmpty()) {
        *error = tr("there is no policy to settle yet");
        return std::nullopt;
    }
    if (m_pendingSettle && !m_settleUnfinished) {
        *error = tr("run %1 is settling this policy already").arg(m_pendingSettle->runId);
        return std::nullopt;
    }
    const RoutingPolicy& policy = m_routes->policy();
    ImportReport report;
    ImportError importError;
    const std::optional<PromptSet> more = PromptSetImporter::loadAny(promptsPath, &report, &importError);
    if (!more) {
        *error = importError.toString();
        return std::nullopt;
    }
    std::optional<PromptSet> toSend = PolicySettle::promptsToSend(m_store, policy, *more, error);
    if (!toSend)
        return std::nullopt;
    PriceBookRegistry prices;
    prices.load(Settings::userPriceBookFolder());
    const std::optional<qint64> runId
        = RunEngine::createRunLike(m_store, policy.sources().constFirst().runId, *toSend, prices, error);
    if (!runId)
        return std::nullopt;
    Settled pending;
    pending.runId = *runId;
    for (const PolicySource& s : policy.sources())
        pending.runs.append(s.runId);
    pending.runs.append(*runId);
    pending.look = policy.settings().look + 1;
    pending.before = policy;
    m_pendingSettle = pending;
    m_settleUnfinished = false;
    updateSettle();
    m_status->setText(
        tr("Settling: run %1 sends %n prompt(s) of %2 to the policy's models.", nullptr, int(toSend->prompts.size()))
            .arg(*runId)
            .arg(policy.undecidedCategories().join(u", "_s)));
    emit settleRequested(*runId);
    return runId;
}

void PolicyPage::settleFinished(qint64 runId, const QString& status)
{
    if (!m_pendingSettle || m_pendingSettle->runId != runId)
        return;
    Settled settled = *m_pendingSettle;
    m_pendingSettle.reset();
    if (status != u"completed"_s) {
        // Kept pending: resumed from History and completed, it settles the policy then. Settling again replaces it.
        m_pendingSettle = settled;
        m_settleUnfinished = true;
        updateSettle();
        m_status->setText(tr("Settle run %1 ended %2: the policy stays as it was. Resume the run from History to "
                             "finish settling.")
                              .arg(runId)
                              .arg(status));
        return;
    }
    m_settleUnfinished = false;
    m_settled = settled;
    derive();
}

void PolicyPage::settleInteractively()
{
    const QString path = FileDialogs::openFile(this, tr("Prompts to settle the policy with"),
                                               tr("Prompt sets (*.jsonl *.csv *.yaml *.yml)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!createSettleRun(path, &error))
        QMessageBox::warning(this, tr("Settle"), error);
}

} // namespace tierlens
