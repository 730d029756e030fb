// Store: prompt sets and their prompts.
#include "Store.h"

#include "SqlDialect.h"
#include "SqlUtil.h"
#include "StoreSchema.h"
#include "util/Clock.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace S = db::promptSets;
namespace P = db::prompts;

std::optional<qint64> Store::savePromptSet(PromptSet& set, QString* error)
{
    const QString doing = tr("saving prompt set '%1'").arg(set.name);
    if (!checkWrite(error))
        return std::nullopt;
    if (set.name.isEmpty()) {
        setError(error, tr("%1: the set has no name").arg(doing));
        return std::nullopt;
    }
    QHash<QString, int> seen;
    for (int i = 0; i < set.prompts.size(); ++i) {
        const QString& extId = set.prompts.at(i).id;
        if (extId.isEmpty()) {
            setError(error, tr("%1: prompt %2 has no id").arg(doing).arg(i + 1));
            return std::nullopt;
        }
        if (seen.contains(extId)) {
            setError(error,
                     tr("%1: prompt id '%2' appears twice (prompts %3 and %4)")
                         .arg(doing, extId)
                         .arg(seen.value(extId) + 1)
                         .arg(i + 1));
            return std::nullopt;
        }
        seen.insert(extId, i);
    }

    // Only a matching content hash proves the prompts are the same; without one, a new set is stored.
    QSqlError why;
    std::optional<qint64> stored = findPromptSet(set, &why);
    if (!stored) {
        fail(error, doing, why);
        return std::nullopt;
    }
    if (*stored > 0)
        return reusePromptSet(set, *stored, error) ? stored : std::nullopt;

    for (int tries = 1;; ++tries) {
        bool reuse = false;
        const std::optional<qint64> setId = insertPromptSet(set, &reuse, &why);
        if (setId && reuse)
            return reusePromptSet(set, *setId, error) ? setId : std::nullopt;
        if (setId) {
            set.dbId = *setId;
            return setId;
        }
        for (Prompt& p : set.prompts)
            p.dbId = 0;
        if (retryAfter(why, tries))
            continue;
        fail(error, doing, why);
        return std::nullopt;
    }
}

std::optional<qint64> Store::findPromptSet(const PromptSet& set, QSqlError* e)
{
    if (set.sourceSha256.isEmpty())
        return 0;
    QSqlQuery find(m_db);
    find.prepare(u"SELECT "_s + db::id + u" FROM "_s + S::table + u" WHERE "_s + S::name + u" = ? AND "_s
                 + S::sourceSha256 + u" = ? ORDER BY "_s + db::id + u" LIMIT 1"_s);
    find.addBindValue(set.name);
    find.addBindValue(set.sourceSha256);
    if (!find.exec()) {
        *e = find.lastError();
        return std::nullopt;
    }
    if (find.next())
        return find.value(0).toLongLong();
    if (find.lastError().isValid()) {
        *e = find.lastError();
        return std::nullopt;
    }
    return 0;
}

bool Store::reusePromptSet(PromptSet& set, qint64 setId, QString* error)
{
    const QString doing = tr("saving prompt set '%1'").arg(set.name);
    QSqlQuery ids(m_db);
    ids.prepare(u"SELECT "_s + columnList({ db::id, P::extId }) + u" FROM "_s + P::table + u" WHERE "_s + P::promptSetId
                + u" = ?"_s);
    ids.addBindValue(setId);
    if (!ids.exec())
        return fail(error, doing, ids.lastError());
    QHash<QString, qint64> byExtId;
    while (ids.next())
        byExtId.insert(ids.value(1).toString(), ids.value(0).toLongLong());
    if (ids.lastError().isValid())
        return fail(error, doing, ids.lastError());
    for (Prompt& p : set.prompts) {
        if (!byExtId.contains(p.id)) {
            setError(error,
                     tr("%1: the stored set %2 with the same hash has no prompt '%3'").arg(doing).arg(setId).arg(p.id));
            return false;
        }
    }
    for (Prompt& p : set.prompts)
        p.dbId = byExtId.value(p.id);
    set.dbId = setId;
    return true;
}

