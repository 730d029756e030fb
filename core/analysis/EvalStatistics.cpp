#include "EvalStatistics.h"

#include "ItemQuality.h"
#include "report/Percentiles.h"
#include "report/ReportFormat.h"
#include "stats/Bootstrap.h"
#include "stats/Proportions.h"
#include "store/Store.h"

#include <QJsonArray>
#include <QMap>

#include <array>
#include <cmath>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

// Percentiles as every report computes them (Percentiles::at: linear between the closest ranks).
Distribution distributionOf(QVector<double>& values)
{
    Distribution d;
    d.n = values.size();
    if (values.isEmpty())
        return d;
    std::sort(values.begin(), values.end());
    d.min = values.first();
    d.p1 = Percentiles::at(values, 1);
    d.p25 = Percentiles::at(values, 25);
    d.p50 = Percentiles::at(values, 50);
    d.p75 = Percentiles::at(values, 75);
    d.p90 = Percentiles::at(values, 90);
    d.p99 = Percentiles::at(values, 99);
    d.max = values.last();
    return d;
}

template <typename T> void addOptional(std::optional<T>& into, const std::optional<T>& v)
{
    if (v)
        into = into.value_or(T {}) + *v;
}

void add(GroupCounts& into, const GroupCounts& c)
{
    into.items += c.items;
    into.okItems += c.okItems;
    into.attempts += c.attempts;
    into.judged += c.judged;
    into.passed += c.passed;
    into.jsonExpected += c.jsonExpected;
    into.jsonValid += c.jsonValid;
    into.toolCallItems += c.toolCallItems;
    into.toolCallsValid += c.toolCallsValid;
    into.costedItems += c.costedItems;
    addOptional(into.costUsd, c.costUsd);
    for (auto it = c.errorsByClass.cbegin(); it != c.errorsByClass.cend(); ++it)
        into.errorsByClass[it.key()] += it.value();
}

void add(GroupUsage& into, const GroupUsage& u)
{
    into.attempts += u.attempts;
    into.attemptsWithUsage += u.attemptsWithUsage;
    addOptional(into.promptTokens, u.promptTokens);
    addOptional(into.completionTokens, u.completionTokens);
    addOptional(into.cacheHitTokens, u.cacheHitTokens);
    addOptional(into.cacheMissTokens, u.cacheMissTokens);
    addOptional(into.reasoningTokens, u.reasoningTokens);
    addOptional(into.costUsd, u.costUsd);
}

std::optional<double> ratio(qint64 part, qint64 whole)
{
    return whole > 0 ? std::optional<double>(double(part) / double(whole)) : std::nullopt;
}

QJsonValue json(const std::optional<double>& v)
{
    return ReportFormat::json(v);
}

QJsonValue json(const std::optional<qint64>& v)
{
    return ReportFormat::json(v);
}

QJsonValue intervalJson(const std::optional<Interval>& i)
{
    if (!i)
        return QJsonValue(QJsonValue::Null);
    return QJsonObject {
        { u"estimate"_s, i->estimate }, { u"low"_s, i->low }, { u"high"_s, i->high }, { u"n"_s, i->n }
    };
}

QJsonObject distributionJson(const Distribution& d)
{
    return QJsonObject { { u"n"_s, d.n },           { u"min"_s, json(d.min) }, { u"p1"_s, json(d.p1) },
                         { u"p25"_s, json(d.p25) }, { u"p50"_s, json(d.p50) }, { u"p75"_s, json(d.p75) },
                         { u"p90"_s, json(d.p90) }, { u"p99"_s, json(d.p99) }, { u"max"_s, json(d.max) } };
}

QJsonObject testJson(const PairedTest& t)
{
    return QJsonObject { { u"pairs"_s, t.pairs },
                         { u"informative_pairs"_s, t.discordantOrNonZero },
                         { u"statistic"_s, t.statistic },
                         { u"p_value"_s, t.pValue },
                         { u"method"_s, t.method } };
}

