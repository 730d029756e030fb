#include "HistoryPage.h"

#include "analysis/EvalStatistics.h"
#include "format/ReportFormat.h"
#include "format/TextTable.h"
#include "report/HtmlReport.h"
#include "report/RunComparison.h"
#include "report/RunSummary.h"
#include "report/TextReport.h"
#include "store/Store.h"
#include "util/Background.h"
#include "util/FileDialogs.h"
#include "workspace/Workspace.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tierlens {

HistoryPage::HistoryPage(Workspace& workspace, QWidget* parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_store(workspace.store())
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_detailsView(new QPlainTextEdit(this))
    , m_open(new QPushButton(tr("&Open in Compare"), this))
    , m_resume(new QPushButton(tr("&Resume"), this))
    , m_judge(new QPushButton(tr("&Judge..."), this))
    , m_compare(new QPushButton(tr("Compare &two runs"), this))
    , m_delete(new QPushButton(tr("&Delete..."), this))
    , m_export(new QPushButton(tr("E&xport report..."), this))
    , m_changes(new QListWidget(this))
    , m_details(
          this,
          [this]() -> std::function<Details()> {
              if (m_detailsRuns.isEmpty())
                  return {}; // nothing selected
              // A report or a comparison aggregates whole runs in SQL: a worker with its own connection reads it.
              m_detailsView->setPlainText(m_detailsRuns.size() == 1
                                              ? tr("Reading the report of run %1…").arg(m_detailsRuns.constFirst())
                                              : tr("Comparing run %1 with run %2…")
                                                    .arg(m_detailsRuns.constFirst())
                                                    .arg(m_detailsRuns.constLast()));
              return [path = m_store.path(), runs = m_detailsRuns]() {
                  Details d { runs, {}, {} };
                  QString error;
                  std::unique_ptr<Store> store = Store::open(path, &error, Store::OpenMode::Read);
                  if (store && runs.size() == 1) {
                      d.text = TextReport::render(*store, runs.constFirst(), &error);
                  } else if (store) {
                      if (const auto c = RunComparison::compute(*store, runs.constFirst(), runs.constLast(), &error)) {
                          d.text = c->text();
                          for (const RunComparison::PromptChange& change : c->changes)
                              d.changes.append({ change.text(), change.promptExtId });
                      }
                  }
                  if (d.text.isEmpty())
                      d.text = error;
                  return d;
              };
          },
          [this](const Details& d) {
              if (d.runs != m_detailsRuns)
                  return; // the selection moved on meanwhile
              m_detailsView->setPlainText(d.text);
              // The prompts that changed, each a double-click (or Enter) away from Compare on the newer run.
              m_changes->clear();
              for (const auto& [line, prompt] : d.changes) {
                  auto* item = new QListWidgetItem(line, m_changes);
                  item->setData(Qt::UserRole, d.runs.constLast());
                  item->setData(Qt::UserRole + 1, prompt);
              }
              m_changes->setVisible(!d.changes.isEmpty());
          })
{
    m_table->setObjectName(u"historyTable"_s);
    m_resume->setObjectName(u"resumeButton"_s);
    m_judge->setObjectName(u"judgeButton"_s);
    m_delete->setObjectName(u"deleteButton"_s);
    m_compare->setObjectName(u"compareRunsButton"_s);
    m_export->setObjectName(u"exportReportButton"_s);
    m_changes->setObjectName(u"changedPrompts"_s);
    m_changes->setToolTip(tr("Double-click (or Enter) to see the prompt's answers in Compare"));
    m_changes->setVisible(false);
    m_table->setHorizontalHeaderLabels(
        { tr("Run"), tr("Date"), tr("Prompt set"), tr("Models"), tr("Items"), tr("Cost"), tr("Status") });
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(Models, QHeaderView::Stretch);
    m_detailsView->setReadOnly(true);
    m_detailsView->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_detailsView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto* buttons = new QHBoxLayout;
    for (QPushButton* b : { m_open, m_resume, m_judge, m_compare, m_export, m_delete })
        buttons->addWidget(b);
    buttons->addStretch();

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_detailsView);
    split->addWidget(m_changes);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(split, 1);

    connect(m_table, &QTableWidget::itemSelectionChanged, this, &HistoryPage::showSelected);
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (const auto runs = selectedRuns(); !runs.isEmpty())
            emit openRequested(runs.constFirst());
    });
    connect(m_resume, &QPushButton::clicked, this, [this] {
        if (const auto runs = selectedRuns(); !runs.isEmpty())
            emit resumeRequested(runs.constFirst());
    });
    connect(m_compare, &QPushButton::clicked, this, [this] {
        const auto runs = selectedRuns();
        if (runs.size() == 2)
            compareRuns(std::min(runs[0], runs[1]), std::max(runs[0], runs[1]));
        else
            m_detailsView->setPlainText(tr("Select two runs of the same prompt set (Ctrl+click)."));
    });
    connect(m_judge, &QPushButton::clicked, this, [this] {
        if (const auto runs = selectedRuns(); runs.size() == 1)
            emit judgeRequested(runs.constFirst());
    });
    connect(m_delete, &QPushButton::clicked, this, &HistoryPage::deleteSelected);
    connect(m_export, &QPushButton::clicked, this, [this] {
        const auto runs = selectedRuns();
        if (runs.size() != 1)
            return;
        const QString path = FileDialogs::saveFile(this, tr("Export report"), u"run-%1.html"_s.arg(runs.constFirst()),
                                                   tr("HTML (*.html)"));
        if (!path.isEmpty())
            exportReport(runs.constFirst(), path);
    });
    auto open = [this](QListWidgetItem* item) {
        if (item)
            emit openPromptRequested(item->data(Qt::UserRole).toLongLong(), item->data(Qt::UserRole + 1).toString());
    };
    connect(m_changes, &QListWidget::itemActivated, this, open);
    // A right click offers what the buttons do, enabled as they are.
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint& at) {
        QMenu menu(this);
        for (QPushButton* b : { m_open, m_resume, m_judge, m_compare, m_export, m_delete }) {
            QAction* action = menu.addAction(b->text(), b, &QPushButton::click);
            action->setEnabled(b->isEnabled());
            action->setObjectName(b->objectName());
        }
        menu.exec(m_table->viewport()->mapToGlobal(at));
    });
    connect(&m_workspace, &Workspace::listsChanged, this, &HistoryPage::reload);
    reload();
}

