// Store: automatic checks of results and the judge's verdicts (schema version 3).
#include "Store.h"

#include "SqlDialect.h"
#include "SqlUtil.h"
#include "StoreSchema.h"
#include "WriteStatement.h"
#include "util/Clock.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace C = db::resultChecks;
namespace AC = db::assertionChecks;
namespace J = db::judgeVerdicts;

bool Store::prepareCheckStatements(QString* error)
{
    // Prepared once per store, as the attempt inserts are: parsing them for every batch the engine commits (every
    // 50 ms) was a tenth of a run's database time.
    const QString doing = tr("preparing the check inserts");
    QSqlError e;
    m_deleteCheck
        = m_dialect->prepareWrite(m_db, u"DELETE FROM "_s + C::table + u" WHERE "_s + C::attemptId + u" = ?"_s, &e);
    if (!m_deleteCheck)
        return fail(error, doing, e);
    m_insertCheck = m_dialect->prepareWrite(
        m_db,
        insertStatement(C::table, { C::attemptId, C::passed, C::score, C::pendingCount, C::checkedAt })
            + m_dialect->insertSuffix(),
        &e);
    if (!m_insertCheck)
        return fail(error, doing, e);
    m_insertAssertionCheck = m_dialect->prepareWrite(m_db,
                                                     insertStatement(AC::table,
                                                                     { AC::resultCheckId, AC::assertionIndex, AC::type,
                                                                       AC::weight, AC::passed, AC::score, AC::reason }),
                                                     &e);
    if (!m_insertAssertionCheck)
        return fail(error, doing, e);
    return true;
}

bool Store::saveChecks(const QVector<CheckRow>& rows, QString* error)
{
    const QString doing = tr("recording the checks of %n result(s)", nullptr, int(rows.size()));
    if (!checkWrite(error))
        return false;
    if (rows.isEmpty())
        return true;
    if (!m_db.transaction())
        return fail(error, doing, m_db.lastError());
    WriteStatement& del = *m_deleteCheck;
    WriteStatement& ins = *m_insertCheck;
    WriteStatement& insA = *m_insertAssertionCheck;
    const QString now = timeText(Clock::system().nowUtc());
    for (const CheckRow& row : rows) {
        del.bind(0, row.attemptId);
        ins.bind(0, row.attemptId);
        ins.bind(1, row.passed);
        ins.bind(2, row.score);
        ins.bind(3, row.pendingCount);
        ins.bind(4, row.checkedAt.isValid() ? timeText(row.checkedAt) : now);
        std::optional<qint64> id;
        if (del.exec() && ins.exec())
            id = ins.insertedId();
        if (!id) {
            const QSqlError e = del.lastError().isValid() ? del.lastError() : ins.lastError();
            m_db.rollback();
            return fail(error, doing, e);
        }
        for (const AssertionCheckRow& a : row.assertions) {
            insA.bind(0, *id);
            insA.bind(1, a.index);
            insA.bind(2, a.type);
            insA.bind(3, a.weight);
            insA.bind(4, a.passed);
            insA.bind(5, a.score);
            insA.bind(6, a.reason);
            if (!insA.exec()) {
                const QSqlError e = insA.lastError();
                m_db.rollback();
                return fail(error, doing, e);
            }
        }
    }
    if (!m_db.commit()) {
        const QSqlError e = m_db.lastError();
        m_db.rollback();
        return fail(error, doing, e);
    }
    return true;
}

std::optional<CheckRow> Store::check(qint64 attemptId)
{
    // Nothing, with lastError() empty, when the result has no checks.
    m_lastError.clear();
    const std::optional<QHash<qint64, CheckRow>> rows
        = readChecks(u"c.%1 = ?"_s.arg(C::attemptId), attemptId, tr("reading the checks of attempt %1").arg(attemptId));
    if (!rows)
        return std::nullopt;
    const auto it = rows->constFind(attemptId);
    return it == rows->cend() ? std::nullopt : std::optional<CheckRow>(*it);
}

std::optional<QHash<qint64, CheckRow>> Store::checksOfRun(qint64 runId)
{
    namespace Res = db::results;
    return readChecks(
        u"c.%1 IN (SELECT %2 FROM %3 WHERE %4 = ?)"_s.arg(C::attemptId, Res::finalAttemptId, Res::table, Res::runId),
        runId, tr("reading the checks of run %1").arg(runId));
}

