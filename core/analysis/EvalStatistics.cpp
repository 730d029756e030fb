#include "EvalStatistics.h"

#include "ItemQuality.h"
#include "format/ReportFormat.h"
#include "stats/Bootstrap.h"
#include "stats/Percentiles.h"
#include "stats/PromptShares.h"
#include "stats/Proportions.h"
#include "store/Store.h"

#include <QJsonArray>
#include <QMap>
#include <QSet>

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
    d.p95 = Percentiles::at(values, 95);
    d.p99 = Percentiles::at(values, 99);
    d.max = values.last();
    return d;
}

template <typename T> void addOptional(std::optional<T>& into, const std::optional<T>& v)
{
    if (v)
        into = into.value_or(T {}) + *v;
}

void add(GroupUsage& into, const GroupUsage& u)
{
    into.attempts += u.attempts;
    into.retries += u.retries;
    into.attemptsWithUsage += u.attemptsWithUsage;
    for (auto it = u.flagged.cbegin(); it != u.flagged.cend(); ++it)
        into.flagged[it.key()] += it.value();
    addOptional(into.promptTokens, u.promptTokens);
    addOptional(into.completionTokens, u.completionTokens);
    addOptional(into.cacheHitTokens, u.cacheHitTokens);
    addOptional(into.cacheMissTokens, u.cacheMissTokens);
    addOptional(into.reasoningTokens, u.reasoningTokens);
    addOptional(into.costUsd, u.costUsd);
}

void add(GroupCounts& c, const ItemVerdict& item)
{
    ++c.items;
    c.attempts += item.attemptCount;
    c.turns += item.finalTurnIndex + 1;
    if (item.ok)
        ++c.okItems;
    else
        ++c.errorsByClass[item.errorClass];
    if (item.passed) {
        ++c.judged;
        c.passed += *item.passed ? 1 : 0;
        ++c.verdictSources[item.source];
    } else if (item.awaitingJudge) {
        ++c.awaitingJudge;
    }
    c.jsonExpected += item.jsonAsked ? 1 : 0;
    c.jsonValid += item.jsonAsked && item.jsonValid ? 1 : 0;
    c.toolCallItems += item.toolCallsMade ? 1 : 0;
    c.toolCallsValid += item.toolCallsMade && item.toolCallsValid ? 1 : 0;
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
                         { u"p90"_s, json(d.p90) }, { u"p95"_s, json(d.p95) }, { u"p99"_s, json(d.p99) },
                         { u"max"_s, json(d.max) } };
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
    QJsonObject sources;
    for (auto it = c.verdictSources.cbegin(); it != c.verdictSources.cend(); ++it)
        sources.insert(it.key(), it.value());
    QJsonObject flagged;
    for (auto it = u.flagged.cbegin(); it != u.flagged.cend(); ++it)
        flagged.insert(it.key(), it.value());
    const bool usage = u.attemptsWithUsage > 0;
    auto tokens = [&](const std::optional<qint64>& v) { return usage ? json(v) : QJsonValue(QJsonValue::Null); };
    return QJsonObject {
        { u"model"_s, g.key.label },
        { u"category"_s, g.key.category.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(g.key.category) },
        { u"items"_s, c.items },
        { u"ok_items"_s, c.okItems },
        { u"prompts"_s, c.prompts },
        { u"judged_items"_s, c.judged },
        { u"passed_items"_s, c.passed },
        { u"awaiting_judge"_s, c.awaitingJudge },
        { u"verdict_sources"_s, sources },
        { u"pass_rate"_s, intervalJson(g.passRate) },
        { u"mean_score"_s, intervalJson(g.meanScore) },
        { u"attempts"_s, u.attempts },
        { u"retries"_s, u.retries },
        { u"flagged"_s, flagged },
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
        { u"cost_per_item_usd"_s, json(g.costPerItemUsd) },
        { u"cost_per_success_usd"_s, json(g.costPerSuccessUsd) },
    };
}

