#include "DashboardPage.h"

#include "ChartPanel.h"
#include "analysis/FigureTableModel.h"
#include "analysis/ItemQuality.h"
#include "analysis/StatisticsFigures.h"
#include "store/Store.h"
#include "util/QualityChoices.h"
#include "workspace/Workspace.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QScrollArea>
#include <QSet>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

constexpr int kRunIdRole = Qt::UserRole + 1;

} // namespace

DashboardPage::DashboardPage(Workspace& workspace, QWidget* parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_store(workspace.store())
    , m_promptSet(new QComboBox(this))
    , m_runs(new QListWidget(this))
    , m_categories(new QListWidget(this))
    , m_precedence(new QComboBox(this))
    , m_confidence(new QComboBox(this))
    , m_status(new QLabel(this))
    , m_grid(new QGridLayout)
    , m_task(
          this, [this] { return prepareComputation(); }, [this](const Outcome& o) { showOutcome(o); })
{
    m_runs->setMaximumHeight(110);
    m_categories->setMaximumHeight(110);
    m_runs->setToolTip(tr("The runs of this prompt set the figures cover; several runs are pooled, and the trend "
                          "charts show them one by one"));
    m_promptSet->setObjectName(u"dashboardPromptSet"_s);
    m_runs->setObjectName(u"dashboardRuns"_s);
    QualityChoices::fillPrecedence(m_precedence);
    QualityChoices::fillConfidence(m_confidence);

    auto* filters = new QHBoxLayout;
    auto* left = new QFormLayout;
    left->addRow(tr("Prompt set:"), m_promptSet);
    left->addRow(tr("Quality from:"), m_precedence);
    left->addRow(tr("Confidence:"), m_confidence);
    filters->addLayout(left, 1);
    auto* runsBox = new QVBoxLayout;
    runsBox->addWidget(new QLabel(tr("Runs:"), this));
    runsBox->addWidget(m_runs);
    filters->addLayout(runsBox, 1);
    auto* categoriesBox = new QVBoxLayout;
    categoriesBox->addWidget(new QLabel(tr("Categories:"), this));
    categoriesBox->addWidget(m_categories);
    filters->addLayout(categoriesBox, 1);

    auto* charts = new QWidget(this);
    charts->setLayout(m_grid);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(charts);
    scroll->setWidgetResizable(true);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_status);
    layout->addWidget(scroll, 1);

    connect(m_promptSet, &QComboBox::currentIndexChanged, this, [this] {
        if (m_filling)
            return;
        fillRuns({});
        fillCategories();
        recompute();
    });
    auto changed = [this] {
        if (!m_filling)
            recompute();
    };
    connect(m_runs, &QListWidget::itemChanged, this, changed);
    connect(m_categories, &QListWidget::itemChanged, this, changed);
    connect(m_precedence, &QComboBox::currentIndexChanged, this, changed);
    connect(m_confidence, &QComboBox::currentIndexChanged, this, changed);

    connect(&m_workspace, &Workspace::listsChanged, this, &DashboardPage::reload);
    reload();
}

DashboardPage::~DashboardPage() = default;

void DashboardPage::reload()
{
    const QVector<qint64> checked = checkedRuns();
    fillPromptSets();
    fillRuns(checked);
    fillCategories();
    recompute();
}

bool DashboardPage::showRun(qint64 runId)
{
    const std::optional<RunRow> run = m_workspace.run(runId);
    if (!run || run->kind != u"shadow"_s)
        return false;
    m_filling = true;
    fillPromptSets();
    m_promptSet->setCurrentIndex(m_promptSet->findData(run->promptSetId));
    fillRuns({ runId });
    fillCategories();
    m_filling = false;
    recompute();
    return true;
}