std::optional<qint64> Store::insertPromptSet(PromptSet& set, bool* reuse, QSqlError* e)
{
    auto failed = [&](const QSqlError& why) -> std::optional<qint64> {
        // Before the function's queries go: PostgreSQL cannot free a statement inside a failed transaction.
        m_db.rollback();
        *e = why;
        return std::nullopt;
    };
    if (!m_db.transaction())
        return failed(m_db.lastError());
    // Another desktop may be saving the same set into a shared database: the first one stores it, and this one
    // finds it once it holds the lock.
    if (m_dialect->hasKeyLocks() && !set.sourceSha256.isEmpty()) {
        if (!m_dialect->lockKey(m_db, u"prompt-set\n"_s + set.name + u'\n' + set.sourceSha256, e))
            return failed(*e);
        const std::optional<qint64> stored = findPromptSet(set, e);
        if (!stored)
            return failed(*e);
        if (*stored > 0) {
            if (!m_db.commit())
                return failed(m_db.lastError());
            *reuse = true;
            return stored;
        }
    }
    QSqlQuery insertSet(m_db);
    insertSet.prepare(
        insertStatement(S::table, { S::name, S::sourcePath, S::sourceSha256, S::createdAt, S::defaultsJson })
        + m_dialect->insertSuffix());
    insertSet.addBindValue(set.name);
    insertSet.addBindValue(set.sourcePath);
    insertSet.addBindValue(set.sourceSha256);
    insertSet.addBindValue(timeValue(Clock::system().nowUtc()));
    insertSet.addBindValue(set.defaults.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : jsonValue(set.defaults));
    if (!insertSet.exec())
        return failed(insertSet.lastError());
    const std::optional<qint64> setId = insertedId(insertSet);
    if (!setId)
        return failed(insertSet.lastError());

    if (!insertPrompts(*setId, 0, set.prompts, e))
        return failed(*e);
    if (!m_db.commit())
        return failed(m_db.lastError());
    return setId;
}

bool Store::insertPrompts(qint64 setId, int firstOrdinal, QVector<Prompt>& prompts, QSqlError* e)
{
    QSqlQuery insertPrompt(m_db);
    insertPrompt.prepare(insertStatement(P::table,
                                         { P::promptSetId, P::ordinal, P::extId, P::category, P::systemPrompt,
                                           P::messagesJson, P::optionsJson, P::expected, P::metadataJson })
                         + m_dialect->insertSuffix());
    for (int i = 0; i < prompts.size(); ++i) {
        Prompt& p = prompts[i];
        insertPrompt.bindValue(0, setId);
        insertPrompt.bindValue(1, firstOrdinal + i);
        insertPrompt.bindValue(2, p.id);
        insertPrompt.bindValue(3, p.category.isEmpty() ? u"general"_s : p.category);
        insertPrompt.bindValue(4, p.system);
        insertPrompt.bindValue(5, jsonValue(p.messages));
        insertPrompt.bindValue(6, jsonValue(p.options));
        insertPrompt.bindValue(7, p.expected);
        insertPrompt.bindValue(8, jsonValue(p.metadata));
        const std::optional<qint64> promptId = insertPrompt.exec() ? insertedId(insertPrompt) : std::nullopt;
        if (!promptId) {
            *e = insertPrompt.lastError();
            return false;
        }
        p.dbId = *promptId;
    }
    return true;
}

