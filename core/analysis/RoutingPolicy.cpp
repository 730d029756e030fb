#include "RoutingPolicy.h"

#include "EvalStatistics.h"
#include "stats/PromptShares.h"
#include "store/Store.h"

#include <QSet>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

constexpr qint64 kMostPromptsWorthSaying = 10'000'000;

QString percent(double v)
{
    return QString::number(v * 100.0, 'f', 1);
}

QString signedShare(double v)
{
    return (v >= 0 ? u"+"_s : QString()) + QString::number(v, 'f', 3);
}

// a - b from the statistics, whichever way round they hold the pair.
std::optional<Interval> difference(const EvalStatistics& s, const QString& a, const QString& b, const QString& category)
{
    if (const PairedFigures* p = s.pair(a, b, category))
        return p->difference;
    if (const PairedFigures* p = s.pair(b, a, category); p && p->difference) {
        Interval flipped = *p->difference;
        flipped.estimate = -p->difference->estimate;
        flipped.low = -p->difference->high;
        flipped.high = -p->difference->low;
        return flipped;
    }
    return std::nullopt;
}

// The distinct prompts both models would need for the paired interval of a - b to fall wholly on one side of the
// threshold, if their shares and correlation stay as observed: the side the estimate is on. Empty when the estimate
// sits on the threshold (no number of prompts settles it) or the answer is absurdly large.
std::optional<qint64> promptsToSettle(const PromptShares& a, const PromptShares& b, double threshold, bool strictAbove,
                                      double confidence)
{
    const PromptShares::Paired p = PromptShares::paired(a, b);
    const double d = p.firstMean - p.secondMean;
    if (p.prompts == 0 || d == threshold)
        return std::nullopt;
    const bool above = d > threshold;
    auto settled = [&](qint64 n) {
        const Interval i = PromptShares::differenceAt(p.firstMean, p.secondMean, p.correlation, n, confidence);
        if (above)
            return strictAbove ? i.low > threshold : i.low >= threshold;
        return strictAbove ? i.high <= threshold : i.high < threshold;
    };
    qint64 high = std::max<qint64>(p.prompts, 1);
    while (!settled(high)) {
        if (high > kMostPromptsWorthSaying)
            return std::nullopt;
        high *= 2;
    }
    qint64 low = std::max<qint64>(p.prompts, 1);
    if (settled(low))
        return 0;
    while (high - low > 1) {
        const qint64 mid = low + (high - low) / 2;
        (settled(mid) ? high : low) = mid;
    }
    return high - p.prompts;
}

struct Candidate
{
    QString label;
    const GroupFigures* figures = nullptr;
    double cost = 0; // per item; the ladder's order where unknown
};

} // namespace

double PolicySettings::confidenceAtThisLook() const
{
    return confidenceAtLook(look);
}

double PolicySettings::confidenceAtLook(int k) const
{
    return 1.0 - (1.0 - confidence) / std::pow(2.0, std::clamp(k, 1, kMostLooks + 1));
}

QString PolicySettings::ruleName(PolicyRule rule)
{
    return rule == PolicyRule::CheaperUnlessWorse ? u"cheaper-unless-worse"_s : u"pricier-unless-good-enough"_s;
}

std::optional<PolicyRule> PolicySettings::ruleFromName(const QString& name)
{
    if (name == u"cheaper-unless-worse"_s)
        return PolicyRule::CheaperUnlessWorse;
    if (name == u"pricier-unless-good-enough"_s)
        return PolicyRule::PricierUnlessGoodEnough;
    return std::nullopt;
}

