#pragma once
// The one place where table and column names are spelled: every SQL statement of the store is built from these.

#include <QLatin1StringView>

namespace tierlens::db {

using Name = QLatin1StringView;

inline constexpr Name id { "id" };

namespace promptSets {
inline constexpr Name table { "prompt_sets" };
inline constexpr Name name { "name" };
inline constexpr Name sourcePath { "source_path" };
inline constexpr Name sourceSha256 { "source_sha256" };
inline constexpr Name createdAt { "created_at" };
inline constexpr Name defaultsJson { "defaults_json" }; // version 3
} // namespace promptSets

namespace prompts {
inline constexpr Name table { "prompts" };
inline constexpr Name promptSetId { "prompt_set_id" };
inline constexpr Name ordinal { "ordinal" };
inline constexpr Name extId { "ext_id" };
inline constexpr Name category { "category" };
inline constexpr Name systemPrompt { "system_prompt" };
inline constexpr Name messagesJson { "messages_json" };
inline constexpr Name optionsJson { "options_json" };
inline constexpr Name expected { "expected" };
inline constexpr Name metadataJson { "metadata_json" };
} // namespace prompts

namespace runs {
inline constexpr Name table { "runs" };
inline constexpr Name promptSetId { "prompt_set_id" };
inline constexpr Name createdAt { "created_at" };
inline constexpr Name finishedAt { "finished_at" };
inline constexpr Name status { "status" };
inline constexpr Name repeatCount { "repeat_count" };
inline constexpr Name maxAttempts { "max_attempts" };
inline constexpr Name configJson { "config_json" };
inline constexpr Name priceBookVersion { "price_book_version" };
inline constexpr Name priceBookJson { "price_book_json" };
inline constexpr Name clientLagP95Ms { "client_lag_p95_ms" };
inline constexpr Name clientLagMaxMs { "client_lag_max_ms" };
inline constexpr Name clientLagFlagged { "client_lag_flagged" };
inline constexpr Name toolVersion { "tool_version" };
inline constexpr Name kind { "kind" }; // version 3: shadow | judge
inline constexpr Name parentRunId { "parent_run_id" }; // version 3: the run a judge run judged
// Version 5: the process that sends the run now ("host/pid/start"), and when it last said it is alive. NULL when no
// process has it (RunLease).
inline constexpr Name leaseOwner { "lease_owner" };
inline constexpr Name leaseHeartbeatAt { "lease_heartbeat_at" };
inline constexpr Name origin { "origin" }; // version 7: offline | live (captured by tierlens-cli shadow)
} // namespace runs

namespace runModels {
inline constexpr Name table { "run_models" };
inline constexpr Name runId { "run_id" };
inline constexpr Name label { "label" };
inline constexpr Name provider { "provider" };
inline constexpr Name baseUrl { "base_url" };
inline constexpr Name modelId { "model_id" };
inline constexpr Name apiKeyEnv { "api_key_env" };
inline constexpr Name concurrency { "concurrency" };
inline constexpr Name optionsJson { "options_json" };
} // namespace runModels

namespace attempts {
inline constexpr Name table { "attempts" };
inline constexpr Name runId { "run_id" };
inline constexpr Name runModelId { "run_model_id" };
inline constexpr Name promptId { "prompt_id" };
inline constexpr Name repeatIndex { "repeat_index" };
inline constexpr Name attemptNo { "attempt_no" };
inline constexpr Name startedAt { "started_at" };
inline constexpr Name queueWaitMs { "queue_wait_ms" };
inline constexpr Name headersMs { "headers_ms" };
inline constexpr Name ttftMs { "ttft_ms" };
inline constexpr Name ttfatMs { "ttfat_ms" };
inline constexpr Name latencyMs { "latency_ms" };
inline constexpr Name outputTps { "output_tps" };
inline constexpr Name httpStatus { "http_status" };
inline constexpr Name finishReason { "finish_reason" };
inline constexpr Name errorClass { "error_class" };
inline constexpr Name errorMessage { "error_message" };
inline constexpr Name retryAfterMs { "retry_after_ms" };
inline constexpr Name content { "content" };
inline constexpr Name reasoning { "reasoning" };
inline constexpr Name toolCallsJson { "tool_calls_json" };
inline constexpr Name promptTokens { "prompt_tokens" };
inline constexpr Name completionTokens { "completion_tokens" };
inline constexpr Name totalTokens { "total_tokens" };
inline constexpr Name cacheHitTokens { "cache_hit_tokens" };
inline constexpr Name cacheMissTokens { "cache_miss_tokens" };
inline constexpr Name reasoningTokens { "reasoning_tokens" };
inline constexpr Name costUsd { "cost_usd" };
inline constexpr Name flags { "flags" }; // version 5: attemptFlagsToString(), NULL when none
inline constexpr Name rawUsage { "raw_usage" }; // version 5: the usage object as sent, when it was not believed
inline constexpr Name turnIndex { "turn_index" }; // version 6: the turn of a conversation the attempt answers, from 0
} // namespace attempts

namespace results {
inline constexpr Name table { "results" };
inline constexpr Name runId { "run_id" };
inline constexpr Name runModelId { "run_model_id" };
inline constexpr Name promptId { "prompt_id" };
inline constexpr Name repeatIndex { "repeat_index" };
inline constexpr Name finalAttemptId { "final_attempt_id" };
inline constexpr Name attemptCount { "attempt_count" };
inline constexpr Name status { "status" };
inline constexpr Name errorClass { "error_class" };
inline constexpr Name costUsd { "cost_usd" };
inline constexpr Name completedAt { "completed_at" };
} // namespace results

namespace ratings {
inline constexpr Name table { "ratings" };
inline constexpr Name resultId { "result_id" };
inline constexpr Name rater { "rater" };
inline constexpr Name ratedAt { "rated_at" };
inline constexpr Name passed { "passed" };
inline constexpr Name score { "score" };
inline constexpr Name preference { "preference" };
inline constexpr Name comparedResultId { "compared_result_id" };
inline constexpr Name blind { "blind" };
inline constexpr Name note { "note" };
} // namespace ratings

// Version 3: automatic checks of final results, and the judge's verdicts.
namespace resultChecks {
inline constexpr Name table { "result_checks" };
inline constexpr Name attemptId { "attempt_id" }; // the result's final attempt
inline constexpr Name passed { "passed" };
inline constexpr Name score { "score" };
inline constexpr Name pendingCount { "pending_count" };
inline constexpr Name checkedAt { "checked_at" };
} // namespace resultChecks

namespace assertionChecks {
inline constexpr Name table { "assertion_checks" };
inline constexpr Name resultCheckId { "result_check_id" };
inline constexpr Name assertionIndex { "assertion_index" };
inline constexpr Name type { "type" };
inline constexpr Name weight { "weight" };
inline constexpr Name passed { "passed" }; // NULL while the judge has not decided
inline constexpr Name score { "score" };
inline constexpr Name reason { "reason" };
} // namespace assertionChecks

namespace judgeVerdicts {
inline constexpr Name table { "judge_verdicts" };
inline constexpr Name runId { "run_id" }; // the run judged
inline constexpr Name judgeRunId { "judge_run_id" }; // the run that holds the judge's own calls
inline constexpr Name kind { "kind" }; // pairwise | rubric
inline constexpr Name promptId { "prompt_id" };
inline constexpr Name repeatIndex { "repeat_index" };
inline constexpr Name firstAttemptId { "first_attempt_id" };
inline constexpr Name secondAttemptId { "second_attempt_id" };
inline constexpr Name outcome { "outcome" }; // pairwise: first | second | tie
inline constexpr Name score { "score" }; // rubric: 1..5
inline constexpr Name assertionIndex { "assertion_index" };
inline constexpr Name reason { "reason" };
inline constexpr Name createdAt { "created_at" };
} // namespace judgeVerdicts

// PostgreSQL only: the schema version, which SQLite keeps in PRAGMA user_version.
namespace schemaVersion {
inline constexpr Name table { "tierlens_schema" };
inline constexpr Name singleton { "id" }; // always 1: the table has one row
inline constexpr Name version { "version" };
} // namespace schemaVersion

} // namespace tierlens::db
