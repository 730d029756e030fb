#pragma once
// Where time comes from. Production code asks a Clock; tests inject ManualClock so price-book
// dates, backoff and latency logic are testable without sleeping.

#include <QDateTime>

#include <algorithm>
#include <chrono>
#include <cstdint>

namespace tierlens {

class Clock
{
public:
    virtual ~Clock() = default;
    // Wall-clock time, UTC: what an attempt is billed at and stored with.
    virtual QDateTime nowUtc() const = 0;
    // Monotonic nanoseconds from an arbitrary origin: what durations are measured with.
    virtual std::int64_t monotonicNs() const = 0;
    // How long a timer should wait, in real milliseconds, for this clock to move on by waitNs: the same for a clock
    // that moves with real time.
    virtual int timerIntervalMs(std::int64_t waitNs) const
    {
        return int(std::clamp<std::int64_t>((waitNs + 999999) / 1000000, 0, 24 * 3600 * 1000));
    }

    static Clock& system();
};

// The monotonic clock the network thread stamps bytes with; cheap and thread-safe.
inline std::int64_t steadyNowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

class ManualClock : public Clock
{
public:
    explicit ManualClock(QDateTime start = QDateTime::fromSecsSinceEpoch(0, Qt::UTC))
        : m_wall(std::move(start))
    { }
    QDateTime nowUtc() const override { return m_wall; }
    std::int64_t monotonicNs() const override { return m_mono; }
    // Time moves only when the test moves it: a wait on it is checked again each millisecond.
    int timerIntervalMs(std::int64_t waitNs) const override { return waitNs > 0 ? 1 : 0; }
    void setNow(const QDateTime& t) { m_wall = t.toUTC(); }
    void advanceMs(qint64 ms)
    {
        m_wall = m_wall.addMSecs(ms);
        m_mono += ms * 1000000;
    }

private:
    QDateTime m_wall;
    std::int64_t m_mono = 0;
};

} // namespace tierlens