std::optional<RoutingPolicy> RoutingPolicy::derive(Store& store, const QVector<qint64>& runIds,
                                                   const PolicySettings& settings, QString* error)
{
    QVector<RunRow> runs;
    for (qint64 id : runIds) {
        std::optional<RunRow> run = store.requireRun(id, error);
        if (!run)
            return std::nullopt;
        runs.append(*run);
    }
    StatisticsSettings s;
    s.scope.runIds = runIds;
    s.scope.precedence = settings.precedence;
    s.confidence = settings.confidenceAtThisLook();
    const std::optional<EvalStatistics> statistics = EvalStatistics::compute(store, s, error);
    if (!statistics)
        return std::nullopt;
    return derive(*statistics, runs, settings, error);
}

std::optional<RoutingPolicy> RoutingPolicy::derive(const EvalStatistics& statistics, const QVector<RunRow>& runs,
                                                   const PolicySettings& settings, QString* error)
{
    if (settings.tolerance < 0 || settings.tolerance > 1 || settings.confidence <= 0 || settings.confidence >= 1
        || settings.minPrompts < 1 || settings.look < 1 || settings.look > PolicySettings::kMostLooks) {
        *error = tr("tolerance must be 0..1, confidence between 0 and 1, min prompts at least 1 and the look 1..%1")
                     .arg(PolicySettings::kMostLooks);
        return std::nullopt;
    }
    if (runs.isEmpty()) {
        *error = tr("no run to derive a policy from");
        return std::nullopt;
    }
    RoutingPolicy policy;
    policy.m_settings = settings;
    policy.m_createdAt = QDateTime::currentDateTimeUtc();
    QStringList books;
    for (const RunRow& run : runs) {
        if (run.kind != u"shadow"_s) {
            *error = tr("run %1 is a judge run; a policy comes from shadow runs").arg(run.id);
            return std::nullopt;
        }
        policy.m_sources.append(
            { run.id, run.promptSetName, run.config.value(u"prompt_set"_s).toObject().value(u"sha256"_s).toString() });
        if (!books.contains(run.priceBookVersion))
            books.append(run.priceBookVersion);
        for (const RunModelRow& m : run.models) {
            if (std::none_of(policy.m_models.cbegin(), policy.m_models.cend(),
                             [&](const PolicyModel& known) { return known.label == m.label; }))
                policy.m_models.append({ m.label, m.modelId, m.baseUrl, m.provider, m.apiKeyEnv });
        }
    }
    policy.m_priceBook = books.join(u';');
    if (policy.m_models.size() < 2) {
        *error = tr("a policy chooses between models: the runs have %n", nullptr, int(policy.m_models.size()));
        return std::nullopt;
    }
    const double confidence = settings.confidenceAtThisLook();
    // How many more prompts would settle a route is asked of the next look, the one settling tests at.
    const double nextLook = settings.confidenceAtLook(settings.look + 1);
    const double tolerance = settings.tolerance;

    // The ladder: cheapest first by the cost per item over every category; unknown costs keep the runs' order, last.
    QVector<Candidate> ladder;
    for (const PolicyModel& m : policy.m_models) {
        const GroupFigures* g = statistics.group(m.label);
        ladder.append({ m.label, g, g && g->costPerItemUsd ? *g->costPerItemUsd : qInf() });
    }
    std::stable_sort(ladder.begin(), ladder.end(),
                     [](const Candidate& a, const Candidate& b) { return a.cost < b.cost; });
    for (const Candidate& c : std::as_const(ladder))
        policy.m_ladder.append(c.label);
    for (const QString& when : escalationTriggers())
        policy.m_escalation.append({ when, u"retry_on_next_model"_s });

    // One category (empty: every category together, for the default model).
    auto decide = [&](const QString& category) -> std::optional<CategoryRoute> {
        CategoryRoute route;
        route.category = category;
        QVector<Candidate> judged; // the ladder's models with verdicts here, cheapest first by this category's cost
        for (const Candidate& c : std::as_const(ladder)) {
            const GroupFigures* g = statistics.group(c.label, category);
            ModelEvidence e;
            e.label = c.label;
            if (g) {
                e.prompts = g->counts.prompts;
                e.items = g->counts.judged;
                e.passed = g->counts.passed;
                e.passRate = g->passRate;
                e.costPerItemUsd = g->costPerItemUsd;
                e.costPerSuccessUsd = g->costPerSuccessUsd;
            }
            route.evidence.append(e);
            if (g && g->passRate)
                judged.append({ c.label, g, g->costPerItemUsd.value_or(c.cost) });
        }
        if (judged.isEmpty()) {
            if (category.isEmpty())
                return std::nullopt;
            // Answers nobody and nothing judged: routed by the rule's side of the doubt, undecided until verdicts
            // come (more prompts alone would not settle it).
            route.model = settings.rule == PolicyRule::CheaperUnlessWorse ? policy.m_ladder.constFirst()
                                                                          : policy.m_ladder.constLast();
            route.decision = u"insufficient_evidence"_s;
            route.reason = tr("no model's answers here have a verdict (assertions, the judge or people's ratings); "
                              "routed by the rule (%1) until they do")
                               .arg(PolicySettings::ruleName(settings.rule));
            return route;
        }
        std::stable_sort(judged.begin(), judged.end(),
                         [](const Candidate& a, const Candidate& b) { return a.cost < b.cost; });
        auto shares = [&](const QString& label) { return statistics.shares(label, category); };
        auto costOf = [&](const QString& label) -> std::optional<double> {
            const GroupFigures* g = statistics.group(label, category);
            return g ? g->costPerItemUsd : std::nullopt;
        };
        const Candidate* best
            = &*std::max_element(judged.cbegin(), judged.cend(), [](const Candidate& a, const Candidate& b) {
                  const double pa = a.figures->passRate->estimate, pb = b.figures->passRate->estimate;
                  if (pa != pb)
                      return pa < pb;
                  if (a.figures->counts.prompts != b.figures->counts.prompts)
                      return a.figures->counts.prompts < b.figures->counts.prompts;
                  return a.cost < b.cost;
              });
        qint64 fewest = std::numeric_limits<qint64>::max();
        for (const Candidate& c : std::as_const(judged))
            fewest = std::min(fewest, c.figures->counts.prompts);
        const bool thin = judged.size() < 2 || fewest < settings.minPrompts;

        // Comparisons that stayed in doubt, for the prompts that would settle them.
        qint64 extra = 0;
        bool settleable = true;
        bool doubt = false;
        auto inDoubt = [&](const QString& a, const QString& b, double threshold, bool strictAbove) {
            doubt = true;
            const PromptShares* sa = shares(a);
            const PromptShares* sb = shares(b);
            const std::optional<qint64> n
                = sa && sb ? promptsToSettle(*sa, *sb, threshold, strictAbove, nextLook) : std::nullopt;
            if (n)
                extra = std::max(extra, *n);
            else
                settleable = false;
        };

        if (settings.rule == PolicyRule::CheaperUnlessWorse) {
            QString choice = judged.constFirst().label;
            if (!thin) {
                for (qsizetype i = 1; i < judged.size(); ++i) {
                    const auto d = difference(statistics, judged.at(i).label, choice, category);
                    if (d && d->low > tolerance)
                        choice = judged.at(i).label;
                }
                // Decided when the choice is shown better than every cheaper model by more than the tolerance (a
                // model passed over on the way may yet turn out good enough) and no model above it could still turn
                // out better by more than the tolerance.
                bool above = false;
                for (const Candidate& c : std::as_const(judged)) {
                    if (c.label == choice) {
                        above = true;
                        continue;
                    }
                    if (above) {
                        const auto d = difference(statistics, c.label, choice, category);
                        if (!d || d->high > tolerance)
                            inDoubt(c.label, choice, tolerance, true);
                    } else {
                        const auto d = difference(statistics, choice, c.label, category);
                        if (!d || d->low <= tolerance)
                            inDoubt(choice, c.label, tolerance, true);
                    }
                }
            }
            route.model = choice;
            route.decision
                = choice == judged.constFirst().label ? u"cheaper_not_shown_worse"_s : u"pricier_shown_better"_s;
            route.versus = choice == best->label ? judged.constFirst().label : best->label;
        } else {
            QString choice = best->label;
            if (!thin) {
                for (const Candidate& c : std::as_const(judged)) {
                    if (c.label == best->label)
                        break;
                    const auto d = difference(statistics, c.label, best->label, category);
                    if (d && d->low >= -tolerance) {
                        choice = c.label;
                        break;
                    }
                    // Passed over: decided only if shown worse by more than the tolerance.
                    if (!d || d->high >= -tolerance)
                        inDoubt(c.label, best->label, -tolerance, false);
                }
            }
            route.model = choice;
            route.decision = choice == best->label ? u"best_quality"_s : u"cheaper_shown_good_enough"_s;
            route.versus = choice == best->label ? judged.constFirst().label : best->label;
        }
        if (route.versus == route.model)
            route.versus.clear();
        if (!route.versus.isEmpty()) {
            route.qualityDifference = difference(statistics, route.model, route.versus, category);
            const auto mine = costOf(route.model), theirs = costOf(route.versus);
            if (mine && theirs)
                route.savingPerRequestUsd = *theirs - *mine;
        }

        const QString level = percent(confidence);
        if (thin) {
            route.decision = u"insufficient_evidence"_s;
            route.decided = false;
            route.extraPromptsNeeded = std::max<qint64>(0, settings.minPrompts - (judged.size() < 2 ? 0 : fewest));
            route.reason = judged.size() < 2
                ? tr("only %1 has verdicts here; routed by the rule (%2) until another model is judged on these "
                     "prompts")
                      .arg(judged.constFirst().label, PolicySettings::ruleName(settings.rule))
                : tr("fewer than %1 distinct prompts for a model (the fewest: %2); routed by the rule (%3) until %4 "
                     "more prompts per model settle it")
                      .arg(settings.minPrompts)
                      .arg(fewest)
                      .arg(PolicySettings::ruleName(settings.rule))
                      .arg(*route.extraPromptsNeeded);
            return route;
        }
        route.decided = !doubt;
        if (doubt)
            route.extraPromptsNeeded = settleable ? std::optional<qint64>(extra) : std::nullopt;
        const QString evidence = route.qualityDifference
            ? tr("%1 - %2 = %3 (%4 to %5) over %6 prompts at %7%")
                  .arg(route.model, route.versus, signedShare(route.qualityDifference->estimate),
                       signedShare(route.qualityDifference->low), signedShare(route.qualityDifference->high))
                  .arg(route.qualityDifference->n)
                  .arg(level)
            : QString();
        if (route.decision == u"pricier_shown_better"_s)
            route.reason = tr("%1 is shown better than the cheaper models by more than %2: %3")
                               .arg(route.model)
                               .arg(tolerance)
                               .arg(evidence);
        else if (route.decision == u"cheaper_not_shown_worse"_s)
            route.reason = route.versus.isEmpty()
                ? tr("%1 is the cheapest and the best here").arg(route.model)
                : tr("no pricier model is shown better by more than %1: %2").arg(tolerance).arg(evidence);
        else if (route.decision == u"cheaper_shown_good_enough"_s)
            route.reason = tr("%1 is shown within %2 of the best (%3): %4")
                               .arg(route.model)
                               .arg(tolerance)
                               .arg(route.versus, evidence);
        else
            route.reason = route.versus.isEmpty()
                ? tr("%1 is the cheapest and the best here").arg(route.model)
                : tr("no cheaper model is shown within %1 of %2: %3").arg(tolerance).arg(route.model, evidence);
        if (doubt)
            route.reason += u"; "_s
                + (route.extraPromptsNeeded ? tr("undecided: about %1 more distinct prompts per model would settle it")
                                                  .arg(*route.extraPromptsNeeded)
                                            : tr("undecided: the difference sits on the threshold"));
        return route;
    };

    for (const QString& category : statistics.categories()) {
        if (std::optional<CategoryRoute> route = decide(category))
            policy.m_routes.append(*route);
    }
    if (const std::optional<CategoryRoute> all = decide(QString())) {
        policy.m_defaultModel = all->model;
        policy.m_defaultReason = all->reason;
    } else {
        policy.m_defaultModel = policy.m_ladder.constFirst();
        policy.m_defaultReason = tr("nothing was judged: the cheapest model");
    }
    return policy;
}

