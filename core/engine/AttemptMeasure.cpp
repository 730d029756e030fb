#include "AttemptMeasure.h"

#include "api/ChatResponseParser.h"
#include "pricing/Cost.h"
#include "pricing/PriceBook.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace tierlens {

std::optional<double> msBetween(std::int64_t fromNs, std::int64_t toNs)
{
    if (fromNs == 0 || toNs == 0)
        return std::nullopt;
    return double(toNs - fromNs) / 1e6;
}

void measureAttempt(AttemptRow& row, const HttpExchange& ex, const AttemptModel& model, const QDateTime& startedAt)
{
    const std::int64_t sentNs = ex.sentNs ? ex.sentNs : ex.doneNs;
    row.startedAt = startedAt;
    row.headersMs = msBetween(ex.sentNs, ex.headersNs);
    row.ttftMs = msBetween(ex.sentNs, ex.firstTokenNs);
    row.ttfatMs = msBetween(ex.sentNs, ex.firstAnswerNs);
    row.latencyMs = double(ex.doneNs - sentNs) / 1e6;
    row.httpStatus = ex.httpStatus;
    row.outcome = ex.outcome;
    // Whatever the server sent back, the key it was sent is neither stored nor shown.
    maskSecret(row.outcome, model.bearer);
    if (!ex.retryAfter.isEmpty())
        row.retryAfterMs = ChatResponseParser::parseRetryAfterMs(ex.retryAfter, row.startedAt);
    // Counts beyond what the model can produce are kept as sent, flagged, and neither billed nor summed.
    TokenUsage& reported = row.outcome.usage;
    const qint64 most = std::max({ reported.promptTokens.value_or(0), reported.completionTokens.value_or(0),
                                   reported.totalTokens.value_or(0), reported.cacheHitTokens.value_or(0),
                                   reported.cacheMissTokens.value_or(0), reported.reasoningTokens.value_or(0) });
    if (most > model.maxUsageTokens
        || reported.promptTokens.value_or(0) + reported.completionTokens.value_or(0) > model.maxUsageTokens) {
        QJsonObject raw;
        const std::pair<const char16_t*, std::optional<qint64>> counts[]
            = { { u"prompt_tokens", reported.promptTokens },
                { u"completion_tokens", reported.completionTokens },
                { u"total_tokens", reported.totalTokens },
                { u"prompt_cache_hit_tokens", reported.cacheHitTokens },
                { u"prompt_cache_miss_tokens", reported.cacheMissTokens },
                { u"reasoning_tokens", reported.reasoningTokens } };
        for (const auto& [name, value] : counts) {
            if (value)
                raw.insert(QString::fromUtf16(name), *value);
        }
        row.outcome.rawUsage = QJsonDocument(raw).toJson(QJsonDocument::Compact);
        row.outcome.flags |= AttemptFlag::ImplausibleUsage;
        reported = TokenUsage();
    }
    // Output speed over the generation itself: from the first token to the end of the stream.
    const auto& usage = row.outcome.usage;
    if (usage.completionTokens && ex.firstTokenNs && ex.doneNs > ex.firstTokenNs)
        row.outputTps = double(*usage.completionTokens) / (double(ex.doneNs - ex.firstTokenNs) / 1e9);
    if (model.priceBook) {
        if (const auto prices = model.priceBook->pricesAt(model.modelId, row.startedAt))
            row.costUsd = costUsd(*prices, usage);
    }
}

} // namespace tierlens
