// Store: a run's totals per model (the engine's progress, the judge run's cost), answer lengths for estimates, and
// the streaming export.
#include "Store.h"

#include "SqlUtil.h"
#include "StoreSchema.h"

#include <QMap>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace A = db::attempts;
namespace Res = db::results;
namespace M = db::runModels;
namespace P = db::prompts;

namespace {

const QString kOk = u"ok"_s;
const QString kError = u"error"_s;

// "attempts that reported usage": a provider that sends any of the two main counts sent a usage object.
QString usageReported(QLatin1StringView alias)
{
    return u"COUNT(CASE WHEN %1.%2 IS NOT NULL OR %1.%3 IS NOT NULL THEN 1 END)"_s.arg(alias, A::promptTokens,
                                                                                       A::completionTokens);
}

} // namespace

std::optional<QVector<ModelTotals>> Store::modelTotals(qint64 runId)
{
    const QString doing = tr("summing run %1 by model").arg(runId);
    QVector<ModelTotals> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT m.%1, m.%2, "
              u"(SELECT COUNT(*) FROM %3 r WHERE r.%4 = m.%1), "
              u"(SELECT COUNT(*) FROM %3 r WHERE r.%4 = m.%1 AND r.%5 = ?), "
              u"COUNT(a.%1), COUNT(CASE WHEN "_s.arg(db::id, M::label, Res::table, Res::runModelId, Res::status)
              + isRetry(QLatin1StringView("a")) + u" THEN 1 END), "_s + usageReported(QLatin1StringView("a"))
              + u", SUM(a.%1), SUM(a.%2), SUM(a.%3), SUM(a.%4), SUM(a.%5), SUM(a.%6) "
                u"FROM %7 m LEFT JOIN %8 a ON a.%9 = m.%10 WHERE m.%11 = ? GROUP BY m.%10, m.%12 ORDER BY m.%10"_s.arg(
                    A::promptTokens, A::completionTokens, A::cacheHitTokens, A::cacheMissTokens, A::reasoningTokens,
                    A::costUsd, M::table, A::table, A::runModelId, db::id, M::runId, M::label));
    q.addBindValue(kOk);
    q.addBindValue(runId);
    if (!execRead(q, doing))
        return std::nullopt;
    QHash<qint64, int> indexById;
    while (q.next()) {
        ModelTotals t;
        t.runModelId = q.value(0).toLongLong();
        t.label = q.value(1).toString();
        t.items = q.value(2).toLongLong();
        t.okItems = q.value(3).toLongLong();
        t.attempts = q.value(4).toLongLong();
        t.retries = q.value(5).toLongLong();
        t.attemptsWithUsage = q.value(6).toLongLong();
        t.promptTokens = optionalInt(q.value(7));
        t.completionTokens = optionalInt(q.value(8));
        t.cacheHitTokens = optionalInt(q.value(9));
        t.cacheMissTokens = optionalInt(q.value(10));
        t.reasoningTokens = optionalInt(q.value(11));
        t.costUsd = optionalDouble(q.value(12));
        indexById.insert(t.runModelId, out.size());
        out.append(t);
    }
    if (!endOfRows(q, doing))
        return std::nullopt;

    QSqlQuery e(m_db);
    e.setForwardOnly(true);
    e.prepare(u"SELECT %1, %2, COUNT(*) FROM %3 WHERE %4 = ? AND %5 = ? GROUP BY %1, %2"_s.arg(
        Res::runModelId, Res::errorClass, Res::table, Res::runId, Res::status));
    e.addBindValue(runId);
    e.addBindValue(kError);
    if (!execRead(e, doing))
        return std::nullopt;
    while (e.next()) {
        const auto it = indexById.constFind(e.value(0).toLongLong());
        if (it != indexById.constEnd())
            out[*it].errorsByClass.insert(e.value(1).toString(), e.value(2).toLongLong());
    }
    if (!endOfRows(e, doing))
        return std::nullopt;

    // Flags are few: counted per distinct combination in SQL, split in C++.
    QSqlQuery f(m_db);
    f.setForwardOnly(true);
    f.prepare(u"SELECT %1, %2, COUNT(*) FROM %3 WHERE %4 = ? AND %2 IS NOT NULL GROUP BY %1, %2"_s.arg(
        A::runModelId, A::flags, A::table, A::runId));
    f.addBindValue(runId);
    if (!execRead(f, doing))
        return std::nullopt;
    while (f.next()) {
        const auto it = indexById.constFind(f.value(0).toLongLong());
        if (it == indexById.constEnd())
            continue;
        const AttemptFlags flags = attemptFlagsFromString(f.value(1).toString());
        for (const QString& name : attemptFlagsToString(flags).split(u',', Qt::SkipEmptyParts))
            out[*it].flagged[name] += f.value(2).toLongLong();
    }
    if (!endOfRows(f, doing))
        return std::nullopt;
    return out;
}

