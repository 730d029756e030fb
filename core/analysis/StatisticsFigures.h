#pragma once
// The dashboard's figures as tables: what each chart draws and what its "numbers" view shows, built from
// EvalStatistics. One FigureTable feeds both the chart and the table (through FigureTableModel), so a chart
// never holds a number the table does not.

#include "EvalStatistics.h"

#include <QCoreApplication>

namespace tierlens {

struct FigureCell
{
    std::optional<double> value; // what a bar, line point or scatter coordinate shows
    QString text; // the same for people, with its interval and sample size
    QVector<double> box; // box plots: lower whisker, lower quartile, median, upper quartile, upper whisker
};

struct FigureTable
{
    enum class Kind { Bars, Box, Scatter, Lines };
    QString id; // stable: file names of exports, tests
    QString title;
    QString unit; // axis title
    Kind kind = Kind::Bars;
    QStringList columns; // series: models; for Scatter the two axes (x, y)
    QStringList rows; // categories, runs, or scatter points
    QStringList rowSeries; // Scatter: the series each point belongs to (a model's categories, a model, the policy)
    QStringList rowModels; // Scatter: the model each point is of (empty for an extra point such as the policy)
    QVector<QVector<FigureCell>> cells; // rows x columns
    QStringList models; // every model of the figures, in the run's order: a model keeps its colour in every chart
    QString scope; // "run 3 · flash vs pro": what an exported chart is of
};

class StatisticsFigures
{
    Q_DECLARE_TR_FUNCTIONS(StatisticsFigures)
public:
    // Every figure of the dashboard, in display order. extraPoints are added to the cost/quality scatter (the
    // derived policy's replay, for one): name -> (cost per item in USD, pass rate 0..1).
    static QVector<FigureTable> build(const EvalStatistics& stats,
                                      const QVector<std::pair<QString, std::pair<double, double>>>& extraPoints = {});
    // The label of the row that holds every category together.
    static QString allCategories();
};

} // namespace tierlens
