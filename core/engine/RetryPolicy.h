#pragma once
// Decides whether a failed attempt is tried again, and after how long: exponential backoff with jitter,
// Retry-After honoured when the server sends it.

#include "api/ChatTypes.h"
#include "engine/RunConfig.h"

#include <QRandomGenerator>

#include <optional>

namespace tierlens {

class RetryPolicy
{
public:
    explicit RetryPolicy(RetrySettings settings, quint32 seed = QRandomGenerator::global()->generate());

    // attemptNo counts from 1. Returns the delay before the next attempt, or nullopt when the item is final.
    std::optional<qint64> nextDelayMs(ErrorClass error, int attemptNo, std::optional<qint64> retryAfterMs);

    const RetrySettings& settings() const { return m_settings; }

private:
    RetrySettings m_settings;
    QRandomGenerator m_random;
};

} // namespace tierlens
