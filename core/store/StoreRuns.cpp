// Store: runs and the models they compare.
#include "Store.h"

#include "RunLease.h"
#include "SqlDialect.h"
#include "SqlUtil.h"
#include "StoreLocation.h"
#include "StoreSchema.h"
#include "util/Clock.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace R = db::runs;
namespace M = db::runModels;
namespace S = db::promptSets;
namespace A = db::attempts;

namespace {

const QStringList& runStatuses()
{
    static const QStringList s = { u"running"_s, u"completed"_s, u"cancelled"_s, u"failed"_s };
    return s;
}

// The store must never hold a secret. Keys reach the engine through the environment, so a snapshot that carries
// one is a bug upstream; refusing it keeps the key out of a file that people share.
QString findSecret(const QJsonValue& v, const QString& path)
{
    static const QRegularExpression secretKey(u"^(api[_-]?key|authorization|bearer|secret|password)$"_s,
                                              QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression secretValue(u"^(sk-[A-Za-z0-9_-]{16,}|Bearer\\s+\\S{8,})$"_s);
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString here = path.isEmpty() ? it.key() : path + u'.' + it.key();
            if (secretKey.match(it.key()).hasMatch() && !it.value().toString().isEmpty())
                return here;
            const QString inner = findSecret(it.value(), here);
            if (!inner.isEmpty())
                return inner;
        }
    } else if (v.isArray()) {
        const QJsonArray a = v.toArray();
        for (int i = 0; i < a.size(); ++i) {
            const QString inner = findSecret(a.at(i), path + u'[' + QString::number(i) + u']');
            if (!inner.isEmpty())
                return inner;
        }
    } else if (v.isString() && secretValue.match(v.toString().trimmed()).hasMatch()) {
        return path.isEmpty() ? u"(value)"_s : path;
    }
    return QString();
}

QString runSelect()
{
    namespace P = db::prompts;
    namespace Res = db::results;
    return u"SELECT r.%1, r.%2, s.%3, r.%4, r.%5, r.%6, r.%7, r.%8, r.%9, r.%10, r.%11, r.%12, r.%13, r.%14, r.%15, "
           u"(SELECT COUNT(*) FROM %16 p WHERE p.%17 = r.%2), "
           u"(SELECT COUNT(*) FROM %18 x WHERE x.%19 = r.%1), "
           u"(SELECT SUM(y.%20) FROM %27 y WHERE y.%28 = r.%1), r.%23, r.%24, r.%25, r.%26, r.%29 "
           u"FROM %21 r JOIN %22 s ON s.%1 = r.%2"_s
               .arg(db::id, R::promptSetId, S::name, R::createdAt, R::finishedAt, R::status, R::repeatCount,
                    R::maxAttempts, R::configJson, R::priceBookVersion, R::priceBookJson, R::clientLagP95Ms,
                    R::clientLagMaxMs, R::clientLagFlagged, R::toolVersion, P::table, P::promptSetId, Res::table,
                    Res::runId, A::costUsd, R::table, S::table, R::kind, R::parentRunId, R::leaseOwner,
                    R::leaseHeartbeatAt)
               .arg(A::table, A::runId, R::origin);
}

RunRow runFromQuery(const QSqlQuery& q)
{
    RunRow r;
    r.id = q.value(0).toLongLong();
    r.promptSetId = q.value(1).toLongLong();
    r.promptSetName = q.value(2).toString();
    r.createdAt = timeFromValue(q.value(3));
    r.finishedAt = timeFromValue(q.value(4));
    r.status = q.value(5).toString();
    r.repeatCount = q.value(6).toInt();
    r.maxAttempts = q.value(7).toInt();
    r.config = jsonObjectFromValue(q.value(8));
    r.priceBookVersion = q.value(9).toString();
    r.priceBookJson = q.value(10).toString().toUtf8();
    r.clientLagP95Ms = optionalDouble(q.value(11));
    r.clientLagMaxMs = optionalDouble(q.value(12));
    r.clientLagFlagged = q.value(13).toInt() != 0;
    r.toolVersion = q.value(14).toString();
    r.promptCount = q.value(15).toInt();
    r.resultCount = q.value(16).toLongLong();
    r.costUsd = optionalDouble(q.value(17));
    r.kind = q.value(18).toString();
    r.parentRunId = q.value(19).toLongLong();
    r.origin = q.value(22).toString();
    // A run still marked running whose process is gone was interrupted: resume it.
    const QString owner = q.value(20).toString();
    if (r.status == u"running"_s && !RunLease::isAlive(owner, timeFromValue(q.value(21)), Clock::system().nowUtc()))
        r.status = u"interrupted"_s;
    return r;
}