void DashboardPage::fillPromptSets()
{
    const bool wasFilling = m_filling;
    m_filling = true;
    const QVariant current = m_promptSet->currentData();
    m_promptSet->clear();
    QSet<qint64> withRuns;
    for (const RunRow& r : m_workspace.runs()) {
        if (r.kind == u"shadow"_s)
            withRuns.insert(r.promptSetId);
    }
    for (const PromptSetInfo& s : m_workspace.promptSets()) {
        if (withRuns.contains(s.id))
            m_promptSet->addItem(tr("%1 (set %2)").arg(s.name).arg(s.id), s.id);
    }
    const int index = m_promptSet->findData(current);
    m_promptSet->setCurrentIndex(index >= 0 ? index : 0);
    m_filling = wasFilling;
}

void DashboardPage::fillRuns(const QVector<qint64>& check)
{
    const bool wasFilling = m_filling;
    m_filling = true;
    m_runs->clear();
    const qint64 set = m_promptSet->currentData().toLongLong();
    const QLocale locale;
    QVector<RunRow> runs;
    bool anyListed = false;
    for (const RunRow& r : m_workspace.runs()) { // newest first
        if (r.kind != u"shadow"_s || r.promptSetId != set)
            continue;
        runs.append(r);
        anyListed = anyListed || check.contains(r.id);
    }
    bool first = true;
    for (const RunRow& r : std::as_const(runs)) {
        QStringList labels;
        for (const RunModelRow& m : r.models)
            labels << m.label;
        auto* item = new QListWidgetItem(
            tr("run %1, %2: %3 (%4 results)")
                .arg(r.id)
                .arg(locale.toString(r.createdAt.toLocalTime(), QLocale::ShortFormat), labels.join(u", "_s))
                .arg(r.resultCount),
            m_runs);
        item->setData(kRunIdRole, r.id);
        item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        item->setCheckState((anyListed ? check.contains(r.id) : first) ? Qt::Checked : Qt::Unchecked);
        first = false;
    }
    m_filling = wasFilling;
}

void DashboardPage::fillCategories()
{
    const bool wasFilling = m_filling;
    m_filling = true;
    QSet<QString> unchecked;
    for (int i = 0; i < m_categories->count(); ++i) {
        if (m_categories->item(i)->checkState() == Qt::Unchecked)
            unchecked.insert(m_categories->item(i)->text());
    }
    m_categories->clear();
    QStringList categories;
    if (const auto set = m_store.loadPromptSet(m_promptSet->currentData().toLongLong())) {
        for (const Prompt& p : set->prompts) {
            if (!categories.contains(p.category))
                categories << p.category;
        }
    }
    categories.sort();
    for (const QString& c : std::as_const(categories)) {
        auto* item = new QListWidgetItem(c, m_categories);
        item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        item->setCheckState(unchecked.contains(c) ? Qt::Unchecked : Qt::Checked);
    }
    m_filling = wasFilling;
}

QVector<qint64> DashboardPage::checkedRuns() const
{
    QVector<qint64> ids;
    for (int i = m_runs->count() - 1; i >= 0; --i) { // oldest first
        if (m_runs->item(i)->checkState() == Qt::Checked)
            ids << m_runs->item(i)->data(kRunIdRole).toLongLong();
    }
    return ids;
}

QStringList DashboardPage::checkedCategories() const
{
    QStringList names;
    bool all = true;
    for (int i = 0; i < m_categories->count(); ++i) {
        if (m_categories->item(i)->checkState() == Qt::Checked)
            names << m_categories->item(i)->text();
        else
            all = false;
    }
    // Every category checked: no filter (also counts categories added to the set later).
    return all ? QStringList() : names;
}

QString DashboardPage::statusText() const
{
    return m_status->text();
}

// Two charts a row only where a category's name fits under its bars whole ("failure-prone", "all categories");
// one a row otherwise.
void DashboardPage::arrangePanels()
{
    const int columns = width() >= 1800 ? 2 : 1;
    if (columns == m_columns && m_grid->count() == m_panels.size())
        return;
    m_columns = columns;
    for (ChartPanel* p : std::as_const(m_panels))
        m_grid->removeWidget(p);
    for (qsizetype i = 0; i < m_panels.size(); ++i)
        m_grid->addWidget(m_panels.at(i), int(i / columns), int(i % columns));
}

