#include "WhatIf.h"

#include "EvalStatistics.h"
#include "format/ReportFormat.h"
#include "format/TextTable.h"
#include "store/Store.h"

#include <QHash>
#include <QJsonArray>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

using Slot = std::tuple<qint64, qint64, int>; // run, prompt, repeat

void count(WhatIfFigures& f, const ItemQuality& outcome, const QVector<const ItemQuality*>& calls, bool escalated)
{
    ++f.requests;
    if (outcome.passed) {
        ++f.judged;
        f.passed += *outcome.passed ? 1 : 0;
        f.shares.add(outcome.promptKey, *outcome.passed);
    }
    for (const ItemQuality* call : calls) {
        if (call->costUsd)
            f.costUsd += *call->costUsd;
        else
            ++f.uncosted;
    }
    f.escalated += escalated ? 1 : 0;
}

void finish(WhatIfFigures& f, double confidence)
{
    f.prompts = f.shares.prompts();
    if (const std::optional<Interval> w = f.shares.passRate(confidence)) {
        f.passRate = w->estimate;
        f.passRateLow = w->low;
        f.passRateHigh = w->high;
    }
    if (f.requests > 0)
        f.costPerRequestUsd = f.costUsd / double(f.requests);
}

// A model alone: its figures as EvalStatistics has them.
WhatIfFigures aloneFigures(const GroupFigures* g)
{
    WhatIfFigures f;
    if (!g)
        return f;
    f.requests = g->counts.items;
    f.judged = g->counts.judged;
    f.passed = g->counts.passed;
    f.prompts = g->counts.prompts;
    if (g->passRate) {
        f.passRate = g->passRate->estimate;
        f.passRateLow = g->passRate->low;
        f.passRateHigh = g->passRate->high;
    }
    f.costUsd = g->usage.costUsd.value_or(0);
    f.costPerRequestUsd = g->costPerItemUsd;
    return f;
}

QString percent(const std::optional<double>& v)
{
    return v ? QString::number(*v * 100, 'f', 1) + u'%' : ReportFormat::notAvailable();
}

QString interval(const WhatIfFigures& f)
{
    return f.passRateLow ? u"%1..%2"_s.arg(percent(f.passRateLow), percent(f.passRateHigh))
                         : ReportFormat::notAvailable();
}

QJsonObject figuresJson(const WhatIfFigures& f)
{
    return QJsonObject { { u"requests"_s, f.requests },
                         { u"judged"_s, f.judged },
                         { u"passed"_s, f.passed },
                         { u"prompts"_s, f.prompts },
                         { u"pass_rate"_s, ReportFormat::json(f.passRate) },
                         { u"pass_rate_low"_s, ReportFormat::json(f.passRateLow) },
                         { u"pass_rate_high"_s, ReportFormat::json(f.passRateHigh) },
                         { u"cost_usd"_s, f.costUsd },
                         { u"uncosted_calls"_s, f.uncosted },
                         { u"escalated"_s, f.escalated },
                         { u"cost_per_request_usd"_s, ReportFormat::json(f.costPerRequestUsd) },
                         { u"monthly_cost_usd"_s, ReportFormat::json(f.monthlyCostUsd) } };
}

} // namespace

std::optional<WhatIfResult> WhatIf::replay(Store& store, const QVector<qint64>& runIds, const RoutingPolicy& policy,
                                           const TrafficMix& traffic, QString* error)
{
    StatisticsSettings settings;
    settings.scope.runIds = runIds;
    settings.scope.precedence = policy.settings().precedence;
    settings.confidence = policy.settings().confidenceAtThisLook();
    settings.keepItems = true;
    const std::optional<EvalStatistics> statistics = EvalStatistics::compute(store, settings, error);
    if (!statistics)
        return std::nullopt;
    return replay(*statistics, policy, traffic, error);
}