std::pair<double, qint64> Store::measuredOutputTokens(const QString& modelId, qint64 promptSetId,
                                                      const QString& runKind)
{
    namespace Ru = db::runs;
    for (const bool sameSet : { true, false }) {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        q.prepare(u"SELECT AVG(a.%1), COUNT(a.%1) FROM %2 r JOIN %3 a ON a.%4 = r.%5 JOIN %6 m ON m.%4 = r.%7 "
                  u"JOIN %8 ru ON ru.%4 = r.%9 WHERE m.%10 = ? AND r.%11 = ? AND ru.%12 = ?"_s
                      .arg(A::completionTokens, Res::table, A::table, db::id, Res::finalAttemptId, M::table,
                           Res::runModelId, Ru::table, Res::runId)
                      .arg(M::modelId, Res::status, Ru::kind)
                  + (sameSet ? u" AND ru.%1 = ?"_s.arg(Ru::promptSetId) : QString()));
        q.addBindValue(modelId);
        q.addBindValue(kOk);
        q.addBindValue(runKind);
        if (sameSet)
            q.addBindValue(promptSetId);
        const QString doing = tr("reading the measured answer lengths of %1").arg(modelId);
        if (!execRead(q, doing) || !q.next()) {
            endOfRows(q, doing);
            return { 0, 0 };
        }
        if (q.value(1).toLongLong() > 0)
            return { q.value(0).toDouble(), q.value(1).toLongLong() };
    }
    return { 0, 0 };
}

bool Store::forEachResult(qint64 runId, const std::function<bool(const ResultExportRow&)>& fn, QString* error)
{
    return readResults(u"r.%1 = ?"_s.arg(Res::runId), runId, tr("exporting the results of run %1").arg(runId), fn,
                       error);
}

std::optional<ResultExportRow> Store::result(qint64 resultId, QString* error)
{
    std::optional<ResultExportRow> out;
    const QString doing = tr("reading result %1").arg(resultId);
    if (!readResults(u"r.%1 = ?"_s.arg(db::id), resultId, doing, [&](const ResultExportRow& r) { return out = r, false; },
                     error))
        return std::nullopt;
    if (!out)
        setError(error, tr("%1: no such result").arg(doing));
    return out;
}

bool Store::readResults(const QString& where, qint64 key, const QString& doing,
                        const std::function<bool(const ResultExportRow&)>& fn, QString* error)
{
    if (!checkThread(error))
        return false;
    QSqlQuery q(m_db);
    q.setForwardOnly(true); // rows stream from SQLite one step at a time instead of being cached
    q.prepare(u"SELECT r.%1, m.%2, m.%3, p.%4, p.%5, r.%6, r.%7, r.%8, r.%9, r.%10, "_s.arg(
                  db::id, M::label, M::modelId, P::extId, P::category, Res::status, Res::errorClass, Res::attemptCount,
                  Res::costUsd, Res::completedAt)
              + attemptColumns(QLatin1StringView("a"))
              + u" FROM %1 r JOIN %2 m ON m.%3 = r.%4 JOIN %5 p ON p.%3 = r.%6 JOIN %7 a ON a.%3 = r.%8 WHERE "_s.arg(
                  Res::table, M::table, db::id, Res::runModelId, P::table, Res::promptId, A::table,
                  Res::finalAttemptId)
              + where + u" ORDER BY m.%1, p.%2, r.%3"_s.arg(db::id, P::ordinal, Res::repeatIndex));
    q.addBindValue(key);
    if (!q.exec())
        return fail(error, doing, q.lastError());
    while (q.next()) {
        ResultExportRow row;
        row.resultId = q.value(0).toLongLong();
        row.modelLabel = q.value(1).toString();
        row.modelId = q.value(2).toString();
        row.promptExtId = q.value(3).toString();
        row.category = q.value(4).toString();
        row.status = q.value(5).toString();
        row.errorClass = errorClassFromName(q.value(6).toString()).value_or(ErrorClass::Malformed);
        row.attemptCount = q.value(7).toInt();
        row.costUsd = optionalDouble(q.value(8));
        row.completedAt = timeFromValue(q.value(9));
        row.finalAttempt = attemptFromQuery(q, 10);
        row.finalAttempt.isFinal = true;
        if (!fn(row))
            return true;
    }
    if (q.lastError().isValid())
        return fail(error, doing, q.lastError());
    return true;
}

bool Store::forEachResultKey(qint64 runId, const std::function<bool(const ResultKeyRow&)>& fn, QString* error)
{
    namespace C = db::resultChecks;
    const QString doing = tr("listing the results of run %1").arg(runId);
    if (!checkThread(error))
        return false;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT r.%1, r.%2, r.%3, r.%4, r.%5, c.%6 FROM %7 r LEFT JOIN %8 c ON c.%9 = r.%10 WHERE r.%11 = ?"_s
                  .arg(db::id, Res::runModelId, Res::promptId, Res::repeatIndex, Res::status, C::passed, Res::table,
                       C::table, C::attemptId)
                  .arg(Res::finalAttemptId, Res::runId));
    q.addBindValue(runId);
    if (!q.exec())
        return fail(error, doing, q.lastError());
    while (q.next()) {
        ResultKeyRow row;
        row.resultId = q.value(0).toLongLong();
        row.runModelId = q.value(1).toLongLong();
        row.promptId = q.value(2).toLongLong();
        row.repeatIndex = q.value(3).toInt();
        row.ok = q.value(4).toString() == kOk;
        if (!q.value(5).isNull())
            row.checkPassed = q.value(5).toInt() != 0;
        if (!fn(row))
            return true;
    }
    if (q.lastError().isValid())
        return fail(error, doing, q.lastError());
    return true;
}

} // namespace tierlens
