#include "ResultChecker.h"

#include "store/Store.h"

#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {
// "assert[k]..." of the set's defaults followed by the prompt's own, as the file says it: "defaults.assert[k]..." or
// the prompt's "assert[k - defaults]...".
QString locate(const QString& where, qsizetype defaults)
{
    static const QRegularExpression index(u"^assert\\[(\\d+)\\](.*)$"_s);
    const QRegularExpressionMatch m = index.match(where);
    if (!m.hasMatch())
        return where;
    const qsizetype k = m.captured(1).toLongLong();
    return k < defaults ? u"defaults.assert[%1]%2"_s.arg(k).arg(m.captured(2))
                        : u"assert[%1]%2"_s.arg(k - defaults).arg(m.captured(2));
}
} // namespace

std::optional<QVector<Assertion>> ResultChecker::assertionsFor(const PromptSet& set, const Prompt& prompt,
                                                               QString* error)
{
    QJsonArray all = set.defaults.value(u"assert"_s).toArray();
    const qsizetype defaults = all.size();
    for (const auto& a : prompt.metadata.value(u"assert"_s).toArray())
        all.append(a);
    QString where;
    auto parsed = Assertion::parseList(all, &where, error);
    if (!parsed && error)
        *error = tr("prompt \"%1\": %2: %3").arg(prompt.id, locate(where, defaults), *error);
    return parsed;
}

bool ResultChecker::load(const PromptSet& set, QString* error)
{
    m_byPrompt.clear();
    m_context.clear();
    m_anyAssertions = false;
    for (const Prompt& p : set.prompts) {
        auto list = assertionsFor(set, p, error);
        if (!list)
            return false;
        CheckSubject context;
        context.tools = p.options.value(u"tools"_s).toArray();
        context.prompt = lastUserText(p);
        context.vars = p.metadata.value(u"vars"_s).toObject();
        context.transform = p.metadata.value(u"transform"_s);
        // A check of a turn the prompt does not have would check nothing.
        const qsizetype turns = std::max<qsizetype>(1, conversationTurns(p).size());
        for (qsizetype i = 0; i < list->size(); ++i) {
            if (list->at(i).raw.value(u"turn"_s).toInt(0) > turns) {
                if (error)
                    *error = tr("prompt \"%1\": %2.turn: the prompt's turns are 1 to %3")
                                 .arg(p.id,
                                      locate(u"assert[%1]"_s.arg(i), set.defaults.value(u"assert"_s).toArray().size()))
                                 .arg(turns);
                return false;
            }
        }
        // JavaScript that does not compile is refused before any answer is checked (or paid for).
        QString where;
        if (const QString e = m_evaluator.compileScripts(*list, context.transform, &where); !e.isEmpty()) {
            if (error)
                *error = tr("prompt \"%1\": %2: %3")
                             .arg(p.id, locate(where, set.defaults.value(u"assert"_s).toArray().size()), e);
            return false;
        }
        m_anyAssertions = m_anyAssertions || !list->isEmpty();
        m_byPrompt.insert(p.dbId, *list);
        m_context.insert(p.dbId, context);
    }
    return true;
}

CheckSubject ResultChecker::subject(const Prompt& prompt, const AttemptRow& finalAttempt,
                                    std::optional<double> itemCostUsd) const
{
    CheckSubject subject = m_context.value(prompt.dbId);
    subject.content = finalAttempt.outcome.content;
    subject.reasoning = finalAttempt.outcome.reasoning;
    subject.toolCalls = finalAttempt.outcome.toolCalls;
    subject.finishReason = finalAttempt.outcome.finishReason;
    subject.error = finalAttempt.outcome.error;
    subject.errorMessage = finalAttempt.outcome.errorMessage;
    subject.latencyMs = finalAttempt.latencyMs;
    subject.costUsd = itemCostUsd;
    subject.completionTokens = finalAttempt.outcome.usage.completionTokens;
    return subject;
}

std::optional<CheckRow> ResultChecker::check(const Prompt& prompt, const AttemptRow& finalAttempt,
                                             std::optional<double> itemCostUsd, const QStringList& earlierAnswers)
{
    const auto it = m_byPrompt.constFind(prompt.dbId);
    if (it == m_byPrompt.cend() || it->isEmpty())
        return std::nullopt;
    CheckSubject s = subject(prompt, finalAttempt, itemCostUsd);
    s.earlierAnswers = earlierAnswers;
    return toRow(finalAttempt.id, *it, m_evaluator.evaluateAll(*it, s));
}

CheckRow ResultChecker::toRow(qint64 attemptId, const QVector<Assertion>& assertions, const CheckOutcome& outcome)
{
    CheckRow row;
    row.attemptId = attemptId;
    row.passed = outcome.pass;
    row.score = outcome.score;
    for (qsizetype i = 0; i < assertions.size(); ++i) {
        const AssertionResult& r = outcome.results.at(i);
        AssertionCheckRow a;
        a.index = int(i);
        a.type = assertions.at(i).displayType();
        a.weight = assertions.at(i).weight;
        if (!r.pending)
            a.passed = r.pass;
        a.score = r.score;
        a.reason = r.reason;
        row.pendingCount += r.pending ? 1 : 0;
        row.assertions.append(a);
    }
    return row;
}

