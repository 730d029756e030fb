#pragma once
// The checks and judge parts of a run's summary: how each model's answers fared against their assertions,
// what the latest judge run decided, and how far the judge agrees with the people who rated the same answers.

#include "store/StoreTypes.h"

#include <QJsonObject>

#include <optional>

namespace tierlens {

class Store;

class CheckSummary
{
public:
    // {LABEL: {"checked", "pending", "passed", "pass_rate", "mean_score",
    //          "categories": {CATEGORY: {"checked", "pending", "passed", "pass_rate", "mean_score"}}}};
    // checked counts results whose every assertion is decided (the rates are over those), pending the ones still
    // waiting for the judge's llm-rubric verdict. Empty when no result of the run has assertions; nullopt (with
    // error) when the store fails.
    static std::optional<QJsonObject> checks(Store& store, const RunRow& run, QString* error);

    // {"judge_run_id", "status", "judge_model", "cost_usd", "attempts", "retries",
    //  "pairwise": {"first", "second", "pairs", "wins": {LABEL: N}, "ties"} | null,
    //  "rubric": {LABEL: {"scored", "mean_score"}},
    //  "agreement": {"pairwise": KAPPA | null, "rubric_pass": KAPPA | null}}
    // with KAPPA = {"kappa", "observed", "n"} (Cohen's), n the number of items both the judge and a
    // person rated. Empty when the run has never been judged; nullopt (with error) when the store fails.
    static std::optional<QJsonObject> judge(Store& store, const RunRow& run, QString* error);
};

} // namespace tierlens