std::optional<QHash<qint64, CheckRow>> Store::readChecks(const QString& where, qint64 key, const QString& doing)
{
    QHash<qint64, CheckRow> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT c.%1, c.%2, c.%3, c.%4, c.%5, a.%6, a.%7, a.%8, a.%9, a.%10, a.%11, c.%15 FROM %12 c "
              "LEFT JOIN %13 a ON a.%14 = c.%1 WHERE "_s.arg(db::id, C::passed, C::score, C::pendingCount, C::checkedAt)
                  .arg(AC::assertionIndex, AC::type, AC::weight, AC::passed, AC::score, AC::reason, C::table, AC::table)
                  .arg(AC::resultCheckId, C::attemptId)
              + where + u" ORDER BY c.%1, a.%2"_s.arg(db::id, AC::assertionIndex));
    q.addBindValue(key);
    if (!execRead(q, doing))
        return std::nullopt;
    while (q.next()) {
        const qint64 attemptId = q.value(11).toLongLong();
        auto it = out.find(attemptId);
        if (it == out.end()) {
            CheckRow row;
            row.attemptId = attemptId;
            row.passed = q.value(1).toInt() != 0;
            row.score = q.value(2).toDouble();
            row.pendingCount = q.value(3).toInt();
            row.checkedAt = timeFromValue(q.value(4));
            it = out.insert(attemptId, row);
        }
        if (q.value(5).isNull())
            continue;
        AssertionCheckRow a;
        a.index = q.value(5).toInt();
        a.type = q.value(6).toString();
        a.weight = q.value(7).toDouble();
        if (!q.value(8).isNull())
            a.passed = q.value(8).toInt() != 0;
        a.score = q.value(9).toDouble();
        a.reason = q.value(10).toString();
        it->assertions.append(a);
    }
    if (!endOfRows(q, doing))
        return std::nullopt;
    return out;
}

bool Store::updateAssertions(qint64 promptSetId, const PromptSet& from, QString* error)
{
    namespace S = db::promptSets;
    namespace P = db::prompts;
    const QString doing = tr("updating the assertions of prompt set %1").arg(promptSetId);
    if (!checkWrite(error))
        return false;
    std::optional<PromptSet> stored = loadPromptSet(promptSetId);
    if (!stored) {
        setError(error, m_lastError.isEmpty() ? tr("%1: there is no such prompt set").arg(doing) : m_lastError);
        return false;
    }
    if (!m_db.transaction())
        return fail(error, doing, m_db.lastError());
    QSqlQuery setQ(m_db);
    setQ.prepare(u"UPDATE "_s + S::table + u" SET "_s + S::defaultsJson + u" = ? WHERE "_s + db::id + u" = ?"_s);
    setQ.addBindValue(from.defaults.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : jsonValue(from.defaults));
    setQ.addBindValue(promptSetId);
    bool ok = setQ.exec();
    QSqlError lastError = setQ.lastError();
    QSqlQuery promptQ(m_db);
    promptQ.prepare(u"UPDATE "_s + P::table + u" SET "_s + P::metadataJson + u" = ? WHERE "_s + db::id + u" = ?"_s);
    for (const Prompt& mine : stored->prompts) {
        if (!ok)
            break;
        for (const Prompt& theirs : from.prompts) {
            if (theirs.id != mine.id)
                continue;
            // What the checks read: the assertions, and what scripts see (the transform, the vars).
            QJsonObject metadata = mine.metadata;
            for (const QString& key : { u"assert"_s, u"transform"_s, u"vars"_s }) {
                if (theirs.metadata.contains(key))
                    metadata.insert(key, theirs.metadata.value(key));
                else
                    metadata.remove(key);
            }
            promptQ.addBindValue(metadata.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : jsonValue(metadata));
            promptQ.addBindValue(mine.dbId);
            ok = promptQ.exec();
            lastError = promptQ.lastError();
            break;
        }
    }
    if (!ok || !m_db.commit()) {
        const QSqlError e = ok ? m_db.lastError() : lastError;
        m_db.rollback();
        return fail(error, doing, e);
    }
    return true;
}