AssertionResult ResultChecker::rubricResult(const Assertion& assertion, int score, const QString& reason)
{
    AssertionResult r;
    r.score = std::clamp((score - 1) / 4.0, 0.0, 1.0);
    r.pass = r.score >= assertion.raw.value(u"threshold"_s).toDouble(0.5);
    r.reason = tr("judge: %1/5: %2").arg(score).arg(reason);
    return r;
}

std::optional<qint64> ResultChecker::recheckRun(Store& store, qint64 runId, QString* error)
{
    const auto run = store.requireRun(runId, error);
    if (!run)
        return std::nullopt;
    const auto set = store.requirePromptSet(*run, error);
    if (!set)
        return std::nullopt;
    ResultChecker checker;
    if (!checker.load(*set, error))
        return std::nullopt;
    QHash<qint64, const Prompt*> prompts;
    for (const Prompt& p : set->prompts)
        prompts.insert(p.dbId, &p);

    // The latest judge run's rubric scores, by judged attempt and assertion index.
    QHash<QPair<qint64, int>, JudgeVerdictRow> rubric;
    const std::optional<QVector<JudgeVerdictRow>> read = store.judgeVerdicts(runId);
    if (!read) {
        if (error)
            *error = store.lastError();
        return std::nullopt;
    }
    const QVector<JudgeVerdictRow>& verdicts = *read;
    qint64 latestJudgeRun = 0;
    for (const JudgeVerdictRow& v : verdicts)
        latestJudgeRun = v.kind == u"rubric"_s ? std::max(latestJudgeRun, v.judgeRunId) : latestJudgeRun;
    for (const JudgeVerdictRow& v : verdicts) {
        if (v.kind == u"rubric"_s && v.judgeRunId == latestJudgeRun && v.assertionIndex && v.score)
            rubric.insert({ v.firstAttemptId, *v.assertionIndex }, v);
    }
    // The rubric each score was given against: after the checks change, a score only stands for the same text.
    QHash<QPair<qint64, int>, QString> gradedAgainst;
    if (latestJudgeRun != 0) {
        if (const auto judgeRun = store.loadRun(latestJudgeRun)) {
            if (const auto judgeSet = store.loadPromptSet(judgeRun->promptSetId)) {
                for (const Prompt& p : judgeSet->prompts) {
                    const QJsonObject meta = p.metadata.value(u"judge"_s).toObject();
                    if (meta.contains(u"rubric"_s))
                        gradedAgainst.insert(
                            { meta.value(u"attempt"_s).toInteger(), meta.value(u"assertion_index"_s).toInt() },
                            meta.value(u"rubric"_s).toString());
                }
            }
        }
    }

    // A conversation's earlier answers, for checks of an earlier turn.
    QHash<ItemKey, QStringList> earlier;
    if (std::any_of(set->prompts.cbegin(), set->prompts.cend(),
                    [](const Prompt& p) { return conversationTurns(p).size() > 1; })) {
        const std::optional<QHash<ItemKey, QStringList>> answers = store.turnAnswers(runId, false);
        if (!answers) {
            if (error)
                *error = store.lastError();
            return std::nullopt;
        }
        earlier = *answers;
    }

    QVector<CheckRow> batch;
    qint64 checked = 0;
    bool ok = store.forEachResult(
        runId,
        [&](const ResultExportRow& r) {
            const Prompt* p = prompts.value(r.finalAttempt.promptId);
            if (!p)
                return true;
            CheckSubject subject = checker.subject(*p, r.finalAttempt, r.costUsd);
            subject.earlierAnswers
                = earlier.value(ItemKey { r.finalAttempt.runModelId, p->dbId, r.finalAttempt.repeatIndex })
                      .mid(0, r.finalAttempt.turnIndex);
            const QVector<Assertion>& list = checker.m_byPrompt.value(p->dbId);
            if (list.isEmpty())
                return true;
            CheckOutcome outcome = checker.m_evaluator.evaluateAll(list, subject);
            bool judged = false;
            for (qsizetype i = 0; i < list.size(); ++i) {
                const QPair<qint64, int> key { r.finalAttempt.id, int(i) };
                const auto v = rubric.constFind(key);
                const auto graded = gradedAgainst.constFind(key);
                const bool sameRubric = graded == gradedAgainst.cend() || *graded == list.at(i).value.toString();
                if (v != rubric.cend() && sameRubric && list.at(i).needsJudge() && outcome.results.at(i).pending) {
                    outcome.results[i] = rubricResult(list.at(i), *v->score, v->reason);
                    judged = true;
                }
            }
            if (judged)
                outcome = AssertionEvaluator::combine(list, outcome.results);
            batch.append(toRow(r.finalAttempt.id, list, outcome));
            ++checked;
            return true;
        },
        error);
    // Written after the read has finished: one transaction replaces every earlier verdict of these results.
    if (ok && !store.saveChecks(batch, error))
        ok = false;
    return ok ? std::optional<qint64>(checked) : std::nullopt;
}

} // namespace tierlens
