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

std::optional<double> RunProgress::etaS() const
{
    qint64 doneHere = 0;
    for (const auto& m : models)
        doneHere += m.attempts - m.retries - m.inFlight;
    const qint64 left = total() - done();
    if (doneHere <= 0 || elapsedS <= 0)
        return std::nullopt;
    return double(left) * elapsedS / double(doneHere);
}

} // namespace tierlens
