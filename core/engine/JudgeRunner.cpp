#include "JudgeRunner.h"

#include "checks/judge/JudgePrompts.h"
#include "checks/judge/JudgeVerdict.h"
#include "engine/ResultChecker.h"
#include "engine/RunEngine.h"
#include "pricing/PriceBookRegistry.h"
#include "store/Store.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QMap>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

constexpr int kProblemsKept = 5;

template <typename T> std::optional<T> failWith(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

using PairKey = QPair<qint64, int>; // prompt row id, repeat index

} // namespace

std::optional<JudgePlan> JudgeRunner::plan(Store& store, qint64 runId, QString* error)
{
    JudgePlan plan;
    const std::optional<qint64> latest = store.latestJudgeRun(runId);
    if (!latest) {
        if (error)
            *error = store.lastError();
        return std::nullopt;
    }
    if (*latest == 0)
        return plan;
    // Whether its verdicts were read, without reading them (a judged run of a million results has as many).
    const std::optional<bool> read = store.hasJudgeVerdicts(runId, *latest);
    const std::optional<RunRow> previous = read ? store.loadRun(*latest) : std::nullopt;
    if (!read || !previous) {
        if (error)
            *error = store.lastError();
        return std::nullopt;
    }
    if (previous->status == u"completed"_s && *read)
        plan.finished = *previous;
    else
        plan.continueRunId = *latest;
    return plan;
}

std::optional<ModelConfig> JudgeRunner::judgeFromRun(const RunRow& run, const QString& label, QString* error)
{
    const RunModelRow* pick = nullptr;
    for (const RunModelRow& m : run.models) {
        if (!label.isEmpty() ? m.label == label : m.modelId.contains(u"pro"_s, Qt::CaseInsensitive))
            pick = &m;
    }
    if (!pick && !label.isEmpty()) {
        if (error)
            *error = tr("--judge %1: run %2 has no model of that label").arg(label).arg(run.id);
        return std::nullopt;
    }
    if (!pick && !run.models.isEmpty())
        pick = &run.models.constLast();
    if (!pick) {
        if (error)
            *error = tr("run %1 has no models").arg(run.id);
        return std::nullopt;
    }
    ModelConfig judge;
    judge.baseUrl = pick->baseUrl;
    judge.modelId = pick->modelId;
    judge.apiKeyEnv = pick->apiKeyEnv;
    judge.provider = pick->provider;
    return judge;
}