bool Store::appendPrompts(qint64 setId, int firstOrdinal, QVector<Prompt>& prompts, QString* error)
{
    const QString doing = tr("adding %n prompt(s) to prompt set %1", nullptr, int(prompts.size())).arg(setId);
    if (!checkWrite(error))
        return false;
    for (int tries = 1;; ++tries) {
        QSqlError why;
        if (m_db.transaction() && insertPrompts(setId, firstOrdinal, prompts, &why) && m_db.commit())
            return true;
        if (why.type() == QSqlError::NoError)
            why = m_db.lastError();
        m_db.rollback();
        for (Prompt& p : prompts)
            p.dbId = 0;
        // A serialization failure or a deadlock on a team database is tried again, as every write is.
        if (retryAfter(why, tries))
            continue;
        fail(error, doing, why);
        return false;
    }
}

std::optional<PromptSet> Store::loadPromptSet(qint64 id)
{
    const QString doing = tr("loading prompt set %1").arg(id);
    m_lastError.clear();
    QSqlQuery q(m_db);
    q.prepare(u"SELECT "_s + columnList({ S::name, S::sourcePath, S::sourceSha256, S::defaultsJson }) + u" FROM "_s
              + S::table + u" WHERE "_s + db::id + u" = ?"_s);
    q.addBindValue(id);
    if (!execRead(q, doing))
        return std::nullopt;
    if (!q.next()) {
        endOfRows(q, doing); // lastError() stays empty when there simply is no such set
        return std::nullopt;
    }
    PromptSet set;
    set.dbId = id;
    set.name = q.value(0).toString();
    set.sourcePath = q.value(1).toString();
    set.sourceSha256 = q.value(2).toString();
    set.defaults = jsonObjectFromValue(q.value(3));

    QSqlQuery pq(m_db);
    pq.setForwardOnly(true);
    pq.prepare(u"SELECT "_s
               + columnList({ db::id, P::extId, P::category, P::systemPrompt, P::messagesJson, P::optionsJson,
                              P::expected, P::metadataJson })
               + u" FROM "_s + P::table + u" WHERE "_s + P::promptSetId + u" = ? ORDER BY "_s + P::ordinal);
    pq.addBindValue(id);
    if (!execRead(pq, doing))
        return std::nullopt;
    while (pq.next()) {
        Prompt p;
        p.dbId = pq.value(0).toLongLong();
        p.id = pq.value(1).toString();
        p.category = pq.value(2).toString();
        p.system = pq.value(3).toString();
        p.messages = jsonArrayFromValue(pq.value(4));
        p.options = jsonObjectFromValue(pq.value(5));
        p.expected = pq.value(6).toString();
        p.metadata = jsonObjectFromValue(pq.value(7));
        set.prompts.append(p);
    }
    if (!endOfRows(pq, doing))
        return std::nullopt;
    return set;
}

std::optional<PromptSet> Store::requirePromptSet(const RunRow& run, QString* error)
{
    std::optional<PromptSet> set = loadPromptSet(run.promptSetId);
    if (!set)
        setError(error, m_lastError.isEmpty() ? tr("the prompt set of run %1 is missing").arg(run.id) : m_lastError);
    return set;
}

std::optional<QVector<PromptSetInfo>> Store::promptSets()
{
    const QString doing = tr("listing prompt sets");
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT s.%1, s.%2, s.%3, s.%4, s.%5, (SELECT COUNT(*) FROM %6 p WHERE p.%7 = s.%1) FROM %8 s "
              u"ORDER BY s.%5 DESC, s.%1 DESC"_s.arg(db::id, S::name, S::sourcePath, S::sourceSha256, S::createdAt,
                                                     P::table, P::promptSetId, S::table));
    QVector<PromptSetInfo> out;
    if (!execRead(q, doing))
        return std::nullopt;
    while (q.next()) {
        PromptSetInfo info;
        info.id = q.value(0).toLongLong();
        info.name = q.value(1).toString();
        info.sourcePath = q.value(2).toString();
        info.sourceSha256 = q.value(3).toString();
        info.createdAt = timeFromValue(q.value(4));
        info.promptCount = q.value(5).toInt();
        out.append(info);
    }
    if (!endOfRows(q, doing))
        return std::nullopt;
    return out;
}

} // namespace tierlens
