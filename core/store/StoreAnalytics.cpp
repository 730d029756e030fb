// Store: the analytics queries the dashboard, the report and the policy read. Every figure is grouped in SQL so
// that a history of a million results sends the application a few hundred rows, not a million.
#include "Store.h"

#include "SqlDialect.h"
#include "SqlUtil.h"
#include "StoreSchema.h"

#include <QSqlError>
#include <QSqlQuery>

#include <cmath>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

namespace A = db::attempts;
namespace Res = db::results;
namespace M = db::runModels;
namespace P = db::prompts;
namespace R = db::runs;
namespace Rt = db::ratings;
namespace C = db::resultChecks;
namespace AC = db::assertionChecks;
namespace J = db::judgeVerdicts;

// Replaces ${name} with the schema's names, so the statements below read like SQL and still spell every table
// and column from StoreSchema.h.
QString sqlText(QString text)
{
    static const QList<std::pair<QString, QLatin1StringView>> names = {
        { u"results"_s, Res::table },
        { u"attempts"_s, A::table },
        { u"run_models"_s, M::table },
        { u"prompts"_s, P::table },
        { u"runs"_s, R::table },
        { u"ratings"_s, Rt::table },
        { u"result_checks"_s, C::table },
        { u"assertion_checks"_s, AC::table },
        { u"judge_verdicts"_s, J::table },
        { u"id"_s, db::id },
        { u"r.run_id"_s, Res::runId },
        { u"r.run_model_id"_s, Res::runModelId },
        { u"r.prompt_id"_s, Res::promptId },
        { u"r.repeat_index"_s, Res::repeatIndex },
        { u"r.final_attempt_id"_s, Res::finalAttemptId },
        { u"r.attempt_count"_s, Res::attemptCount },
        { u"r.status"_s, Res::status },
        { u"r.error_class"_s, Res::errorClass },
        { u"r.cost_usd"_s, Res::costUsd },
        { u"a.run_id"_s, A::runId },
        { u"a.run_model_id"_s, A::runModelId },
        { u"a.prompt_id"_s, A::promptId },
        { u"a.content"_s, A::content },
        { u"a.latency_ms"_s, A::latencyMs },
        { u"a.ttft_ms"_s, A::ttftMs },
        { u"a.output_tps"_s, A::outputTps },
        { u"a.tool_calls_json"_s, A::toolCallsJson },
        { u"a.prompt_tokens"_s, A::promptTokens },
        { u"a.completion_tokens"_s, A::completionTokens },
        { u"a.cache_hit_tokens"_s, A::cacheHitTokens },
        { u"a.cache_miss_tokens"_s, A::cacheMissTokens },
        { u"a.reasoning_tokens"_s, A::reasoningTokens },
        { u"a.cost_usd"_s, A::costUsd },
        { u"m.label"_s, M::label },
        { u"m.options_json"_s, M::optionsJson },
        { u"p.category"_s, P::category },
        { u"p.options_json"_s, P::optionsJson },
        { u"ru.kind"_s, R::kind },
        { u"ru.parent_run_id"_s, R::parentRunId },
        { u"ru.created_at"_s, R::createdAt },
        { u"rt.result_id"_s, Rt::resultId },
        { u"rt.passed"_s, Rt::passed },
        { u"rt.score"_s, Rt::score },
        { u"rt.rated_at"_s, Rt::ratedAt },
        { u"rt.preference"_s, Rt::preference },
        { u"rt.compared_result_id"_s, Rt::comparedResultId },
        { u"rc.attempt_id"_s, C::attemptId },
        { u"rc.pending_count"_s, C::pendingCount },
        { u"ac.result_check_id"_s, AC::resultCheckId },
        { u"ac.type"_s, AC::type },
        { u"ac.passed"_s, AC::passed },
        { u"jv.run_id"_s, J::runId },
        { u"jv.judge_run_id"_s, J::judgeRunId },
        { u"jv.kind"_s, J::kind },
        { u"jv.first_attempt_id"_s, J::firstAttemptId },
        { u"jv.second_attempt_id"_s, J::secondAttemptId },
        { u"jv.outcome"_s, J::outcome },
        { u"jv.score"_s, J::score },
    };
    for (const auto& [key, name] : names) {
        // "${r.run_id}" is the results' run_id column: the prefix only says which table it belongs to.
        text.replace(u"${"_s + key + u'}', QString(name));
    }
    Q_ASSERT(!text.contains(u"${"_s));
    return text;
}

