#include "HistoryPage.h"

#include "format/TextTable.h"
#include "report/RunSummary.h"
#include "report/TextReport.h"
#include "store/Store.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tierlens {

HistoryPage::HistoryPage(Store& store, QWidget* parent)
    : QWidget(parent)
    , m_store(store)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_details(new QPlainTextEdit(this))
    , m_open(new QPushButton(tr("&Open in Compare"), this))
    , m_resume(new QPushButton(tr("&Resume"), this))
    , m_judge(new QPushButton(tr("&Judge..."), this))
    , m_compare(new QPushButton(tr("Compare &two runs"), this))
    , m_delete(new QPushButton(tr("&Delete..."), this))
    , m_report(
          this,
          [this]() -> std::function<Report()> {
              if (m_detailsRun == 0)
                  return {}; // nothing selected
              // The report aggregates the whole run in SQL: a worker with its own connection reads it.
              m_details->setPlainText(tr("Reading the report of run %1…").arg(m_detailsRun));
              const QString path = m_store.path();
              const qint64 runId = m_detailsRun;
              return [path, runId]() {
                  Report r { runId, {} };
                  QString error;
                  std::unique_ptr<Store> store = Store::open(path, &error);
                  if (store)
                      r.text = TextReport::render(*store, runId, &error);
                  if (r.text.isEmpty())
                      r.text = error;
                  return r;
              };
          },
          [this](const Report& r) {
              if (r.runId == m_detailsRun)
                  m_details->setPlainText(r.text);
          })
{
    m_table->setObjectName(u"historyTable"_s);
    m_resume->setObjectName(u"resumeButton"_s);
    m_judge->setObjectName(u"judgeButton"_s);
    m_delete->setObjectName(u"deleteButton"_s);
    m_compare->setObjectName(u"compareRunsButton"_s);
    m_table->setHorizontalHeaderLabels(
        { tr("Run"), tr("Date"), tr("Prompt set"), tr("Models"), tr("Items"), tr("Cost"), tr("Status") });
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(Models, QHeaderView::Stretch);
    m_details->setReadOnly(true);
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto* buttons = new QHBoxLayout;
    for (QPushButton* b : { m_open, m_resume, m_judge, m_compare, m_delete })
        buttons->addWidget(b);
    buttons->addStretch();

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_details);
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
        QString error;
        const QString text = runs.size() == 2
            ? compareRuns(std::min(runs[0], runs[1]), std::max(runs[0], runs[1]), &error)
            : QString();
        if (runs.size() != 2)
            error = tr("Select two runs of the same prompt set (Ctrl+click).");
        m_details->setPlainText(text.isEmpty() ? error : text);
    });
    connect(m_judge, &QPushButton::clicked, this, [this] {
        if (const auto runs = selectedRuns(); runs.size() == 1)
            emit judgeRequested(runs.constFirst());
    });
    connect(m_delete, &QPushButton::clicked, this, &HistoryPage::deleteSelected);
    // A right click offers what the buttons do, enabled as they are.
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint& at) {
        QMenu menu(this);
        for (QPushButton* b : { m_open, m_resume, m_judge, m_compare, m_delete }) {
            QAction* action = menu.addAction(b->text(), b, &QPushButton::click);
            action->setEnabled(b->isEnabled());
            action->setObjectName(b->objectName());
        }
        menu.exec(m_table->viewport()->mapToGlobal(at));
    });
    reload();
}

void HistoryPage::reload()
{
    const QList<qint64> keep = selectedRuns();
    const QSignalBlocker block(m_table);
    m_table->setRowCount(0);
    const std::optional<QVector<RunRow>> runs = m_store.runs();
    if (!runs) {
        m_details->setPlainText(tr("The history cannot be read: %1").arg(m_store.lastError()));
        return;
    }
    for (const RunRow& run : *runs) {
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
            run.costUsd ? u"$"_s + QLocale().toString(*run.costUsd, 'f', 4) : tr("unknown"),
            status,
        };
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells.at(c));
            item->setData(Qt::UserRole, run.id);
            m_table->setItem(row, c, item);
        }
        if (keep.contains(run.id))
            m_table->selectRow(row);
    }
    m_table->resizeColumnsToContents();
    showSelected();
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

