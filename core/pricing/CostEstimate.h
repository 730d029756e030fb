#pragma once
// What a run would cost before anything is sent: requests, estimated tokens and a USD range, per model and in total.

#include "Prices.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>
#include <QStringView>
#include <QVector>

#include <optional>

namespace tierlens {

class PriceBook;
struct Prompt;
struct PromptSet;

// One model's share of a planned run.
struct CostEstimateInput
{
    const PromptSet* set = nullptr;
    int repeat = 1; // times each prompt is sent; below 1 sends nothing
    const PriceBook* book = nullptr;
    QString modelId;
    // Mean completion tokens per result (reasoning included) of earlier runs of this model, and how many results
    // that mean is based on. Used when measuredFrom > 0; otherwise defaultOutputTokens is used and is a guess.
    std::optional<double> measuredOutputTokens;
    qint64 measuredFrom = 0;
    double defaultOutputTokens = 600; // CostEstimator::kDefaultOutputTokens
    QDateTime at; // when the run would start: the prices in force then (peak or off-peak included)
};

struct CostEstimate
{
    QString modelId; // empty for a total
    qint64 requests = 0;
    qint64 inputTokens = 0; // every request's prompt, estimated from its text
    qint64 cachedInputTokens = 0; // of inputTokens, the part the low figure bills at the cache-hit price
    qint64 outputTokens = 0;
    double outputTokensPerRequest = 0;
    bool outputMeasured = false; // false: outputTokensPerRequest is the default, a guess
    qint64 measuredFrom = 0; // results behind a measured outputTokensPerRequest
    std::optional<Prices> prices; // the rates in force at the estimate's time
    // USD. high bills every input token at the cache-miss price; low bills cachedInputTokens at the cache-hit
    // price. nullopt when the model cannot be priced at that time, never $0.
    std::optional<double> lowUsd;
    std::optional<double> highUsd;
    QString problem; // why there is no cost (no price book, model not in the book, no price at that time)
};

class CostEstimator
{
    Q_DECLARE_TR_FUNCTIONS(CostEstimator)

public:
    // DeepSeek's published rule of thumb (tokens per character).
    static constexpr int kCjkTenthsPerChar = 6; // a Chinese (CJK) character ~ 0.6 token
    static constexpr int kOtherTenthsPerChar = 3; // an English (any other) character ~ 0.3 token
    // Role markers and separators the chat template puts around each message (the system prompt counts as one).
    static constexpr int kMessageOverheadTokens = 4;
    // DeepSeek's context cache stores prompt prefixes in 64-token units and serves only whole units.
    static constexpr int kCacheBlockTokens = 64;
    // Completion tokens per request when no earlier result of the model was measured: a short answer without
    // much reasoning. Thinking models often write several times this, which is why measured figures win.
    static constexpr double kDefaultOutputTokens = 600;

    // Per request: the prompt's tokens by estimatePromptTokens(), and outputTokensPerRequest from measured
    // figures or the default. The low figure assumes the context cache serves each distinct system prompt
    // (its whole 64-token units, message overhead included) on every request of the model after the first
    // that sent it; the high one assumes no cache at all. Both cover all repeats.
    static CostEstimate estimate(const CostEstimateInput& input);

    // Sums of the per-model estimates. lowUsd and highUsd are nullopt when any model's is; outputMeasured only
    // when every model's is; problems are joined one per line.
    static CostEstimate total(const QVector<CostEstimate>& perModel);

    // CJK characters (ideographs, kana, hangul, CJK and full-width punctuation) at 0.6 token, every other
    // character at 0.3, rounded up. A surrogate pair is one character.
    static qint64 estimateTokens(QStringView text);

    // The system prompt, each message's content (text parts of a multi-part content; tool calls as compact JSON)
    // and the compact JSON of options["tools"], by estimateTokens() on their sum, plus kMessageOverheadTokens
    // per message.
    static qint64 estimatePromptTokens(const Prompt& prompt);

    // "measured: mean of 12 earlier results" or "guess: 600 tokens per request, nothing measured yet".
    static QString describeOutput(const CostEstimate& estimate);
};

} // namespace tierlens
