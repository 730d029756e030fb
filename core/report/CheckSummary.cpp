#include "CheckSummary.h"

#include "checks/judge/Agreement.h"
#include "format/ReportFormat.h"
#include "store/Store.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

QJsonValue kappaJson(const QVector<QPair<QString, QString>>& pairs)
{
    const auto k = Agreement::cohensKappa(pairs);
    if (!k)
        return QJsonValue();
    return QJsonObject {
        { u"kappa"_s, k->kappa },
        { u"observed"_s, k->observed },
        { u"n"_s, k->n },
    };
}

struct Judged
{
    qint64 resultId = 0;
    qint64 runModelId = 0;
};

} // namespace

std::optional<QJsonObject> CheckSummary::judge(Store& store, const RunRow& run, QString* error)
{
    auto readFailed = [&]() -> std::optional<QJsonObject> {
        if (error)
            *error = store.lastError();
        return std::nullopt;
    };
    const std::optional<qint64> latest = store.latestJudgeRun(run.id);
    if (!latest)
        return readFailed();
    const qint64 judgeRunId = *latest;
    if (judgeRunId == 0)
        return QJsonObject();
    const std::optional<RunRow> judgeRun = store.loadRun(judgeRunId);
    if (!judgeRun || judgeRun->models.isEmpty()) {
        if (error)
            *error = store.lastError();
        return std::nullopt;
    }

    // The judged run's final attempts, to reach results (ratings) and models (labels) from the verdicts.
    QHash<qint64, Judged> byAttempt;
    if (!store.forEachResult(
            run.id,
            [&byAttempt](const ResultExportRow& r) {
                byAttempt.insert(r.finalAttempt.id, Judged { r.resultId, r.finalAttempt.runModelId });
                return true;
            },
            error))
        return std::nullopt;

    QHash<QPair<qint64, qint64>, QString> pairOutcome; // (first result, second result) -> first | second | tie
    QHash<qint64, bool> rubricPass; // result -> the judge's rubric verdicts all passed
    QHash<qint64, QPair<int, double>> rubricScores; // run model -> (scored, score sum)
    struct PairTally
    {
        int pairs = 0;
        int firstWins = 0;
        int secondWins = 0;
        int ties = 0;
    };
    QMap<std::pair<qint64, qint64>, PairTally> byModels; // (first run model, second run model)
    // Each kind from the newest judge run that gave it, as the stored checks take their rubric scores
    // (ResultChecker::recheckRun): a later pairwise-only judge run does not hide the rubric figures.
    const std::optional<QVector<JudgeVerdictRow>> verdictsRead = store.judgeVerdicts(run.id);
    const std::optional<QHash<qint64, CheckRow>> checksRead = store.checksOfRun(run.id);
    const std::optional<QVector<RatingRow>> ratings = store.runRatings(run.id);
    if (!verdictsRead || !checksRead || !ratings)
        return readFailed();
    const QVector<JudgeVerdictRow> verdicts = standing(*verdictsRead);
    const QHash<qint64, CheckRow>& checks = *checksRead;
    for (const JudgeVerdictRow& v : verdicts) {
        const Judged first = byAttempt.value(v.firstAttemptId);
        if (v.kind == u"pairwise"_s && v.secondAttemptId) {
            const Judged second = byAttempt.value(*v.secondAttemptId);
            PairTally& t = byModels[{ first.runModelId, second.runModelId }];
            ++t.pairs;
            t.ties += v.outcome == u"tie"_s ? 1 : 0;
            t.firstWins += v.outcome == u"first"_s ? 1 : 0;
            t.secondWins += v.outcome == u"second"_s ? 1 : 0;
            pairOutcome.insert({ first.resultId, second.resultId }, v.outcome);
        } else if (v.kind == u"rubric"_s && v.score) {
            auto& s = rubricScores[first.runModelId];
            ++s.first;
            s.second += *v.score;
            const auto check = checks.constFind(v.firstAttemptId);
            const bool passed = check != checks.cend() && v.assertionIndex
                && *v.assertionIndex < check->assertions.size()
                && check->assertions.at(*v.assertionIndex).passed.value_or(false);
            rubricPass[first.resultId] = rubricPass.value(first.resultId, true) && passed;
        }
    }

    // People's latest word on each pair and each result, against the judge's.
    QHash<QPair<qint64, qint64>, QString> humanPair;
    QHash<qint64, bool> humanPass;
    for (const RatingRow& r : *ratings) {
        if (r.passed)
            humanPass.insert(r.resultId, *r.passed);
        if (r.preference.isEmpty() || !r.comparedResultId)
            continue;
        const qint64 left = r.resultId;
        const qint64 right = *r.comparedResultId;
        if (pairOutcome.contains({ left, right })) {
            humanPair.insert({ left, right },
                             r.preference == u"left"_s        ? u"first"_s
                                 : r.preference == u"right"_s ? u"second"_s
                                                              : u"tie"_s);
        } else if (pairOutcome.contains({ right, left })) {
            humanPair.insert({ right, left },
                             r.preference == u"left"_s        ? u"second"_s
                                 : r.preference == u"right"_s ? u"first"_s
                                                              : u"tie"_s);
        }
    }
    QVector<QPair<QString, QString>> pairAgreement;
    for (auto it = humanPair.cbegin(); it != humanPair.cend(); ++it)
        pairAgreement.append({ pairOutcome.value(it.key()), it.value() });
    QVector<QPair<QString, QString>> passAgreement;
    for (auto it = rubricPass.cbegin(); it != rubricPass.cend(); ++it) {
        if (humanPass.contains(it.key()))
            passAgreement.append(
                { it.value() ? u"pass"_s : u"fail"_s, humanPass.value(it.key()) ? u"pass"_s : u"fail"_s });
    }

    QJsonObject rubric;
    for (const RunModelRow& m : run.models) {
        const auto s = rubricScores.value(m.id);
        if (s.first > 0)
            rubric.insert(m.label, QJsonObject { { u"scored"_s, s.first }, { u"mean_score"_s, s.second / s.first } });
    }
    // Every two models the judge compared, in the run's order.
    QJsonArray pairwise;
    for (qsizetype i = 0; i < run.models.size(); ++i) {
        for (qsizetype j = i + 1; j < run.models.size(); ++j) {
            const auto found = byModels.constFind({ run.models.at(i).id, run.models.at(j).id });
            if (found == byModels.cend())
                continue;
            const QString first = run.models.at(i).label, second = run.models.at(j).label;
            pairwise.append(QJsonObject {
                { u"first"_s, first },
                { u"second"_s, second },
                { u"pairs"_s, found->pairs },
                { u"wins"_s, QJsonObject { { first, found->firstWins }, { second, found->secondWins } } },
                { u"ties"_s, found->ties },
            });
        }
    }

    // What the judge's own calls cost: every attempt of the judge run, as every other cost is counted.
    AnalyticsScope judgeScope;
    judgeScope.runIds = { judgeRunId };
    const std::optional<QVector<GroupUsage>> usage = store.groupUsage(judgeScope);
    if (!usage)
        return readFailed();
    GroupUsage judgeTotals;
    for (const GroupUsage& u : *usage) {
        judgeTotals.attempts += u.attempts;
        judgeTotals.retries += u.retries;
        judgeTotals.attemptsWithUsage += u.attemptsWithUsage;
        if (u.costUsd)
            judgeTotals.costUsd = judgeTotals.costUsd.value_or(0) + *u.costUsd;
    }
    return QJsonObject {
        { u"judge_run_id"_s, double(judgeRunId) },
        { u"status"_s, judgeRun->status },
        { u"judge_model"_s, judgeRun->models.constFirst().modelId },
        { u"cost_usd"_s, judgeTotals.attemptsWithUsage > 0 ? ReportFormat::json(judgeTotals.costUsd) : QJsonValue() },
        { u"attempts"_s, double(judgeTotals.attempts) },
        { u"retries"_s, double(judgeTotals.retries) },
        { u"pairwise"_s, pairwise },
        { u"rubric"_s, rubric },
        { u"agreement"_s,
          QJsonObject { { u"pairwise"_s, kappaJson(pairAgreement) }, { u"rubric_pass"_s, kappaJson(passAgreement) } } },
    };
}

QVector<JudgeVerdictRow> CheckSummary::standing(const QVector<JudgeVerdictRow>& verdicts)
{
    QHash<QString, qint64> newestOfKind;
    for (const JudgeVerdictRow& v : verdicts)
        newestOfKind[v.kind] = std::max(newestOfKind.value(v.kind), v.judgeRunId);
    QVector<JudgeVerdictRow> out;
    for (const JudgeVerdictRow& v : verdicts) {
        if (v.judgeRunId == newestOfKind.value(v.kind))
            out.append(v);
    }
    return out;
}

} // namespace tierlens
