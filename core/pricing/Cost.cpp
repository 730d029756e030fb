#include "Cost.h"

namespace tierlens {

namespace {
constexpr double kTokensPerUnit = 1e6;
}

std::optional<double> costUsd(const Prices& prices, const TokenUsage& usage)
{
    if (!usage.completionTokens)
        return std::nullopt;
    std::optional<qint64> hit = usage.cacheHitTokens;
    std::optional<qint64> miss = usage.cacheMissTokens;
    const std::optional<qint64> prompt = usage.promptTokens;
    if (prompt && hit && !miss && *prompt >= *hit)
        miss = *prompt - *hit;
    if (prompt && miss && !hit && *prompt >= *miss)
        hit = *prompt - *miss;
    if (!hit || !miss) {
        if (!prompt)
            return std::nullopt;
        hit = 0;
        miss = *prompt;
    }
    return (double(*miss) * prices.inputCacheMiss + double(*hit) * prices.inputCacheHit
            + double(*usage.completionTokens) * prices.output)
        / kTokensPerUnit;
}

double blended3to1(const Prices& prices)
{
    return (3 * prices.inputCacheMiss + prices.output) / 4;
}

} // namespace tierlens
