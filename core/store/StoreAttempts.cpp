// Store: the engine's write path (attempts and results) and the resume queries.
#include "Store.h"

#include "SqlDialect.h"
#include "SqlUtil.h"
#include "StoreSchema.h"
#include "WriteStatement.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace A = db::attempts;
namespace Res = db::results;

namespace {

// Insertion order of the attempt columns; attemptColumns() reads them back in the same order after the id.
const std::initializer_list<QLatin1StringView> kAttemptColumns
    = { A::runId,           A::runModelId,       A::promptId,    A::repeatIndex,    A::attemptNo,
        A::startedAt,       A::queueWaitMs,      A::headersMs,   A::ttftMs,         A::ttfatMs,
        A::latencyMs,       A::outputTps,        A::httpStatus,  A::finishReason,   A::errorClass,
        A::errorMessage,    A::retryAfterMs,     A::content,     A::reasoning,      A::toolCallsJson,
        A::promptTokens,    A::completionTokens, A::totalTokens, A::cacheHitTokens, A::cacheMissTokens,
        A::reasoningTokens, A::costUsd,          A::flags,       A::rawUsage,       A::turnIndex };

QString validateAttempt(const AttemptRow& a)
{
    if (a.attemptNo < 1)
        return Store::tr("attempt_no is %1; attempts are numbered from 1").arg(a.attemptNo);
    if (a.repeatIndex < 0)
        return Store::tr("repeat_index is %1; repeats are numbered from 0").arg(a.repeatIndex);
    if (!a.startedAt.isValid())
        return Store::tr("started_at is not set");
    return QString();
}

} // namespace

QString Store::attemptColumns(QLatin1StringView alias)
{
    const QString prefix = alias + u'.';
    QString out = prefix + db::id;
    for (QLatin1StringView c : kAttemptColumns)
        out += u", "_s + prefix + c;
    return out;
}

QString Store::isRetry(QLatin1StringView alias)
{
    // Turn 0 is the first: any later number of it retries. A later turn's attempt retries when the one before it
    // (looked up through the item's unique attempt number) answered the same turn.
    return u"(%1.%2 > 1 AND (%1.%3 = 0 OR EXISTS (SELECT 1 FROM %4 prev WHERE prev.%5 = %1.%5 AND prev.%6 = %1.%6 AND "
           u"prev.%7 = %1.%7 AND prev.%2 = %1.%2 - 1 AND prev.%3 = %1.%3)))"_s.arg(
               alias, A::attemptNo, A::turnIndex, A::table, A::runModelId, A::promptId, A::repeatIndex);
}

AttemptRow Store::attemptFromQuery(const QSqlQuery& q, int first)
{
    auto v = [&](int i) { return q.value(first + i); };
    AttemptRow a;
    a.id = v(0).toLongLong();
    a.runId = v(1).toLongLong();
    a.runModelId = v(2).toLongLong();
    a.promptId = v(3).toLongLong();
    a.repeatIndex = v(4).toInt();
    a.attemptNo = v(5).toInt();
    a.startedAt = timeFromValue(v(6));
    a.queueWaitMs = optionalDouble(v(7));
    a.headersMs = optionalDouble(v(8));
    a.ttftMs = optionalDouble(v(9));
    a.ttfatMs = optionalDouble(v(10));
    a.latencyMs = v(11).toDouble();
    a.outputTps = optionalDouble(v(12));
    a.httpStatus = v(13).toInt();
    a.outcome.finishReason = v(14).toString();
    // An error class written by a newer build reads as Malformed rather than as success.
    a.outcome.error = errorClassFromName(v(15).toString()).value_or(ErrorClass::Malformed);
    a.outcome.errorMessage = v(16).toString();
    a.retryAfterMs = optionalInt(v(17));
    a.outcome.content = v(18).toString();
    a.outcome.reasoning = v(19).toString();
    a.outcome.toolCalls = toolCallsFromJson(jsonArrayFromValue(v(20)));
    a.outcome.usage.promptTokens = optionalInt(v(21));
    a.outcome.usage.completionTokens = optionalInt(v(22));
    a.outcome.usage.totalTokens = optionalInt(v(23));
    a.outcome.usage.cacheHitTokens = optionalInt(v(24));
    a.outcome.usage.cacheMissTokens = optionalInt(v(25));
    a.outcome.usage.reasoningTokens = optionalInt(v(26));
    a.costUsd = optionalDouble(v(27));
    a.outcome.flags = attemptFlagsFromString(v(28).toString());
    a.outcome.rawUsage = v(29).toString().toUtf8();
    a.turnIndex = v(30).toInt();
    return a;
}