void HistoryPage::showSelected()
{
    const QList<qint64> runs = selectedRuns();
    m_open->setEnabled(runs.size() == 1);
    m_judge->setEnabled(runs.size() == 1);
    m_delete->setEnabled(!runs.isEmpty());
    m_compare->setEnabled(runs.size() == 2);
    bool resumable = false;
    if (runs.size() == 1) {
        const auto run = m_store.loadRun(runs.constFirst());
        resumable = run && run->status != u"completed"_s;
        m_detailsRun = runs.constFirst();
        m_report.request();
    } else {
        m_detailsRun = 0; // a report still being read is dropped when it arrives
    }
    m_resume->setEnabled(resumable);
}

void HistoryPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_report.pageShown();
}

QString HistoryPage::detailsText() const
{
    return m_details->toPlainText();
}

QString HistoryPage::compareRuns(qint64 older, qint64 newer, QString* error) const
{
    const auto a = m_store.loadRun(older);
    const auto b = m_store.loadRun(newer);
    if (!a || !b) {
        *error = m_store.lastError();
        return QString();
    }
    if (a->promptSetId != b->promptSetId) {
        *error = tr("Runs %1 and %2 used different prompt sets; compare runs of one set.").arg(older).arg(newer);
        return QString();
    }
    const auto sa = RunSummary::build(m_store, older, error);
    const auto sb = RunSummary::build(m_store, newer, error);
    if (!sa || !sb)
        return QString();
    auto figure
        = [](const QJsonObject& model, const QString& key, const QString& sub = QString()) -> std::optional<double> {
        const QJsonValue v = sub.isEmpty() ? model.value(key) : model.value(key).toObject().value(sub);
        return v.isDouble() ? std::optional<double>(v.toDouble()) : std::nullopt;
    };
    using A = TextTable::Align;
    TextTable table({ tr("model"), tr("figure"), tr("run %1").arg(older), tr("run %1").arg(newer), tr("change") },
                    { A::Left, A::Left, A::Right, A::Right, A::Right });
    const QJsonObject ma = sa->value(u"models"_s).toObject();
    const QJsonObject mb = sb->value(u"models"_s).toObject();
    const QJsonObject ca = sa->value(u"checks"_s).toObject();
    const QJsonObject cb = sb->value(u"checks"_s).toObject();
    const QVector<std::tuple<QString, QString, QString, int>> rows = {
        { tr("ok items"), u"ok_items"_s, QString(), 0 },  { tr("retries"), u"retries"_s, QString(), 0 },
        { tr("cost USD"), u"cost_usd"_s, QString(), 6 },  { tr("latency p50 ms"), u"latency_ms"_s, u"p50"_s, 1 },
        { tr("ttft p50 ms"), u"ttft_ms"_s, u"p50"_s, 1 },
    };
    for (const QString& label : ma.keys()) {
        if (!mb.contains(label))
            continue;
        auto add = [&](const QString& name, std::optional<double> x, std::optional<double> y, int decimals) {
            auto text = [decimals](std::optional<double> v) {
                return v ? QLocale::c().toString(*v, 'f', decimals) : tr("n/a");
            };
            const QString change
                = x && y ? (*y >= *x ? u"+"_s : QString()) + QLocale::c().toString(*y - *x, 'f', decimals) : QString();
            table.addRow({ label, name, text(x), text(y), change });
        };
        for (const auto& [name, key, sub, decimals] : rows)
            add(name, figure(ma.value(label).toObject(), key, sub), figure(mb.value(label).toObject(), key, sub),
                decimals);
        if (ca.contains(label) && cb.contains(label))
            add(tr("checks pass rate"), figure(ca.value(label).toObject(), u"pass_rate"_s),
                figure(cb.value(label).toObject(), u"pass_rate"_s), 3);
    }
    return tr("What changed from run %1 to run %2 (%3)").arg(older).arg(newer).arg(a->promptSetName) + u"\n\n"_s
        + table.render(u"  "_s);
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
        emit runDeleted(id);
    }
    reload();
}

} // namespace tierlens
