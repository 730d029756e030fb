#pragma once
// What is known about each item's quality, from the sources a user trusts in the order they set: people's
// ratings, automatic assertions, the LLM judge's rubric scores. A failed call is a failed item whatever else.

#include <QCoreApplication>
#include <QStringList>

#include <optional>

namespace tierlens {

class Store;

struct ItemQuality
{
    qint64 resultId = 0;
    qint64 runModelId = 0;
    QString label;
    QString category;
    qint64 promptId = 0;
    int repeatIndex = 0;
    std::optional<bool> passed; // empty: nothing says
    QString source; // human | assertions | judge | error | "" (unknown)
    std::optional<double> costUsd; // the item's attempts, retries included
    // What a router would see go wrong with this answer, as RoutingPolicy::escalationTriggers() names it:
    // final_error (the call failed), invalid_json (a failed is-json or json-schema assertion), invalid_tool_call
    // (a failed tool-call assertion), assertion_failed (any other failed assertion). People's ratings and the
    // judge's rubric scores come too late to reroute a request, so they trip nothing.
    QStringList triggers;
    double latencyMs = 0;
};

class ItemQualities
{
    Q_DECLARE_TR_FUNCTIONS(ItemQualities)
public:
    // Sources by name: "human", "assertions", "judge"; the first that has a verdict for an item decides it.
    static QStringList defaultPrecedence()
    {
        return { QStringLiteral("human"), QStringLiteral("assertions"), QStringLiteral("judge") };
    }

    static std::optional<QVector<ItemQuality>> load(Store& store, qint64 runId, const QStringList& precedence,
                                                    QString* error);
};

} // namespace tierlens
