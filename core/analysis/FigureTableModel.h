#pragma once
// A FigureTable as a Qt table model: the "numbers" view of a dashboard chart and the source the chart is drawn
// from. Display text carries intervals and sample sizes; ValueRole the plotted number; BoxRole a box plot's five.

#include "StatisticsFigures.h"

#include <QAbstractTableModel>

namespace tierlens {

class FigureTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role { ValueRole = Qt::UserRole + 1, BoxRole };

    explicit FigureTableModel(QObject* parent = nullptr);

    void setFigure(const FigureTable& figure);
    const FigureTable& figure() const { return m_figure; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The table as CSV (header row, then one row per table row, the display texts), for "copy" and exports.
    QString toCsv() const;

private:
    FigureTable m_figure;
};

} // namespace tierlens