std::optional<PromptSet> JudgeRunner::judgeSet(Store& store, qint64 runId, const JudgeSettings& settings,
                                               QString* error)
{
    const std::optional<RunRow> run = store.requireRun(runId, error);
    if (!run)
        return std::nullopt;
    if (run->kind != u"shadow"_s)
        return failWith<PromptSet>(
            error, tr("run %1 is itself a judge run; judge the run it judged (%2)").arg(runId).arg(run->parentRunId));
    const std::optional<PromptSet> set = store.requirePromptSet(*run, error);
    if (!set)
        return std::nullopt;
    QHash<qint64, const Prompt*> prompts;
    QHash<qint64, int> ordinal;
    for (qsizetype i = 0; i < set->prompts.size(); ++i) {
        prompts.insert(set->prompts.at(i).dbId, &set->prompts.at(i));
        ordinal.insert(set->prompts.at(i).dbId, int(i));
    }
    const bool pairwise = settings.pairwise && run->models.size() >= 2;

    // A conversation is judged whole: each model's own answers to its earlier turns, by item.
    QHash<ItemKey, QStringList> earlier;
    if (std::any_of(set->prompts.cbegin(), set->prompts.cend(),
                    [](const Prompt& p) { return conversationTurns(p).size() > 1; })) {
        const std::optional<QHash<ItemKey, QStringList>> answered = store.turnAnswers(runId, false);
        if (!answered)
            return failWith<PromptSet>(error, store.lastError());
        earlier = *answered;
    }
    // The last turn is the final attempt, judged as the answer itself.
    auto earlierOf = [&](const AttemptRow& a) {
        return earlier.value(ItemKey { a.runModelId, a.promptId, a.repeatIndex }).mid(0, a.turnIndex);
    };

    PromptSet judgeSet;
    judgeSet.name = tr("judge of run %1").arg(runId);
    judgeSet.sourcePath = PromptSetInfo::judgeSourcePath(runId);
    QHash<qint64, QHash<PairKey, AttemptRow>> answers; // run model -> its ok answers
    QString problem;
    const bool read = store.forEachResult(
        runId,
        [&](const ResultExportRow& r) {
            const Prompt* prompt = prompts.value(r.finalAttempt.promptId);
            if (!prompt || r.status != u"ok"_s)
                return true; // an error is no answer to judge; its checks already failed it
            const PairKey key { prompt->dbId, r.finalAttempt.repeatIndex };
            if (pairwise)
                answers[r.finalAttempt.runModelId].insert(key, r.finalAttempt);
            if (!settings.rubric)
                return true;
            const auto assertions = ResultChecker::assertionsFor(*set, *prompt, &problem);
            if (!assertions)
                return false;
            for (qsizetype i = 0; i < assertions->size(); ++i) {
                if (!assertions->at(i).needsJudge())
                    continue;
                Prompt p = JudgePrompts::rubric(*prompt, assertions->at(i).value.toString(), r.finalAttempt.outcome,
                                                int(i), earlierOf(r.finalAttempt));
                p.id += u"@%1/r%2"_s.arg(r.modelLabel).arg(r.finalAttempt.repeatIndex);
                p.metadata.insert(u"judge"_s,
                                  QJsonObject { { u"kind"_s, u"rubric"_s },
                                                { u"prompt_id"_s, prompt->dbId },
                                                { u"repeat"_s, r.finalAttempt.repeatIndex },
                                                { u"attempt"_s, r.finalAttempt.id },
                                                { u"assertion_index"_s, int(i) },
                                                { u"rubric"_s, assertions->at(i).value.toString() } });
                judgeSet.prompts.append(p);
            }
            return true;
        },
        error);
    if (!read)
        return std::nullopt;
    if (!problem.isEmpty())
        return failWith<PromptSet>(error, problem);

    // Every two models of the run, in its order, on the prompts both answered; a run of two keeps the prompt ids
    // of earlier versions (its judge set is reused when judged again).
    for (qsizetype i = 0; pairwise && i < run->models.size(); ++i) {
        for (qsizetype j = i + 1; j < run->models.size(); ++j) {
            const QHash<PairKey, AttemptRow> firstAnswers = answers.value(run->models.at(i).id);
            const QHash<PairKey, AttemptRow> secondAnswers = answers.value(run->models.at(j).id);
            // By the models' places in the run: labels may hold the separator ("a-b" and "c" against "a" and "b-c").
            const QString pairName = run->models.size() > 2 ? u"/m%1-m%2"_s.arg(i + 1).arg(j + 1) : QString();
            QList<PairKey> keys = firstAnswers.keys();
            std::sort(keys.begin(), keys.end(), [&ordinal](const PairKey& a, const PairKey& b) {
                return std::pair(ordinal.value(a.first), a.second) < std::pair(ordinal.value(b.first), b.second);
            });
            for (const PairKey& key : std::as_const(keys)) {
                const auto second = secondAnswers.constFind(key);
                if (second == secondAnswers.cend())
                    continue;
                const AttemptRow first = firstAnswers.value(key);
                for (const auto order : { JudgePrompts::PairOrder::FirstAsA, JudgePrompts::PairOrder::SecondAsA }) {
                    Prompt p = JudgePrompts::pairwise(*prompts.value(key.first), first.outcome, second->outcome, order,
                                                      earlierOf(first), earlierOf(*second));
                    p.id += pairName + u"/r%1"_s.arg(key.second);
                    p.metadata.insert(
                        u"judge"_s,
                        QJsonObject { { u"kind"_s, u"pairwise"_s },
                                      { u"order"_s, order == JudgePrompts::PairOrder::FirstAsA ? u"ab"_s : u"ba"_s },
                                      { u"prompt_id"_s, key.first },
                                      { u"repeat"_s, key.second },
                                      { u"first_attempt"_s, first.id },
                                      { u"second_attempt"_s, second->id } });
                    judgeSet.prompts.append(p);
                }
            }
        }
    }
    if (judgeSet.prompts.isEmpty()) {
        return failWith<PromptSet>(
            error,
            tr("run %1 has nothing to judge: no two models answered the same prompt and no answer "
               "has an llm-rubric assertion")
                .arg(runId));
    }

    // The set is identified by what it asks, so judging the same answers again reuses it.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const Prompt& p : judgeSet.prompts) {
        hash.addData(p.id.toUtf8());
        hash.addData(QJsonDocument(p.messages).toJson(QJsonDocument::Compact));
        hash.addData(QJsonDocument(p.metadata).toJson(QJsonDocument::Compact));
    }
    judgeSet.sourceSha256 = QString::fromLatin1(hash.result().toHex());
    return judgeSet;
}