bool Store::prepareStatements(QString* error)
{
    QSqlError e;
    m_insertAttempt
        = m_dialect->prepareWrite(m_db, insertStatement(A::table, kAttemptColumns) + m_dialect->insertSuffix(), &e);
    if (!m_insertAttempt)
        return fail(error, tr("preparing the attempt insert"), e);

    // The item's cost is summed in the same statement, over attempts already written in this transaction;
    // SUM of only NULLs stays NULL, so "no usage reported" survives.
    // The parameters sit in a SELECT list, where PostgreSQL cannot infer their types from the target columns:
    // the casts say them, and cost SQLite nothing.
    const QString integer = u"CAST(? AS "_s + m_dialect->integerType() + u')';
    const QString text = u"CAST(? AS "_s + m_dialect->textType() + u')';
    const QStringList values
        = { integer, integer, integer, integer, integer, integer, text, text, u"SUM("_s + A::costUsd + u')', text };
    const QString sql
        = u"INSERT INTO %1 (%2) SELECT %3 FROM %4 WHERE %5 = ? AND %6 = ? AND %7 = ?"_s.arg(
              Res::table,
              columnList({ Res::runId, Res::runModelId, Res::promptId, Res::repeatIndex, Res::finalAttemptId,
                           Res::attemptCount, Res::status, Res::errorClass, Res::costUsd, Res::completedAt }),
              values.join(u", "_s), A::table, A::runModelId, A::promptId, A::repeatIndex)
        + m_dialect->insertSuffix();
    m_insertResult = m_dialect->prepareWrite(m_db, sql, &e);
    if (!m_insertResult)
        return fail(error, tr("preparing the result insert"), e);
    return prepareCheckStatements(error);
}

bool Store::recordAttempts(QVector<AttemptRow>& batch, QString* error)
{
    if (batch.isEmpty())
        return true;
    const qint64 runId = batch.constFirst().runId;
    auto doing = [&] { return tr("recording %n attempts of run %1", nullptr, int(batch.size())).arg(runId); };
    if (!checkWrite(error))
        return false;
    for (int i = 0; i < batch.size(); ++i) {
        const QString problem = validateAttempt(batch.at(i));
        if (!problem.isEmpty()) {
            setError(error, tr("%1: row %2 of the batch: %3").arg(doing()).arg(i + 1).arg(problem));
            return false;
        }
    }
    // The whole batch again after a serialization failure or deadlock: PostgreSQL has rolled it back already.
    for (int tries = 1;; ++tries) {
        int row = -1;
        QSqlError e;
        if (writeAttempts(batch, &row, &e))
            return true;
        for (AttemptRow& a : batch)
            a.id = 0;
        if (retryAfter(e, tries))
            continue;
        return fail(error, row < 0 ? doing() : tr("%1: row %2 of the batch").arg(doing()).arg(row + 1), e);
    }
}

