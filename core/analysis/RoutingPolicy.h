#pragma once
// The routing policy derived from one run or several: per prompt category, which model serves it under the burden
// of proof the user chose, with the evidence (per model: prompts, items, pass rate and its interval, cost) and what
// the choice trades (the quality difference to the alternative, and the cost saved); the escalation ladder; and the
// policy file (JSON, validated against resources/policy/tierlens-policy.schema.json when written and read back).
//
// Every figure comes from EvalStatistics: the prompt is the sampling unit, and the difference between two models is
// Newcombe's paired interval over the prompts both answered (PromptShares). The rules, with the models ordered by
// cost (the ladder, cheapest first):
// - cheaper-unless-worse: a category goes to a pricier model only where that model is shown better than the one
//   below it by more than the tolerance (the lower bound of the difference above it). The common advice: Flash by
//   default, Pro where your own evaluation shows Flash insufficient.
// - pricier-unless-good-enough: a category goes to the cheapest model shown not worse than the best one by more than
//   the tolerance (the lower bound of its difference to the best at or above minus the tolerance); the best model
//   where none is.
// A category is decided when no more prompts could change the route at the observed difference; otherwise the
// route follows the rule's side of the doubt, and extraPromptsNeeded says how many more distinct prompts (not
// repeats) would settle it if the difference stays what it is. A category with fewer than minPrompts prompts for a
// model is undecided too. The default model (for categories the policy does not name) follows from the same rule on
// every category together.
//
// Looking again: tierlens-cli settle adds prompts to undecided categories and derives again. The k-th look tests at
// (1 - confidence) / 2^k, so that every look of a policy together keeps the error rate at 1 - confidence (alpha
// spending over looks, Bonferroni's bound); the policy file records the look.

#include "analysis/ItemQuality.h"
#include "stats/Interval.h"
#include "store/StoreTypes.h"

#include <QDateTime>
#include <QJsonObject>

namespace tierlens {

class EvalStatistics;
class Store;

enum class PolicyRule {
    CheaperUnlessWorse,
    PricierUnlessGoodEnough,
};

struct PolicySettings
{
    PolicyRule rule = PolicyRule::CheaperUnlessWorse;
    double tolerance = 0.05; // the pass-rate difference that matters
    double confidence = 0.95; // for every look together
    int look = 1; // 1 for the first derivation, then one more per settle
    int minPrompts = 30; // distinct prompts per model and category before a difference is trusted
    QStringList precedence = ItemQualities::defaultPrecedence();

    static constexpr int kMostLooks = 30; // beyond, the level rounds to 1
    // The level the look tests at: 1 - (1 - confidence) / 2^look.
    double confidenceAtThisLook() const;
    double confidenceAtLook(int look) const;
    static QString ruleName(PolicyRule rule); // cheaper-unless-worse | pricier-unless-good-enough
    static std::optional<PolicyRule> ruleFromName(const QString& name);
};

struct ModelEvidence
{
    QString label;
    qint64 prompts = 0; // distinct prompts with a verdict: the sample size
    qint64 items = 0; // items with a verdict (repeats and runs of a prompt included)
    qint64 passed = 0; // of those items
    std::optional<Interval> passRate; // mean per-prompt share of passes, Wilson over the prompts
    std::optional<double> costPerItemUsd; // every billed attempt per item
    std::optional<double> costPerSuccessUsd;
};

struct CategoryRoute
{
    QString category;
    QString model; // label
    // pricier_shown_better | cheaper_not_shown_worse | cheaper_shown_good_enough | best_quality |
    // insufficient_evidence | override
    QString decision;
    bool decided = false;
    bool override = false;
    // Distinct prompts per model that would settle an undecided route at the next look (the one settling tests at)
    // if the difference stays as observed; empty when decided, or when no number of prompts would (the difference
    // sits on the threshold).
    std::optional<qint64> extraPromptsNeeded;
    QString reason;
    // What the route trades: the other rule's side (the best model where the route is cheaper, the cheapest where
    // it is the best), the quality difference route minus that model (paired, over their common prompts) and the
    // cost saved per request by taking the route instead of it (negative: the route costs more).
    QString versus;
    std::optional<Interval> qualityDifference;
    std::optional<double> savingPerRequestUsd;
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

// "when" one of escalationTriggers(); the action retries on the next model up the ladder.
struct EscalationRule
{
    QString when;
    QString action;
};

class RoutingPolicy
{
    Q_DECLARE_TR_FUNCTIONS(RoutingPolicy)
public:
    // From the runs' statistics (one run, or several whose prompts then pool: the same prompt in two runs is one
    // sample). The runs must be shadow runs of the same models.
    static std::optional<RoutingPolicy> derive(Store& store, const QVector<qint64>& runIds,
                                               const PolicySettings& settings, QString* error);
    static std::optional<RoutingPolicy> derive(const EvalStatistics& statistics, const QVector<RunRow>& runs,
                                               const PolicySettings& settings, QString* error);

