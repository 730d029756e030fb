#pragma once
// The policy view's table: one row per category with its route, the decision, what it trades (quality difference and
// cost saved against the other rule's side) and the evidence behind it, and the traffic the user expects for it.
// Editing a row's model overrides its route (kept and marked as an override); editing its requests per day changes the
// traffic mix the what-if projects.

#include "RoutingPolicy.h"
#include "WhatIf.h"

#include <QAbstractTableModel>

namespace tierlens {

class PolicyRoutesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    // Trade: the quality difference to the other rule's side (Risk) next to what the route saves against it (Saving:
    // per 1,000 requests, or per month with the requests per day).
    enum Column {
        Category,
        Model,
        Decision,
        Risk,
        Saving,
        Evidence,
        ExtraPrompts,
        RequestsPerDay,
        Reason,
        ColumnCount
    };
    // The labels a Model cell may take (a QStringList), for the editor.
    static constexpr int ChoicesRole = Qt::UserRole + 1;

    explicit PolicyRoutesModel(QObject* parent = nullptr);

    // A new policy; the traffic of categories it still has is kept.
    void setPolicy(const RoutingPolicy& policy);
    // No policy (none could be derived): nothing to show or export.
    void clear();
    const RoutingPolicy& policy() const { return m_policy; }
    bool hasPolicy() const { return m_hasPolicy; }
    TrafficMix traffic() const;
    void setTraffic(const QMap<QString, double>& requestsPerDay);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void policyEdited(); // a route was overridden
    void trafficEdited();

private:
    RoutingPolicy m_policy;
    bool m_hasPolicy = false;
    QMap<QString, double> m_traffic;
};

} // namespace tierlens