std::optional<CostEstimate> JudgeRunner::estimate(Store& store, qint64 runId, const JudgeSettings& settings,
                                                  const PriceBookRegistry& prices, QString* error)
{
    const std::optional<PromptSet> set = judgeSet(store, runId, settings, error);
    if (!set)
        return std::nullopt;
    return estimate(store, *set, settings.judge, prices);
}

CostEstimate JudgeRunner::estimate(Store& store, const PromptSet& set, const ModelConfig& j,
                                   const PriceBookRegistry& prices)
{
    CostEstimateInput in;
    in.set = &set;
    in.book = prices.forProvider(j.provider.isEmpty() ? providerForBaseUrl(j.baseUrl) : j.provider);
    in.modelId = j.modelId;
    // The judge's replies as measured in earlier judge runs of the model, else the default.
    const auto [mean, from] = store.measuredOutputTokens(j.modelId, 0, u"judge"_s);
    if (from > 0) {
        in.measuredOutputTokens = mean;
        in.measuredFrom = from;
    }
    in.at = QDateTime::currentDateTimeUtc();
    return CostEstimator::estimate(in);
}

std::optional<qint64> JudgeRunner::createJudgeRun(Store& store, qint64 runId, const JudgeSettings& settings,
                                                  const PriceBookRegistry& prices, QString* error)
{
    std::optional<PromptSet> judgeSet = JudgeRunner::judgeSet(store, runId, settings, error);
    if (!judgeSet)
        return std::nullopt;
    RunConfig config;
    config.models = { settings.judge };
    config.retry = settings.retry;
    config.timeoutMs = settings.timeoutMs;
    return RunEngine::createRun(store, *judgeSet, config, prices, error, runId);
}

