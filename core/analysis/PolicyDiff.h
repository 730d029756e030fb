#pragma once
// What changed from one routing policy to another: routes, categories, default and safer model, models, settings,
// escalation rules; as data for the policy view and as text for the command line.

#include "analysis/RoutingPolicy.h"

#include <QCoreApplication>
#include <QString>
#include <QVector>

namespace tierlens {

// A category both policies route, whose model, decision or override mark differs.
struct RouteChange
{
    QString category;
    QString oldModel;
    QString newModel;
    QString oldDecision;
    QString newDecision;
    bool oldOverride = false;
    bool newOverride = false;
};

// A single value that differs, named by its place in the policy file: "default_model", "settings.tolerance",
// "models.flash.model_id", "source_runs" ... A value missing on one side is an empty string there.
struct FieldChange
{
    QString field;
    QString oldValue;
    QString newValue;
};

struct PolicyDiff
{
    Q_DECLARE_TR_FUNCTIONS(PolicyDiff)
public:
    QVector<RouteChange> changedRoutes; // in the order of the new policy's routes
    QVector<CategoryRoute> addedRoutes; // categories only the new policy routes
    QVector<CategoryRoute> removedRoutes; // categories only the old policy routes
    int unchangedRoutes = 0;
    QVector<FieldChange> fields;
    QVector<EscalationRule> escalationAdded;
    QVector<EscalationRule> escalationRemoved;

    // Compares the decisions, not the evidence: a route whose figures moved but whose model, decision and override
    // mark stayed is unchanged. created_at is never compared.
    static PolicyDiff between(const RoutingPolicy& before, const RoutingPolicy& after);

    bool isEmpty() const;
    // One line per difference, translated; "the policies route the same way (...)" when there is none.
    QString toText() const;
};

} // namespace tierlens
