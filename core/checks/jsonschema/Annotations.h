#pragma once
// What the in-place applicators of one instance location have evaluated, for unevaluatedProperties/Items.

#include <QSet>
#include <QString>

namespace tierlens {

struct Annotations
{
    QSet<QString> properties;
    bool allProperties = false;
    qsizetype prefixItems = 0; // items [0, prefixItems) were evaluated
    QSet<qsizetype> items; // further evaluated items (those `contains` matched)
    bool allItems = false;

    bool hasProperty(const QString& name) const { return allProperties || properties.contains(name); }
    bool hasItem(qsizetype index) const { return allItems || index < prefixItems || items.contains(index); }
    void merge(const Annotations& o)
    {
        properties.unite(o.properties);
        allProperties = allProperties || o.allProperties;
        prefixItems = qMax(prefixItems, o.prefixItems);
        items.unite(o.items);
        allItems = allItems || o.allItems;
    }
};

} // namespace tierlens
