#include "RetryPolicy.h"

#include <algorithm>

namespace tierlens {

RetryPolicy::RetryPolicy(RetrySettings settings, quint32 seed)
    : m_settings(settings)
    , m_random(seed)
{
}

std::optional<qint64> RetryPolicy::nextDelayMs(ErrorClass error, int attemptNo, std::optional<qint64> retryAfterMs)
{
    if (!isRetryable(error) || attemptNo >= m_settings.maxAttempts)
        return std::nullopt;
    if (retryAfterMs)
        return std::clamp<qint64>(*retryAfterMs, 0, m_settings.maxRetryAfterMs);
    // "Equal jitter": half the exponential step fixed, half random, so retries of a burst spread out
    // without ever collapsing to zero.
    const int exponent = std::min(attemptNo - 1, 30);
    const qint64 step = std::min<qint64>(m_settings.maxDelayMs, m_settings.baseDelayMs << exponent);
    const qint64 half = step / 2;
    return half + (half > 0 ? qint64(m_random.bounded(quint64(half) + 1)) : 0);
}

} // namespace tierlens