std::optional<JudgeTally> JudgeRunner::collect(Store& store, qint64 judgeRunId, QString* error)
{
    const std::optional<RunRow> judgeRun = store.requireRun(judgeRunId, error);
    if (!judgeRun)
        return std::nullopt;
    if (judgeRun->kind != u"judge"_s || judgeRun->parentRunId == 0)
        return failWith<JudgeTally>(error, tr("run %1 is not a judge run").arg(judgeRunId));
    const std::optional<PromptSet> set = store.requirePromptSet(*judgeRun, error);
    if (!set)
        return std::nullopt;
    QHash<qint64, const Prompt*> prompts;
    for (const Prompt& p : set->prompts)
        prompts.insert(p.dbId, &p);

    struct PairState
    {
        std::optional<PairwiseVerdict> firstAsA;
        std::optional<PairwiseVerdict> secondAsA;
        qint64 firstAttempt = 0;
        qint64 secondAttempt = 0;
    };
    using AttemptPair = std::pair<qint64, qint64>; // first and second answer compared
    QMap<AttemptPair, PairState> pairs;
    QVector<JudgeVerdictRow> verdicts;
    JudgeTally tally;
    auto noteProblem = [&tally](const QString& id, const QString& what) {
        if (tally.problems.size() < kProblemsKept)
            tally.problems.append(u"%1: %2"_s.arg(id, what));
    };

    const bool read = store.forEachResult(
        judgeRunId,
        [&](const ResultExportRow& r) {
            const Prompt* prompt = prompts.value(r.finalAttempt.promptId);
            if (!prompt)
                return true;
            const QJsonObject meta = prompt->metadata.value(u"judge"_s).toObject();
            const bool isPair = meta.value(u"kind"_s).toString() == u"pairwise"_s;
            const PairKey key { meta.value(u"prompt_id"_s).toInteger(), meta.value(u"repeat"_s).toInt() };
            QString why;
            if (r.status != u"ok"_s) {
                why = tr("the judge call failed (%1)").arg(r.finalAttempt.outcome.errorMessage);
            } else if (isPair) {
                PairState& pair = pairs[AttemptPair(meta.value(u"first_attempt"_s).toInteger(),
                                                    meta.value(u"second_attempt"_s).toInteger())];
                pair.firstAttempt = meta.value(u"first_attempt"_s).toInteger();
                pair.secondAttempt = meta.value(u"second_attempt"_s).toInteger();
                if (auto v = PairwiseVerdict::parse(r.finalAttempt.outcome.content, &why)) {
                    (meta.value(u"order"_s).toString() == u"ab"_s ? pair.firstAsA : pair.secondAsA) = *v;
                    return true;
                }
            } else if (auto v = RubricVerdict::parse(r.finalAttempt.outcome.content, &why)) {
                JudgeVerdictRow row;
                row.runId = judgeRun->parentRunId;
                row.kind = u"rubric"_s;
                row.promptId = key.first;
                row.repeatIndex = key.second;
                row.firstAttemptId = meta.value(u"attempt"_s).toInteger();
                row.score = v->score;
                row.assertionIndex = meta.value(u"assertion_index"_s).toInt();
                row.reason = v->reason;
                verdicts.append(row);
                ++tally.rubricScored;
                return true;
            }
            if (!isPair)
                ++tally.rubricUnreadable;
            noteProblem(prompt->id, why);
            return true;
        },
        error);
    if (!read)
        return std::nullopt;

    // Pairs are counted from the pairwise prompts of the set, so an order the run never finished counts as
    // undecided rather than vanishing.
    QMap<AttemptPair, PairKey> asked;
    for (const Prompt& p : set->prompts) {
        const QJsonObject meta = p.metadata.value(u"judge"_s).toObject();
        if (meta.value(u"kind"_s).toString() == u"pairwise"_s)
            asked.insert(
                AttemptPair(meta.value(u"first_attempt"_s).toInteger(), meta.value(u"second_attempt"_s).toInteger()),
                PairKey(meta.value(u"prompt_id"_s).toInteger(), meta.value(u"repeat"_s).toInt()));
    }
    for (auto it = asked.cbegin(); it != asked.cend(); ++it) {
        const PairKey& key = it.value();
        const PairState pair = pairs.value(it.key());
        if (!pair.firstAsA || !pair.secondAsA) {
            ++tally.undecidedPairs;
            continue;
        }
        const PairOutcome outcome = PairwiseVerdict::combine(*pair.firstAsA, *pair.secondAsA);
        JudgeVerdictRow row;
        row.runId = judgeRun->parentRunId;
        row.kind = u"pairwise"_s;
        row.promptId = key.first;
        row.repeatIndex = key.second;
        row.firstAttemptId = pair.firstAttempt;
        row.secondAttemptId = pair.secondAttempt;
        row.outcome = outcome == PairOutcome::FirstWins ? u"first"_s
            : outcome == PairOutcome::SecondWins        ? u"second"_s
                                                        : u"tie"_s;
        row.reason = pair.firstAsA->reason + u" / "_s + pair.secondAsA->reason;
        verdicts.append(row);
        ++tally.pairs;
        tally.firstWins += outcome == PairOutcome::FirstWins ? 1 : 0;
        tally.secondWins += outcome == PairOutcome::SecondWins ? 1 : 0;
        tally.ties += outcome == PairOutcome::Tie ? 1 : 0;
    }

    if (!store.saveJudgeVerdicts(judgeRunId, verdicts, error))
        return std::nullopt;
    if (!ResultChecker::recheckRun(store, judgeRun->parentRunId, error))
        return std::nullopt;
    return tally;
}

} // namespace tierlens
