#pragma once
// A plain-text table whose columns grow to fit their widest cell, so long model labels never break the alignment.

#include <QString>
#include <QStringList>
#include <QVector>

namespace tierlens {

class TextTable
{
public:
    enum class Align { Left, Right };

    // One header per column; the alignments default to Left for columns not given.
    explicit TextTable(QStringList headers, QVector<Align> aligns = {});

    // Short rows are padded with empty cells; extra cells are kept and widen the table.
    void addRow(QStringList cells);
    int rowCount() const { return int(m_rows.size()); }

    // Header, a dashed rule, then the rows; each line starts with indent, columns are separated by two spaces,
    // and no line carries trailing blanks.
    QString render(const QString& indent = QString()) const;

private:
    QString renderLine(const QStringList& cells, const QVector<int>& widths, const QString& indent) const;

    QStringList m_headers;
    QVector<Align> m_aligns;
    QVector<QStringList> m_rows;
};

} // namespace tierlens
