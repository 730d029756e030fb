#include "ChartFactory.h"

#include "analysis/FigureTableModel.h"

#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QBoxPlotSeries>
#include <QBoxSet>
#include <QBuffer>
#include <QCategoryAxis>
#include <QChart>
#include <QGraphicsScene>
#include <QHash>
#include <QImage>
#include <QLineSeries>
#include <QPainter>
#include <QPalette>
#include <QScatterSeries>
#include <QSvgGenerator>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

bool darkPalette()
{
    const QPalette p = QApplication::palette();
    return p.color(QPalette::Window).lightness() < p.color(QPalette::WindowText).lightness();
}

double value(const FigureTableModel& m, int row, int column, bool* ok)
{
    const QVariant v = m.data(m.index(row, column), FigureTableModel::ValueRole);
    *ok = v.isValid();
    return v.toDouble();
}

// A value axis from 0 (or the data's minimum) to a little above the maximum, in the figure's unit.
QValueAxis* valueAxis(const QString& title, double lo, double hi, bool percent)
{
    auto* axis = new QValueAxis;
    axis->setTitleText(title);
    if (percent) {
        axis->setRange(0, 1);
        axis->setLabelFormat(u"%.2f"_s);
    } else {
        if (hi <= lo)
            hi = lo + 1;
        axis->setRange(std::min(0.0, lo), hi * 1.1);
        axis->applyNiceNumbers();
        axis->setLabelFormat(hi < 0.01 ? u"%.5f"_s : hi < 10 ? u"%.3f"_s : u"%.0f"_s);
    }
    return axis;
}

// One colour per model, the same in every chart (the Okabe-Ito colours, told apart by colour-blind readers too);
// points that are no model's (the policy's replay) are drawn in the text colour.
QColor modelColour(const FigureTableModel& m, const QString& model)
{
    static const QColor colours[]
        = { QColor(0x00, 0x72, 0xb2), QColor(0xe6, 0x9f, 0x00), QColor(0x00, 0x9e, 0x73), QColor(0xcc, 0x79, 0xa7),
            QColor(0x56, 0xb4, 0xe9), QColor(0xd5, 0x5e, 0x00), QColor(0xf0, 0xe4, 0x42) };
    const qsizetype index = m.figure().models.indexOf(model);
    if (index < 0)
        return darkPalette() ? Qt::white : Qt::black;
    return colours[index % std::size(colours)];
}

QStringList rowNames(const FigureTableModel& m)
{
    QStringList names;
    for (int r = 0; r < m.rowCount(); ++r)
        names << m.headerData(r, Qt::Vertical).toString();
    return names;
}

void bars(QChart* chart, const FigureTableModel& m)
{
    auto* series = new QBarSeries;
    double hi = 0;
    // A bar chart has no gap for "unknown": a missing value is drawn as no bar, and its category says whose it is,
    // so that a model without prices never looks free and an unjudged category never looks failed.
    QStringList categories = rowNames(m);
    QVector<QStringList> missing(m.rowCount());
    for (int c = 0; c < m.columnCount(); ++c) {
        auto* set = new QBarSet(m.headerData(c, Qt::Horizontal).toString());
        set->setColor(modelColour(m, set->label()));
        set->setBorderColor(set->color());
        for (int r = 0; r < m.rowCount(); ++r) {
            bool ok = false;
            const double v = value(m, r, c, &ok);
            *set << (ok ? v : 0.0);
            if (ok)
                hi = std::max(hi, v);
            else
                missing[r] << m.headerData(c, Qt::Horizontal).toString();
        }
        series->append(set);
    }
    for (int r = 0; r < m.rowCount(); ++r) {
        if (!missing[r].isEmpty())
            categories[r] = ChartFactory::tr("%1 (no data: %2)").arg(categories[r], missing[r].join(u", "_s));
    }
    chart->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(categories);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    auto* y = valueAxis(m.figure().unit, 0, hi, m.figure().id == u"quality"_s);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
}

void boxes(QChart* chart, const FigureTableModel& m)
{
    double hi = 0;
    QStringList categories = rowNames(m);
    QVector<QStringList> missing(m.rowCount());
    QVector<QBoxPlotSeries*> all;
    for (int c = 0; c < m.columnCount(); ++c) {
        auto* series = new QBoxPlotSeries;
        series->setName(m.headerData(c, Qt::Horizontal).toString());
        series->setBrush(modelColour(m, series->name()));
        for (int r = 0; r < m.rowCount(); ++r) {
            const QList<double> five = m.data(m.index(r, c), FigureTableModel::BoxRole).value<QList<double>>();
            // Boxes sit at their index, so a group without measurements keeps its place with a box of NaNs,
            // which draws nothing (rather than a flat box at 0), and its category says whose is missing.
            auto* set = new QBoxSet(m.headerData(r, Qt::Vertical).toString());
            const bool known = five.size() == 5;
            const QBoxSet::ValuePositions positions[]
                = { QBoxSet::LowerExtreme, QBoxSet::LowerQuartile, QBoxSet::Median, QBoxSet::UpperQuartile,
                    QBoxSet::UpperExtreme };
            for (int i = 0; i < 5; ++i)
                set->setValue(positions[i], known ? five[i] : qQNaN());
            if (known)
                hi = std::max(hi, five[4]);
            else
                missing[r] << series->name();
            series->append(set);
        }
        chart->addSeries(series);
        all << series;
    }
    for (int r = 0; r < m.rowCount(); ++r) {
        if (!missing[r].isEmpty())
            categories[r] = ChartFactory::tr("%1 (no data: %2)").arg(categories[r], missing[r].join(u", "_s));
    }
    auto* x = new QBarCategoryAxis;
    x->append(categories);
    chart->addAxis(x, Qt::AlignBottom);
    auto* y = valueAxis(m.figure().unit, 0, hi, false);
    chart->addAxis(y, Qt::AlignLeft);
    for (QBoxPlotSeries* s : all) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
}