QStringList RoutingPolicy::undecidedCategories() const
{
    QStringList out;
    for (const CategoryRoute& r : m_routes) {
        if (!r.decided && !r.override)
            out.append(r.category);
    }
    return out;
}

bool RoutingPolicy::overrideRoute(const QString& category, const QString& model)
{
    for (CategoryRoute& r : m_routes) {
        if (r.category != category)
            continue;
        if (std::none_of(m_models.cbegin(), m_models.cend(), [&](const PolicyModel& m) { return m.label == model; }))
            return false;
        if (r.model != model && !r.override) {
            // What the hand-made route trades is against the model the rule chose; the paired difference needs the
            // statistics, so only the cost is known here.
            auto costOf = [&r](const QString& label) -> std::optional<double> {
                for (const ModelEvidence& e : r.evidence) {
                    if (e.label == label)
                        return e.costPerItemUsd;
                }
                return std::nullopt;
            };
            r.versus = r.model;
            r.qualityDifference.reset();
            const auto mine = costOf(model), theirs = costOf(r.versus);
            r.savingPerRequestUsd = mine && theirs ? std::optional<double>(*theirs - *mine) : std::nullopt;
        } else if (r.model != model) {
            r.versus = r.versus == model ? QString() : r.versus;
            r.qualityDifference.reset();
            r.savingPerRequestUsd.reset();
        }
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
    auto runsOf = [](const RoutingPolicy& p) {
        QSet<qint64> ids;
        for (const PolicySource& s : p.m_sources)
            ids.insert(s.runId);
        return ids;
    };
    if (m_sources.isEmpty() || runsOf(*this) != runsOf(earlier))
        return 0;
    int kept = 0;
    for (const CategoryRoute& r : earlier.m_routes) {
        if (r.override && overrideRoute(r.category, r.model))
            ++kept;
    }
    return kept;
}

int RoutingPolicy::keepDecided(const RoutingPolicy& earlier)
{
    int kept = 0;
    for (const CategoryRoute& before : earlier.m_routes) {
        if (!before.decided || before.override)
            continue;
        for (CategoryRoute& r : m_routes) {
            if (r.category != before.category || r.override)
                continue;
            if (r.decided && r.model == before.model)
                continue; // decided again, on more evidence: the new figures
            r = before;
            // Kept once says at which look it was decided; kept again, it says the same.
            const QString keptPrefix = tr("decided at look %1, kept: %2").section(u"%1"_s, 0, 0);
            if (keptPrefix.isEmpty() || !before.reason.startsWith(keptPrefix))
                r.reason = tr("decided at look %1, kept: %2").arg(earlier.m_settings.look).arg(before.reason);
            ++kept;
        }
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
    const qsizetype at = m_ladder.indexOf(label);
    return at >= 0 && at + 1 < m_ladder.size() ? m_ladder.at(at + 1) : QString();
}

bool RoutingPolicy::escalatesOn(const QString& when) const
{
    return std::any_of(m_escalation.cbegin(), m_escalation.cend(),
                       [&](const EscalationRule& r) { return r.when == when && r.action == u"retry_on_next_model"_s; });
}

QStringList RoutingPolicy::escalationTriggers()
{
    return { u"invalid_json"_s, u"invalid_tool_call"_s, u"assertion_failed"_s, u"final_error"_s };
}

} // namespace tierlens