void HistoryPage::reload()
{
    const QList<qint64> keep = selectedRuns();
    const QSignalBlocker block(m_table);
    m_table->setRowCount(0);
    for (const RunRow& run : m_workspace.runs()) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        QStringList models;
        for (const RunModelRow& m : run.models)
            models.append(u"%1 (%2)"_s.arg(m.label, m.modelId));
        QString status = run.status;
        if (run.kind == u"judge"_s)
            status = tr("%1 (judge of run %2)").arg(run.status).arg(run.parentRunId);
        const QStringList cells = {
            QString::number(run.id),
            QLocale().toString(run.createdAt.toLocalTime(), QLocale::ShortFormat),
            run.promptSetName,
            models.join(u", "_s),
            QLocale().toString(run.resultCount),
            ReportFormat::usd(run.costUsd),
            status,
        };
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells.at(c));
            item->setData(Qt::UserRole, run.id);
            m_table->setItem(row, c, item);
        }
        if (keep.contains(run.id)) // every selected run stays selected (selectRow would keep only the last)
            m_table->selectionModel()->select(m_table->model()->index(row, 0),
                                              QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    m_table->resizeColumnsToContents();
    auto sorted = [](QList<qint64> runs) { return std::sort(runs.begin(), runs.end()), runs; };
    if (sorted(selectedRuns()) != sorted(keep) || m_detailsRuns.isEmpty()) {
        showSelected(); // a selected run is gone, or nothing was being shown but a hint
    } else {
        // The same selection, read again: the buttons follow the runs' states, and the report or comparison shown
        // is read again (a run that goes on changes its figures) instead of being replaced.
        updateActions();
        if (!m_detailsRuns.isEmpty())
            m_details.request();
    }
    if (!m_workspace.listsError().isEmpty()) // the last list read stays; this says why it is not newer
        m_detailsView->setPlainText(tr("The history cannot be read: %1").arg(m_workspace.listsError()));
}