QJsonObject preferenceJson(const PreferenceCounts& p)
{
    return QJsonObject { { u"first_wins"_s, p.firstWins },
                         { u"second_wins"_s, p.secondWins },
                         { u"ties"_s, p.ties },
                         { u"n"_s, p.firstWins + p.secondWins + p.ties } };
}

QJsonObject groupJson(const GroupFigures& g)
{
    const GroupCounts& c = g.counts;
    const GroupUsage& u = g.usage;
    QJsonObject errors;
    for (auto it = c.errorsByClass.cbegin(); it != c.errorsByClass.cend(); ++it)
        errors.insert(it.key(), it.value());
    const bool usage = u.attemptsWithUsage > 0;
    auto tokens = [&](const std::optional<qint64>& v) { return usage ? json(v) : QJsonValue(QJsonValue::Null); };
    return QJsonObject {
        { u"model"_s, g.key.label },
        { u"category"_s, g.key.category.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(g.key.category) },
        { u"items"_s, c.items },
        { u"ok_items"_s, c.okItems },
        { u"judged_items"_s, c.judged },
        { u"passed_items"_s, c.passed },
        { u"pass_rate"_s, intervalJson(g.passRate) },
        { u"mean_score"_s, intervalJson(g.meanScore) },
        { u"attempts"_s, u.attempts },
        { u"retry_rate"_s, json(g.retryRate) },
        { u"error_rate"_s, json(g.errorRate) },
        { u"errors"_s, errors },
        { u"json_expected"_s, c.jsonExpected },
        { u"json_valid"_s, c.jsonValid },
        { u"tool_call_items"_s, c.toolCallItems },
        { u"tool_calls_valid"_s, c.toolCallsValid },
        { u"latency_ms"_s, distributionJson(g.latencyMs) },
        { u"ttft_ms"_s, distributionJson(g.ttftMs) },
        { u"output_tps"_s, distributionJson(g.outputTps) },
        { u"tokens"_s,
          QJsonObject { { u"prompt"_s, tokens(u.promptTokens) },
                        { u"completion"_s, tokens(u.completionTokens) },
                        { u"cache_hit"_s, tokens(u.cacheHitTokens) },
                        { u"cache_miss"_s, tokens(u.cacheMissTokens) },
                        { u"reasoning"_s, tokens(u.reasoningTokens) } } },
        { u"cost_usd"_s, usage ? json(u.costUsd) : QJsonValue(QJsonValue::Null) },
        { u"successes"_s, g.successes },
        { u"cost_per_item_usd"_s, json(g.costPerItemUsd) },
        { u"cost_per_success_usd"_s, json(g.costPerSuccessUsd) },
    };
}

// Fills a group's derived figures from its counts and usage.
void derive(GroupFigures& g, double confidence)
{
    const GroupCounts& c = g.counts;
    if (c.judged > 0)
        g.passRate = Proportions::wilson(c.passed, c.judged, confidence);
    g.retryRate = c.items > 0 ? std::optional<double>(double(c.attempts - c.items) / double(c.items)) : std::nullopt;
    g.errorRate = ratio(c.items - c.okItems, c.items);
    g.jsonValidRate = ratio(c.jsonValid, c.jsonExpected);
    g.toolCallValidRate = ratio(c.toolCallsValid, c.toolCallItems);
    g.successes = c.judged > 0 ? c.passed : c.okItems;
    // What the items with a result cost, each item's retries included (the attempts of items still without a
    // result are in the token totals, not here: they have no item to divide by).
    if (c.costUsd && c.items > 0) {
        g.costPerItemUsd = *c.costUsd / double(c.items);
        // Per success: the cost of an item over the share of items that succeed, so that items nothing judged
        // neither count as failures nor go missing from the cost.
        const std::optional<double> successRate
            = g.passRate ? std::optional<double>(g.passRate->estimate) : ratio(c.okItems, c.items);
        if (successRate && *successRate > 0)
            g.costPerSuccessUsd = *g.costPerItemUsd / *successRate;
    }
}

} // namespace