QString placeholders(qsizetype n)
{
    QStringList marks(n, u"?"_s);
    return marks.join(u", "_s);
}

// The WHERE clause of a scope over results r joined to prompts p; its values bound by bindScope.
QString scopeWhere(const AnalyticsScope& scope, const QString& runColumn)
{
    QString where = runColumn + u" IN ("_s + placeholders(scope.runIds.size()) + u')';
    if (!scope.categories.isEmpty())
        where += sqlText(u" AND p.${p.category} IN ("_s) + placeholders(scope.categories.size()) + u')';
    return where;
}

void bindScope(QSqlQuery& q, const AnalyticsScope& scope)
{
    for (qint64 id : scope.runIds)
        q.addBindValue(id);
    for (const QString& c : scope.categories)
        q.addBindValue(c);
}

// The key columns every grouped query returns and groups by: run id, label, category.
QString keyColumns(const QString& run, const QString& label, const QString& category)
{
    return run + u", "_s + label + u", "_s + category;
}

GroupKey keyFrom(const QSqlQuery& q, int first = 0)
{
    return GroupKey { q.value(first).toLongLong(), q.value(first + 1).toString(), q.value(first + 2).toString() };
}

// The items of a scope as a common table "items", materialized so that the correlated look-ups of an item's
// verdict sources run once per item, however often the queries below refer to them: a person's latest pass/fail
// ("human"), and the stored checks packed in one number ("checks" = 10 x assertions + judge, each 0 or 1, 9 for
// none), one look-up for both.
QString itemsTable(const AnalyticsScope& scope, const QString& extraColumns)
{
    const QString human = scope.precedence.contains(u"human"_s)
        ? sqlText(u"(SELECT rt.${rt.passed} FROM ${ratings} rt WHERE rt.${rt.result_id} = r.${id} AND rt.${rt.passed} "
                  u"IS NOT NULL ORDER BY rt.${rt.rated_at} DESC, rt.${id} DESC LIMIT 1)"_s)
        : u"NULL"_s;
    const bool needChecks = scope.precedence.contains(u"assertions"_s) || scope.precedence.contains(u"judge"_s);
    const QString checks = needChecks
        ? sqlText(u"(SELECT 10 * COALESCE(MIN(CASE WHEN ac.${ac.type} <> 'llm-rubric' THEN COALESCE(ac.${ac.passed}, "
                  u"0) END), 9) + COALESCE(MIN(CASE WHEN ac.${ac.type} = 'llm-rubric' THEN COALESCE(ac.${ac.passed}, "
                  u"0) END), 9) FROM ${result_checks} rc JOIN ${assertion_checks} ac ON ac.${ac.result_check_id} = "
                  u"rc.${id} WHERE rc.${rc.attempt_id} = r.${r.final_attempt_id} AND rc.${rc.pending_count} = 0)"_s)
        : u"99"_s;
    return u"WITH items AS MATERIALIZED (SELECT "_s
        + sqlText(u"r.${r.run_id} AS run_id, r.${r.prompt_id} AS prompt_id, r.${r.repeat_index} AS rep, m.${m.label} "
                  u"AS label, p.${p.category} AS category, r.${r.status} AS status, r.${r.attempt_count} AS "
                  u"attempt_count, r.${r.cost_usd} AS cost, "_s)
        + human + u" AS human, "_s + checks + u" AS checks"_s + extraColumns
        + sqlText(u" FROM ${results} r JOIN ${attempts} a ON a.${id} = r.${r.final_attempt_id} JOIN ${run_models} m ON "
                  u"m.${id} = r.${r.run_model_id} JOIN ${prompts} p ON p.${id} = r.${r.prompt_id} WHERE "_s)
        + scopeWhere(scope, sqlText(u"r.${r.run_id}"_s)) + u") "_s;
}

