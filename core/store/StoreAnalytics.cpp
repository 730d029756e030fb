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
        { u"a.attempt_no"_s, A::attemptNo },
        { u"a.turn_index"_s, A::turnIndex },
        { u"a.flags"_s, A::flags },
        { u"m.label"_s, M::label },
        { u"m.options_json"_s, M::optionsJson },
        { u"p.category"_s, P::category },
        { u"p.ext_id"_s, P::extId },
        { u"p.system_prompt"_s, P::systemPrompt },
        { u"p.messages_json"_s, P::messagesJson },
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
        { u"rc.passed"_s, C::passed },
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
// verdict sources run once per item: a person's latest pass/fail ("human"), and the stored checks packed in one
// number ("checks", below), one look-up for all of them.
QString itemsTable(const AnalyticsScope& scope, const QString& extraColumns)
{
    const QString human = scope.precedence.contains(u"human"_s)
        ? sqlText(u"(SELECT rt.${rt.passed} FROM ${ratings} rt WHERE rt.${rt.result_id} = r.${id} AND rt.${rt.passed} "
                  u"IS NOT NULL ORDER BY rt.${rt.rated_at} DESC, rt.${id} DESC LIMIT 1)"_s)
        : u"NULL"_s;
    // Digits of one number: judge (units), assertions (tens), each 0, 1 or 9 for none; then, as 0 or 1, a failed
    // JSON check (hundreds), a failed tool-call check (thousands), another failed assertion (ten thousands): what an
    // escalation rule can react to. The assertions' verdict is the result's, every assertion of the prompt together
    // (its llm-rubric included, as promptfoo has it), once none waits for the judge; the judge's is its rubric
    // verdicts alone. The triggers come from the deterministic assertions, decided as soon as the answer is: a router
    // could check them inline.
    const QString checks = sqlText(
        u"(SELECT COALESCE(10 * CASE WHEN MAX(rc.${rc.pending_count}) > 0 THEN 9 ELSE MAX(rc.${rc.passed}) END "
        u"+ CASE WHEN SUM(CASE WHEN ac.${ac.type} = 'llm-rubric' AND ac.${ac.passed} IS NULL THEN 1 ELSE 0 END) > 0 "
        u"THEN 9 ELSE COALESCE(MIN(CASE WHEN ac.${ac.type} = 'llm-rubric' THEN ac.${ac.passed} END), 9) END "
        u"+ 100 * MAX(CASE WHEN ac.${ac.type} IN ('is-json', 'json-schema') AND ac.${ac.passed} = 0 THEN 1 "
        u"ELSE 0 END) + 1000 * MAX(CASE WHEN ac.${ac.type} = 'tool-call' AND ac.${ac.passed} = 0 THEN 1 "
        u"ELSE 0 END) + 10000 * MAX(CASE WHEN ac.${ac.type} NOT IN ('llm-rubric', 'is-json', "
        u"'json-schema', 'tool-call') AND ac.${ac.passed} = 0 THEN 1 ELSE 0 END), 99) FROM ${result_checks} rc JOIN "
        u"${assertion_checks} ac ON ac.${ac.result_check_id} = rc.${id} WHERE rc.${rc.attempt_id} = "
        u"r.${r.final_attempt_id})"_s);
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
            sources << u"NULLIF((i.checks / 10) % 10, 9)"_s;
        else if (s == u"judge"_s)
            sources << u"NULLIF(i.checks % 10, 9)"_s;
    }
    const QString known = sources.isEmpty() ? u"NULL"_s
        : sources.size() == 1               ? sources.first()
                                            : u"COALESCE("_s + sources.join(u", "_s) + u')';
    return u"(CASE WHEN i.status <> 'ok' THEN 0 ELSE "_s + known + u" END)"_s;
}

// Which source gave verdictOf its value: "error", one of the precedence's names, or NULL.
QString sourceOf(const QStringList& precedence)
{
    QString out = u"(CASE WHEN i.status <> 'ok' THEN 'error'"_s;
    for (const QString& s : precedence) {
        if (s == u"human"_s)
            out += u" WHEN i.human IS NOT NULL THEN 'human'"_s;
        else if (s == u"assertions"_s)
            out += u" WHEN (i.checks / 10) % 10 <> 9 THEN 'assertions'"_s;
        else if (s == u"judge"_s)
            out += u" WHEN i.checks % 10 <> 9 THEN 'judge'"_s;
    }
    return out + u" END)"_s;
}

} // namespace