std::optional<EvalStatistics> EvalStatistics::compute(Store& store, const StatisticsSettings& settings, QString* error)
{
    EvalStatistics s;
    s.m_settings = settings;
    AnalyticsScope& scope = s.m_settings.scope;
    if (scope.precedence.isEmpty())
        scope.precedence = ItemQualities::defaultPrecedence();
    for (const QString& source : scope.precedence) {
        if (!ItemQualities::defaultPrecedence().contains(source)) {
            *error = tr("unknown quality source \"%1\"; use %2")
                         .arg(source, ItemQualities::defaultPrecedence().join(u", "_s));
            return std::nullopt;
        }
    }
    if (scope.runIds.isEmpty()) {
        *error = tr("no run to analyse");
        return std::nullopt;
    }
    for (qint64 id : std::as_const(scope.runIds)) {
        const std::optional<RunRow> run = store.requireRun(id, error);
        if (!run)
            return std::nullopt;
        for (const RunModelRow& m : run->models) {
            if (!s.m_labels.contains(m.label))
                s.m_labels.append(m.label);
        }
    }
    auto failed = [&]() {
        *error = store.lastError();
        return std::nullopt;
    };

    // Counts and usage come per run, model and category; they add up into the three groupings shown: model and
    // category, model, and run and model (the trend).
    const QString first = s.m_labels.value(0), second = s.m_labels.value(1);
    const auto counts = store.itemCounts(scope, first, second);
    const auto usage = store.groupUsage(scope);
    const auto measured = store.measurements(scope);
    if (!counts || !usage || !measured)
        return failed();
    auto keysOf = [](const GroupKey& k) {
        return std::array<GroupKey, 3> { GroupKey { 0, k.label, k.category }, GroupKey { 0, k.label, QString() },
                                         GroupKey { k.runId, k.label, QString() } };
    };
    QVector<GroupFigures> byCategory, overall;
    std::array<QVector<GroupFigures>*, 3> lists { &byCategory, &overall, &s.m_trends };
    std::array<QHash<GroupKey, qsizetype>, 3> index;
    auto groupFor = [&](int grouping, const GroupKey& key) -> GroupFigures* {
        const auto it = index[grouping].constFind(key);
        return it == index[grouping].cend() ? nullptr : &(*lists[grouping])[*it];
    };
    for (const GroupCounts& c : counts->groups) {
        const auto keys = keysOf(c.key);
        for (int g = 0; g < 3; ++g) {
            GroupFigures* f = groupFor(g, keys[g]);
            if (!f) {
                index[g].insert(keys[g], lists[g]->size());
                GroupFigures fresh;
                fresh.key = keys[g];
                fresh.counts.key = keys[g];
                fresh.usage.key = keys[g];
                fresh.runCreatedAt = g == 2 ? c.runCreatedAt : QDateTime();
                lists[g]->append(fresh);
                f = &lists[g]->last();
            }
            add(f->counts, c);
        }
    }
    for (const GroupUsage& u : *usage) {
        const auto keys = keysOf(u.key);
        for (int g = 0; g < 3; ++g) {
            if (GroupFigures* f = groupFor(g, keys[g]))
                add(f->usage, u);
        }
    }
    // Spreads: the measurements sorted per group (the trend needs only the latency).
    {
        const Measurements& m = *measured;
        std::array<QHash<GroupKey, std::array<QVector<double>, 3>>, 3> values;
        for (qsizetype i = 0; i < m.key.size(); ++i) {
            const auto keys = keysOf(m.keys.at(m.key.at(i)));
            const double v[3] = { m.latencyMs.at(i), m.ttftMs.at(i), m.outputTps.at(i) };
            for (int g = 0; g < 3; ++g) {
                auto& lists3 = values[g][keys[g]];
                for (int metric = 0; metric < (g == 2 ? 1 : 3); ++metric) {
                    if (!std::isnan(v[metric]))
                        lists3[metric].append(v[metric]);
                }
            }
        }
        for (int g = 0; g < 3; ++g) {
            for (auto it = values[g].begin(); it != values[g].end(); ++it) {
                GroupFigures* f = groupFor(g, it.key());
                if (!f)
                    continue;
                f->latencyMs = distributionOf(it.value()[0]);
                f->ttftMs = distributionOf(it.value()[1]);
                f->outputTps = distributionOf(it.value()[2]);
            }
        }
    }

    // Mean scores with bootstrap intervals, per model and category and per model.
    const auto scores = store.itemScores(scope);
    if (!scores)
        return failed();
    QHash<GroupKey, QVector<double>> scoreLists;
    for (const ItemScore& sc : *scores) {
        scoreLists[GroupKey { 0, sc.label, sc.category }].append(sc.score);
        scoreLists[GroupKey { 0, sc.label, QString() }].append(sc.score);
    }
    for (QVector<GroupFigures>* list : { &byCategory, &overall, &s.m_trends }) {
        for (GroupFigures& g : *list) {
            derive(g, settings.confidence);
            if (list == &s.m_trends)
                continue;
            const QVector<double> values = scoreLists.value(g.key);
            if (!values.isEmpty())
                g.meanScore = Bootstrap::mean(values, settings.confidence, settings.bootstrapResamples);
        }
    }
    // Models in the runs' order, categories alphabetically, "every category" after a model's categories.
    QMap<QString, bool> categories;
    std::sort(byCategory.begin(), byCategory.end(),
              [](const GroupFigures& a, const GroupFigures& b) { return a.key.category < b.key.category; });
    for (const GroupFigures& g : std::as_const(byCategory))
        categories.insert(g.key.category, true);
    s.m_categories = categories.keys();
    for (const QString& label : std::as_const(s.m_labels)) {
        for (const GroupFigures& g : std::as_const(byCategory)) {
            if (g.key.label == label)
                s.m_groups.append(g);
        }
        for (const GroupFigures& g : std::as_const(overall)) {
            if (g.key.label == label)
                s.m_groups.append(g);
        }
    }
    // Oldest run first, a run's models in the runs' order; the database returns groups in no particular order.
    std::sort(s.m_trends.begin(), s.m_trends.end(), [&](const GroupFigures& a, const GroupFigures& b) {
        if (a.runCreatedAt != b.runCreatedAt)
            return a.runCreatedAt < b.runCreatedAt;
        if (a.key.runId != b.key.runId)
            return a.key.runId < b.key.runId;
        return s.m_labels.indexOf(a.key.label) < s.m_labels.indexOf(b.key.label);
    });

    // The first two models, paired on the same prompts and repeats.
    if (s.m_labels.size() >= 2) {
        const QVector<PairedVerdictCounts>& verdicts = counts->paired;
        const auto preferences = store.preferences(scope, first, second);
        if (!preferences)
            return failed();
        struct Pair
        {
            std::optional<double> a, b;
            QString sourceA, sourceB;
        };
        QMap<std::tuple<qint64, qint64, int>, Pair> scorePairs;
        QMap<std::tuple<qint64, qint64, int>, QString> pairCategory;
        for (const ItemScore& sc : *scores) {
            const auto key = std::make_tuple(sc.runId, sc.promptId, sc.repeatIndex);
            if (sc.label == first) {
                scorePairs[key].a = sc.score;
                scorePairs[key].sourceA = sc.source;
            } else if (sc.label == second) {
                scorePairs[key].b = sc.score;
                scorePairs[key].sourceB = sc.source;
            }
            pairCategory.insert(key, sc.category);
        }
        QMap<QString, PairedFigures> byCat;
        PairedFigures all;
        all.first = first;
        all.second = second;
        auto entry = [&](const QString& category) -> PairedFigures& {
            PairedFigures& p = byCat[category];
            p.category = category;
            p.first = first;
            p.second = second;
            p.verdicts.category = category;
            return p;
        };
        for (const PairedVerdictCounts& v : verdicts) {
            PairedFigures& p = entry(v.category);
            p.verdicts = v;
            all.verdicts.bothPassed += v.bothPassed;
            all.verdicts.firstOnly += v.firstOnly;
            all.verdicts.secondOnly += v.secondOnly;
            all.verdicts.bothFailed += v.bothFailed;
        }
        for (const PreferenceCounts& pc : *preferences) {
            PairedFigures& p = entry(pc.category);
            PreferenceCounts& target = pc.source == u"human"_s ? p.human : p.judge;
            target = pc;
            PreferenceCounts& sum = pc.source == u"human"_s ? all.human : all.judge;
            sum.source = pc.source;
            sum.firstWins += pc.firstWins;
            sum.secondWins += pc.secondWins;
            sum.ties += pc.ties;
        }
        QHash<QString, QVector<double>> differences;
        QVector<double> allDifferences;
        for (auto it = scorePairs.cbegin(); it != scorePairs.cend(); ++it) {
            // A person's score against the judge's would compare two instruments, not two models.
            if (!it->a || !it->b || it->sourceA != it->sourceB)
                continue;
            const double d = *it->a - *it->b;
            differences[pairCategory.value(it.key())].append(d);
            allDifferences.append(d);
        }
        for (auto it = differences.cbegin(); it != differences.cend(); ++it)
            entry(it.key());
        auto test = [&](PairedFigures& p, const QVector<double>& diffs) {
            const PairedVerdictCounts& v = p.verdicts;
            p.mcnemar = PairedTests::mcnemar(v.firstOnly, v.secondOnly,
                                             v.bothPassed + v.firstOnly + v.secondOnly + v.bothFailed);
            p.wilcoxon = PairedTests::wilcoxonSignedRank(diffs);
        };
        for (auto it = byCat.begin(); it != byCat.end(); ++it) {
            test(*it, differences.value(it.key()));
            s.m_paired.append(*it);
        }
        test(all, allDifferences);
        s.m_paired.append(all);
    }
    return s;
}

