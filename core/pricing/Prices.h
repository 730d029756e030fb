#pragma once
// The three per-token rates in force for one model at one moment, in USD per 1M tokens.

namespace tierlens {

struct Prices
{
    double inputCacheMiss = 0;
    double inputCacheHit = 0;
    double output = 0; // reasoning tokens are billed as output
    bool offPeak = false; // the off-peak rates of a period with peak windows apply

    bool operator==(const Prices& o) const
    {
        return inputCacheMiss == o.inputCacheMiss && inputCacheHit == o.inputCacheHit && output == o.output
            && offPeak == o.offPeak;
    }
    bool operator!=(const Prices& o) const { return !(*this == o); }
};

} // namespace tierlens
