#pragma once
// A routing policy as a LiteLLM proxy config.yaml: both models, a model group per category, fallbacks.

#include "analysis/RoutingPolicy.h"

#include <QByteArray>
#include <QCoreApplication>

#include <optional>

namespace tierlens {

struct LiteLlmOptions
{
    // Clients send a request's category as its model: "<routeGroup>/<category>"; "<routeGroup>" alone serves the
    // categories the policy does not name (its default model).
    QString routeGroup = QStringLiteral("tierlens");
    QString routingStrategy = QStringLiteral("simple-shuffle"); // one deployment per group: nothing to balance
    int numRetries = 2; // LiteLLM's retries on the same group before a fallback
    int timeoutSeconds = 600;
};

class LiteLlmExport
{
    Q_DECLARE_TR_FUNCTIONS(LiteLlmExport)
public:
    // The config.yaml text (UTF-8): a comment block with the routes and what LiteLLM cannot do for the escalation
    // rules; model_list with one entry per model (model_name = its label) and one per category and the default
    // (model_name = the route group names above), each with litellm_params model, api_base and api_key
    // "os.environ/<VAR>" (never a key; left out for a model without a key variable); router_settings with
    // routing_strategy, num_retries, timeout and, when the policy escalates on final_error, fallbacks
    // [{group: [fallback label]}] (RoutingPolicy::fallbackFor). LiteLLM falls back on errors only, so the check
    // triggers (invalid JSON, tool call, assertion) stay the client's to act on; the comment says so.
    // Fails when a key variable is not a variable name, or two model groups would share a name.
    static std::optional<QByteArray> toYaml(const RoutingPolicy& policy, const LiteLlmOptions& options, QString* error);

    // LiteLLM's model string: "deepseek/<model id>" for DeepSeek's own API, "openai/<model id>" for any other
    // OpenAI-compatible server (reached through api_base).
    static QString litellmModel(const PolicyModel& model);
    // The base URL without a trailing "/chat/completions" or slash: LiteLLM appends the endpoint itself.
    static QString apiBase(const PolicyModel& model);
};

} // namespace tierlens