// Fills a group's derived figures from its counts, its prompts' verdicts and its usage.
void derive(GroupFigures& g, const PromptShares* shares, double confidence)
{
    const GroupCounts& c = g.counts;
    if (shares) {
        g.passRate = shares->passRate(confidence);
        g.counts.prompts = shares->prompts();
    }
    // Retries per item: attempts beyond one per turn (a conversation's later turns are no retries).
    g.retryRate = c.items > 0 ? std::optional<double>(double(c.attempts - c.turns) / double(c.items)) : std::nullopt;
    g.errorRate = ratio(c.items - c.okItems, c.items);
    g.jsonValidRate = ratio(c.jsonValid, c.jsonExpected);
    g.toolCallValidRate = ratio(c.toolCallsValid, c.toolCallItems);
    // Every billed attempt, those of items still without a result included (a cancelled run's), per item.
    if (g.usage.attemptsWithUsage > 0 && g.usage.costUsd && c.items > 0) {
        g.costPerItemUsd = *g.usage.costUsd / double(c.items);
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
    if (const QString problem = ItemQualities::checkPrecedence(scope.precedence); !problem.isEmpty()) {
        *error = problem;
        return std::nullopt;
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

    // Groups: model and category, model, and run and model (the trend); every figure adds up from the items.
    auto keysOf = [](qint64 runId, const QString& label, const QString& category) {
        return std::array<GroupKey, 3> { GroupKey { 0, label, category }, GroupKey { 0, label, QString() },
                                         GroupKey { runId, label, QString() } };
    };
    struct Accumulator
    {
        GroupFigures figures;
        std::array<QVector<double>, 3> measured; // latency, TTFT, output tokens/s of ok answers
    };
    std::array<QHash<GroupKey, Accumulator>, 3> groups;
    QHash<GroupKey, PromptShares> runShares; // the trend's pass rates, per run and model
    QHash<qint64, qint64> promptKeys; // prompt row -> the prompt's key, for the scores
    auto accumulator = [&](int grouping, const GroupKey& key) -> Accumulator& {
        auto it = groups[grouping].find(key);
        if (it == groups[grouping].end()) {
            it = groups[grouping].insert(key, Accumulator());
            it->figures.key = key;
            it->figures.usage.key = key;
        }
        return *it;
    };
    const bool read = store.forEachItem(
        scope,
        [&](const ItemVerdict& item) {
            promptKeys.insert(item.promptId, item.promptKey);
            const auto keys = keysOf(item.runId, item.label, item.category);
            for (int g = 0; g < 3; ++g) {
                Accumulator& a = accumulator(g, keys[g]);
                add(a.figures.counts, item);
                if (item.ok) {
                    const double v[3] = { item.latencyMs, item.ttftMs, item.outputTps };
                    for (int metric = 0; metric < (g == 2 ? 1 : 3); ++metric) {
                        if (!std::isnan(v[metric]))
                            a.measured[size_t(metric)].append(v[metric]);
                    }
                }
                if (item.passed) {
                    PromptShares& shares = g == 2 ? runShares[keys[g]] : s.m_shares[keys[g]];
                    shares.add(item.promptKey, *item.passed);
                }
            }
            if (settings.keepItems)
                s.m_items.append(item);
        },
        error);
    if (!read)
        return std::nullopt;
    const auto usage = store.groupUsage(scope);
    const auto created = store.runCreationTimes(scope.runIds);
    const auto scores = store.itemScores(scope);
    if (!usage || !created || !scores)
        return failed();
    for (const GroupUsage& u : *usage) {
        const auto keys = keysOf(u.key.runId, u.key.label, u.key.category);
        for (int g = 0; g < 3; ++g)
            add(accumulator(g, keys[g]).figures.usage, u);
    }

    // Mean scores per prompt (a prompt's repeats average into one), then the bootstrap over the prompts.
    QHash<GroupKey, QHash<qint64, std::pair<double, int>>> promptScores;
    for (const ItemScore& sc : *scores) {
        const qint64 prompt = promptKeys.value(sc.promptId, sc.promptId);
        for (const GroupKey& key : { GroupKey { 0, sc.label, sc.category }, GroupKey { 0, sc.label, QString() } }) {
            auto& sum = promptScores[key][prompt];
            sum.first += sc.score;
            ++sum.second;
        }
    }

    QVector<GroupFigures> byCategory, overall;
    for (int g = 0; g < 3; ++g) {
        for (auto it = groups[g].begin(); it != groups[g].end(); ++it) {
            GroupFigures& f = it->figures;
            const auto sharesIt = g == 2 ? runShares.constFind(it.key()) : s.m_shares.constFind(it.key());
            const bool hasShares = g == 2 ? sharesIt != runShares.cend() : sharesIt != s.m_shares.cend();
            derive(f, hasShares ? &*sharesIt : nullptr, settings.confidence);
            f.latencyMs = distributionOf(it->measured[0]);
            f.ttftMs = distributionOf(it->measured[1]);
            f.outputTps = distributionOf(it->measured[2]);
            if (g == 2) {
                f.runCreatedAt = created->value(it.key().runId);
                s.m_trends.append(f);
                continue;
            }
            if (const auto sc = promptScores.constFind(it.key()); sc != promptScores.cend()) {
                QVector<double> means;
                for (const auto& [sum, count] : *sc)
                    means.append(sum / count);
                f.meanScore = Bootstrap::mean(means, settings.confidence, settings.bootstrapResamples);
            }
            (g == 0 ? byCategory : overall).append(f);
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
    // Oldest run first, a run's models in the runs' order.
    std::sort(s.m_trends.begin(), s.m_trends.end(), [&](const GroupFigures& a, const GroupFigures& b) {
        if (a.runCreatedAt != b.runCreatedAt)
            return a.runCreatedAt < b.runCreatedAt;
        if (a.key.runId != b.key.runId)
            return a.key.runId < b.key.runId;
        return s.m_labels.indexOf(a.key.label) < s.m_labels.indexOf(b.key.label);
    });

    // Every two models, paired on the prompts both answered: per category, then over every category.
    // Scores pair up per prompt and source: a person's score against the judge's compares two instruments.
    QMap<std::tuple<QString, QString, qint64>, QHash<QString, std::pair<double, int>>> scoreBySource;
    for (const ItemScore& sc : *scores) {
        const qint64 prompt = promptKeys.value(sc.promptId, sc.promptId);
        for (const QString& category : { sc.category, QString() }) {
            auto& sum = scoreBySource[std::make_tuple(sc.label, category, prompt)][sc.source];
            sum.first += sc.score;
            ++sum.second;
        }
    }
    QHash<QString, QSet<qint64>> promptsOfCategory;
    for (auto it = scoreBySource.cbegin(); it != scoreBySource.cend(); ++it)
        promptsOfCategory[std::get<1>(it.key())].insert(std::get<2>(it.key()));
    for (qsizetype i = 0; i < s.m_labels.size(); ++i) {
        for (qsizetype j = i + 1; j < s.m_labels.size(); ++j) {
            const QString first = s.m_labels.at(i), second = s.m_labels.at(j);
            const auto preferences = store.preferences(scope, first, second);
            if (!preferences)
                return failed();
            QStringList pairCategories = s.m_categories;
            pairCategories.append(QString());
            for (const QString& category : std::as_const(pairCategories)) {
                const PromptShares* a = s.shares(first, category);
                const PromptShares* b = s.shares(second, category);
                PairedFigures p;
                p.category = category;
                p.first = first;
                p.second = second;
                if (a && b) {
                    p.prompts = PromptShares::compare(*a, *b);
                    p.difference = PromptShares::difference(*a, *b, settings.confidence);
                    p.mcnemar = PromptShares::mcnemar(*a, *b);
                }
                QVector<double> differences;
                for (qint64 prompt : promptsOfCategory.value(category)) {
                    const auto sa = scoreBySource.constFind(std::make_tuple(first, category, prompt));
                    const auto sb = scoreBySource.constFind(std::make_tuple(second, category, prompt));
                    if (sa == scoreBySource.cend() || sb == scoreBySource.cend())
                        continue;
                    for (const QString& source : { u"human"_s, u"judge"_s }) {
                        if (sa->contains(source) && sb->contains(source)) {
                            const auto [suma, na] = sa->value(source);
                            const auto [sumb, nb] = sb->value(source);
                            differences.append(suma / na - sumb / nb);
                            break;
                        }
                    }
                }
                p.wilcoxon = PairedTests::wilcoxonSignedRank(differences);
                for (const PreferenceCounts& pc : *preferences) {
                    if (!category.isEmpty() && pc.category != category)
                        continue;
                    PreferenceCounts& target = pc.source == u"human"_s ? p.human : p.judge;
                    target.category = category;
                    target.source = pc.source;
                    target.firstWins += pc.firstWins;
                    target.secondWins += pc.secondWins;
                    target.ties += pc.ties;
                }
                if (p.difference || p.wilcoxon.pairs > 0 || p.human.firstWins + p.human.secondWins + p.human.ties > 0
                    || p.judge.firstWins + p.judge.secondWins + p.judge.ties > 0)
                    s.m_paired.append(p);
            }
        }
    }
    return s;
}

const PromptShares* EvalStatistics::shares(const QString& label, const QString& category) const
{
    const auto it = m_shares.constFind(GroupKey { 0, label, category });
    return it == m_shares.cend() ? nullptr : &*it;
}

const PairedFigures* EvalStatistics::pair(const QString& first, const QString& second, const QString& category) const
{
    for (const PairedFigures& p : m_paired) {
        if (p.first == first && p.second == second && p.category == category)
            return &p;
    }
    return nullptr;
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
        paired.append(QJsonObject {
            { u"category"_s, p.category.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(p.category) },
            { u"first"_s, p.first },
            { u"second"_s, p.second },
            { u"prompts"_s,
              QJsonObject { { u"first_better"_s, p.prompts.firstBetter },
                            { u"second_better"_s, p.prompts.secondBetter },
                            { u"both_passed"_s, p.prompts.tiedPassed },
                            { u"tied_otherwise"_s, p.prompts.tiedOther } } },
            { u"difference"_s, intervalJson(p.difference) },
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
