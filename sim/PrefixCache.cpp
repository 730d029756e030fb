#include "PrefixCache.h"

#include "SimRandom.h"

namespace tierlens {

int PrefixCache::lookupAndInsert(const QByteArray& prompt)
{
    const qsizetype blocks = prompt.size() / kBlockBytes;
    quint64 chain = 0x51ed270b;
    bool stillHitting = true;
    int hitBlocks = 0;
    for (qsizetype b = 0; b < blocks; ++b) {
        // Chaining makes a block's key depend on everything before it: a cache hit is always a prefix.
        chain = SimRandom::hash(QByteArrayView(prompt.constData() + b * kBlockBytes, kBlockBytes), chain);
        if (stillHitting && m_index.contains(chain))
            ++hitBlocks;
        else
            stillHitting = false;
        touch(chain);
    }
    return hitBlocks * kBlockTokens;
}

void PrefixCache::clear()
{
    m_lru.clear();
    m_index.clear();
}

void PrefixCache::touch(quint64 key)
{
    auto it = m_index.find(key);
    if (it != m_index.end()) {
        m_lru.splice(m_lru.begin(), m_lru, it.value());
        return;
    }
    m_lru.push_front(key);
    m_index.insert(key, m_lru.begin());
    while (static_cast<int>(m_index.size()) > m_capacity) {
        m_index.remove(m_lru.back());
        m_lru.pop_back();
    }
}

} // namespace tierlens