bool Store::forEachItem(const AnalyticsScope& scope, const std::function<void(const ItemVerdict&)>& fn, QString* error)
{
    const QString doing = tr("reading the verdicts of results");
    if (!checkThread(error))
        return false;
    if (scope.runIds.isEmpty())
        return true;

    // A prompt's identity is what was sent: the same system, messages and request options in two runs (or two
    // versions of a prompt set) are one prompt, the sampling unit of every pass rate.
    QHash<qint64, qint64> promptKeys;
    {
        QSqlQuery p(m_db);
        p.setForwardOnly(true);
        p.prepare(sqlText(u"SELECT ${id}, ${p.system_prompt}, ${p.messages_json}, ${p.options_json} FROM ${prompts} "
                          u"WHERE ${id} IN "
                          u"(SELECT DISTINCT r.${r.prompt_id} FROM ${results} r WHERE r.${r.run_id} IN ("_s)
                  + placeholders(scope.runIds.size()) + u")) ORDER BY "_s + db::id);
        for (qint64 id : scope.runIds)
            p.addBindValue(id);
        if (!execRead(p, doing)) {
            setError(error, m_lastError);
            return false;
        }
        QHash<QString, qint64> byText;
        while (p.next()) {
            const QString text
                = p.value(1).toString() + QChar(0x1f) + p.value(2).toString() + QChar(0x1f) + p.value(3).toString();
            const qint64 id = p.value(0).toLongLong();
            promptKeys.insert(id, *byText.insert(text, byText.value(text, id)));
        }
        if (!endOfRows(p, doing)) {
            setError(error, m_lastError);
            return false;
        }
    }

    const QString jsonAsked = u"("_s
        + m_dialect->jsonValueAt(sqlText(u"m.${m.options_json}"_s), u"$.response_format.type"_s)
        + u" IN ('json_object', 'json_schema') OR "_s
        + m_dialect->jsonValueAt(sqlText(u"p.${p.options_json}"_s), u"$.response_format.type"_s)
        + u" IN ('json_object', 'json_schema'))"_s;
    // An answer is parsed only where it matters (JSON asked for, tool calls made): reading every answer's text
    // would be most of the work on a large history, and on PostgreSQL each check is a function call.
    const QString asked = sqlText(u"r.${r.status} = 'ok' AND "_s) + jsonAsked;
    const QString called = sqlText(u"r.${r.status} = 'ok' AND a.${a.tool_calls_json} IS NOT NULL"_s);
    const QString extra = u", CASE WHEN "_s + asked + u" THEN 1 ELSE 0 END AS json_asked, CASE WHEN "_s + asked
        + u" THEN "_s + m_dialect->isJson(sqlText(u"a.${a.content}"_s)) + u" ELSE 0 END AS json_ok, CASE WHEN "_s
        + called + u" THEN 1 ELSE 0 END AS tool_asked, CASE WHEN "_s + called + u" THEN "_s
        + m_dialect->toolCallArgumentsValid(sqlText(u"a.${a.tool_calls_json}"_s))
        + sqlText(u" ELSE 0 END AS tool_ok, r.${id} AS result_id, r.${r.run_model_id} AS run_model_id, "
                  u"r.${r.error_class} AS error_class, a.${a.latency_ms} AS latency, a.${a.ttft_ms} AS ttft, "
                  u"a.${a.output_tps} AS tps, CASE WHEN EXISTS (SELECT 1 FROM ${result_checks} rc WHERE "
                  u"rc.${rc.attempt_id} = r.${r.final_attempt_id} AND rc.${rc.pending_count} > 0) THEN 1 ELSE 0 END "
                  u"AS awaiting, r.${r.final_attempt_id} AS final_attempt, p.${p.ext_id} AS prompt_ext, "
                  u"a.${a.turn_index} AS "
                  u"turn"_s);
    const QString sql = itemsTable(scope, extra)
        + u"SELECT i.run_id, i.result_id, i.run_model_id, i.prompt_id, i.rep, i.label, i.category, i.status, "
          u"i.error_class, i.attempt_count, i.cost, "_s
        + verdictOf(scope.precedence) + u", "_s + sourceOf(scope.precedence)
        + u", i.checks, i.json_asked, i.json_ok, i.tool_asked, i.tool_ok, i.latency, i.ttft, i.tps, i.awaiting, "
          u"i.final_attempt, i.prompt_ext, i.turn FROM "
          u"items i "
          u"ORDER BY i.run_id, i.label, i.prompt_id, i.rep"_s;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(sql);
    bindScope(q, scope);
    if (!execRead(q, doing)) {
        setError(error, m_lastError);
        return false;
    }
    auto number = [](const QVariant& v) { return v.isNull() ? qQNaN() : v.toDouble(); };
    ItemVerdict row;
    while (q.next()) {
        row.runId = q.value(0).toLongLong();
        row.resultId = q.value(1).toLongLong();
        row.runModelId = q.value(2).toLongLong();
        row.promptId = q.value(3).toLongLong();
        row.promptKey = promptKeys.value(row.promptId, row.promptId);
        row.repeatIndex = q.value(4).toInt();
        row.label = q.value(5).toString();
        row.category = q.value(6).toString();
        row.ok = q.value(7).toString() == u"ok"_s;
        row.errorClass = q.value(8).toString();
        row.attemptCount = q.value(9).toInt();
        row.costUsd = optionalDouble(q.value(10));
        row.passed = q.value(11).isNull() ? std::nullopt : std::optional<bool>(q.value(11).toInt() != 0);
        row.source = q.value(12).toString();
        const qint64 checks = q.value(13).toLongLong();
        row.triggers.clear();
        if (!row.ok)
            row.triggers.append(u"final_error"_s);
        if ((checks / 100) % 10 == 1)
            row.triggers.append(u"invalid_json"_s);
        if ((checks / 1000) % 10 == 1)
            row.triggers.append(u"invalid_tool_call"_s);
        if ((checks / 10000) % 10 == 1)
            row.triggers.append(u"assertion_failed"_s);
        row.jsonAsked = q.value(14).toInt() != 0;
        row.jsonValid = q.value(15).toInt() != 0;
        row.toolCallsMade = q.value(16).toInt() != 0;
        row.toolCallsValid = q.value(17).toInt() != 0;
        row.latencyMs = row.ok ? number(q.value(18)) : qQNaN();
        row.ttftMs = row.ok ? number(q.value(19)) : qQNaN();
        row.outputTps = row.ok ? number(q.value(20)) : qQNaN();
        row.awaitingJudge = row.ok && q.value(21).toInt() != 0;
        row.finalAttemptId = q.value(22).toLongLong();
        row.promptExtId = q.value(23).toString();
        row.finalTurnIndex = q.value(24).toInt();
        fn(row);
    }
    if (!endOfRows(q, doing)) {
        setError(error, m_lastError);
        return false;
    }
    return true;
}

