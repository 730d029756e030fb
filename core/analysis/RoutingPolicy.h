#pragma once
// The routing policy derived from a run: per prompt category, the cheapest model whose pass rate is within a
// tolerance of the best one's at the chosen confidence, or the safer model where the evidence is too thin; the
// escalation rules; and the policy file (JSON, validated against resources/policy/tierlens-policy.schema.json).

#include "analysis/ItemQuality.h"
#include "store/StoreTypes.h"

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

class RoutingPolicy
{
    Q_DECLARE_TR_FUNCTIONS(RoutingPolicy)
public:
    static std::optional<RoutingPolicy> derive(Store& store, qint64 runId, const PolicySettings& settings,
                                               QString* error);

    // The policy file. Fails (with the schema's words) if the document does not match its own schema.
    std::optional<QJsonObject> toJson(QString* error) const;
    // The schema shipped with Tierlens (embedded from resources/policy).
    static QJsonObject schema();

    const QVector<CategoryRoute>& routes() const { return m_routes; }
    QString defaultModel() const { return m_defaultModel; }
    // Keeps a hand-made route, marked as an override.
    bool overrideRoute(const QString& category, const QString& model);

private:
    RunRow m_run;
    QString m_promptSetSha;
    PolicySettings m_settings;
    QVector<CategoryRoute> m_routes;
    QString m_defaultModel;
};

} // namespace tierlens
