#pragma once
// Pass/fail verdicts grouped by prompt: the prompt is the sampling unit.
//
// A prompt sent several times (repeats, several runs of one prompt set) is one observation, not several: its share
// of passes (passed items / items with a verdict) is its outcome, and a pass rate is the mean of those shares over
// the prompts. This is the cluster-level ("summary measure") analysis of clustered binary data (Donner & Klar,
// Design and Analysis of Cluster Randomization Trials, 2000, ch. 3): repeats show how stable a model is on a
// prompt, they do not add evidence about the prompts one has not asked. With one item per prompt every figure here
// is the usual one for independent pass/fail outcomes.
//
// Intervals:
// - a pass rate: the Wilson score interval of (sum of the shares) out of (number of prompts). A share lies in
//   [0, 1], so its variance is at most p(1 - p), the variance of a pass/fail outcome with the same mean: the interval
//   is the binary one at worst, never narrower than the evidence;
// - the difference of two models' pass rates on the prompts both answered (paired): Newcombe's hybrid score
//   interval for paired proportions (Newcombe 1998, "Improved confidence intervals for the difference between
//   binomial proportions based on paired data", Stat Med 17:2635, method 10), from the two Wilson intervals and the
//   correlation of the two models' shares across prompts (phi for pass/fail outcomes; 0 when undefined).
//   Symmetric cases give symmetric answers: 0/20 against 0/20 and 20/20 against 20/20 give the same interval.

#include "Interval.h"
#include "PairedTests.h"

#include <QHash>
#include <QVector>

#include <optional>

namespace tierlens {

class PromptShares
{
public:
    void add(qint64 prompt, bool passed);
    void add(const PromptShares& other);

    qint64 items() const { return m_items; } // items with a verdict
    qint64 passedItems() const { return m_passed; }
    qint64 prompts() const { return m_byPrompt.size(); } // distinct prompts with a verdict
    bool isEmpty() const { return m_byPrompt.isEmpty(); }
    // passed / items of one prompt; nullopt when it has no verdict here.
    std::optional<double> share(qint64 prompt) const;
    double sumOfShares() const;

    // Mean share over the prompts, with the Wilson interval described above (n = prompts); nullopt when empty.
    std::optional<Interval> passRate(double confidence) const;

    // first - second over the prompts both have a verdict for (n = those prompts); nullopt when there are none.
    static std::optional<Interval> difference(const PromptShares& first, const PromptShares& second, double confidence);
    // McNemar's test with prompts as pairs: b = prompts where first's share is higher, c = where second's is.
    static PairedTest mcnemar(const PromptShares& first, const PromptShares& second);

    struct Counts
    {
        qint64 firstBetter = 0; // prompts where the first model's share of passes is higher
        qint64 secondBetter = 0;
        qint64 tiedPassed = 0; // equal shares, both 1
        qint64 tiedOther = 0; // equal shares below 1
    };
    static Counts compare(const PromptShares& first, const PromptShares& second);

    // The paired difference interval for the same shares' means and correlation with `prompts` prompts instead of
    // the observed number: what more prompts like these would give. For "how many more prompts would settle it".
    static Interval differenceAt(double firstMean, double secondMean, double correlation, qint64 prompts,
                                 double confidence);
    // The observed means and correlation of two models' shares on their common prompts.
    struct Paired
    {
        qint64 prompts = 0;
        double firstMean = 0;
        double secondMean = 0;
        double correlation = 0;
    };
    static Paired paired(const PromptShares& first, const PromptShares& second);

private:
    struct Count
    {
        qint32 items = 0;
        qint32 passed = 0;
    };
    QHash<qint64, Count> m_byPrompt;
    qint64 m_items = 0;
    qint64 m_passed = 0;
};

} // namespace tierlens
