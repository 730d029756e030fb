#pragma once
// One dashboard figure: its chart, its numbers one click away (a table over the same model), and exports to PNG,
// SVG and CSV.

#include <QWidget>

class QChartView;
class QStackedWidget;
class QTableView;
class QToolButton;

namespace tierlens {

class FigureTableModel;
struct FigureTable;

class ChartPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ChartPanel(QWidget* parent = nullptr);

    void setFigure(const FigureTable& figure);
    const FigureTableModel& model() const { return *m_model; }
    QString figureId() const;

    bool showsTable() const;
    void setShowsTable(bool table);
    QTableView* tableView() const { return m_table; }
    QChartView* chartView() const { return m_chart; }

    // Writes the figure; false with the reason in error (a file that cannot be written).
    bool exportTo(const QString& path, QString* error) const; // by extension: .png, .svg or .csv

private:
    void exportAs(const QString& extension);

    FigureTableModel* m_model;
    QStackedWidget* m_stack;
    QChartView* m_chart;
    QTableView* m_table;
    QToolButton* m_toggle;
};

} // namespace tierlens