bool Store::saveJudgeVerdicts(qint64 judgeRunId, QVector<JudgeVerdictRow>& rows, QString* error)
{
    const QString doing = tr("recording %n judge verdict(s)", nullptr, int(rows.size()));
    if (!checkWrite(error))
        return false;
    if (!m_db.transaction())
        return fail(error, doing, m_db.lastError());
    QSqlQuery q(m_db);
    q.prepare(u"DELETE FROM "_s + J::table + u" WHERE "_s + J::judgeRunId + u" = ?"_s);
    q.addBindValue(judgeRunId);
    if (!q.exec()) {
        const QSqlError e = q.lastError();
        m_db.rollback();
        return fail(error, doing, e);
    }
    q.prepare(insertStatement(J::table,
                              { J::runId, J::judgeRunId, J::kind, J::promptId, J::repeatIndex, J::firstAttemptId,
                                J::secondAttemptId, J::outcome, J::score, J::assertionIndex, J::reason, J::createdAt })
              + m_dialect->insertSuffix());
    const QVariant now = timeValue(Clock::system().nowUtc());
    for (JudgeVerdictRow& v : rows) {
        v.judgeRunId = judgeRunId;
        q.addBindValue(v.runId);
        q.addBindValue(v.judgeRunId);
        q.addBindValue(v.kind);
        q.addBindValue(v.promptId);
        q.addBindValue(v.repeatIndex);
        q.addBindValue(v.firstAttemptId);
        q.addBindValue(optionalValue(v.secondAttemptId));
        q.addBindValue(v.outcome.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(v.outcome));
        q.addBindValue(optionalValue(v.score));
        q.addBindValue(optionalValue(v.assertionIndex));
        q.addBindValue(v.reason);
        q.addBindValue(v.createdAt.isValid() ? timeValue(v.createdAt) : now);
        std::optional<qint64> id;
        if (q.exec())
            id = insertedId(q);
        if (!id) {
            const QSqlError e = q.lastError();
            m_db.rollback();
            for (auto& r : rows)
                r.id = 0;
            return fail(error, doing, e);
        }
        v.id = *id;
    }
    if (!m_db.commit()) {
        const QSqlError e = m_db.lastError();
        m_db.rollback();
        return fail(error, doing, e);
    }
    return true;
}

std::optional<qint64> Store::latestJudgeRun(qint64 runId)
{
    namespace R = db::runs;
    const QString doing = tr("finding the judge runs of run %1").arg(runId);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT MAX(%1) FROM %2 WHERE %3 = 'judge' AND %4 = ?"_s.arg(db::id, R::table, R::kind, R::parentRunId));
    q.addBindValue(runId);
    if (!execRead(q, doing))
        return std::nullopt;
    if (!q.next()) {
        endOfRows(q, doing);
        return std::nullopt;
    }
    return q.value(0).toLongLong();
}

std::optional<bool> Store::hasJudgeVerdicts(qint64 runId, qint64 judgeRunId)
{
    const QString doing = tr("reading whether judge run %1 judged run %2").arg(judgeRunId).arg(runId);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT EXISTS (SELECT 1 FROM %1 WHERE %2 = ? AND %3 = ?)"_s.arg(J::table, J::runId, J::judgeRunId));
    q.addBindValue(runId);
    q.addBindValue(judgeRunId);
    if (!execRead(q, doing))
        return std::nullopt;
    if (!q.next()) {
        endOfRows(q, doing);
        return std::nullopt;
    }
    const bool found = q.value(0).toBool();
    if (!endOfRows(q, doing))
        return std::nullopt;
    return found;
}

std::optional<QVector<JudgeVerdictRow>> Store::judgeVerdicts(qint64 runId)
{
    const QString doing = tr("reading the judge verdicts of run %1").arg(runId);
    QVector<JudgeVerdictRow> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT "_s
              + columnList({ db::id, J::judgeRunId, J::kind, J::promptId, J::repeatIndex, J::firstAttemptId,
                             J::secondAttemptId, J::outcome, J::score, J::assertionIndex, J::reason, J::createdAt })
              + u" FROM "_s + J::table + u" WHERE "_s + J::runId + u" = ? ORDER BY "_s + db::id);
    q.addBindValue(runId);
    if (!execRead(q, doing))
        return std::nullopt;
    while (q.next()) {
        JudgeVerdictRow v;
        v.id = q.value(0).toLongLong();
        v.runId = runId;
        v.judgeRunId = q.value(1).toLongLong();
        v.kind = q.value(2).toString();
        v.promptId = q.value(3).toLongLong();
        v.repeatIndex = q.value(4).toInt();
        v.firstAttemptId = q.value(5).toLongLong();
        v.secondAttemptId = optionalInt(q.value(6));
        v.outcome = q.value(7).toString();
        if (!q.value(8).isNull())
            v.score = q.value(8).toInt();
        if (!q.value(9).isNull())
            v.assertionIndex = q.value(9).toInt();
        v.reason = q.value(10).toString();
        v.createdAt = timeFromValue(q.value(11));
        out.append(v);
    }
    if (!endOfRows(q, doing))
        return std::nullopt;
    return out;
}

} // namespace tierlens