void scatter(QChart* chart, const FigureTableModel& m)
{
    // A series per model's categories (small markers), per model over everything and per extra point such as the
    // policy (large markers); which point is which category is in the numbers view.
    const QStringList& seriesOf = m.figure().rowSeries;
    double hi = 0;
    QVector<QScatterSeries*> all;
    QHash<QString, QScatterSeries*> byName;
    for (int r = 0; r < m.rowCount(); ++r) {
        bool okX = false, okY = false;
        const double x = value(m, r, 0, &okX);
        const double y = value(m, r, 1, &okY);
        if (!okX || !okY)
            continue;
        const QString name = seriesOf.value(r, m.headerData(r, Qt::Vertical).toString());
        QScatterSeries*& s = byName[name];
        if (!s) {
            s = new QScatterSeries;
            s->setName(name);
            const bool overall = name == m.headerData(r, Qt::Vertical).toString();
            s->setMarkerSize(overall ? 16 : 9);
            if (!overall)
                s->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
            // A model's categories in its colour, lighter; the model over everything in its colour.
            const QColor colour = modelColour(m, m.figure().rowModels.value(r));
            s->setColor(overall ? colour : colour.lighter(135));
            s->setBorderColor(colour);
            all << s;
        }
        s->append(x, y);
        hi = std::max(hi, x);
    }
    for (QScatterSeries* s : all)
        chart->addSeries(s);
    auto* xAxis = valueAxis(m.headerData(0, Qt::Horizontal).toString(), 0, hi, false);
    auto* yAxis = valueAxis(m.headerData(1, Qt::Horizontal).toString(), 0, 1, true);
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    for (QScatterSeries* s : all) {
        s->attachAxis(xAxis);
        s->attachAxis(yAxis);
    }
}

void lines(QChart* chart, const FigureTableModel& m)
{
    double hi = 0;
    QVector<QLineSeries*> all;
    for (int c = 0; c < m.columnCount(); ++c) {
        auto* s = new QLineSeries;
        s->setName(m.headerData(c, Qt::Horizontal).toString());
        s->setColor(modelColour(m, s->name()));
        s->setPointsVisible(true);
        for (int r = 0; r < m.rowCount(); ++r) {
            bool ok = false;
            const double v = value(m, r, c, &ok);
            if (ok) {
                s->append(r, v);
                hi = std::max(hi, v);
            }
        }
        chart->addSeries(s);
        all << s;
    }
    // Runs along the x axis by their names ("run 7 (date)").
    auto* x = new QCategoryAxis;
    x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    const QStringList names = rowNames(m);
    for (int r = 0; r < names.size(); ++r)
        x->append(names.at(r), r);
    x->setRange(-0.5, std::max<qsizetype>(1, names.size()) - 0.5);
    auto* y = valueAxis(m.figure().unit, 0, hi, m.figure().id == u"trend_quality"_s);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QLineSeries* s : all) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
}

} // namespace

QChart* ChartFactory::create(const FigureTableModel& model)
{
    auto* chart = new QChart;
    chart->setTheme(darkPalette() ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setTitle(model.figure().title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setAnimationOptions(QChart::NoAnimation);
    if (model.rowCount() == 0) {
        chart->setTitle(tr("%1: nothing to show for these filters").arg(model.figure().title));
        return chart;
    }
    switch (model.figure().kind) {
    case FigureTable::Kind::Bars:
        bars(chart, model);
        break;
    case FigureTable::Kind::Box:
        boxes(chart, model);
        break;
    case FigureTable::Kind::Scatter:
        scatter(chart, model);
        break;
    case FigureTable::Kind::Lines:
        lines(chart, model);
        break;
    }
    return chart;
}

namespace {

// Lays the chart out at size in a scene of its own and paints it; the scene owns and deletes the chart.
void paint(const FigureTableModel& model, QSize size, QPaintDevice& device)
{
    QGraphicsScene scene;
    QChart* chart = ChartFactory::create(model);
    // An exported chart says what it is of: its runs and models.
    if (!model.figure().scope.isEmpty())
        chart->setTitle(chart->title() + u" \u2014 "_s + model.figure().scope);
    chart->resize(size);
    scene.addItem(chart);
    scene.setSceneRect(QRectF(QPointF(0, 0), size));
    QPainter painter(&device);
    painter.setRenderHint(QPainter::Antialiasing);
    scene.render(&painter, QRectF(QPointF(0, 0), size), scene.sceneRect());
}

} // namespace

QByteArray ChartFactory::png(const FigureTableModel& model, QSize size)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(darkPalette() ? Qt::black : Qt::white);
    paint(model, size, image);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QByteArray ChartFactory::svg(const FigureTableModel& model, QSize size)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setTitle(model.figure().title);
    paint(model, size, generator);
    return bytes;
}

} // namespace tierlens
