#pragma once
// What an exchange says about its attempt: time stamps as durations, the outcome with the key masked, usage that
// is not believed flagged, output speed, and the cost from the price book. The run engine and the live shadow
// proxy both record attempts through it, so an attempt's figures mean the same whichever wrote it.

#include "store/StoreTypes.h"
#include "transport/HttpExchange.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <cstdint>

namespace tierlens {

class PriceBook;

struct AttemptModel
{
    QString modelId; // as priced
    const PriceBook* priceBook = nullptr; // none: no cost
    qint64 maxUsageTokens = 100'000'000; // usage above it is not believed (from the price book's context window)
    QByteArray bearer; // masked wherever the answer repeats it
};

// Fills the attempt's measured fields from the exchange; sentNs is the moment the attempt counts from (the
// exchange's own when set) and startedAt its wall time. Identity fields (run, model, prompt, repeat, attempt, turn,
// queue wait) are the caller's.
void measureAttempt(AttemptRow& row, const HttpExchange& ex, const AttemptModel& model, const QDateTime& startedAt);

std::optional<double> msBetween(std::int64_t fromNs, std::int64_t toNs);

} // namespace tierlens
