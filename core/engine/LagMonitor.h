#pragma once
// Watches how late the engine's own event loop runs a timer: client-side delay that would otherwise
// hide inside the latency figures.

#include <QObject>
#include <QTimer>

#include <cstdint>
#include <vector>

namespace tierlens {

class LagMonitor : public QObject
{
    Q_OBJECT
public:
    explicit LagMonitor(int intervalMs = 10, QObject* parent = nullptr);

    void start();
    void stop();
    double quantileMs(double q) const;
    double maxMs() const;
    qsizetype samples() const { return qsizetype(m_lagUs.size()); }

private:
    void tick();

    QTimer m_timer;
    int m_intervalMs;
    std::int64_t m_lastNs = 0;
    std::vector<float> m_lagUs;
};

} // namespace tierlens
