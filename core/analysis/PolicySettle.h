#pragma once
// Settling a policy: more prompts for the categories it left undecided, sent to the same models, then the policy
// derived again from every run at the next look (RoutingPolicy: alpha spent over the looks keeps the error rate at
// the policy's confidence however often one looks).

#include "analysis/RoutingPolicy.h"
#include "promptsets/Prompt.h"

#include <QCoreApplication>

#include <optional>

namespace tierlens {

class Store;

class PolicySettle
{
    Q_DECLARE_TR_FUNCTIONS(PolicySettle)
public:
    // The prompts of `more` worth sending: in a category the policy left undecided, and not sent in any of its runs
    // already (the same system and messages: a prompt asked again adds nothing). Nothing, with the reason, when no
    // category is undecided or `more` has nothing new for them.
    static std::optional<PromptSet> promptsToSend(Store& store, const RoutingPolicy& policy, const PromptSet& more,
                                                  QString* error);
    // The policy of the earlier runs and the settle run, at the next look, with the same rule and settings; routes
    // decided before stay decided as they were (RoutingPolicy::keepDecided), routes set by hand stay set by hand.
    static std::optional<RoutingPolicy> rederive(Store& store, const RoutingPolicy& policy, qint64 settleRunId,
                                                 QString* error);
};

} // namespace tierlens
