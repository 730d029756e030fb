#pragma once
// What-if: the recorded results of one run or several replayed under a routing policy, next to each model alone, for
// quality and cost, and the monthly cost of a traffic mix at the replayed cost per request. Each model alone is its
// figures from EvalStatistics (the same as the dashboard's and the policy's evidence); the policy's replay counts
// prompts as EvalStatistics does (PromptShares).

#include "analysis/ItemQuality.h"
#include "analysis/RoutingPolicy.h"
#include "stats/PromptShares.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QMap>

#include <optional>

namespace tierlens {

class EvalStatistics;
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
    qint64 requests = 0; // items replayed (prompt x repeat x run)
    qint64 judged = 0; // of those, with a pass/fail verdict in the end
    qint64 passed = 0;
    qint64 prompts = 0; // distinct prompts with a verdict: the n of the pass rate
    std::optional<double> passRate; // mean per-prompt share of passes
    std::optional<double> passRateLow; // Wilson interval over the prompts at the policy's confidence
    std::optional<double> passRateHigh;
    double costUsd = 0; // every call the strategy would have made, escalations included
    qint64 uncosted = 0; // calls whose result reported no cost, counted as 0
    qint64 escalated = 0; // requests retried on the next model up the ladder (the policy only)
    PromptShares shares; // the verdicts by prompt behind the pass rate
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
    QVector<qint64> runIds;
    QStringList models; // the runs' labels, in their order
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
    // Replays runs of `store` with the item quality order and the confidence of the policy's settings.
    static std::optional<WhatIfResult> replay(Store& store, const QVector<qint64>& runIds, const RoutingPolicy& policy,
                                              const TrafficMix& traffic, QString* error);

    // The replay itself, over statistics computed with keepItems. Per prompt x repeat x run slot that every model
    // answered: the policy's model for the category answers; if that answer trips a trigger the policy escalates on
    // (ItemQuality::triggers), the next model up the ladder's recorded answer for the same slot is the outcome and
    // both calls are paid. Each model alone is its EvalStatistics figures (every item it has). Monthly cost = sum
    // over the mix's categories of requests per day x days per month x the cost per request of that category. Fails
    // when a model of the policy is not in the statistics, or the mix names a category they do not have, or a rate
    // is negative.
    static std::optional<WhatIfResult> replay(const EvalStatistics& statistics, const RoutingPolicy& policy,
                                              const TrafficMix& traffic, QString* error);
};

} // namespace tierlens