std::optional<QHash<qint64, QDateTime>> Store::runCreationTimes(const QVector<qint64>& runIds)
{
    const QString doing = tr("reading when runs were created");
    QHash<qint64, QDateTime> created;
    if (runIds.isEmpty())
        return created;
    QSqlQuery t(m_db);
    t.setForwardOnly(true);
    t.prepare(sqlText(u"SELECT ${id}, ${ru.created_at} FROM ${runs} WHERE ${id} IN ("_s) + placeholders(runIds.size())
              + u')');
    for (qint64 id : runIds)
        t.addBindValue(id);
    if (!execRead(t, doing))
        return std::nullopt;
    while (t.next())
        created.insert(t.value(0).toLongLong(), timeFromValue(t.value(1)));
    if (!endOfRows(t, doing))
        return std::nullopt;
    return created;
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
                        u"SUM(a.${a.cost_usd}), COUNT(CASE WHEN "_s)
              + isRetry(QLatin1StringView("a"))
              + sqlText(u" THEN 1 END), "
                        u"COUNT(CASE WHEN a.${a.flags} LIKE '%no_done%' THEN 1 END), COUNT(CASE WHEN a.${a.flags} LIKE "
                        u"'%invalid_utf8%' THEN 1 END), COUNT(CASE WHEN a.${a.flags} LIKE '%short_body%' THEN 1 END), "
                        u"COUNT(CASE WHEN a.${a.flags} LIKE '%implausible_usage%' THEN 1 END) FROM ${attempts} a JOIN "
                        u"${run_models} m ON m.${id} = "
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
        u.retries = q.value(11).toLongLong();
        const char16_t* const flags[] = { u"no_done", u"invalid_utf8", u"short_body", u"implausible_usage" };
        for (int f = 0; f < 4; ++f) {
            if (const qint64 n = q.value(12 + f).toLongLong(); n > 0)
                u.flagged.insert(QString::fromUtf16(flags[f]), n);
        }
        out.append(u);
    }
    if (!endOfRows(q, tr("summing tokens by group")))
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
