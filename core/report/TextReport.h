#pragma once
// The human-readable report of one run: header, per-model figures side by side, the judge, and the statistics
// tables (EvalStatistics) per model and category: one page, every figure from one pipeline.

#include "analysis/StatisticsTables.h"

#include <QJsonObject>
#include <QString>
#include <QVector>

namespace tierlens {

class EvalStatistics;
class Store;

class TextReport
{
public:
    // Plain text, columns aligned with spaces, "n/a" where a value is unknown. Returns an empty string, with the
    // reason in error, when the run does not exist or the store cannot be read.
    static QString render(Store& store, qint64 runId, QString* error);
    // The same with statistics already computed (their scope may pool several runs; the header is run runId's).
    static QString render(Store& store, const EvalStatistics& statistics, qint64 runId, QString* error);
    // The run's own tables, from its summary (RunSummary::build): the models' totals side by side (models in
    // `order`), then the judge's verdicts and cost when the run was judged. `scoped`: the statistics below them
    // cover only some categories. The HTML report shows the same tables.
    static QVector<ReportTable> runTables(const QJsonObject& summary, const QStringList& order, bool scoped);
};

} // namespace tierlens