void DashboardPage::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    arrangePanels();
}

void DashboardPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_task.pageShown();
}

std::function<DashboardPage::Outcome()> DashboardPage::prepareComputation()
{
    StatisticsSettings settings;
    settings.scope.runIds = checkedRuns();
    settings.scope.categories = checkedCategories();
    settings.scope.precedence = QualityChoices::precedence(m_precedence);
    settings.confidence = m_confidence->currentData().toDouble();
    if (settings.scope.runIds.isEmpty()) {
        m_status->setText(m_runs->count() ? tr("Check at least one run.") : tr("No shadow run in this workspace yet."));
        clearFigures();
        emit computed();
        return {};
    }
    if (m_categories->count() > 0 && settings.scope.categories.isEmpty()) {
        bool any = false;
        for (int i = 0; i < m_categories->count(); ++i)
            any = any || m_categories->item(i)->checkState() == Qt::Checked;
        if (!any) {
            m_status->setText(tr("Check at least one category."));
            clearFigures();
            emit computed();
            return {};
        }
    }
    m_status->setText(tr("Computing the figures…"));
    const QString path = m_store.path();
    return [path, settings]() {
        Outcome out;
        QElapsedTimer timer;
        timer.start();
        std::unique_ptr<Store> store = Store::open(path, &out.error);
        if (store)
            out.statistics = EvalStatistics::compute(*store, settings, &out.error);
        out.elapsedMs = timer.elapsed();
        return out;
    };
}

void DashboardPage::showOutcome(const Outcome& outcome)
{
    if (!outcome.statistics) {
        m_statistics.reset();
        m_status->setText(tr("The figures could not be computed: %1").arg(outcome.error));
        emit computed();
        return;
    }
    m_statistics = outcome.statistics;
    showFigures();
    qint64 items = 0;
    for (const GroupFigures& g : m_statistics->groups()) {
        if (g.key.category.isEmpty())
            items += g.counts.items;
    }
    m_status->setText(tr("%n result(s) in %1 run(s), computed in %2 ms.", nullptr, int(items))
                          .arg(m_statistics->settings().scope.runIds.size())
                          .arg(outcome.elapsedMs));
    emit computed();
}

void DashboardPage::clearFigures()
{
    m_statistics.reset();
    for (ChartPanel* p : std::as_const(m_panels)) {
        FigureTable empty = p->model().figure();
        empty.rows.clear();
        empty.cells.clear();
        p->setFigure(empty);
    }
}

void DashboardPage::setPolicyPoint(const QVector<qint64>& runIds, const QStringList& precedence, const QString& name,
                                   double costPerRequestUsd, double passRate)
{
    QVector<qint64> sorted = runIds;
    std::sort(sorted.begin(), sorted.end());
    m_policyPoint = PolicyPoint { sorted, precedence, name, costPerRequestUsd, passRate };
    if (m_statistics)
        showFigures();
}

void DashboardPage::showFigures()
{
    QVector<std::pair<QString, std::pair<double, double>>> extra;
    const AnalyticsScope& scope = m_statistics->settings().scope;
    QVector<qint64> shownRuns = scope.runIds;
    std::sort(shownRuns.begin(), shownRuns.end());
    if (m_policyPoint && shownRuns == m_policyPoint->runIds && scope.categories.isEmpty()
        && scope.precedence == m_policyPoint->precedence)
        extra.append({ m_policyPoint->name, { m_policyPoint->cost, m_policyPoint->passRate } });
    const QVector<FigureTable> figures = StatisticsFigures::build(*m_statistics, extra);
    while (m_panels.size() < figures.size())
        m_panels << new ChartPanel(this);
    arrangePanels();
    for (qsizetype i = 0; i < figures.size(); ++i)
        m_panels[i]->setFigure(figures.at(i));
}

} // namespace tierlens
