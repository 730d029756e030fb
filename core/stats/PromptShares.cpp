#include "PromptShares.h"

#include "Distributions.h"
#include "Proportions.h"

#include <cmath>

namespace tierlens {

void PromptShares::add(qint64 prompt, bool passed)
{
    Count& c = m_byPrompt[prompt];
    ++c.items;
    ++m_items;
    if (passed) {
        ++c.passed;
        ++m_passed;
    }
}

void PromptShares::add(const PromptShares& other)
{
    for (auto it = other.m_byPrompt.cbegin(); it != other.m_byPrompt.cend(); ++it) {
        Count& c = m_byPrompt[it.key()];
        c.items += it->items;
        c.passed += it->passed;
    }
    m_items += other.m_items;
    m_passed += other.m_passed;
}

std::optional<double> PromptShares::share(qint64 prompt) const
{
    const auto it = m_byPrompt.constFind(prompt);
    if (it == m_byPrompt.cend() || it->items == 0)
        return std::nullopt;
    return double(it->passed) / double(it->items);
}

double PromptShares::sumOfShares() const
{
    double sum = 0;
    for (const Count& c : m_byPrompt)
        sum += double(c.passed) / double(c.items);
    return sum;
}

std::optional<Interval> PromptShares::passRate(double confidence) const
{
    if (m_byPrompt.isEmpty())
        return std::nullopt;
    return Proportions::wilsonOfShares(sumOfShares(), prompts(), confidence);
}

PromptShares::Paired PromptShares::paired(const PromptShares& first, const PromptShares& second)
{
    Paired p;
    QVector<std::pair<double, double>> pairs;
    for (auto it = first.m_byPrompt.cbegin(); it != first.m_byPrompt.cend(); ++it) {
        const std::optional<double> b = second.share(it.key());
        if (b && it->items > 0)
            pairs.append({ double(it->passed) / double(it->items), *b });
    }
    p.prompts = pairs.size();
    if (pairs.isEmpty())
        return p;
    for (const auto& [a, b] : std::as_const(pairs)) {
        p.firstMean += a;
        p.secondMean += b;
    }
    p.firstMean /= double(pairs.size());
    p.secondMean /= double(pairs.size());
    double sab = 0, saa = 0, sbb = 0;
    for (const auto& [a, b] : std::as_const(pairs)) {
        sab += (a - p.firstMean) * (b - p.secondMean);
        saa += (a - p.firstMean) * (a - p.firstMean);
        sbb += (b - p.secondMean) * (b - p.secondMean);
    }
    // Newcombe sets phi to 0 when a margin is constant (a zero row or column of the 2x2 table): nothing to correlate.
    p.correlation = saa > 0 && sbb > 0 ? sab / std::sqrt(saa * sbb) : 0.0;
    return p;
}

Interval PromptShares::differenceAt(double firstMean, double secondMean, double correlation, qint64 prompts,
                                    double confidence)
{
    Interval r;
    r.n = prompts;
    r.estimate = firstMean - secondMean;
    if (prompts <= 0) {
        r.low = -1.0;
        r.high = 1.0;
        return r;
    }
    const Interval a = Proportions::wilsonOfShares(firstMean * double(prompts), prompts, confidence);
    const Interval b = Proportions::wilsonOfShares(secondMean * double(prompts), prompts, confidence);
    const double d = r.estimate;
    const double phi = correlation;
    // Newcombe (1998), method 10: delta and epsilon from the two Wilson intervals, corrected for the correlation.
    const double delta = std::sqrt(std::max(0.0,
                                            (firstMean - a.low) * (firstMean - a.low)
                                                - 2.0 * phi * (firstMean - a.low) * (b.high - secondMean)
                                                + (b.high - secondMean) * (b.high - secondMean)));
    const double epsilon = std::sqrt(std::max(0.0,
                                              (a.high - firstMean) * (a.high - firstMean)
                                                  - 2.0 * phi * (a.high - firstMean) * (secondMean - b.low)
                                                  + (secondMean - b.low) * (secondMean - b.low)));
    r.low = std::max(-1.0, d - delta);
    r.high = std::min(1.0, d + epsilon);
    return r;
}

std::optional<Interval> PromptShares::difference(const PromptShares& first, const PromptShares& second,
                                                 double confidence)
{
    const Paired p = paired(first, second);
    if (p.prompts == 0)
        return std::nullopt;
    return differenceAt(p.firstMean, p.secondMean, p.correlation, p.prompts, confidence);
}

PromptShares::Counts PromptShares::compare(const PromptShares& first, const PromptShares& second)
{
    Counts c;
    for (auto it = first.m_byPrompt.cbegin(); it != first.m_byPrompt.cend(); ++it) {
        const std::optional<double> b = second.share(it.key());
        if (!b || it->items == 0)
            continue;
        const double a = double(it->passed) / double(it->items);
        if (a > *b)
            ++c.firstBetter;
        else if (a < *b)
            ++c.secondBetter;
        else if (a == 1.0)
            ++c.tiedPassed;
        else
            ++c.tiedOther;
    }
    return c;
}

PairedTest PromptShares::mcnemar(const PromptShares& first, const PromptShares& second)
{
    const Counts c = compare(first, second);
    return PairedTests::mcnemar(c.firstBetter, c.secondBetter,
                                c.firstBetter + c.secondBetter + c.tiedPassed + c.tiedOther);
}

} // namespace tierlens