// An item's pass/fail from the sources in precedence order, over a row of "items"; an error is a failed item.
QString verdictOf(const QStringList& precedence)
{
    QStringList sources;
    for (const QString& s : precedence) {
        if (s == u"human"_s)
            sources << u"i.human"_s;
        else if (s == u"assertions"_s)
            sources << u"NULLIF(i.checks / 10, 9)"_s;
        else if (s == u"judge"_s)
            sources << u"NULLIF(i.checks % 10, 9)"_s;
    }
    const QString known = sources.isEmpty() ? u"NULL"_s
        : sources.size() == 1               ? sources.first()
                                            : u"COALESCE("_s + sources.join(u", "_s) + u')';
    return u"(CASE WHEN i.status <> 'ok' THEN 0 ELSE "_s + known + u" END)"_s;
}

} // namespace

std::optional<ItemCounts> Store::itemCounts(const AnalyticsScope& scope, const QString& first, const QString& second)
{
    const QString doing = tr("counting results by group");
    if (scope.runIds.isEmpty())
        return ItemCounts {};
    const QString jsonAsked = u"("_s
        + m_dialect->jsonValueAt(sqlText(u"m.${m.options_json}"_s), u"$.response_format.type"_s)
        + u" IN ('json_object', 'json_schema') OR "_s
        + m_dialect->jsonValueAt(sqlText(u"p.${p.options_json}"_s), u"$.response_format.type"_s)
        + u" IN ('json_object', 'json_schema'))"_s;
    // An answer is parsed only where it matters (JSON asked for, tool calls made): reading every answer's text
    // would be most of the work on a large history, and on PostgreSQL each check is a function call.
    const QString asked = sqlText(u"r.${r.status} = 'ok' AND "_s) + jsonAsked;
    const QString called = sqlText(u"r.${r.status} = 'ok' AND a.${a.tool_calls_json} IS NOT NULL"_s);
    const QString formats = u", CASE WHEN "_s + asked + u" THEN 1 ELSE 0 END AS json_asked, CASE WHEN "_s + asked
        + u" THEN "_s + m_dialect->isJson(sqlText(u"a.${a.content}"_s)) + u" ELSE 0 END AS json_ok, CASE WHEN "_s
        + called + u" THEN "_s + m_dialect->isJson(sqlText(u"a.${a.tool_calls_json}"_s))
        + u" ELSE 0 END AS tool_asked, CASE WHEN "_s + called + u" THEN "_s
        + m_dialect->toolCallArgumentsValid(sqlText(u"a.${a.tool_calls_json}"_s)) + u" ELSE 0 END AS tool_ok"_s;
    const QString verdict = verdictOf(scope.precedence);
    const QString keys = keyColumns(u"i.run_id"_s, u"i.label"_s, u"i.category"_s);
    // One statement, so that the items (and their verdicts) are looked up once: the per-group counts, then, as rows
    // of kind 1, both models' verdicts on the same prompt and repeat side by side, counted per category.
    const bool pairs = !first.isEmpty() && !second.isEmpty();
    QString sql = itemsTable(scope, formats) + u"SELECT 0, "_s + keys
        + u", COUNT(*), SUM(CASE WHEN i.status = 'ok' THEN 1 ELSE 0 END), SUM(i.attempt_count), COUNT("_s + verdict
        + u"), SUM(CASE WHEN "_s + verdict
        + u" = 1 THEN 1 ELSE 0 END), SUM(i.json_asked), SUM(CASE WHEN i.json_asked = 1 THEN i.json_ok ELSE 0 END), "
          u"SUM(i.tool_asked), SUM(CASE WHEN i.tool_asked = 1 THEN i.tool_ok ELSE 0 END), COUNT(i.cost), SUM(i.cost) "
          u"FROM items i GROUP BY "_s
        + keys;
    if (pairs) {
        sql += u" UNION ALL SELECT 1, 0, '', category, SUM(CASE WHEN v1 = 1 AND v2 = 1 THEN 1 ELSE 0 END), "
               u"SUM(CASE WHEN v1 = 1 AND v2 = 0 THEN 1 ELSE 0 END), SUM(CASE WHEN v1 = 0 AND v2 = 1 THEN 1 ELSE 0 "
               u"END), SUM(CASE WHEN v1 = 0 AND v2 = 0 THEN 1 ELSE 0 END), 0, 0, 0, 0, 0, 0, NULL FROM (SELECT "
               u"MIN(i.category) AS category, MAX(CASE WHEN i.label = ? THEN "_s
            + verdict + u" END) AS v1, MAX(CASE WHEN i.label = ? THEN "_s + verdict
            + u" END) AS v2 FROM items i WHERE i.label IN (?, ?) GROUP BY i.run_id, i.prompt_id, i.rep) pairs "
              u"WHERE v1 IS NOT NULL AND v2 IS NOT NULL GROUP BY category"_s;
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(sql);
    bindScope(q, scope); // the common table's values come first in the statement
    if (pairs) {
        for (const QString& label : { first, second, first, second })
            q.addBindValue(label);
    }
    if (!execRead(q, doing))
        return std::nullopt;
    ItemCounts result;
    QVector<GroupCounts>& out = result.groups;
    QHash<GroupKey, qsizetype> index;
    while (q.next()) {
        if (q.value(0).toInt() == 1) {
            result.paired.append(PairedVerdictCounts { q.value(3).toString(), q.value(4).toLongLong(),
                                                       q.value(5).toLongLong(), q.value(6).toLongLong(),
                                                       q.value(7).toLongLong() });
            continue;
        }
        GroupCounts g;
        g.key = keyFrom(q, 1);
        g.items = q.value(4).toLongLong();
        g.okItems = q.value(5).toLongLong();
        g.attempts = q.value(6).toLongLong();
        g.judged = q.value(7).toLongLong();
        g.passed = q.value(8).toLongLong();
        g.jsonExpected = q.value(9).toLongLong();
        g.jsonValid = q.value(10).toLongLong();
        g.toolCallItems = q.value(11).toLongLong();
        g.toolCallsValid = q.value(12).toLongLong();
        g.costedItems = q.value(13).toLongLong();
        g.costUsd = optionalDouble(q.value(14));
        index.insert(g.key, out.size());
        out.append(g);
    }
    if (!endOfRows(q, doing))
        return std::nullopt;
    std::sort(result.paired.begin(), result.paired.end(),
              [](const PairedVerdictCounts& a, const PairedVerdictCounts& b) { return a.category < b.category; });

    QSqlQuery e(m_db);
    e.setForwardOnly(true);
    const QString errorKeys = sqlText(u"r.${r.run_id}, m.${m.label}, p.${p.category}"_s);
    e.prepare(u"SELECT "_s + errorKeys
              + sqlText(u", r.${r.error_class}, COUNT(*) FROM ${results} r JOIN ${run_models} m ON m.${id} = "
                        u"r.${r.run_model_id} JOIN ${prompts} p ON p.${id} = r.${r.prompt_id} WHERE r.${r.status} = "
                        u"'error' AND "_s)
              + scopeWhere(scope, sqlText(u"r.${r.run_id}"_s)) + u" GROUP BY "_s + errorKeys
              + sqlText(u", r.${r.error_class}"_s));
    bindScope(e, scope);
    if (!execRead(e, doing))
        return std::nullopt;
    while (e.next()) {
        if (const auto it = index.constFind(keyFrom(e)); it != index.cend())
            out[*it].errorsByClass.insert(e.value(3).toString(), e.value(4).toLongLong());
    }
    if (!endOfRows(e, doing))
        return std::nullopt;

    {
        QSqlQuery t(m_db);
        t.setForwardOnly(true);
        t.prepare(sqlText(u"SELECT ${id}, ${ru.created_at} FROM ${runs} WHERE ${id} IN ("_s)
                  + placeholders(scope.runIds.size()) + u')');
        for (qint64 id : scope.runIds)
            t.addBindValue(id);
        if (!execRead(t, doing))
            return std::nullopt;
        QHash<qint64, QDateTime> created;
        while (t.next())
            created.insert(t.value(0).toLongLong(), timeFromValue(t.value(1)));
        if (!endOfRows(t, doing))
            return std::nullopt;
        for (GroupCounts& g : out)
            g.runCreatedAt = created.value(g.key.runId);
    }
    return result;
}

std::optional<QVector<GroupUsage>> Store::groupUsage(const AnalyticsScope& scope)
{
    if (scope.runIds.isEmpty())
        return QVector<GroupUsage> {};
    const QString run = sqlText(u"a.${a.run_id}"_s);
    const QString label = sqlText(u"m.${m.label}"_s);
    const QString category = sqlText(u"p.${p.category}"_s);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT "_s + keyColumns(run, label, category)
              + sqlText(u", COUNT(*), COUNT(CASE WHEN a.${a.prompt_tokens} IS NOT NULL OR a.${a.completion_tokens} IS "
                        u"NOT NULL THEN 1 END), SUM(a.${a.prompt_tokens}), SUM(a.${a.completion_tokens}), "
                        u"SUM(a.${a.cache_hit_tokens}), SUM(a.${a.cache_miss_tokens}), SUM(a.${a.reasoning_tokens}), "
                        u"SUM(a.${a.cost_usd}) FROM ${attempts} a JOIN ${run_models} m ON m.${id} = "
                        u"a.${a.run_model_id} JOIN ${prompts} p ON p.${id} = a.${a.prompt_id} WHERE "_s)
              + scopeWhere(scope, run) + u" GROUP BY "_s + keyColumns(run, label, category));
    bindScope(q, scope);
    if (!execRead(q, tr("summing tokens by group")))
        return std::nullopt;
    QVector<GroupUsage> out;
    while (q.next()) {
        GroupUsage u;
        u.key = keyFrom(q);
        u.attempts = q.value(3).toLongLong();
        u.attemptsWithUsage = q.value(4).toLongLong();
        u.promptTokens = optionalInt(q.value(5));
        u.completionTokens = optionalInt(q.value(6));
        u.cacheHitTokens = optionalInt(q.value(7));
        u.cacheMissTokens = optionalInt(q.value(8));
        u.reasoningTokens = optionalInt(q.value(9));
        u.costUsd = optionalDouble(q.value(10));
        out.append(u);
    }
    if (!endOfRows(q, tr("summing tokens by group")))
        return std::nullopt;
    return out;
}

