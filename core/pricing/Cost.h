#pragma once
// What one attempt cost, from its token usage and the prices in force when it was sent.

#include "Prices.h"
#include "api/ChatTypes.h"

#include <optional>

namespace tierlens {

// miss x miss-price + hit x hit-price + completion x output-price, per 1M tokens.
// Unknown usage (no prompt and no completion count, or no completion count) gives nullopt: an unknown cost is
// never shown as $0. When the server reports prompt_tokens but not the cache split, every prompt token is
// priced as a cache miss, so the figure is an upper bound. A split with one side missing is completed from
// prompt_tokens.
std::optional<double> costUsd(const Prices& prices, const TokenUsage& usage);

// "Blended (3:1)" as published comparisons quote it: (3 x input + output) / 4, with input at the cache-miss
// price since that is what the comparisons use.
double blended3to1(const Prices& prices);

} // namespace tierlens
