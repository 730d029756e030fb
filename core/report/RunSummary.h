#pragma once
// The machine-readable summary of one run (what `--summary FILE` writes and CI pipelines read).

#include <QJsonObject>
#include <QString>

#include <optional>

namespace tierlens {

class Store;

class RunSummary
{
public:
    // Shape, one entry per run model keyed by its label:
    // {"run_id", "status", "prompt_set", "created_at", "finished_at" | null, "price_book_version",
    //  "client_lag_ms" (p95) | null, "client_lag_flagged",
    //  "models": {LABEL: {"model_id", "base_url", "items", "ok_items", "attempts", "retries", "errors": {CLASS: N},
    //   "flagged": {FLAG: N}, "prompt_tokens", "completion_tokens", "cache_hit_tokens", "cache_miss_tokens",
    //   "reasoning_tokens", "cost_usd", "cost_per_item_usd", "latency_ms": {"p50", "p95"}, "ttft_ms": {"p50", "p95"},
    //   "output_tps": {"p50"}, "quality": QUALITY, "categories": {CATEGORY: {"items", "cost_usd", "quality":
    //   QUALITY}}}},
    //  "quality_precedence": [...], "confidence",
    //  "kind": "shadow" | "judge", "judged_run_id" (judge runs only),
    //  "judge" (when the run was judged): see CheckSummary}
    // QUALITY = {"prompts", "items", "passed", "awaiting_judge", "pass_rate": {"estimate", "low", "high", "n"} | null,
    //            "sources": {SOURCE: N}}: the items with a verdict (people, then assertions, then the judge), the
    // prompt as the sampling unit; awaiting_judge the items without one whose llm-rubric waits for the judge. Every
    // figure is EvalStatistics' for the run, the same the reports, the dashboard and the policy show. Token and cost
    // totals cover every attempt and are null when no attempt reported them; percentiles are over the final attempts of
    // ok items and null when there are none. Times are ISO-8601 UTC. Returns nothing, with the reason in error, when
    // the run does not exist or the store cannot be read.
    static std::optional<QJsonObject> build(Store& store, qint64 runId, QString* error);
};

} // namespace tierlens