std::optional<Measurements> Store::measurements(const AnalyticsScope& scope)
{
    Measurements out;
    if (scope.runIds.isEmpty())
        return out;
    // Percentiles do not add up, and SQLite's window functions sort far slower than the caller does: one scan,
    // ordered by group so that the keys are interned as they come.
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(sqlText(u"SELECT r.${r.run_id}, m.${m.label}, p.${p.category}, a.${a.latency_ms}, a.${a.ttft_ms}, "
                      u"a.${a.output_tps} FROM ${results} r JOIN ${attempts} a ON a.${id} = r.${r.final_attempt_id} "
                      u"JOIN ${run_models} m ON m.${id} = r.${r.run_model_id} JOIN ${prompts} p ON p.${id} = "
                      u"r.${r.prompt_id} WHERE r.${r.status} = 'ok' AND "_s)
              + scopeWhere(scope, sqlText(u"r.${r.run_id}"_s)));
    bindScope(q, scope);
    if (!execRead(q, tr("reading the latencies of results")))
        return std::nullopt;
    QHash<GroupKey, int> index;
    auto number = [](const QVariant& v) { return v.isNull() ? qQNaN() : v.toDouble(); };
    while (q.next()) {
        const GroupKey key = keyFrom(q);
        auto it = index.constFind(key);
        if (it == index.cend()) {
            it = index.insert(key, int(out.keys.size()));
            out.keys.append(key);
        }
        out.key.append(*it);
        out.latencyMs.append(number(q.value(3)));
        out.ttftMs.append(number(q.value(4)));
        out.outputTps.append(number(q.value(5)));
    }
    if (!endOfRows(q, tr("reading the latencies of results")))
        return std::nullopt;
    return out;
}

