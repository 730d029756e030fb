#include "RoutingPolicy.h"

#include "stats/Proportions.h"
#include "store/Store.h"

#include <QMap>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

struct Tally
{
    qint64 n = 0;
    qint64 passed = 0;
    double cost = 0;
    qint64 costed = 0;
};

ModelEvidence evidenceOf(const QString& label, const Tally& t, double confidence)
{
    ModelEvidence e;
    e.label = label;
    e.n = t.n;
    e.passed = t.passed;
    if (t.n > 0) {
        const Interval w = Proportions::wilson(t.passed, t.n, confidence);
        e.passRate = w.estimate;
        e.passRateLow = w.low;
        e.passRateHigh = w.high;
    }
    if (t.costed > 0) {
        e.costPerItemUsd = t.cost / double(t.costed);
        if (t.passed > 0)
            e.costPerSuccessUsd = t.cost / double(t.passed);
    }
    return e;
}

// Newcombe's hybrid score interval for p1 - p2, from the two Wilson intervals (Newcombe 1998, method 10).
double differenceLow(const ModelEvidence& a, const ModelEvidence& b)
{
    const double d = *a.passRate - *b.passRate;
    return d - std::sqrt(std::pow(*a.passRate - *a.passRateLow, 2) + std::pow(*b.passRateHigh - *b.passRate, 2));
}

} // namespace

std::optional<RoutingPolicy> RoutingPolicy::derive(Store& store, qint64 runId, const PolicySettings& settings,
                                                   QString* error)
{
    if (settings.tolerance < 0 || settings.tolerance > 1 || settings.confidence <= 0 || settings.confidence >= 1
        || settings.minSamples < 1) {
        *error = tr("tolerance must be 0..1, confidence between 0 and 1, min samples at least 1");
        return std::nullopt;
    }
    const std::optional<RunRow> run = store.requireRun(runId, error);
    if (!run)
        return std::nullopt;
    if (run->kind != u"shadow"_s || run->models.size() < 2) {
        *error = tr("run %1 is not a shadow run of two or more models").arg(runId);
        return std::nullopt;
    }
    const auto items = ItemQualities::load(store, runId, settings.precedence, error);
    if (!items)
        return std::nullopt;

    QMap<QString, QHash<qint64, Tally>> byCategory; // category -> run model -> tally
    QHash<qint64, Tally> overall;
    for (const ItemQuality& q : *items) {
        for (Tally* t : { &byCategory[q.category][q.runModelId], &overall[q.runModelId] }) {
            if (q.passed) {
                ++t->n;
                t->passed += *q.passed ? 1 : 0;
            }
            if (q.costUsd) {
                t->cost += *q.costUsd;
                ++t->costed;
            }
        }
    }

    RoutingPolicy policy;
    PolicySource source { run->id, run->promptSetName, QString() };
    if (const auto set = store.loadPromptSet(run->promptSetId))
        source.promptSetSha256 = set->sourceSha256;
    policy.m_sources = { source };
    policy.m_priceBook = run->priceBookVersion;
    policy.m_createdAt = QDateTime::currentDateTimeUtc();
    for (const RunModelRow& m : run->models)
        policy.m_models.append({ m.label, m.modelId, m.baseUrl, m.provider, m.apiKeyEnv });
    policy.m_settings = settings;
    for (const QString& when : escalationTriggers())
        policy.m_escalation.append({ when, u"retry_on_other_model"_s });

    // The safer model is the one with the best pass rate over everything (the dearer one on a tie); the default
    // for categories the policy does not know is the cheapest.
    QVector<ModelEvidence> all;
    for (const RunModelRow& m : run->models)
        all.append(evidenceOf(m.label, overall.value(m.id), settings.confidence));
    auto cost = [](const ModelEvidence& e) { return e.costPerItemUsd.value_or(0); };
    const ModelEvidence safer
        = *std::max_element(all.cbegin(), all.cend(), [&](const ModelEvidence& a, const ModelEvidence& b) {
              const double pa = a.passRate.value_or(-1), pb = b.passRate.value_or(-1);
              return pa != pb ? pa < pb : cost(a) < cost(b);
          });
    policy.m_saferModel = safer.label;
    policy.m_defaultModel
        = std::min_element(all.cbegin(), all.cend(), [&](const ModelEvidence& a, const ModelEvidence& b) {
              return cost(a) < cost(b);
          })->label;

    for (auto it = byCategory.cbegin(); it != byCategory.cend(); ++it) {
        CategoryRoute route;
        route.category = it.key();
        for (const RunModelRow& m : run->models)
            route.evidence.append(evidenceOf(m.label, it.value().value(m.id), settings.confidence));
        QVector<ModelEvidence> judged;
        for (const ModelEvidence& e : route.evidence) {
            if (e.passRate)
                judged.append(e);
        }
        const ModelEvidence* best = judged.isEmpty()
            ? nullptr
            : &*std::max_element(judged.cbegin(), judged.cend(), [&](const ModelEvidence& a, const ModelEvidence& b) {
                  return *a.passRate != *b.passRate ? *a.passRate < *b.passRate : a.n < b.n;
              });
        QVector<ModelEvidence> byCost = route.evidence;
        std::sort(byCost.begin(), byCost.end(),
                  [&](const ModelEvidence& a, const ModelEvidence& b) { return cost(a) < cost(b); });

        const bool thin = !best
            || std::any_of(route.evidence.cbegin(), route.evidence.cend(),
                           [&](const ModelEvidence& e) { return e.n < settings.minSamples; });
        if (thin) {
            route.model = safer.label;
            route.decision = u"insufficient_evidence"_s;
            qint64 have = settings.minSamples;
            for (const ModelEvidence& e : route.evidence)
                have = std::min(have, e.n);
            const double p = best ? *best->passRate : 0.8;
            // Items per model a two-proportion test needs to tell the best rate from one a tolerance lower.
            const qint64 settle
                = Proportions::samplesToSeparate(p, std::max(0.0, p - settings.tolerance), settings.confidence)
                      .value_or(settings.minSamples);
            route.extraSamplesNeeded = std::max<qint64>(settings.minSamples, settle) - have;
            route.reason = tr("fewer than %1 judged items for a model (the fewest: %2); routed to the safer model "
                              "%3 until about %4 more items per model settle it")
                               .arg(settings.minSamples)
                               .arg(have)
                               .arg(safer.label)
                               .arg(route.extraSamplesNeeded);
        } else {
            for (const ModelEvidence& candidate : byCost) {
                if (candidate.label == best->label) {
                    route.model = best->label;
                    route.decision = u"best_quality"_s;
                    route.reason = tr("%1 has the best pass rate (%2 of %3) and no cheaper model is within %4 of it "
                                      "at %5% confidence")
                                       .arg(best->label)
                                       .arg(best->passed)
                                       .arg(best->n)
                                       .arg(settings.tolerance)
                                       .arg(settings.confidence * 100);
                    break;
                }
                const double low = differenceLow(candidate, *best);
                if (low >= -settings.tolerance) {
                    route.model = candidate.label;
                    route.decision = u"cheapest_within_tolerance"_s;
                    route.reason = tr("%1 passes %2 of %3, %4 passes %5 of %6: the %7% lower bound of the difference "
                                      "is %8, within the tolerance %9")
                                       .arg(candidate.label)
                                       .arg(candidate.passed)
                                       .arg(candidate.n)
                                       .arg(best->label)
                                       .arg(best->passed)
                                       .arg(best->n)
                                       .arg(settings.confidence * 100)
                                       .arg(low, 0, 'f', 3)
                                       .arg(settings.tolerance);
                    break;
                }
            }
        }
        policy.m_routes.append(route);
    }
    return policy;
}

