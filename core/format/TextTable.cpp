#include "TextTable.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

// Width as a terminal shows it: a newline or tab inside a cell would break the grid, so cells are flattened first.
QString flatten(const QString& cell)
{
    QString out = cell;
    out.replace(u'\n', u' ').replace(u'\r', u' ').replace(u'\t', u' ');
    return out;
}

} // namespace

TextTable::TextTable(QStringList headers, QVector<Align> aligns)
    : m_headers(std::move(headers))
    , m_aligns(std::move(aligns))
{
    for (QString& h : m_headers)
        h = flatten(h);
}

void TextTable::addRow(QStringList cells)
{
    for (QString& c : cells)
        c = flatten(c);
    m_rows.append(std::move(cells));
}

QString TextTable::render(const QString& indent) const
{
    qsizetype columns = m_headers.size();
    for (const QStringList& row : m_rows)
        columns = std::max(columns, row.size());
    QVector<int> widths(columns, 0);
    auto measure = [&](const QStringList& cells) {
        for (qsizetype i = 0; i < cells.size(); ++i)
            widths[i] = std::max(widths[i], int(cells.at(i).size()));
    };
    measure(m_headers);
    for (const QStringList& row : m_rows)
        measure(row);

    QStringList rule;
    for (int w : widths)
        rule.append(QString(w, u'-'));

    QString out = renderLine(m_headers, widths, indent);
    out += renderLine(rule, widths, indent);
    for (const QStringList& row : m_rows)
        out += renderLine(row, widths, indent);
    return out;
}

QString TextTable::renderLine(const QStringList& cells, const QVector<int>& widths, const QString& indent) const
{
    QString line = indent;
    for (qsizetype i = 0; i < widths.size(); ++i) {
        const QString cell = i < cells.size() ? cells.at(i) : QString();
        const Align align = i < m_aligns.size() ? m_aligns.at(i) : Align::Left;
        if (i > 0)
            line += u"  "_s;
        line += align == Align::Right ? cell.rightJustified(widths.at(i)) : cell.leftJustified(widths.at(i));
    }
    while (line.endsWith(u' '))
        line.chop(1);
    return line + u'\n';
}

} // namespace tierlens