std::optional<QVector<ItemScore>> Store::itemScores(const AnalyticsScope& scope)
{
    if (scope.runIds.isEmpty())
        return QVector<ItemScore> {};
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(
        sqlText(u"SELECT run_id, prompt_id, rep, label, category, human, judge FROM (SELECT r.${r.run_id} AS run_id, "
                u"r.${r.prompt_id} AS prompt_id, r.${r.repeat_index} AS rep, m.${m.label} AS label, p.${p.category} AS "
                u"category, (SELECT rt.${rt.score} FROM ${ratings} rt WHERE rt.${rt.result_id} = r.${id} AND "
                u"rt.${rt.score} IS NOT NULL ORDER BY rt.${rt.rated_at} DESC, rt.${id} DESC LIMIT 1) AS human, "
                u"(SELECT AVG(jv.${jv.score}) FROM ${judge_verdicts} jv WHERE jv.${jv.kind} = 'rubric' AND "
                u"jv.${jv.first_attempt_id} = r.${r.final_attempt_id} AND jv.${jv.score} IS NOT NULL AND "
                u"jv.${jv.judge_run_id} = (SELECT MAX(ru.${id}) FROM ${runs} ru WHERE ru.${ru.kind} = 'judge' AND "
                u"ru.${ru.parent_run_id} = r.${r.run_id})) AS judge FROM ${results} r JOIN ${run_models} m ON "
                u"m.${id} = r.${r.run_model_id} JOIN ${prompts} p ON p.${id} = r.${r.prompt_id} WHERE "
                u"r.${r.status} = 'ok' AND "_s)
        + scopeWhere(scope, sqlText(u"r.${r.run_id}"_s))
        + u") s WHERE human IS NOT NULL OR judge IS NOT NULL ORDER BY run_id, prompt_id, rep, label"_s);
    bindScope(q, scope);
    if (!execRead(q, tr("reading the scores of results")))
        return std::nullopt;
    QVector<ItemScore> out;
    while (q.next()) {
        ItemScore s;
        s.runId = q.value(0).toLongLong();
        s.promptId = q.value(1).toLongLong();
        s.repeatIndex = q.value(2).toInt();
        s.label = q.value(3).toString();
        s.category = q.value(4).toString();
        const bool human = !q.value(5).isNull();
        s.score = human ? q.value(5).toDouble() : q.value(6).toDouble();
        s.source = human ? u"human"_s : u"judge"_s;
        out.append(s);
    }
    if (!endOfRows(q, tr("reading the scores of results")))
        return std::nullopt;
    return out;
}