bool RoutingPolicy::overrideRoute(const QString& category, const QString& model)
{
    for (CategoryRoute& r : m_routes) {
        if (r.category != category)
            continue;
        if (std::none_of(m_models.cbegin(), m_models.cend(), [&](const PolicyModel& m) { return m.label == model; }))
            return false;
        r.model = model;
        r.override = true;
        r.decision = u"override"_s;
        r.reason = tr("set by hand");
        return true;
    }
    return false;
}

int RoutingPolicy::adoptOverrides(const RoutingPolicy& earlier)
{
    if (m_sources.isEmpty() || earlier.m_sources.isEmpty()
        || m_sources.constFirst().runId != earlier.m_sources.constFirst().runId)
        return 0;
    int kept = 0;
    for (const CategoryRoute& r : earlier.m_routes) {
        if (r.override && overrideRoute(r.category, r.model))
            ++kept;
    }
    return kept;
}

QString RoutingPolicy::modelFor(const QString& category) const
{
    for (const CategoryRoute& r : m_routes) {
        if (r.category == category)
            return r.model;
    }
    return m_defaultModel;
}

QString RoutingPolicy::fallbackFor(const QString& label) const
{
    if (label != m_saferModel)
        return m_saferModel;
    for (const PolicyModel& m : m_models) {
        if (m.label != label)
            return m.label;
    }
    return {};
}

bool RoutingPolicy::escalatesOn(const QString& when) const
{
    return std::any_of(m_escalation.cbegin(), m_escalation.cend(), [&](const EscalationRule& r) {
        return r.when == when && r.action == u"retry_on_other_model"_s;
    });
}

QStringList RoutingPolicy::escalationTriggers()
{
    return { u"invalid_json"_s, u"invalid_tool_call"_s, u"assertion_failed"_s, u"final_error"_s };
}

} // namespace tierlens