bool Store::writeAttempts(QVector<AttemptRow>& batch, int* failedRow, QSqlError* e)
{
    if (!m_db.transaction()) {
        *e = m_db.lastError();
        return false;
    }
    auto failed = [&](int row, const QSqlError& why) {
        // Before the function's queries go: PostgreSQL cannot free a statement inside a failed transaction.
        m_db.rollback();
        *failedRow = row;
        *e = why;
        return false;
    };
    WriteStatement& ins = *m_insertAttempt;
    WriteStatement& res = *m_insertResult;
    for (int i = 0; i < batch.size(); ++i) {
        AttemptRow& a = batch[i];
        const TokenUsage& u = a.outcome.usage;
        const QString errorClass = errorClassName(a.outcome.error);
        ins.bind(0, a.runId);
        ins.bind(1, a.runModelId);
        ins.bind(2, a.promptId);
        ins.bind(3, a.repeatIndex);
        ins.bind(4, a.attemptNo);
        ins.bind(5, timeText(a.startedAt));
        ins.bind(6, a.queueWaitMs);
        ins.bind(7, a.headersMs);
        ins.bind(8, a.ttftMs);
        ins.bind(9, a.ttfatMs);
        ins.bind(10, a.latencyMs);
        ins.bind(11, a.outputTps);
        ins.bind(12, a.httpStatus);
        ins.bind(13, a.outcome.finishReason);
        ins.bind(14, errorClass);
        ins.bind(15, a.outcome.errorMessage);
        ins.bind(16, a.retryAfterMs);
        ins.bind(17, a.outcome.content);
        ins.bind(18, a.outcome.reasoning);
        ins.bind(19, jsonText(toolCallsToJson(a.outcome.toolCalls)));
        ins.bind(20, u.promptTokens);
        ins.bind(21, u.completionTokens);
        ins.bind(22, u.totalTokens);
        ins.bind(23, u.cacheHitTokens);
        ins.bind(24, u.cacheMissTokens);
        ins.bind(25, u.reasoningTokens);
        ins.bind(26, a.costUsd);
        const QString flags = attemptFlagsToString(a.outcome.flags);
        ins.bind(27, flags.isEmpty() ? QString() : flags);
        ins.bind(28, a.outcome.rawUsage.isEmpty() ? QString() : QString::fromUtf8(a.outcome.rawUsage));
        ins.bind(29, a.turnIndex);
        if (!ins.exec())
            return failed(i, ins.lastError());
        const std::optional<qint64> id = ins.insertedId();
        if (!id)
            return failed(i, ins.lastError());
        a.id = *id;
        if (!a.isFinal)
            continue;
        // Completion is when the final attempt ended, on the same clock that stamped its start.
        res.bind(0, a.runId);
        res.bind(1, a.runModelId);
        res.bind(2, a.promptId);
        res.bind(3, a.repeatIndex);
        res.bind(4, a.id);
        res.bind(5, a.attemptNo);
        res.bind(6, a.outcome.ok() ? u"ok"_s : u"error"_s);
        res.bind(7, errorClass);
        res.bind(8, timeText(a.startedAt.addMSecs(qint64(a.latencyMs))));
        res.bind(9, a.runModelId);
        res.bind(10, a.promptId);
        res.bind(11, a.repeatIndex);
        if (!res.exec())
            return failed(i, res.lastError());
    }
    if (!m_db.commit())
        return failed(-1, m_db.lastError());
    return true;
}

std::optional<QVector<AttemptRow>> Store::attempts(qint64 runId)
{
    const QString doing = tr("reading the attempts of run %1").arg(runId);
    QVector<AttemptRow> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT "_s + attemptColumns(QLatin1StringView("a"))
              + u", EXISTS (SELECT 1 FROM %1 r WHERE r.%2 = a.%3) FROM %4 a WHERE a.%5 = ? ORDER BY a.%3"_s.arg(
                  Res::table, Res::finalAttemptId, db::id, A::table, A::runId));
    q.addBindValue(runId);
    if (!execRead(q, doing))
        return std::nullopt;
    while (q.next()) {
        AttemptRow a = attemptFromQuery(q, 0);
        a.isFinal = q.value(int(kAttemptColumns.size()) + 1).toInt() != 0;
        out.append(a);
    }
    if (!endOfRows(q, doing))
        return std::nullopt;
    return out;
}

std::optional<QSet<ItemKey>> Store::completedItems(qint64 runId)
{
    const QString doing = tr("reading the completed items of run %1").arg(runId);
    QSet<ItemKey> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT "_s + columnList({ Res::runModelId, Res::promptId, Res::repeatIndex }) + u" FROM "_s + Res::table
              + u" WHERE "_s + Res::runId + u" = ?"_s);
    q.addBindValue(runId);
    if (!execRead(q, doing))
        return std::nullopt;
    while (q.next())
        out.insert(ItemKey { q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toInt() });
    if (!endOfRows(q, doing))
        return std::nullopt;
    return out;
}

std::optional<QHash<ItemKey, int>> Store::attemptCounts(qint64 runId)
{
    // The highest number, not the count: numbering continues after it even if an attempt row was lost.
    const QString doing = tr("reading the unfinished items of run %1").arg(runId);
    QHash<ItemKey, int> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT a.%1, a.%2, a.%3, MAX(a.%4) FROM %5 a WHERE a.%6 = ? AND NOT EXISTS (SELECT 1 FROM %7 r "
              u"WHERE r.%8 = a.%1 AND r.%9 = a.%2 AND r.%10 = a.%3) GROUP BY a.%1, a.%2, a.%3"_s.arg(
                  A::runModelId, A::promptId, A::repeatIndex, A::attemptNo, A::table, A::runId, Res::table,
                  Res::runModelId, Res::promptId, Res::repeatIndex));
    q.addBindValue(runId);
    if (!execRead(q, doing))
        return std::nullopt;
    while (q.next())
        out.insert(ItemKey { q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toInt() },
                   q.value(3).toInt());
    if (!endOfRows(q, doing))
        return std::nullopt;
    return out;
}

