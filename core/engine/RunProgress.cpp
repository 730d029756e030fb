#include "RunProgress.h"

namespace tierlens {

qint64 RunProgress::total() const
{
    qint64 n = 0;
    for (const auto& m : models)
        n += m.total;
    return n;
}

qint64 RunProgress::done() const
{
    qint64 n = 0;
    for (const auto& m : models)
        n += m.done;
    return n;
}

QStringList RunProgress::modelsWithoutAnswers() const
{
    QStringList labels;
    for (const auto& m : models) {
        if (m.done > 0 && m.ok == 0)
            labels.append(m.label);
    }
    return labels;
}

std::optional<double> RunProgress::etaS(const ModelProgress& m, double elapsedS)
{
    const qint64 left = m.total - m.done;
    if (left <= 0)
        return 0.0;
    // Items finished by this process (a resumed run's earlier items took no time here).
    const qint64 doneHere = m.done - m.doneBefore;
    if (doneHere <= 0 || elapsedS <= 0)
        return std::nullopt;
    return double(left) * elapsedS / double(doneHere);
}

std::optional<double> RunProgress::etaS() const
{
    double longest = 0;
    for (const auto& m : models) {
        const std::optional<double> eta = etaS(m, elapsedS);
        if (!eta)
            return std::nullopt;
        longest = std::max(longest, *eta);
    }
    return longest;
}

} // namespace tierlens
