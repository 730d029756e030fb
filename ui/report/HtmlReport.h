#pragma once
// The report to share: one self-contained HTML page with the runs it covers, the statistics tables and every
// dashboard chart as an embedded PNG with its numbers under it. Needs a QApplication (the charts are Qt Charts).

#include <QByteArray>
#include <QCoreApplication>

namespace tierlens {

class EvalStatistics;
class Store;

class HtmlReport
{
    Q_DECLARE_TR_FUNCTIONS(HtmlReport)
public:
    static QByteArray render(Store& store, const EvalStatistics& stats);
};

} // namespace tierlens
