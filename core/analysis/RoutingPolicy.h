#pragma once
// The routing policy derived from a run: per prompt category, the cheapest model whose pass rate is within a
// tolerance of the best one's at the chosen confidence, or the safer model where the evidence is too thin; the
// escalation rules; and the policy file (JSON, validated against resources/policy/tierlens-policy.schema.json when
// written and when read back).

#include "analysis/ItemQuality.h"
#include "store/StoreTypes.h"

#include <QDateTime>
#include <QJsonObject>

namespace tierlens {

struct PolicySettings
{
    double tolerance = 0.05; // largest pass-rate loss accepted for a cheaper model
    double confidence = 0.95;
    int minSamples = 30; // items with a verdict, per model and category, before a cheaper model is trusted
    QStringList precedence = ItemQualities::defaultPrecedence();
};

struct ModelEvidence
{
    QString label;
    qint64 n = 0;
    qint64 passed = 0;
    std::optional<double> passRate;
    std::optional<double> passRateLow;
    std::optional<double> passRateHigh;
    std::optional<double> costPerItemUsd;
    std::optional<double> costPerSuccessUsd;
};

struct CategoryRoute
{
    QString category;
    QString model; // label
    QString decision; // cheapest_within_tolerance | best_quality | insufficient_evidence | override
    bool override = false;
    qint64 extraSamplesNeeded = 0;
    QString reason;
    QVector<ModelEvidence> evidence;
};

// A model the policy can route to, as the run called it. apiKeyEnv names the key's environment variable.
struct PolicyModel
{
    QString label;
    QString modelId;
    QString baseUrl;
    QString provider;
    QString apiKeyEnv;
};

struct PolicySource
{
    qint64 runId = 0;
    QString promptSet;
    QString promptSetSha256;
};

// "when" one of escalationTriggers(); the only action so far is retry_on_other_model.
struct EscalationRule
{
    QString when;
    QString action;
};

class RoutingPolicy
{
    Q_DECLARE_TR_FUNCTIONS(RoutingPolicy)
public:
    static std::optional<RoutingPolicy> derive(Store& store, qint64 runId, const PolicySettings& settings,
                                               QString* error);

    // The policy file. Fails (with the schema's words) if the document does not match its own schema.
    std::optional<QJsonObject> toJson(QString* error) const;
    // Reads a policy file back. The document must match the shipped schema, and its routes, default and safer
    // model must name models it lists; otherwise nullopt and `error` says what is wrong and where, as a JSON
    // pointer ("/routes/2/model: ..."). Any input is safe.
    static std::optional<RoutingPolicy> fromJson(const QJsonObject& doc, QString* error);
    // fromJson on a file's bytes; the error starts with the file's path. Files over 64 MiB are refused unread.
    static std::optional<RoutingPolicy> load(const QString& path, QString* error);
    // The schema shipped with Tierlens (embedded from resources/policy).
    static QJsonObject schema();

    const QVector<CategoryRoute>& routes() const { return m_routes; }
    QString defaultModel() const { return m_defaultModel; }
    // The model with the best pass rate over the whole run: where thin categories go, and where escalations go.
    QString saferModel() const { return m_saferModel; }
    const QVector<PolicyModel>& models() const { return m_models; }
    const QVector<PolicySource>& sources() const { return m_sources; }
    const PolicySettings& settings() const { return m_settings; }
    QString priceBook() const { return m_priceBook; }
    QDateTime createdAt() const { return m_createdAt; }
    const QVector<EscalationRule>& escalation() const { return m_escalation; }

    // The model label a category is sent to: its route, else the default model.
    QString modelFor(const QString& category) const;
    // Where a failed answer from `label` is retried: the safer model, or for the safer model itself the next
    // model in the policy's list. Empty when the policy has one model only.
    QString fallbackFor(const QString& label) const;
    // True when an escalation rule retries on the other model after `when` (one of escalationTriggers()).
    bool escalatesOn(const QString& when) const;
    // Keeps a hand-made route, marked as an override. False when the category or the model is not in the policy.
    bool overrideRoute(const QString& category, const QString& model);
    // Routes set by hand in `earlier`, a policy of the same run derived before (other settings, more verdicts), are
    // set by hand here too; a category or model this policy lacks is skipped. Returns how many were kept: none when
    // `earlier` comes from another run.
    int adoptOverrides(const RoutingPolicy& earlier);

    // invalid_json, invalid_tool_call, assertion_failed, final_error: what the escalation rules can react to.
    static QStringList escalationTriggers();

private:
    QVector<PolicySource> m_sources;
    QString m_priceBook;
    QDateTime m_createdAt;
    QVector<PolicyModel> m_models;
    PolicySettings m_settings;
    QVector<CategoryRoute> m_routes;
    QString m_defaultModel;
    QString m_saferModel;
    QVector<EscalationRule> m_escalation;
};

} // namespace tierlens
