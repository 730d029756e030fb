#include "ItemQuality.h"

#include "store/Store.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace tierlens {

std::optional<QVector<ItemQuality>> ItemQualities::load(Store& store, qint64 runId, const QStringList& precedence,
                                                        QString* error)
{
    for (const QString& source : precedence) {
        if (!defaultPrecedence().contains(source)) {
            *error = tr("unknown quality source \"%1\"; use %2").arg(source, defaultPrecedence().join(u", "_s));
            return std::nullopt;
        }
    }
    // People: the latest pass/fail each result was given.
    QHash<qint64, bool> human;
    const std::optional<QVector<RatingRow>> ratings = store.runRatings(runId);
    const std::optional<QHash<qint64, CheckRow>> checksRead = ratings ? store.checksOfRun(runId) : std::nullopt;
    if (!checksRead) {
        *error = store.lastError();
        return std::nullopt;
    }
    for (const RatingRow& r : *ratings) {
        if (r.passed)
            human.insert(r.resultId, *r.passed);
    }
    const QHash<qint64, CheckRow>& checks = *checksRead;
    QVector<ItemQuality> items;
    const bool ok = store.forEachResult(
        runId,
        [&](const ResultExportRow& r) {
            ItemQuality q;
            q.resultId = r.resultId;
            q.runModelId = r.finalAttempt.runModelId;
            q.label = r.modelLabel;
            q.category = r.category;
            q.promptId = r.finalAttempt.promptId;
            q.repeatIndex = r.finalAttempt.repeatIndex;
            q.costUsd = r.costUsd;
            q.latencyMs = r.finalAttempt.latencyMs;
            if (r.status != u"ok"_s) {
                q.passed = false;
                q.source = u"error"_s;
                q.triggers = { u"final_error"_s };
                items.append(q);
                return true;
            }
            // The stored checks: the llm-rubric verdicts in them are the judge's; the others are assertions.
            std::optional<bool> assertions;
            std::optional<bool> judge;
            const auto check = checks.constFind(r.finalAttempt.id);
            if (check != checks.cend()) {
                for (const AssertionCheckRow& a : check->assertions) {
                    if (a.type == u"llm-rubric"_s || a.passed.value_or(true))
                        continue;
                    const QString trigger = a.type == u"is-json"_s || a.type == u"json-schema"_s ? u"invalid_json"_s
                        : a.type == u"tool-call"_s ? u"invalid_tool_call"_s
                                                   : u"assertion_failed"_s;
                    if (!q.triggers.contains(trigger))
                        q.triggers.append(trigger);
                }
            }
            if (check != checks.cend() && check->pendingCount == 0) {
                bool anyPlain = false;
                bool plainPassed = true;
                bool anyRubric = false;
                bool rubricPassed = true;
                for (const AssertionCheckRow& a : check->assertions) {
                    const bool rubric = a.type == u"llm-rubric"_s;
                    (rubric ? anyRubric : anyPlain) = true;
                    (rubric ? rubricPassed : plainPassed)
                        = (rubric ? rubricPassed : plainPassed) && a.passed.value_or(false);
                }
                if (anyPlain)
                    assertions = plainPassed;
                if (anyRubric)
                    judge = rubricPassed;
            }
            for (const QString& source : precedence) {
                const std::optional<bool> verdict = source == u"human"_s
                    ? (human.contains(r.resultId) ? std::optional<bool>(human.value(r.resultId)) : std::nullopt)
                    : source == u"assertions"_s ? assertions
                                                : judge;
                if (verdict) {
                    q.passed = verdict;
                    q.source = source;
                    break;
                }
            }
            items.append(q);
            return true;
        },
        error);
    if (!ok)
        return std::nullopt;
    return items;
}

} // namespace tierlens