std::optional<WhatIfResult> WhatIf::replay(const EvalStatistics& statistics, const RoutingPolicy& policy,
                                           const TrafficMix& traffic, QString* error)
{
    const QStringList models = statistics.labels();
    for (const PolicyModel& m : policy.models()) {
        if (!models.contains(m.label)) {
            *error = tr("the policy routes to \"%1\", which the runs do not have (they have %2)")
                         .arg(m.label, models.join(u", "_s));
            return std::nullopt;
        }
    }
    if (!(traffic.daysPerMonth > 0)) {
        *error = tr("a month must have more than 0 days, not %1").arg(traffic.daysPerMonth);
        return std::nullopt;
    }

    QMap<QString, QMap<Slot, QHash<QString, const ItemQuality*>>> byCategory;
    for (const ItemQuality& q : statistics.items())
        byCategory[q.category][Slot(q.runId, q.promptId, q.repeatIndex)].insert(q.label, &q);

    for (auto it = traffic.requestsPerDay.cbegin(); it != traffic.requestsPerDay.cend(); ++it) {
        if (!byCategory.contains(it.key())) {
            *error = tr("the runs have no results in category \"%1\" (they have %2)")
                         .arg(it.key(), QStringList(byCategory.keys()).join(u", "_s));
            return std::nullopt;
        }
        if (!(it.value() >= 0) || !std::isfinite(it.value())) {
            *error = tr("requests per day for \"%1\" must be 0 or more, not %2").arg(it.key()).arg(it.value());
            return std::nullopt;
        }
    }

    const double confidence = statistics.settings().confidence;
    WhatIfResult r;
    r.runIds = statistics.settings().scope.runIds;
    r.models = models;
    r.hasTraffic = !traffic.requestsPerDay.isEmpty();
    r.daysPerMonth = traffic.daysPerMonth;
    for (auto cat = byCategory.cbegin(); cat != byCategory.cend(); ++cat) {
        WhatIfCategory c;
        c.category = cat.key();
        c.model = policy.modelFor(c.category);
        c.byDefault = std::none_of(policy.routes().cbegin(), policy.routes().cend(),
                                   [&](const CategoryRoute& route) { return route.category == c.category; });
        const QString fallback = policy.fallbackFor(c.model);
        for (const QHash<QString, const ItemQuality*>& answers : cat.value()) {
            if (!answers.contains(c.model) || (!fallback.isEmpty() && !answers.contains(fallback))) {
                ++r.skippedRequests;
                continue;
            }
            const ItemQuality* first = answers.value(c.model);
            const bool escalate = !fallback.isEmpty()
                && std::any_of(first->triggers.cbegin(), first->triggers.cend(),
                               [&](const QString& t) { return policy.escalatesOn(t); });
            if (escalate)
                count(c.policy, *answers.value(fallback), { first, answers.value(fallback) }, true);
            else
                count(c.policy, *first, { first }, false);
        }
        if (c.policy.requests == 0 && traffic.requestsPerDay.contains(c.category)) {
            *error = tr("no request in category \"%1\" was answered by its model; its cost is unknown").arg(c.category);
            return std::nullopt;
        }
        c.requestsPerDay = traffic.requestsPerDay.value(c.category);
        finish(c.policy, confidence);
        for (const QString& m : models)
            c.alone.insert(m, aloneFigures(statistics.group(m, c.category)));
        auto monthly = [&](WhatIfFigures& f) {
            if (r.hasTraffic)
                f.monthlyCostUsd = c.requestsPerDay * r.daysPerMonth * f.costPerRequestUsd.value_or(0);
        };
        monthly(c.policy);
        for (const QString& m : models)
            monthly(c.alone[m]);
        r.policy.requests += c.policy.requests;
        r.policy.judged += c.policy.judged;
        r.policy.passed += c.policy.passed;
        r.policy.costUsd += c.policy.costUsd;
        r.policy.uncosted += c.policy.uncosted;
        r.policy.escalated += c.policy.escalated;
        r.policy.shares.add(c.policy.shares);
        if (c.policy.monthlyCostUsd)
            r.policy.monthlyCostUsd = r.policy.monthlyCostUsd.value_or(0) + *c.policy.monthlyCostUsd;
        for (const QString& m : models) {
            if (const auto part = c.alone.value(m).monthlyCostUsd)
                r.alone[m].monthlyCostUsd = r.alone[m].monthlyCostUsd.value_or(0) + *part;
        }
        r.categories.append(c);
    }
    finish(r.policy, confidence);
    for (const QString& m : models) {
        const std::optional<double> month = r.alone.value(m).monthlyCostUsd;
        r.alone[m] = aloneFigures(statistics.group(m));
        r.alone[m].monthlyCostUsd = month;
    }
    return r;
}

