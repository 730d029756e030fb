#pragma once
// A model's prompt prefix cache: 64-token blocks keyed by a chained hash, bounded by an LRU.

#include <QByteArray>
#include <QHash>

#include <list>

namespace tierlens {

class PrefixCache
{
public:
    static constexpr int kBlockTokens = 64;
    static constexpr int kBlockBytes = kBlockTokens * 4; // matches TokenText::promptTokens' 4 bytes per token

    explicit PrefixCache(int capacityBlocks = 200000)
        : m_capacity(capacityBlocks)
    { }

    // Returns how many prompt tokens are served from the cache (whole leading blocks seen before),
    // then remembers every whole block of this prompt.
    int lookupAndInsert(const QByteArray& prompt);
    void clear();
    int size() const { return static_cast<int>(m_index.size()); }

private:
    void touch(quint64 key);

    int m_capacity;
    std::list<quint64> m_lru; // most recent at the front
    QHash<quint64, std::list<quint64>::iterator> m_index;
};

} // namespace tierlens