std::optional<QVector<PreferenceCounts>> Store::preferences(const AnalyticsScope& scope, const QString& first,
                                                            const QString& second)
{
    if (scope.runIds.isEmpty())
        return QVector<PreferenceCounts> {};
    QMap<std::pair<QString, QString>, PreferenceCounts> counts; // (category, source)
    auto count = [&](const QString& category, const QString& source, const QString& labelA, const QString& labelB,
                     const QString& winner) {
        // Only pairs of exactly these two models.
        if (!((labelA == first && labelB == second) || (labelA == second && labelB == first)))
            return;
        PreferenceCounts& c = counts[{ category, source }];
        c.category = category;
        c.source = source;
        if (winner == first)
            ++c.firstWins;
        else if (winner == second)
            ++c.secondWins;
        else
            ++c.ties;
    };

    // People: the latest preference given to each pair of results, whichever side it was written from.
    QSqlQuery h(m_db);
    h.setForwardOnly(true);
    h.prepare(sqlText(u"SELECT rt.${rt.result_id}, rt.${rt.compared_result_id}, rt.${rt.preference}, m1.${m.label}, "
                      u"m2.${m.label}, p.${p.category} FROM ${ratings} rt JOIN ${results} r ON r.${id} = "
                      u"rt.${rt.result_id} JOIN ${results} r2 ON r2.${id} = rt.${rt.compared_result_id} JOIN "
                      u"${run_models} m1 ON m1.${id} = r.${r.run_model_id} JOIN ${run_models} m2 ON m2.${id} = "
                      u"r2.${r.run_model_id} JOIN ${prompts} p ON p.${id} = r.${r.prompt_id} WHERE "
                      u"rt.${rt.preference} IN ('left', 'right', 'tie') AND "_s)
              + scopeWhere(scope, sqlText(u"r.${r.run_id}"_s)) + sqlText(u" ORDER BY rt.${rt.rated_at}, rt.${id}"_s));
    bindScope(h, scope);
    if (!execRead(h, tr("reading people's preferences")))
        return std::nullopt;
    struct Preference
    {
        QString category, labelA, labelB, winner;
    };
    QHash<std::pair<qint64, qint64>, Preference> latest;
    while (h.next()) {
        const qint64 a = h.value(0).toLongLong(), b = h.value(1).toLongLong();
        const QString preference = h.value(2).toString();
        const QString winner = preference == u"left"_s ? h.value(3).toString()
            : preference == u"right"_s                 ? h.value(4).toString()
                                                       : QString();
        latest.insert({ std::min(a, b), std::max(a, b) },
                      { h.value(5).toString(), h.value(3).toString(), h.value(4).toString(), winner });
    }
    if (!endOfRows(h, tr("reading people's preferences")))
        return std::nullopt;
    for (const Preference& p : std::as_const(latest))
        count(p.category, u"human"_s, p.labelA, p.labelB, p.winner);

    // The judge: the pairwise verdicts of each run's newest judge run, already both-orders agreed.
    QSqlQuery j(m_db);
    j.setForwardOnly(true);
    j.prepare(
        sqlText(u"SELECT jv.${jv.outcome}, m1.${m.label}, m2.${m.label}, p.${p.category} FROM ${judge_verdicts} "
                u"jv JOIN ${attempts} a1 ON a1.${id} = jv.${jv.first_attempt_id} JOIN ${attempts} a2 ON a2.${id} = "
                u"jv.${jv.second_attempt_id} JOIN ${run_models} m1 ON m1.${id} = a1.${a.run_model_id} JOIN "
                u"${run_models} m2 ON m2.${id} = a2.${a.run_model_id} JOIN ${prompts} p ON p.${id} = "
                u"a1.${a.prompt_id} WHERE jv.${jv.kind} = 'pairwise' AND jv.${jv.judge_run_id} = (SELECT "
                u"MAX(ru.${id}) FROM ${runs} ru WHERE ru.${ru.kind} = 'judge' AND ru.${ru.parent_run_id} = "
                u"jv.${jv.run_id}) AND "_s)
        + scopeWhere(scope, sqlText(u"jv.${jv.run_id}"_s)));
    bindScope(j, scope);
    if (!execRead(j, tr("reading the judge's preferences")))
        return std::nullopt;
    while (j.next()) {
        const QString outcome = j.value(0).toString();
        const QString winner = outcome == u"first"_s ? j.value(1).toString()
            : outcome == u"second"_s                 ? j.value(2).toString()
                                                     : QString();
        count(j.value(3).toString(), u"judge"_s, j.value(1).toString(), j.value(2).toString(), winner);
    }
    if (!endOfRows(j, tr("reading the judge's preferences")))
        return std::nullopt;
    return counts.values().toVector();
}

} // namespace tierlens