QString modelSelect()
{
    return u"SELECT "_s
        + columnList({ M::runId, db::id, M::label, M::provider, M::baseUrl, M::modelId, M::apiKeyEnv, M::concurrency,
                       M::optionsJson })
        + u" FROM "_s + M::table;
}

RunModelRow modelFromQuery(const QSqlQuery& q)
{
    RunModelRow m;
    m.id = q.value(1).toLongLong();
    m.label = q.value(2).toString();
    m.provider = q.value(3).toString();
    m.baseUrl = q.value(4).toString();
    m.modelId = q.value(5).toString();
    m.apiKeyEnv = q.value(6).toString();
    m.concurrency = q.value(7).toInt();
    m.options = jsonObjectFromValue(q.value(8));
    return m;
}

} // namespace

std::optional<qint64> Store::createRun(RunRow& run, QString* error)
{
    const QString doing = tr("creating a run of prompt set %1").arg(run.promptSetId);
    if (!checkWrite(error))
        return std::nullopt;
    if (run.status.isEmpty())
        run.status = u"running"_s;
    if (!runStatuses().contains(run.status)) {
        setError(error, tr("%1: unknown status '%2'").arg(doing, run.status));
        return std::nullopt;
    }
    if (run.models.isEmpty()) {
        setError(error, tr("%1: the run has no models").arg(doing));
        return std::nullopt;
    }
    static const QRegularExpression envName(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
    QString secretAt = findSecret(run.config, u"config"_s);
    for (int i = 0; i < run.models.size() && secretAt.isEmpty(); ++i) {
        const RunModelRow& m = run.models.at(i);
        if (!m.apiKeyEnv.isEmpty() && !envName.match(m.apiKeyEnv).hasMatch()) {
            setError(error,
                     tr("%1: model '%2': api_key_env must name an environment variable, not hold a key")
                         .arg(doing, m.label));
            return std::nullopt;
        }
        secretAt = findSecret(m.options, u"models[%1].options"_s.arg(i));
    }
    if (!secretAt.isEmpty()) {
        setError(
            error,
            tr("%1: %2 looks like an API key; the store keeps only environment variable names").arg(doing, secretAt));
        return std::nullopt;
    }
    if (!run.createdAt.isValid())
        run.createdAt = Clock::system().nowUtc();

    for (int tries = 1;; ++tries) {
        QSqlError why;
        if (insertRun(run, &why))
            return run.id;
        run.id = 0;
        for (RunModelRow& m : run.models)
            m.id = 0;
        if (retryAfter(why, tries))
            continue;
        fail(error, doing, why);
        return std::nullopt;
    }
}

bool Store::insertRun(RunRow& run, QSqlError* e)
{
    auto failed = [&](const QSqlError& why) {
        // Before the function's queries go: PostgreSQL cannot free a statement inside a failed transaction.
        m_db.rollback();
        *e = why;
        return false;
    };
    if (!m_db.transaction())
        return failed(m_db.lastError());
    QSqlQuery q(m_db);
    q.prepare(
        insertStatement(R::table,
                        { R::promptSetId, R::createdAt, R::finishedAt, R::status, R::repeatCount, R::maxAttempts,
                          R::configJson, R::priceBookVersion, R::priceBookJson, R::clientLagP95Ms, R::clientLagMaxMs,
                          R::clientLagFlagged, R::toolVersion, R::kind, R::parentRunId, R::origin })
        + m_dialect->insertSuffix());
    q.addBindValue(run.promptSetId);
    q.addBindValue(timeValue(run.createdAt));
    q.addBindValue(timeValue(run.finishedAt));
    q.addBindValue(run.status);
    q.addBindValue(run.repeatCount);
    q.addBindValue(run.maxAttempts);
    q.addBindValue(jsonValue(run.config));
    q.addBindValue(run.priceBookVersion);
    q.addBindValue(run.priceBookJson.isNull() ? QVariant(QMetaType::fromType<QString>())
                                              : QVariant(QString::fromUtf8(run.priceBookJson)));
    q.addBindValue(optionalValue(run.clientLagP95Ms));
    q.addBindValue(optionalValue(run.clientLagMaxMs));
    q.addBindValue(run.clientLagFlagged ? 1 : 0);
    q.addBindValue(run.toolVersion);
    q.addBindValue(run.kind.isEmpty() ? u"shadow"_s : run.kind);
    q.addBindValue(run.parentRunId > 0 ? QVariant(run.parentRunId) : QVariant(QMetaType::fromType<qint64>()));
    q.addBindValue(run.origin.isEmpty() ? u"offline"_s : run.origin);
    if (!q.exec())
        return failed(q.lastError());
    const std::optional<qint64> runId = insertedId(q);
    if (!runId)
        return failed(q.lastError());

    QSqlQuery mq(m_db);
    mq.prepare(insertStatement(M::table,
                               { M::runId, M::label, M::provider, M::baseUrl, M::modelId, M::apiKeyEnv, M::concurrency,
                                 M::optionsJson })
               + m_dialect->insertSuffix());
    for (RunModelRow& m : run.models) {
        mq.bindValue(0, *runId);
        mq.bindValue(1, m.label);
        mq.bindValue(2, m.provider);
        mq.bindValue(3, m.baseUrl);
        mq.bindValue(4, m.modelId);
        mq.bindValue(5, m.apiKeyEnv);
        mq.bindValue(6, m.concurrency);
        mq.bindValue(7, jsonValue(m.options));
        if (!mq.exec())
            return failed(mq.lastError());
        const std::optional<qint64> modelId = insertedId(mq);
        if (!modelId)
            return failed(mq.lastError());
        m.id = *modelId;
    }
    if (!m_db.commit())
        return failed(m_db.lastError());
    run.id = *runId;
    return true;
}

std::optional<RunRow> Store::loadRun(qint64 id)
{
    const QString doing = tr("loading run %1").arg(id);
    m_lastError.clear();
    QSqlQuery q(m_db);
    q.prepare(runSelect() + u" WHERE r."_s + db::id + u" = ?"_s);
    q.addBindValue(id);
    if (!execRead(q, doing))
        return std::nullopt;
    if (!q.next()) {
        endOfRows(q, doing); // an error says so in lastError(); no row and no error: there is no such run
        return std::nullopt;
    }
    RunRow run = runFromQuery(q);
    QSqlQuery mq(m_db);
    mq.prepare(modelSelect() + u" WHERE "_s + M::runId + u" = ? ORDER BY "_s + db::id);
    mq.addBindValue(id);
    if (!execRead(mq, doing))
        return std::nullopt;
    while (mq.next())
        run.models.append(modelFromQuery(mq));
    if (!endOfRows(mq, doing))
        return std::nullopt;
    return run;
}

std::optional<RunRow> Store::requireRun(qint64 id, QString* error)
{
    std::optional<RunRow> run = loadRun(id);
    if (!run) {
        const std::optional<StoreLocation> location = StoreLocation::parse(m_path, nullptr);
        setError(error,
                 m_lastError.isEmpty()
                     ? tr("there is no run %1 in %2").arg(id).arg(location ? location->displayName() : m_path)
                     : m_lastError);
    }
    return run;
}

std::optional<QVector<RunRow>> Store::runs()
{
    const QString doing = tr("listing runs");
    QVector<RunRow> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(runSelect() + u" ORDER BY r."_s + R::createdAt + u" DESC, r."_s + db::id + u" DESC"_s);
    if (!execRead(q, doing))
        return std::nullopt;
    QHash<qint64, int> indexById;
    while (q.next()) {
        indexById.insert(q.value(0).toLongLong(), out.size());
        out.append(runFromQuery(q));
    }
    if (!endOfRows(q, doing))
        return std::nullopt;
    QSqlQuery mq(m_db);
    mq.setForwardOnly(true);
    mq.prepare(modelSelect() + u" ORDER BY "_s + db::id);
    if (!execRead(mq, doing))
        return std::nullopt;
    while (mq.next()) {
        const auto it = indexById.constFind(mq.value(0).toLongLong());
        if (it != indexById.constEnd())
            out[*it].models.append(modelFromQuery(mq));
    }
    if (!endOfRows(mq, doing))
        return std::nullopt;
    return out;
}

bool Store::finishRun(qint64 runId, const QString& status, const QDateTime& at, QString* error)
{
    const QString doing = tr("finishing run %1").arg(runId);
    if (!checkWrite(error))
        return false;
    if (!runStatuses().contains(status)) {
        setError(error, tr("%1: unknown status '%2'").arg(doing, status));
        return false;
    }
    QSqlQuery q(m_db);
    q.prepare(u"UPDATE %1 SET %2 = ?, %3 = ? WHERE %4 = ?"_s.arg(R::table, R::status, R::finishedAt, db::id));
    q.addBindValue(status);
    q.addBindValue(timeValue(at));
    q.addBindValue(runId);
    if (!q.exec())
        return fail(error, doing, q.lastError());
    if (q.numRowsAffected() != 1) {
        setError(error, tr("%1: no such run").arg(doing));
        return false;
    }
    return true;
}

bool Store::setRunLag(qint64 runId, double p95Ms, double maxMs, bool flagged, QString* error)
{
    const QString doing = tr("recording the client lag of run %1").arg(runId);
    if (!checkWrite(error))
        return false;
    QSqlQuery q(m_db);
    q.prepare(u"UPDATE %1 SET %2 = ?, %3 = ?, %4 = ? WHERE %5 = ?"_s.arg(R::table, R::clientLagP95Ms, R::clientLagMaxMs,
                                                                         R::clientLagFlagged, db::id));
    q.addBindValue(p95Ms);
    q.addBindValue(maxMs);
    q.addBindValue(flagged ? 1 : 0);
    q.addBindValue(runId);
    if (!q.exec())
        return fail(error, doing, q.lastError());
    if (q.numRowsAffected() != 1) {
        setError(error, tr("%1: no such run").arg(doing));
        return false;
    }
    return true;
}

bool Store::acquireRunLease(qint64 runId, const QString& owner, const QDateTime& now, QString* error)
{
    const QString doing = tr("taking run %1 for this process").arg(runId);
    if (!checkWrite(error))
        return false;
    QSqlQuery q(m_db);
    q.prepare(u"SELECT %1, %2 FROM %3 WHERE %4 = ?"_s.arg(R::leaseOwner, R::leaseHeartbeatAt, R::table, db::id));
    q.addBindValue(runId);
    if (!q.exec())
        return fail(error, doing, q.lastError());
    if (!q.next()) {
        if (q.lastError().isValid())
            return fail(error, doing, q.lastError());
        setError(error, tr("%1: no such run").arg(doing));
        return false;
    }
    const QVariant holder = q.value(0);
    const QDateTime heartbeat = timeFromValue(q.value(1));
    q.finish();
    if (!holder.isNull() && holder.toString() != owner && RunLease::isAlive(holder.toString(), heartbeat, now)) {
        setError(error,
                 tr("run %1 is being sent by another process (%2); wait for it to end, or stop it, before resuming")
                     .arg(runId)
                     .arg(RunLease::describe(holder.toString(), heartbeat, now)));
        return false;
    }
    // Compare and set: only if nobody took the lease since it was read.
    QSqlQuery u(m_db);
    u.prepare(
        u"UPDATE %1 SET %2 = ?, %3 = ? WHERE %4 = ? AND "_s.arg(R::table, R::leaseOwner, R::leaseHeartbeatAt, db::id)
        + (holder.isNull() ? u"%1 IS NULL"_s.arg(R::leaseOwner) : u"%1 = ?"_s.arg(R::leaseOwner)));
    u.addBindValue(owner);
    u.addBindValue(timeValue(now));
    u.addBindValue(runId);
    if (!holder.isNull())
        u.addBindValue(holder.toString());
    if (!u.exec())
        return fail(error, doing, u.lastError());
    if (u.numRowsAffected() != 1) {
        setError(error,
                 tr("run %1 was taken by another process at the same moment; it is being sent there").arg(runId));
        return false;
    }
    return true;
}

bool Store::renewRunLease(qint64 runId, const QString& owner, const QDateTime& now, QString* error)
{
    const QString doing = tr("renewing this process's hold on run %1").arg(runId);
    if (!checkWrite(error))
        return false;
    QSqlQuery q(m_db);
    q.prepare(
        u"UPDATE %1 SET %2 = ? WHERE %3 = ? AND %4 = ?"_s.arg(R::table, R::leaseHeartbeatAt, db::id, R::leaseOwner));
    q.addBindValue(timeValue(now));
    q.addBindValue(runId);
    q.addBindValue(owner);
    if (!q.exec())
        return fail(error, doing, q.lastError());
    if (q.numRowsAffected() != 1) {
        setError(error, tr("another process has taken over run %1").arg(runId));
        return false;
    }
    return true;
}

bool Store::releaseRunLease(qint64 runId, const QString& owner, QString* error)
{
    const QString doing = tr("letting run %1 go").arg(runId);
    if (!checkWrite(error))
        return false;
    QSqlQuery q(m_db);
    q.prepare(u"UPDATE %1 SET %2 = NULL, %3 = NULL WHERE %4 = ? AND %2 = ?"_s.arg(R::table, R::leaseOwner,
                                                                                  R::leaseHeartbeatAt, db::id));
    q.addBindValue(runId);
    q.addBindValue(owner);
    if (!q.exec())
        return fail(error, doing, q.lastError());
    return true;
}

bool Store::deleteRun(qint64 runId, QString* error)
{
    const QString doing = tr("deleting run %1").arg(runId);
    if (!checkWrite(error))
        return false;
    // Models, attempts, results and their ratings go with the run through ON DELETE CASCADE.
    QSqlQuery q(m_db);
    q.prepare(u"DELETE FROM %1 WHERE %2 = ?"_s.arg(R::table, db::id));
    q.addBindValue(runId);
    if (!q.exec())
        return fail(error, doing, q.lastError());
    if (q.numRowsAffected() != 1) {
        setError(error, tr("%1: no such run").arg(doing));
        return false;
    }
    return true;
}

} // namespace tierlens