bool HistoryPage::selectRun(qint64 runId)
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, Id)->data(Qt::UserRole).toLongLong() == runId) {
            m_table->selectRow(row);
            return true;
        }
    }
    return false;
}

QList<qint64> HistoryPage::selectedRuns() const
{
    QList<qint64> out;
    for (const QModelIndex& index : m_table->selectionModel()->selectedRows())
        out.append(m_table->item(index.row(), Id)->data(Qt::UserRole).toLongLong());
    return out;
}

void HistoryPage::updateActions()
{
    const QList<qint64> runs = selectedRuns();
    m_open->setEnabled(runs.size() == 1);
    m_export->setEnabled(runs.size() == 1);
    m_judge->setEnabled(runs.size() == 1);
    m_delete->setEnabled(!runs.isEmpty());
    m_compare->setEnabled(runs.size() == 2);
    const auto run = runs.size() == 1 ? m_workspace.run(runs.constFirst()) : std::nullopt;
    m_resume->setEnabled(run && run->status != u"completed"_s);
}

void HistoryPage::showSelected()
{
    updateActions();
    const QList<qint64> runs = selectedRuns();
    m_changes->setVisible(false); // the prompts of a comparison
    if (runs.size() == 1) {
        m_detailsRuns = { runs.constFirst() };
        m_details.request();
        return;
    }
    m_detailsRuns.clear(); // a report still being read is dropped when it arrives
    m_detailsView->setPlainText(runs.size() == 2
                                    ? tr("\"Compare two runs\" shows what changed from one to the other.")
                                    : tr("Select a run for its report, or two runs of one prompt set (Ctrl+click) "
                                         "to compare them."));
}

void HistoryPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_details.pageShown();
}

QString HistoryPage::detailsText() const
{
    return m_detailsView->toPlainText();
}

void HistoryPage::compareRuns(qint64 older, qint64 newer)
{
    m_detailsRuns = { older, newer };
    m_changes->clear();
    m_changes->setVisible(false);
    m_details.request();
}

void HistoryPage::deleteSelected()
{
    const QList<qint64> runs = selectedRuns();
    if (runs.isEmpty())
        return;
    QStringList ids;
    for (qint64 id : runs)
        ids.append(QString::number(id));
    const auto answer = QMessageBox::question(
        this, tr("Delete runs"),
        tr("Delete run(s) %1 with every attempt, result, check and rating? This cannot be undone.")
            .arg(ids.join(u", "_s)),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    for (qint64 id : runs) {
        QString error;
        if (!m_store.deleteRun(id, &error)) {
            QMessageBox::warning(this, tr("Delete runs"), error);
            break;
        }
    }
    m_workspace.refresh(); // every page's run list, this one's included
}

void HistoryPage::exportReport(qint64 runId, const QString& path)
{
    // The HTML report of `tierlens-cli report RUN --format html`: the run's statistics (the SQL over every result,
    // on a worker with its own connection), then its charts, drawn on this thread since Qt Charts are widgets.
    ++m_exporting;
    runInBackground(
        this,
        [store = m_store.path(), runId] {
            QString error;
            std::optional<EvalStatistics> stats;
            if (std::unique_ptr<Store> s = Store::open(store, &error, Store::OpenMode::Read)) {
                StatisticsSettings settings;
                settings.scope.runIds = { runId };
                stats = EvalStatistics::compute(*s, settings, &error);
            }
            return std::pair(std::move(stats), error);
        },
        [this, path](const std::pair<std::optional<EvalStatistics>, QString>& computed) {
            --m_exporting;
            QString error = computed.second;
            if (computed.first) {
                const QByteArray html = HtmlReport::render(m_store, *computed.first);
                QSaveFile file(path);
                if (!file.open(QIODevice::WriteOnly) || file.write(html) != html.size() || !file.commit())
                    error = tr("Could not write %1: %2").arg(path, file.errorString());
            }
            if (!error.isEmpty())
                QMessageBox::warning(this, tr("Export report"), error);
            emit exported(path, error);
        });
}

} // namespace tierlens
