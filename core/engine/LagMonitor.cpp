#include "LagMonitor.h"

#include "util/Clock.h"

#include <algorithm>

namespace tierlens {

LagMonitor::LagMonitor(int intervalMs, QObject* parent)
    : QObject(parent)
    , m_intervalMs(intervalMs)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &LagMonitor::tick);
}

void LagMonitor::start()
{
    m_lagUs.clear();
    m_lastNs = steadyNowNs();
    m_timer.start();
}

void LagMonitor::stop()
{
    m_timer.stop();
}

void LagMonitor::tick()
{
    const std::int64_t now = steadyNowNs();
    const std::int64_t lateNs = (now - m_lastNs) - std::int64_t(m_intervalMs) * 1000000;
    m_lastNs = now;
    m_lagUs.push_back(float(std::max<std::int64_t>(lateNs, 0)) / 1000.0f);
}

double LagMonitor::quantileMs(double q) const
{
    if (m_lagUs.empty())
        return 0;
    std::vector<float> sorted = m_lagUs;
    const auto k = size_t(q * double(sorted.size() - 1));
    std::nth_element(sorted.begin(), sorted.begin() + std::ptrdiff_t(k), sorted.end());
    return double(sorted[k]) / 1000.0;
}

double LagMonitor::maxMs() const
{
    return m_lagUs.empty() ? 0 : double(*std::max_element(m_lagUs.begin(), m_lagUs.end())) / 1000.0;
}

} // namespace tierlens
