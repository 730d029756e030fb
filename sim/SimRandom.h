#pragma once
// Deterministic hashing and pseudo-random numbers: every "random" choice of the simulator derives from the seed.

#include <QByteArrayView>
#include <QString>

#include <cstdint>

namespace tierlens {

class SimRandom
{
public:
    explicit SimRandom(quint64 seed)
        : m_state(seed)
    { }

    // splitmix64's finaliser: cheap and good enough to decorrelate neighbouring inputs.
    static quint64 mix(quint64 x)
    {
        x += 0x9e3779b97f4a7c15ULL;
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
        return x ^ (x >> 31);
    }

    static quint64 hash(QByteArrayView data, quint64 seed = 0)
    {
        quint64 h = 0xcbf29ce484222325ULL ^ seed;
        for (char c : data) {
            h ^= static_cast<unsigned char>(c);
            h *= 0x100000001b3ULL;
        }
        return mix(h);
    }

    static quint64 hash(const QString& text, quint64 seed = 0)
    {
        return hash(QByteArrayView(reinterpret_cast<const char*>(text.utf16()), text.size() * 2), seed);
    }

    static quint64 combine(quint64 a, quint64 b) { return mix(a ^ (b * 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2))); }

    quint64 next()
    {
        m_state += 0x9e3779b97f4a7c15ULL;
        return mix(m_state);
    }

    // Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }

    // Uniform integer in [0, n); n <= 0 gives 0.
    int bounded(int n) { return n <= 0 ? 0 : static_cast<int>(next() % static_cast<quint64>(n)); }

    // A factor in [1 - spread, 1 + spread].
    double jitter(double spread) { return 1.0 + (uniform() * 2.0 - 1.0) * spread; }

private:
    quint64 m_state;
};

} // namespace tierlens
