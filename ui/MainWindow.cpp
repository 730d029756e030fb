#include "MainWindow.h"

#include "report/TextReport.h"
#include "store/Store.h"

#include <QFontDatabase>
#include <QListWidget>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStatusBar>

namespace tierlens {

MainWindow::MainWindow(Store& store, QWidget* parent)
    : QMainWindow(parent)
    , m_store(store)
    , m_runs(new QListWidget(this))
    , m_report(new QPlainTextEdit(this))
{
    setWindowTitle(tr("Tierlens"));
    m_report->setReadOnly(true);
    m_report->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_report->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto* splitter = new QSplitter(this);
    splitter->addWidget(m_runs);
    splitter->addWidget(m_report);
    splitter->setStretchFactor(1, 3);
    setCentralWidget(splitter);

    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Reload"), QKeySequence::Refresh, this, &MainWindow::reloadRuns);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    connect(m_runs, &QListWidget::currentRowChanged, this, &MainWindow::showReport);
    reloadRuns();
    resize(1100, 700);
}

void MainWindow::reloadRuns()
{
    m_runs->clear();
    for (const RunRow& run : m_store.runs()) {
        QStringList labels;
        for (const auto& m : run.models)
            labels.append(m.label);
        auto* item = new QListWidgetItem(tr("Run %1 · %2 · %3\n%4 · %5")
                                             .arg(run.id)
                                             .arg(run.promptSetName, labels.join(tr(" vs ")))
                                             .arg(QLocale().toString(run.createdAt.toLocalTime(), QLocale::ShortFormat),
                                                  run.status),
                                         m_runs);
        item->setData(Qt::UserRole, run.id);
    }
    statusBar()->showMessage(tr("%n run(s)", nullptr, m_runs->count()));
    if (m_runs->count() > 0)
        m_runs->setCurrentRow(0);
}

bool MainWindow::selectRun(qint64 runId)
{
    for (int i = 0; i < m_runs->count(); ++i) {
        if (m_runs->item(i)->data(Qt::UserRole).toLongLong() == runId) {
            m_runs->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

void MainWindow::showReport()
{
    const QListWidgetItem* item = m_runs->currentItem();
    if (!item) {
        m_report->clear();
        return;
    }
    QString error;
    const QString text = TextReport::render(m_store, item->data(Qt::UserRole).toLongLong(), &error);
    m_report->setPlainText(text.isEmpty() ? error : text);
}

} // namespace tierlens
