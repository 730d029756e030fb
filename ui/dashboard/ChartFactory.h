#pragma once
// Draws a dashboard figure: a QChart built from a FigureTableModel (bars, box plots, scatter or lines). The chart
// holds no figure of its own; everything it shows is read from the model.

#include <QByteArray>
#include <QCoreApplication>
#include <QSize>

class QChart;

namespace tierlens {

class FigureTableModel;

class ChartFactory
{
    Q_DECLARE_TR_FUNCTIONS(ChartFactory)
public:
    // A new chart (the caller owns it), themed for the application's palette (light or dark).
    static QChart* create(const FigureTableModel& model);
    // The figure drawn at a fixed size, independent of any window: PNG bytes, or an SVG document.
    static QByteArray png(const FigureTableModel& model, QSize size = QSize(960, 540));
    static QByteArray svg(const FigureTableModel& model, QSize size = QSize(960, 540));
};

} // namespace tierlens