    // The policy file (schema version 2). Fails (with the schema's words) if the document does not match its schema.
    std::optional<QJsonObject> toJson(QString* error) const;
    // Reads a policy file back: schema version 2, or a version 1 file of an earlier Tierlens (its rule was
    // pricier-unless-good-enough and its sample sizes items). The document must match its schema, and its routes,
    // default and ladder must name models it lists; otherwise nullopt and `error` says what is wrong and where, as a
    // JSON pointer ("/routes/2/model: ..."). Any input is safe.
    static std::optional<RoutingPolicy> fromJson(const QJsonObject& doc, QString* error);
    // fromJson on a file's bytes; the error starts with the file's path. Files over 64 MiB are refused unread.
    static std::optional<RoutingPolicy> load(const QString& path, QString* error);
    // The schema shipped with Tierlens (embedded from resources/policy).
    static QJsonObject schema();

    const QVector<CategoryRoute>& routes() const { return m_routes; }
    QString defaultModel() const { return m_defaultModel; }
    QString defaultReason() const { return m_defaultReason; }
    // The models cheapest first: where a failed answer escalates to (the next one up).
    const QStringList& ladder() const { return m_ladder; }
    const QVector<PolicyModel>& models() const { return m_models; }
    const QVector<PolicySource>& sources() const { return m_sources; }
    const PolicySettings& settings() const { return m_settings; }
    QString priceBook() const { return m_priceBook; }
    QDateTime createdAt() const { return m_createdAt; }
    const QVector<EscalationRule>& escalation() const { return m_escalation; }
    // Categories whose route is not decided yet (settle adds prompts to these).
    QStringList undecidedCategories() const;

    // The model label a category is sent to: its route, else the default model.
    QString modelFor(const QString& category) const;
    // Where a failed answer from `label` is retried: the next model up the ladder; empty at the top.
    QString fallbackFor(const QString& label) const;
    // True when an escalation rule retries on the next model after `when` (one of escalationTriggers()).
    bool escalatesOn(const QString& when) const;
    // Keeps a hand-made route, marked as an override; what it trades is then against the model the rule chose (the
    // cost; the quality difference is cleared, it needs the paired data). False when the category or the model is
    // not in the policy.
    bool overrideRoute(const QString& category, const QString& model);
    // The routes `earlier` (the policy before a settle) had decided stay as they were: a decision taken at an earlier
    // look stands (testing it again on the same data at a smaller alpha could only undo it for no new evidence); a
    // route decided again the same way keeps its new figures. Returns how many earlier routes were put back.
    int keepDecided(const RoutingPolicy& earlier);
    // Routes set by hand in `earlier`, a policy of the same runs derived before (other settings, more verdicts), are
    // set by hand here too; a category or model this policy lacks is skipped. Returns how many were kept: none when
    // `earlier` comes from other runs.
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
    QString m_defaultReason;
    QStringList m_ladder;
    QVector<EscalationRule> m_escalation;
};

} // namespace tierlens
