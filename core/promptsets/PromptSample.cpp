#include "PromptSample.h"

#include <QCryptographicHash>
#include <QHash>

#include <algorithm>

namespace tierlens {

namespace {

quint64 drawKey(quint64 seed, const QString& promptId)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArray::number(seed));
    hash.addData(QByteArrayView("/"));
    hash.addData(promptId.toUtf8());
    const QByteArray digest = hash.result();
    quint64 key = 0;
    for (int i = 0; i < 8; ++i)
        key = (key << 8) | quint8(digest.at(i));
    return key;
}

} // namespace

PromptSet PromptSample::stratified(const PromptSet& set, const QSet<qint64>& eligible, int perCategory, quint64 seed,
                                   QVector<Drawn>* drawn)
{
    // Each category's eligible prompts, as places in the set, in the set's order of first appearance.
    QStringList categories;
    QHash<QString, QVector<qsizetype>> byCategory;
    for (qsizetype i = 0; i < set.prompts.size(); ++i) {
        const Prompt& p = set.prompts.at(i);
        if (!eligible.isEmpty() && !eligible.contains(p.dbId))
            continue;
        if (!byCategory.contains(p.category))
            categories.append(p.category);
        byCategory[p.category].append(i);
    }
    QVector<qsizetype> chosen;
    if (drawn)
        drawn->clear();
    for (const QString& category : std::as_const(categories)) {
        QVector<std::pair<quint64, qsizetype>> keyed; // (draw key, place): the lowest keys are drawn
        for (qsizetype place : byCategory.value(category))
            keyed.append({ drawKey(seed, set.prompts.at(place).id), place });
        const int of = int(keyed.size());
        std::sort(keyed.begin(), keyed.end());
        keyed.resize(std::min<qsizetype>(keyed.size(), std::max(0, perCategory)));
        for (const auto& [key, place] : std::as_const(keyed))
            chosen.append(place);
        if (drawn)
            drawn->append({ category, int(keyed.size()), of });
    }
    std::sort(chosen.begin(), chosen.end());
    PromptSet out;
    out.name = set.name;
    out.sourcePath = set.sourcePath;
    out.defaults = set.defaults;
    for (qsizetype i : std::as_const(chosen)) {
        Prompt p = set.prompts.at(i);
        p.dbId = 0; // a new set's prompt
        out.prompts.append(p);
    }
    return out;
}

} // namespace tierlens
