#pragma once
// The judge part of a run's summary: what the latest judge run decided, what its calls cost, and how far the judge
// agrees with the people who rated the same answers. (How each model's answers fared, checks and judge and people
// together, is the summary's "quality", from EvalStatistics.)

#include "store/StoreTypes.h"

#include <QJsonObject>

#include <optional>

namespace tierlens {

class Store;

class CheckSummary
{
public:
    // {"judge_run_id", "status", "judge_model", "cost_usd", "attempts", "retries",
    //  "pairwise": [{"first", "second", "pairs", "wins": {LABEL: N}, "ties"}] (every two models compared, in the
    //  run's order; empty when the judge compared none),
    //  "rubric": {LABEL: {"scored", "mean_score"}},
    //  "agreement": {"pairwise": KAPPA | null, "rubric_pass": KAPPA | null}}
    // with KAPPA = {"kappa", "observed", "n"} (Cohen's), n the number of items both the judge and a
    // person rated. Empty when the run has never been judged; nullopt (with error) when the store fails.
    static std::optional<QJsonObject> judge(Store& store, const RunRow& run, QString* error);
    // The verdicts that stand: of each kind (pairwise, rubric), those of the newest judge run that gave that kind, so
    // that a later pairwise-only judge run does not hide the rubric grades of the one before (as
    // ResultChecker::recheckRun reads them).
    static QVector<JudgeVerdictRow> standing(const QVector<JudgeVerdictRow>& verdicts);
};

} // namespace tierlens