QString WhatIfResult::toText() const
{
    QStringList runs;
    for (qint64 id : runIds)
        runs.append(QString::number(id));
    QString out = tr("What-if replay of run(s) %1: requests the policy's models answered: %2")
                      .arg(runs.join(u", "_s))
                      .arg(policy.requests);
    if (skippedRequests > 0)
        out += tr(" (left out, not answered by the route's model and the next one up: %1)").arg(skippedRequests);
    out += u"\n\n"_s;

    using A = TextTable::Align;
    QStringList headers { tr("serving"),  tr("requests"),    tr("pass rate"), tr("interval"),
                          tr("cost USD"), tr("per request"), tr("escalated") };
    QVector<A> aligns { A::Left, A::Right, A::Right, A::Right, A::Right, A::Right, A::Right };
    if (hasTraffic) {
        headers.append(tr("per month"));
        aligns.append(A::Right);
    }
    TextTable totals(headers, aligns);
    auto row = [&](const QString& name, const WhatIfFigures& f) {
        QStringList cells { name,
                            QString::number(f.requests),
                            percent(f.passRate),
                            interval(f),
                            QString::number(f.costUsd, 'f', 4),
                            ReportFormat::fixed(f.costPerRequestUsd, 6),
                            QString::number(f.escalated) };
        if (hasTraffic)
            cells.append(ReportFormat::fixed(f.monthlyCostUsd, 2));
        totals.addRow(cells);
    };
    row(tr("policy"), policy);
    for (const QString& m : models)
        row(tr("all %1").arg(m), alone.value(m));
    out += totals.render();

    QStringList catHeaders { tr("category"), tr("route"), tr("policy pass"), tr("policy per request") };
    QVector<A> catAligns { A::Left, A::Left, A::Right, A::Right };
    for (const QString& m : models) {
        catHeaders += { tr("%1 pass").arg(m), tr("%1 per request").arg(m) };
        catAligns += { A::Right, A::Right };
    }
    if (hasTraffic) {
        catHeaders += { tr("requests/day"), tr("policy per month") };
        catAligns += { A::Right, A::Right };
    }
    TextTable perCategory(catHeaders, catAligns);
    for (const WhatIfCategory& c : categories) {
        QStringList cells { c.category, c.byDefault ? tr("%1 (default)").arg(c.model) : c.model,
                            percent(c.policy.passRate), ReportFormat::fixed(c.policy.costPerRequestUsd, 6) };
        for (const QString& m : models)
            cells += { percent(c.alone.value(m).passRate), ReportFormat::fixed(c.alone.value(m).costPerRequestUsd, 6) };
        if (hasTraffic)
            cells += { ReportFormat::number(c.requestsPerDay), ReportFormat::fixed(c.policy.monthlyCostUsd, 2) };
        perCategory.addRow(cells);
    }
    out += u"\n"_s + perCategory.render();
    if (hasTraffic)
        out += u"\n"_s + tr("A month is %1 days.").arg(ReportFormat::number(daysPerMonth)) + u'\n';
    return out;
}

QJsonObject WhatIfResult::toJson() const
{
    QJsonObject aloneJson;
    for (const QString& m : models)
        aloneJson.insert(m, figuresJson(alone.value(m)));
    QJsonArray cats;
    for (const WhatIfCategory& c : categories) {
        QJsonObject a;
        for (const QString& m : models)
            a.insert(m, figuresJson(c.alone.value(m)));
        cats.append(QJsonObject { { u"category"_s, c.category },
                                  { u"model"_s, c.model },
                                  { u"by_default"_s, c.byDefault },
                                  { u"requests_per_day"_s, c.requestsPerDay },
                                  { u"policy"_s, figuresJson(c.policy) },
                                  { u"alone"_s, a } });
    }
    QJsonArray runs;
    for (qint64 id : runIds)
        runs.append(id);
    QJsonObject out { { u"run_ids"_s, runs },
                      { u"models"_s, QJsonArray::fromStringList(models) },
                      { u"policy"_s, figuresJson(policy) },
                      { u"alone"_s, aloneJson },
                      { u"categories"_s, cats },
                      { u"skipped_requests"_s, skippedRequests } };
    if (hasTraffic)
        out.insert(u"days_per_month"_s, daysPerMonth);
    return out;
}

} // namespace tierlens
