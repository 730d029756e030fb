#include "WhatIf.h"

#include "report/ReportFormat.h"
#include "report/TextTable.h"
#include "stats/Proportions.h"
#include "store/Store.h"

#include <QHash>
#include <QJsonArray>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

using Slot = QPair<qint64, int>; // prompt, repeat

void count(WhatIfFigures& f, const ItemQuality& outcome, const QVector<const ItemQuality*>& calls, bool escalated)
{
    ++f.requests;
    if (outcome.passed) {
        ++f.judged;
        f.passed += *outcome.passed ? 1 : 0;
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
    if (f.judged > 0) {
        const Interval w = Proportions::wilson(f.passed, f.judged, confidence);
        f.passRate = w.estimate;
        f.passRateLow = w.low;
        f.passRateHigh = w.high;
    }
    if (f.requests > 0)
        f.costPerRequestUsd = f.costUsd / double(f.requests);
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

std::optional<WhatIfResult> WhatIf::replay(Store& store, qint64 runId, const RoutingPolicy& policy,
                                           const TrafficMix& traffic, QString* error)
{
    const std::optional<RunRow> run = store.requireRun(runId, error);
    if (!run)
        return std::nullopt;
    QStringList labels;
    for (const RunModelRow& m : run->models)
        labels.append(m.label);
    const auto items = ItemQualities::load(store, runId, policy.settings().precedence, error);
    if (!items)
        return std::nullopt;
    auto result = replay(*items, labels, policy, traffic, error);
    if (result)
        result->runId = runId;
    return result;
}

std::optional<WhatIfResult> WhatIf::replay(const QVector<ItemQuality>& items, const QStringList& models,
                                           const RoutingPolicy& policy, const TrafficMix& traffic, QString* error)
{
    for (const PolicyModel& m : policy.models()) {
        if (!models.contains(m.label)) {
            *error = tr("the policy routes to \"%1\", which the run does not have (it has %2)")
                         .arg(m.label, models.join(u", "_s));
            return std::nullopt;
        }
    }
    if (!(traffic.daysPerMonth > 0)) {
        *error = tr("a month must have more than 0 days, not %1").arg(traffic.daysPerMonth);
        return std::nullopt;
    }

    QMap<QString, QMap<Slot, QHash<QString, const ItemQuality*>>> byCategory;
    for (const ItemQuality& q : items)
        byCategory[q.category][Slot(q.promptId, q.repeatIndex)].insert(q.label, &q);

    for (auto it = traffic.requestsPerDay.cbegin(); it != traffic.requestsPerDay.cend(); ++it) {
        if (!byCategory.contains(it.key())) {
            *error = tr("the run has no results in category \"%1\" (it has %2)")
                         .arg(it.key(), QStringList(byCategory.keys()).join(u", "_s));
            return std::nullopt;
        }
        if (!(it.value() >= 0) || !std::isfinite(it.value())) {
            *error = tr("requests per day for \"%1\" must be 0 or more, not %2").arg(it.key()).arg(it.value());
            return std::nullopt;
        }
    }

    const double confidence = policy.settings().confidence;
    WhatIfResult r;
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
            if (std::any_of(models.cbegin(), models.cend(), [&](const QString& m) { return !answers.contains(m); })) {
                ++r.skippedRequests;
                continue;
            }
            for (const QString& m : models)
                count(c.alone[m], *answers.value(m), { answers.value(m) }, false);
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
            *error
                = tr("no request in category \"%1\" was answered by every model; its cost is unknown").arg(c.category);
            return std::nullopt;
        }
        c.requestsPerDay = traffic.requestsPerDay.value(c.category);
        auto add = [&](WhatIfFigures& total, WhatIfFigures& part) {
            finish(part, confidence);
            if (r.hasTraffic)
                part.monthlyCostUsd = c.requestsPerDay * r.daysPerMonth * part.costPerRequestUsd.value_or(0);
            total.requests += part.requests;
            total.judged += part.judged;
            total.passed += part.passed;
            total.costUsd += part.costUsd;
            total.uncosted += part.uncosted;
            total.escalated += part.escalated;
            if (part.monthlyCostUsd)
                total.monthlyCostUsd = total.monthlyCostUsd.value_or(0) + *part.monthlyCostUsd;
        };
        add(r.policy, c.policy);
        for (const QString& m : models)
            add(r.alone[m], c.alone[m]);
        r.categories.append(c);
    }
    finish(r.policy, confidence);
    for (const QString& m : models)
        finish(r.alone[m], confidence);
    return r;
}

QString WhatIfResult::toText() const
{
    QString out = tr("What-if replay of run %1: requests answered by every model: %2").arg(runId).arg(policy.requests);
    if (skippedRequests > 0)
        out += tr(" (left out, not answered by every model: %1)").arg(skippedRequests);
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
    QJsonObject out { { u"run_id"_s, runId },
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
