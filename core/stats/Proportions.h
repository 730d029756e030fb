#pragma once
// Pass rates: their confidence intervals, and how many samples would tell two of them apart.

#include "Interval.h"

#include <QtGlobal>

#include <optional>

namespace tierlens {

class Proportions
{
public:
    // The Wilson score interval for successes out of n at the two-sided confidence level (Wilson 1927; Newcombe
    // 1998, method 3). With p = successes / n and z the normal quantile for the level:
    //   centre = (p + z^2 / 2n) / (1 + z^2 / n),  half width = z / (1 + z^2 / n) * sqrt(p(1 - p) / n + z^2 / 4n^2).
    // Unlike the textbook p +- z sqrt(p(1-p)/n) it stays inside [0, 1] and does not collapse to a point at 0/n or
    // n/n, which is what small prompt sets produce. estimate is p itself (not the interval's centre); at 0/n low is
    // exactly 0, at n/n high is exactly 1. n <= 0 gives estimate 0, low 0, high 1 and n 0: nothing is known.
    // successes is clamped into [0, n]. See Distributions::twoSidedZ for an out-of-range confidence.
    static Interval wilson(qint64 successes, qint64 n, double confidence = 0.95);
    // The same with a fractional number of successes: the sum of per-prompt shares of passes over n prompts
    // (PromptShares).
    static Interval wilsonOfShares(double successes, qint64 n, double confidence = 0.95);

    // Samples per model that a two-sided two-proportion z-test at the confidence level (alpha = 1 - confidence)
    // needs to detect the difference between pass rates p1 and p2 with the given power (Fleiss, Levin & Paik,
    // Statistical Methods for Rates and Proportions, 3rd ed., ch. 4, without the continuity correction):
    //   n = (z_{1-alpha/2} sqrt(2 pbar (1 - pbar)) + z_{power} sqrt(p1 (1 - p1) + p2 (1 - p2)))^2 / (p1 - p2)^2,
    //   pbar = (p1 + p2) / 2,
    // rounded up. "How many more samples would settle it" is this minus the samples each model has. The formula
    // is for two independent groups; both models answering the same prompts is a paired design (McNemar), for
    // which this is an overestimate when their passes go together, as they usually do: read it as an upper bound.
    // nullopt when p1 == p2 (no sample size tells equal rates apart), when a rate is outside [0, 1], confidence or
    // power outside (0, 1), or when the answer is beyond 2^53 (rates closer than about 1e-8).
    static std::optional<qint64> samplesToSeparate(double p1, double p2, double confidence = 0.95, double power = 0.8);
};

} // namespace tierlens
