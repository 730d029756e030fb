#include "FigureTableModel.h"

using namespace Qt::StringLiterals;

namespace tierlens {

FigureTableModel::FigureTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void FigureTableModel::setFigure(const FigureTable& figure)
{
    beginResetModel();
    m_figure = figure;
    endResetModel();
}

int FigureTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_figure.rows.size());
}

int FigureTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_figure.columns.size());
}

QVariant FigureTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (index.row() >= m_figure.cells.size() || index.column() >= m_figure.cells.at(index.row()).size())
        return {};
    const FigureCell& c = m_figure.cells.at(index.row()).at(index.column());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return c.text;
    case Qt::TextAlignmentRole:
        return int(Qt::AlignRight | Qt::AlignVCenter);
    case ValueRole:
        return c.value ? QVariant(*c.value) : QVariant();
    case BoxRole:
        return c.box.isEmpty() ? QVariant() : QVariant::fromValue(QList<double>(c.box));
    default:
        return {};
    }
}

QVariant FigureTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    const QStringList& names = orientation == Qt::Horizontal ? m_figure.columns : m_figure.rows;
    return section >= 0 && section < names.size() ? QVariant(names.at(section)) : QVariant();
}

QString FigureTableModel::toCsv() const
{
    auto quote = [](QString s) {
        if (s.contains(u',') || s.contains(u'"') || s.contains(u'\n'))
            s = u'"' + s.replace(u"\""_s, u"\"\""_s) + u'"';
        return s;
    };
    QStringList lines;
    QStringList header { quote(m_figure.title) };
    for (const QString& c : m_figure.columns)
        header << quote(c);
    lines << header.join(u',');
    for (qsizetype r = 0; r < m_figure.rows.size(); ++r) {
        QStringList line { quote(m_figure.rows.at(r)) };
        for (const FigureCell& c : m_figure.cells.at(r))
            line << quote(c.text);
        lines << line.join(u',');
    }
    return lines.join(u'\n') + u'\n';
}

} // namespace tierlens
