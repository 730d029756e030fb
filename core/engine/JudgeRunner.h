#pragma once
// The LLM judge of a shadow run: builds a judge run (pairwise comparisons asked in both orders, rubric
// gradings for llm-rubric assertions) that the RunEngine sends like any other run, then reads the judge's
// replies back into verdicts and into the judged results' checks. Its calls, retries and cost stay in the
// judge run, apart from the compared models'.

#include "engine/RunConfig.h"
#include "pricing/CostEstimate.h"
#include "promptsets/Prompt.h"
#include "store/StoreTypes.h"

#include <QCoreApplication>

#include <optional>

namespace tierlens {

class PriceBookRegistry;
class Store;

struct JudgeSettings
{
    ModelConfig judge; // the judge model; its label names it in the judge run
    bool pairwise = true; // compare every two models' answers to the same prompt and repeat
    bool rubric = true; // grade answers against the prompts' llm-rubric assertions
    RetrySettings retry; // of the judge's own calls
    qint64 timeoutMs = 15 * 60 * 1000;
};

// What the judge decided when its replies were read.
struct JudgeTally
{
    int pairs = 0; // pairs decided (both orders answered and parsed)
    int firstWins = 0; // of each pair, the model first in the run's order
    int secondWins = 0;
    int ties = 0; // both orders disagreed or said tie
    int undecidedPairs = 0; // an order failed or its reply could not be read
    int rubricScored = 0;
    int rubricUnreadable = 0; // a failed call or a reply without a valid score
    QStringList problems; // the first few unreadable replies, with the judge prompt's id
};

// What judging a run means given the judge runs it already has.
struct JudgePlan
{
    // An earlier judge run to carry on: interrupted, or finished with replies never read (read, not paid again).
    qint64 continueRunId = 0;
    // The run's latest judge run, finished and read: judging again pays for it all again.
    std::optional<RunRow> finished;
};

class JudgeRunner
{
    Q_DECLARE_TR_FUNCTIONS(JudgeRunner)
public:
    static std::optional<JudgePlan> plan(Store& store, qint64 runId, QString* error);

    // The judge a run gets from its own models: the one labelled `label` when given, else the last whose model id
    // names "pro" (the stronger tier), else the run's last model.
    static std::optional<ModelConfig> judgeFromRun(const RunRow& run, const QString& label, QString* error);

    // The judge prompts for the run's stored results, as createJudgeRun() stores them; nothing is stored or sent.
    static std::optional<PromptSet> judgeSet(Store& store, qint64 runId, const JudgeSettings& settings, QString* error);
    // What judging the run would cost before anything is sent: judgeSet()'s requests at the judge's prices, its
    // replies as long as measured in earlier judge runs of the model (else the default).
    static std::optional<CostEstimate> estimate(Store& store, qint64 runId, const JudgeSettings& settings,
                                                const PriceBookRegistry& prices, QString* error);
    // The same for a judge set read before (a dialog reads it once per choice of pairwise and rubric).
    static CostEstimate estimate(Store& store, const PromptSet& judgeSet, const ModelConfig& judge,
                                 const PriceBookRegistry& prices);

    // Builds the judge prompts from the run's stored results and creates the judge run; nothing is sent.
    // Fails when the run is not a shadow run or there is nothing to judge.
    static std::optional<qint64> createJudgeRun(Store& store, qint64 runId, const JudgeSettings& settings,
                                                const PriceBookRegistry& prices, QString* error);

    // Reads the judge run's results into verdicts (replacing any read before), then re-checks the judged run so
    // that llm-rubric assertions carry the judge's scores. Safe to call again, e.g. after a resumed judge run.
    static std::optional<JudgeTally> collect(Store& store, qint64 judgeRunId, QString* error);
};

} // namespace tierlens