const GroupFigures* EvalStatistics::group(const QString& label, const QString& category) const
{
    for (const GroupFigures& g : m_groups) {
        if (g.key.label == label && g.key.category == category)
            return &g;
    }
    return nullptr;
}

QJsonObject EvalStatistics::toJson() const
{
    QJsonArray runs;
    for (qint64 id : m_settings.scope.runIds)
        runs.append(id);
    QJsonArray groups;
    for (const GroupFigures& g : m_groups)
        groups.append(groupJson(g));
    QJsonArray trends;
    for (const GroupFigures& g : m_trends) {
        QJsonObject o = groupJson(g);
        o.remove(u"category"_s);
        o.insert(u"run_id"_s, g.key.runId);
        o.insert(u"created_at"_s, ReportFormat::timeJson(g.runCreatedAt));
        trends.append(o);
    }
    QJsonArray paired;
    for (const PairedFigures& p : m_paired) {
        const PairedVerdictCounts& v = p.verdicts;
        paired.append(QJsonObject {
            { u"category"_s, p.category.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(p.category) },
            { u"first"_s, p.first },
            { u"second"_s, p.second },
            { u"verdict_pairs"_s,
              QJsonObject { { u"both_passed"_s, v.bothPassed },
                            { u"first_only"_s, v.firstOnly },
                            { u"second_only"_s, v.secondOnly },
                            { u"both_failed"_s, v.bothFailed } } },
            { u"mcnemar"_s, testJson(p.mcnemar) },
            { u"wilcoxon"_s, testJson(p.wilcoxon) },
            { u"preference"_s,
              QJsonObject { { u"human"_s, preferenceJson(p.human) }, { u"judge"_s, preferenceJson(p.judge) } } },
        });
    }
    return QJsonObject {
        { u"runs"_s, runs },
        { u"confidence"_s, m_settings.confidence },
        { u"quality_precedence"_s, QJsonArray::fromStringList(m_settings.scope.precedence) },
        { u"category_filter"_s, QJsonArray::fromStringList(m_settings.scope.categories) },
        { u"labels"_s, QJsonArray::fromStringList(m_labels) },
        { u"categories"_s, QJsonArray::fromStringList(m_categories) },
        { u"groups"_s, groups },
        { u"trends"_s, trends },
        { u"paired"_s, paired },
    };
}

} // namespace tierlens
