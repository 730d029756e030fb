#pragma once
// What-if: a run's recorded results replayed under a routing policy and under each model alone, for quality and
// cost, and the monthly cost of a traffic mix at the replayed cost per request.

#include "analysis/ItemQuality.h"
#include "analysis/RoutingPolicy.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QMap>

#include <optional>

namespace tierlens {

class Store;

// Requests per day per category, and how many days a month has.
struct TrafficMix
{
    QMap<QString, double> requestsPerDay;
    double daysPerMonth = 30.4; // 365 / 12, rounded as the issue has it
};

// One way of serving the replayed requests: the policy, or one model for everything.
struct WhatIfFigures
{
    qint64 requests = 0; // prompt x repeat slots replayed
    qint64 judged = 0; // of those, with a pass/fail verdict in the end
    qint64 passed = 0;
    std::optional<double> passRate; // passed / judged
    std::optional<double> passRateLow; // Wilson interval at the policy's confidence
    std::optional<double> passRateHigh;
    double costUsd = 0; // every call the strategy would have made, escalations included
    qint64 uncosted = 0; // calls whose result reported no cost, counted as 0
    qint64 escalated = 0; // requests retried on the other model (the policy only)
    std::optional<double> costPerRequestUsd; // costUsd / requests
    std::optional<double> monthlyCostUsd; // for the traffic mix; empty without one
};

struct WhatIfCategory
{
    QString category;
    QString model; // where the policy sends it
    bool byDefault = false; // the policy does not name it: its default model serves it
    double requestsPerDay = 0;
    WhatIfFigures policy;
    QMap<QString, WhatIfFigures> alone; // per model label: that model for every request, no escalation
};

struct WhatIfResult
{
    Q_DECLARE_TR_FUNCTIONS(WhatIfResult)
public:
    qint64 runId = 0;
    QStringList models; // the run's labels, in its order
    WhatIfFigures policy;
    QMap<QString, WhatIfFigures> alone;
    QVector<WhatIfCategory> categories; // by name
    qint64 skippedRequests = 0; // slots some model has no result for; left out so every column replays the same
    bool hasTraffic = false;
    double daysPerMonth = 0;

    // A table per strategy, then per category; translated.
    QString toText() const;
    QJsonObject toJson() const;
};

class WhatIf
{
    Q_DECLARE_TR_FUNCTIONS(WhatIf)
public:
    // Replays run `runId` of `store` with the item quality order of the policy's settings.
    static std::optional<WhatIfResult> replay(Store& store, qint64 runId, const RoutingPolicy& policy,
                                              const TrafficMix& traffic, QString* error);

    // The replay itself. Per prompt x repeat slot that every model answered: the policy's model for the category
    // answers; if that answer trips a trigger the policy escalates on (ItemQuality::triggers), the fallback model's
    // recorded answer for the same slot is the outcome and both calls are paid. Each model alone answers every
    // slot with no escalation. Monthly cost = sum over the mix's categories of requests per day x days per month x
    // the replayed cost per request of that category. Fails when a model of the policy is not in the items, or the
    // mix names a category the items do not have, or a rate is negative.
    static std::optional<WhatIfResult> replay(const QVector<ItemQuality>& items, const QStringList& models,
                                              const RoutingPolicy& policy, const TrafficMix& traffic, QString* error);
};

} // namespace tierlens