std::optional<QHash<ItemKey, QStringList>> Store::turnAnswers(qint64 runId, bool unfinishedOnly)
{
    // Of items without a result only, when asked: what a resume carries on from.
    const QString unfinished = unfinishedOnly
        ? u" AND NOT EXISTS (SELECT 1 FROM %1 r WHERE r.%2 = a.%3 AND r.%4 = a.%5 AND r.%6 = a.%7)"_s.arg(
            Res::table, Res::runModelId, A::runModelId, Res::promptId, A::promptId, Res::repeatIndex, A::repeatIndex)
        : QString();
    return readTurnAnswers(u"a.%1 = ?"_s.arg(A::runId) + unfinished, { runId },
                           tr("reading the answers of run %1 turn by turn").arg(runId));
}

std::optional<QStringList> Store::turnAnswers(qint64 runId, const ItemKey& item)
{
    const auto read = readTurnAnswers(
        u"a.%1 = ? AND a.%2 = ? AND a.%3 = ? AND a.%4 = ?"_s.arg(A::runId, A::runModelId, A::promptId, A::repeatIndex),
        { runId, item.runModelId, item.promptId, item.repeatIndex },
        tr("reading the answers of prompt %1 (repeat %2) turn by turn").arg(item.promptId).arg(item.repeatIndex + 1));
    if (!read)
        return std::nullopt;
    return read->value(item);
}

std::optional<QHash<ItemKey, QStringList>> Store::readTurnAnswers(const QString& where, const QVector<QVariant>& values,
                                                                  const QString& doing)
{
    QHash<ItemKey, QStringList> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // The answered attempts, turn by turn; a turn's answer is its answered attempt (the engine asks the next turn
    // once one arrives, so there is one). A result's own answer is no turn before the last: only a conversation's
    // earlier turns are read.
    q.prepare(u"SELECT a.%1, a.%2, a.%3, a.%4, a.%5 FROM %6 a WHERE "_s.arg(A::runModelId, A::promptId, A::repeatIndex,
                                                                            A::turnIndex, A::content, A::table)
              + where + u" AND a.%1 = ?"_s.arg(A::errorClass)
              + u" AND NOT EXISTS (SELECT 1 FROM %1 f WHERE f.%2 = a.%3)"_s.arg(Res::table, Res::finalAttemptId, db::id)
              + u" ORDER BY a.%1, a.%2, a.%3, a.%4, a.%5"_s.arg(A::runModelId, A::promptId, A::repeatIndex,
                                                                A::turnIndex, A::attemptNo));
    for (const QVariant& v : values)
        q.addBindValue(v);
    q.addBindValue(errorClassName(ErrorClass::None));
    if (!execRead(q, doing))
        return std::nullopt;
    while (q.next()) {
        const ItemKey key { q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toInt() };
        QStringList& answers = out[key];
        if (q.value(3).toInt() == answers.size())
            answers.append(q.value(4).toString());
    }
    if (!endOfRows(q, doing))
        return std::nullopt;
    return out;
}

std::optional<QHash<ItemKey, ItemProgress>> Store::unfinishedProgress(qint64 runId)
{
    const QString doing = tr("reading the unfinished items of run %1").arg(runId);
    QHash<ItemKey, ItemProgress> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT a.%1, a.%2, a.%3, a.%4, COUNT(*), SUM(a.%5), COUNT(a.%5) FROM %6 a WHERE a.%7 = ? AND NOT "
              u"EXISTS (SELECT 1 FROM %8 r WHERE r.%9 = a.%1 AND r.%10 = a.%2 AND r.%11 = a.%3) "
              u"GROUP BY a.%1, a.%2, a.%3, a.%4"_s.arg(A::runModelId, A::promptId, A::repeatIndex, A::turnIndex,
                                                       A::costUsd, A::table, A::runId, Res::table, Res::runModelId,
                                                       Res::promptId, Res::repeatIndex));
    q.addBindValue(runId);
    if (!execRead(q, doing))
        return std::nullopt;
    while (q.next()) {
        ItemProgress& p = out[ItemKey { q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toInt() }];
        p.attemptsOfTurn.insert(q.value(3).toInt(), q.value(4).toInt());
        if (q.value(6).toLongLong() > 0)
            p.costUsd = p.costUsd.value_or(0) + q.value(5).toDouble();
    }
    if (!endOfRows(q, doing))
        return std::nullopt;
    return out;
}

} // namespace tierlens
