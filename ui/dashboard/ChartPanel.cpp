#include "ChartPanel.h"

#include "ChartFactory.h"
#include "analysis/FigureTableModel.h"
#include "util/FileDialogs.h"

#include <QChart>
#include <QChartView>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tierlens {

ChartPanel::ChartPanel(QWidget* parent)
    : QWidget(parent)
    , m_model(new FigureTableModel(this))
    , m_stack(new QStackedWidget(this))
    , m_chart(new QChartView(this))
    , m_table(new QTableView(this))
    , m_toggle(new QToolButton(this))
{
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumSize(420, 300);
    m_table->setModel(m_model);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_stack->addWidget(m_chart);
    m_stack->addWidget(m_table);

    m_toggle->setText(tr("Numbers"));
    m_toggle->setCheckable(true);
    // Wide enough for either label, so the bar does not jump when it toggles.
    m_toggle->setMinimumWidth(
        std::max(fontMetrics().horizontalAdvance(tr("Numbers")), fontMetrics().horizontalAdvance(tr("Chart"))) + 24);
    m_toggle->setToolTip(tr("Show the figures behind the chart as a table"));
    connect(m_toggle, &QToolButton::toggled, this, &ChartPanel::setShowsTable);
    auto* exportButton = new QToolButton(this);
    exportButton->setObjectName(u"chartExport"_s);
    exportButton->setText(tr("Export"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(exportButton);
    menu->addAction(tr("PNG image…"), this, [this] { exportAs(u"png"_s); });
    menu->addAction(tr("SVG image…"), this, [this] { exportAs(u"svg"_s); });
    menu->addAction(tr("CSV table…"), this, [this] { exportAs(u"csv"_s); });
    exportButton->setMenu(menu);

    auto* bar = new QHBoxLayout;
    bar->addStretch();
    bar->addWidget(m_toggle);
    bar->addWidget(exportButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);
}

void ChartPanel::setFigure(const FigureTable& figure)
{
    m_model->setFigure(figure);
    // QChartView::setChart gives up the chart it showed before without deleting it.
    QChart* const previous = m_chart->chart();
    m_chart->setChart(ChartFactory::create(*m_model));
    delete previous;
    m_table->setToolTip(figure.title);
}

QString ChartPanel::figureId() const
{
    return m_model->figure().id;
}

bool ChartPanel::showsTable() const
{
    return m_stack->currentWidget() == m_table;
}

void ChartPanel::setShowsTable(bool table)
{
    m_stack->setCurrentWidget(table ? static_cast<QWidget*>(m_table) : m_chart);
    m_toggle->setChecked(table);
    m_toggle->setText(table ? tr("Chart") : tr("Numbers"));
}

bool ChartPanel::exportTo(const QString& path, QString* error) const
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    QByteArray bytes;
    if (suffix == u"png"_s)
        bytes = ChartFactory::png(*m_model);
    else if (suffix == u"svg"_s)
        bytes = ChartFactory::svg(*m_model);
    else if (suffix == u"csv"_s)
        bytes = m_model->toCsv().toUtf8();
    else {
        *error = tr("%1: unknown export format \"%2\" (use .png, .svg or .csv)").arg(path, suffix);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void ChartPanel::exportAs(const QString& extension)
{
    const QString filter = extension == u"png"_s ? tr("PNG image (*.png)")
        : extension == u"svg"_s                  ? tr("SVG image (*.svg)")
                                                 : tr("CSV table (*.csv)");
    QString path = FileDialogs::saveFile(this, tr("Export %1").arg(m_model->figure().title),
                                         figureId() + u'.' + extension, filter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += u'.' + extension;
    QString error;
    if (!exportTo(path, &error))
        QMessageBox::warning(this, tr("Export"), error);
}

} // namespace tierlens
