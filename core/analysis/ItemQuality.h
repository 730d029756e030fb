#pragma once
// Where an item's pass/fail comes from: the sources a user trusts, in the order they set (people's ratings,
// automatic assertions, the LLM judge's rubric scores); the first that has a verdict decides, and a failed call is a
// failed item whatever else. The rule itself lives in one place, the item query (Store::forEachItem); every figure
// reads its verdicts through EvalStatistics.

#include "store/AnalyticsTypes.h"

#include <QCoreApplication>
#include <QStringList>

namespace tierlens {

// One item with its verdict and what a router would see go wrong with it (triggers, as
// RoutingPolicy::escalationTriggers() names them). People's ratings and the judge's rubric scores come too late to
// reroute a request, so they trip nothing.
using ItemQuality = ItemVerdict;

class ItemQualities
{
    Q_DECLARE_TR_FUNCTIONS(ItemQualities)
public:
    // Sources by name: "human", "assertions", "judge".
    static QStringList defaultPrecedence()
    {
        return { QStringLiteral("human"), QStringLiteral("assertions"), QStringLiteral("judge") };
    }
    // Empty when every name is a source, else what is wrong.
    static QString checkPrecedence(const QStringList& precedence);
};

} // namespace tierlens
