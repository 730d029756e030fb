// RoutingPolicy::derive on histories written through the Store API (tests/support/HistoryBuilder.h): both rules,
// decided and undecided routes with the prompts that would settle them, too few prompts (repeats do not count),
// three models on a ladder, runs pooled by prompt, a later look, and the policy file written and read back. The
// expected figures are worked out in the comments from the Wilson bound for n of n, n / (n + z^2).

#include "../../support/HistoryBuilder.h"
#include "../../support/TestDatabases.h"

#include "analysis/EvalStatistics.h"
#include "analysis/RoutingPolicy.h"

#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace tierlens;

namespace {

const CategoryRoute* route(const RoutingPolicy& p, const QString& category)
{
    for (const CategoryRoute& r : p.routes()) {
        if (r.category == category)
            return &r;
    }
    return nullptr;
}

const ModelEvidence* evidence(const CategoryRoute& r, const QString& label)
{
    for (const ModelEvidence& e : r.evidence) {
        if (e.label == label)
            return &e;
    }
    return nullptr;
}

// The two-sided normal quantile for a confidence, by bisection on erfc (independent of the code under test).
double zFor(double confidence)
{
    double lo = 0, hi = 10;
    for (int i = 0; i < 200; ++i) {
        const double mid = (lo + hi) / 2;
        (std::erfc(mid / std::sqrt(2.0)) > 1 - confidence ? lo : hi) = mid;
    }
    return (lo + hi) / 2;
}

// Two models that pass every one of n prompts: the paired interval of their difference reaches z^2 / (n + z^2) on
// either side (1 minus Wilson's lower bound for n of n). The prompts needed for that to be within the tolerance.
qint64 promptsForPerfectTie(double tolerance, double confidence)
{
    const double z2 = zFor(confidence) * zFor(confidence);
    return qint64(std::ceil(z2 * (1 - tolerance) / tolerance));
}

} // namespace

class TestRoutingPolicy : public QObject
{
    Q_OBJECT

    test::TestDatabases m_dbs;
    std::unique_ptr<Store> m_store;
    qint64 m_run = 0;

    RoutingPolicy derive(const PolicySettings& settings, QVector<qint64> runs = {}, Store* store = nullptr)
    {
        QString error;
        auto p = RoutingPolicy::derive(store ? *store : *m_store, runs.isEmpty() ? QVector<qint64> { m_run } : runs,
                                       settings, &error);
        if (!p)
            qFatal("%s", qPrintable(error));
        return *p;
    }

private slots:
    void initTestCase()
    {
        if (const QString why = test::TestDatabases::skipReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        QString error;
        m_store = Store::open(m_dbs.newLocation(u"p"_s), &error);
        QVERIFY2(m_store, qPrintable(error));
        test::HistoryBuilder h(*m_store);
        const QVector<int> hard = h.addPrompts(u"hard"_s, 40);
        const QVector<int> easy = h.addPrompts(u"easy"_s, 40);
        const QVector<int> thin = h.addPrompts(u"thin"_s, 10);
        h.savePromptSet();
        m_run = h.createRun({ u"flash"_s, u"pro"_s }, 3);
        // hard: flash passes 20 of 40 prompts, pro 38. easy: both pass all 40. thin: 10 prompts asked 3 times each,
        // all passed by both. Flash costs $0.001 an answer, pro $0.004.
        for (int i = 0; i < 40; ++i) {
            h.verdict(m_run, u"flash"_s, hard[i], 0, i < 20, 0.001);
            h.verdict(m_run, u"pro"_s, hard[i], 0, i < 38, 0.004);
            h.verdict(m_run, u"flash"_s, easy[i], 0, true, 0.001);
            h.verdict(m_run, u"pro"_s, easy[i], 0, true, 0.004);
        }
        for (int i = 0; i < 10; ++i) {
            for (int rep = 0; rep < 3; ++rep) {
                h.verdict(m_run, u"flash"_s, thin[i], rep, true, 0.001);
                h.verdict(m_run, u"pro"_s, thin[i], rep, true, 0.004);
            }
        }
        h.finishRun(m_run);
    }

    void cheaperUnlessShownWorse()
    {
        const RoutingPolicy p = derive(PolicySettings {});
        QCOMPARE(p.ladder(), QStringList({ u"flash"_s, u"pro"_s }));
        QCOMPARE(p.routes().size(), 3);

        // hard: pro is better by 0.45, far beyond the tolerance: decided for pro, which costs $0.003 more.
        const CategoryRoute* hard = route(p, u"hard"_s);
        QVERIFY(hard);
        QCOMPARE(hard->model, u"pro"_s);
        QCOMPARE(hard->decision, u"pricier_shown_better"_s);
        QVERIFY(hard->decided);
        QVERIFY(!hard->extraPromptsNeeded);
        QCOMPARE(hard->versus, u"flash"_s);
        QVERIFY(std::abs(hard->qualityDifference->estimate - 0.45) < 1e-12);
        QVERIFY(hard->qualityDifference->low > 0.05);
        QCOMPARE(hard->qualityDifference->n, 40);
        QVERIFY(std::abs(*hard->savingPerRequestUsd + 0.003) < 1e-12);
        QCOMPARE(evidence(*hard, u"flash"_s)->prompts, 40);
        QCOMPARE(evidence(*hard, u"flash"_s)->passed, 20);

        // easy: a tie at 100%. Flash stays (not shown worse), but 40 prompts cannot rule out pro being better by
        // 0.05: undecided, and the prompts that would settle it come from z^2 / (n + z^2) <= 0.05 at the level the
        // next look (the settle) tests at, 98.75%.
        const CategoryRoute* easy = route(p, u"easy"_s);
        QCOMPARE(easy->model, u"flash"_s);
        QCOMPARE(easy->decision, u"cheaper_not_shown_worse"_s);
        QVERIFY(!easy->decided);
        QCOMPARE(easy->versus, u"pro"_s);
        QCOMPARE(easy->qualityDifference->estimate, 0.0);
        QVERIFY(std::abs(*easy->savingPerRequestUsd - 0.003) < 1e-12);
        const qint64 needed = promptsForPerfectTie(0.05, 1 - 0.05 / 4);
        QVERIFY2(easy->extraPromptsNeeded && *easy->extraPromptsNeeded == needed - 40,
                 qPrintable(u"%1 vs %2"_s.arg(easy->extraPromptsNeeded.value_or(-1)).arg(needed - 40)));
        QVERIFY2(easy->reason.contains(u"undecided"_s), qPrintable(easy->reason));

        // thin: 30 items, but 10 prompts, under the 30 the settings ask for: not enough, 20 more.
        const CategoryRoute* thin = route(p, u"thin"_s);
        QCOMPARE(thin->decision, u"insufficient_evidence"_s);
        QVERIFY(!thin->decided);
        QCOMPARE(thin->model, u"flash"_s); // the rule's side of the doubt
        QCOMPARE(*thin->extraPromptsNeeded, 20);
        QCOMPARE(evidence(*thin, u"pro"_s)->items, 30);
        QCOMPARE(evidence(*thin, u"pro"_s)->prompts, 10);

        // Every category together: pro better by 18 of 90 prompts.
        QCOMPARE(p.defaultModel(), u"pro"_s);
        QCOMPARE(p.undecidedCategories(), QStringList({ u"easy"_s, u"thin"_s }));
        QCOMPARE(p.fallbackFor(u"flash"_s), u"pro"_s);
        QCOMPARE(p.fallbackFor(u"pro"_s), QString());
    }

    void pricierUnlessShownGoodEnough()
    {
        PolicySettings s;
        s.rule = PolicyRule::PricierUnlessGoodEnough;
        const RoutingPolicy p = derive(s);
        // hard: flash is shown worse by more than the tolerance: pro, decided.
        const CategoryRoute* hard = route(p, u"hard"_s);
        QCOMPARE(hard->model, u"pro"_s);
        QCOMPARE(hard->decision, u"best_quality"_s);
        QVERIFY(hard->decided);
        // easy: flash is not shown within 0.05 of pro yet: pro stays, undecided, the same prompts to settle.
        const CategoryRoute* easy = route(p, u"easy"_s);
        QCOMPARE(easy->model, u"pro"_s);
        QCOMPARE(easy->decision, u"best_quality"_s);
        QVERIFY(!easy->decided);
        QCOMPARE(*easy->extraPromptsNeeded, promptsForPerfectTie(0.05, 1 - 0.05 / 4) - 40);
        // thin: too few prompts, the rule's side of the doubt is the best model.
        const CategoryRoute* thin = route(p, u"thin"_s);
        QCOMPARE(thin->decision, u"insufficient_evidence"_s);
        QCOMPARE(thin->model, u"pro"_s);

        // A generous tolerance settles easy for flash under this rule too.
        s.tolerance = 0.2;
        const RoutingPolicy loose = derive(s);
        QCOMPARE(route(loose, u"easy"_s)->model, u"flash"_s);
        QCOMPARE(route(loose, u"easy"_s)->decision, u"cheaper_shown_good_enough"_s);
        QVERIFY(route(loose, u"easy"_s)->decided);
    }

    void evidenceIsTheStatisticsFigures()
    {
        // One data path: the evidence is EvalStatistics at the look's confidence.
        const RoutingPolicy p = derive(PolicySettings {});
        StatisticsSettings s;
        s.scope.runIds = { m_run };
        s.confidence = p.settings().confidenceAtThisLook();
        QString error;
        const auto stats = EvalStatistics::compute(*m_store, s, &error);
        QVERIFY2(stats, qPrintable(error));
        for (const CategoryRoute& r : p.routes()) {
            for (const ModelEvidence& e : r.evidence) {
                const GroupFigures* g = stats->group(e.label, r.category);
                QVERIFY(g);
                QCOMPARE(e.prompts, g->counts.prompts);
                QCOMPARE(e.items, g->counts.judged);
                QCOMPARE(e.passRate->low, g->passRate->low);
                QCOMPARE(e.passRate->high, g->passRate->high);
                QCOMPARE(e.costPerItemUsd, g->costPerItemUsd);
            }
            if (r.qualityDifference) {
                const PairedFigures* pair = stats->pair(u"flash"_s, u"pro"_s, r.category);
                QVERIFY(pair && pair->difference);
                const double sign = r.model == u"flash"_s ? 1 : -1;
                QCOMPARE(r.qualityDifference->estimate, sign * pair->difference->estimate);
            }
        }
    }

    void laterLooksTestAtASmallerAlpha()
    {
        PolicySettings s;
        s.look = 2;
        QCOMPARE(s.confidenceAtThisLook(), 1 - 0.05 / 4);
        const RoutingPolicy p = derive(s);
        QCOMPARE(p.settings().look, 2);
        QCOMPARE(*route(p, u"easy"_s)->extraPromptsNeeded, promptsForPerfectTie(0.05, 1 - 0.05 / 8) - 40);
        QVERIFY(*route(p, u"easy"_s)->extraPromptsNeeded
                > *route(derive(PolicySettings {}), u"easy"_s)->extraPromptsNeeded);
    }

    void threeModelsOnALadder()
    {
        QString error;
        auto store = Store::open(m_dbs.newLocation(u"l"_s), &error);
        QVERIFY2(store, qPrintable(error));
        test::HistoryBuilder h(*store);
        const QVector<int> x = h.addPrompts(u"x"_s, 60);
        h.savePromptSet();
        const qint64 run = h.createRun({ u"pro"_s, u"mini"_s, u"flash"_s });
        // mini passes 30 of 60 for $0.0005, flash 54 for $0.001, pro 55 for $0.004.
        for (int i = 0; i < 60; ++i) {
            h.verdict(run, u"mini"_s, x[i], 0, i < 30, 0.0005);
            h.verdict(run, u"flash"_s, x[i], 0, i < 54, 0.001);
            h.verdict(run, u"pro"_s, x[i], 0, i < 55, 0.004);
        }
        h.finishRun(run);
        const RoutingPolicy p = derive(PolicySettings {}, { run }, store.get());
        QCOMPARE(p.ladder(), QStringList({ u"mini"_s, u"flash"_s, u"pro"_s }));
        QCOMPARE(p.fallbackFor(u"mini"_s), u"flash"_s);
        QCOMPARE(p.fallbackFor(u"flash"_s), u"pro"_s);
        // Flash is shown better than mini; pro is not shown better than flash, nor ruled out: flash, undecided.
        const CategoryRoute* r = route(p, u"x"_s);
        QCOMPARE(r->model, u"flash"_s);
        QCOMPARE(r->decision, u"pricier_shown_better"_s);
        QVERIFY(!r->decided);
        QVERIFY(r->extraPromptsNeeded && *r->extraPromptsNeeded > 0);
        QCOMPARE(r->evidence.size(), 3);
        QCOMPARE(r->evidence.at(0).label, u"mini"_s); // evidence in ladder order

        // The other rule: the cheapest within 0.05 of the best (pro) is flash if shown so; with 60 prompts it is
        // not, and mini is shown worse: pro, undecided.
        PolicySettings s;
        s.rule = PolicyRule::PricierUnlessGoodEnough;
        const RoutingPolicy other = derive(s, { run }, store.get());
        const CategoryRoute* best = route(other, u"x"_s);
        QCOMPARE(best->model, u"pro"_s);
        QVERIFY(!best->decided);
    }

    void aModelPassedOverKeepsTheRouteUndecided()
    {
        // 200 prompts, a < b < c by cost; a passes 100, b 116, c 140, in patterns that barely correlate. b is not
        // shown better than a (b - a low -0.03), c is (c - a low 0.09), so c is chosen; but c over b is 0.12 with a
        // low of 0.013, under the tolerance: were b shown better than a later, the route would be b. Undecided.
        QString error;
        auto store = Store::open(m_dbs.newLocation(u"s"_s), &error);
        QVERIFY2(store, qPrintable(error));
        test::HistoryBuilder h(*store);
        const QVector<int> x = h.addPrompts(u"x"_s, 200);
        h.savePromptSet();
        const qint64 run = h.createRun({ u"a"_s, u"b"_s, u"c"_s });
        for (int i = 0; i < 200; ++i) {
            h.verdict(run, u"a"_s, x[i], 0, i % 2 == 0, 0.0005);
            h.verdict(run, u"b"_s, x[i], 0, (i * 7) % 100 < 58, 0.001);
            h.verdict(run, u"c"_s, x[i], 0, (i * 13 + 5) % 100 < 70, 0.004);
        }
        const RoutingPolicy p = derive(PolicySettings {}, { run }, store.get());
        const CategoryRoute* r = route(p, u"x"_s);
        QCOMPARE(r->model, u"c"_s);
        QCOMPARE(r->decision, u"pricier_shown_better"_s);
        QVERIFY(!r->decided);
        QVERIFY(r->extraPromptsNeeded && *r->extraPromptsNeeded > 0);
        // The figures the test rests on, from the statistics at the look's level.
        StatisticsSettings s;
        s.scope.runIds = { run };
        s.confidence = 0.975;
        const auto stats = EvalStatistics::compute(*store, s, &error);
        QVERIFY2(stats, qPrintable(error));
        QVERIFY(stats->pair(u"a"_s, u"b"_s)->difference->high > -0.05); // b - a low under 0.05
        QVERIFY(stats->pair(u"a"_s, u"c"_s)->difference->high < -0.05); // c - a low over 0.05
        QVERIFY(stats->pair(u"b"_s, u"c"_s)->difference->high > -0.05); // c - b low under 0.05
    }

    void decidedRoutesStandAtLaterLooks()
    {
        // A route decided at the first look is not tested again at the second on the same data.
        const RoutingPolicy first = derive(PolicySettings {});
        QString error;
        QJsonObject doc = *first.toJson(&error);
        QJsonArray routes = doc.value(u"routes"_s).toArray();
        for (qsizetype i = 0; i < routes.size(); ++i) {
            QJsonObject r = routes.at(i).toObject();
            if (r.value(u"category"_s).toString() != u"easy"_s)
                continue;
            // As if easy had been decided for pro at the first look.
            r.insert(u"model"_s, u"pro"_s);
            r.insert(u"model_id"_s, u"model-pro"_s);
            r.insert(u"decision"_s, u"pricier_shown_better"_s);
            r.insert(u"decided"_s, true);
            r.insert(u"extra_prompts_needed"_s, QJsonValue());
            routes.replace(i, r);
        }
        doc.insert(u"routes"_s, routes);
        const auto earlier = RoutingPolicy::fromJson(doc, &error);
        QVERIFY2(earlier, qPrintable(error));
        PolicySettings s;
        s.look = 2;
        RoutingPolicy later = derive(s);
        QCOMPARE(route(later, u"easy"_s)->model, u"flash"_s);
        QCOMPARE(later.keepDecided(*earlier), 1); // easy put back; hard was decided again the same way
        QCOMPARE(route(later, u"easy"_s)->model, u"pro"_s);
        QVERIFY(route(later, u"easy"_s)->decided);
        QVERIFY2(route(later, u"easy"_s)->reason.startsWith(u"decided at look 1, kept"_s),
                 qPrintable(route(later, u"easy"_s)->reason));
        QCOMPARE(route(later, u"hard"_s)->evidence.at(0).prompts, 40);
        QCOMPARE(later.undecidedCategories(), QStringList { u"thin"_s });

        // Kept again at the third look, it still says it was decided at the first, once.
        PolicySettings third;
        third.look = 3;
        RoutingPolicy latest = derive(third);
        QCOMPARE(latest.keepDecided(later), 1);
        const QString reason = route(latest, u"easy"_s)->reason;
        QVERIFY2(reason.startsWith(u"decided at look 1, kept"_s) && reason.count(u"kept"_s) == 1, qPrintable(reason));
    }

    void anOverrideTradesAgainstTheRulesChoice()
    {
        RoutingPolicy p = derive(PolicySettings {});
        QVERIFY(p.overrideRoute(u"easy"_s, u"pro"_s));
        const CategoryRoute* r = route(p, u"easy"_s);
        QCOMPARE(r->model, u"pro"_s);
        QCOMPARE(r->versus, u"flash"_s); // what the rule chose
        QVERIFY(!r->qualityDifference); // the paired difference is not at hand
        QVERIFY(std::abs(*r->savingPerRequestUsd + 0.003) < 1e-12); // pro costs $0.003 more than flash
        QVERIFY(!p.overrideRoute(u"easy"_s, u"gpt"_s));
        QVERIFY(!p.overrideRoute(u"poetry"_s, u"pro"_s));
    }

    void runsPoolByPrompt()
    {
        QString error;
        auto store = Store::open(m_dbs.newLocation(u"r"_s), &error);
        QVERIFY2(store, qPrintable(error));
        test::HistoryBuilder a(*store);
        const QVector<int> first = a.addPrompts(u"c"_s, 20);
        a.savePromptSet(u"a"_s);
        QVector<qint64> runs;
        for (int r = 0; r < 2; ++r) {
            runs.append(a.createRun({ u"flash"_s, u"pro"_s }));
            for (int i : first) {
                a.verdict(runs.last(), u"flash"_s, i, 0, true, 0.001);
                a.verdict(runs.last(), u"pro"_s, i, 0, true, 0.004);
            }
        }
        // Two runs of the same 20 prompts are 20 prompts: still under 30.
        const RoutingPolicy twice = derive(PolicySettings {}, runs, store.get());
        QCOMPARE(route(twice, u"c"_s)->decision, u"insufficient_evidence"_s);
        QCOMPARE(route(twice, u"c"_s)->evidence.at(0).prompts, 20);
        QCOMPARE(route(twice, u"c"_s)->evidence.at(0).items, 40);
        QCOMPARE(twice.sources().size(), 2);

        // A run of 20 other prompts in the category (another set, as settle sends) makes 40.
        test::HistoryBuilder b(*store);
        for (int i = 0; i < 20; ++i)
            b.addPrompt(u"c"_s, QJsonObject { { u"temperature"_s, 0.5 } }); // same texts, other options: other prompts
        b.savePromptSet(u"b"_s);
        runs.append(b.createRun({ u"flash"_s, u"pro"_s }));
        for (int i = 0; i < 20; ++i) {
            b.verdict(runs.last(), u"flash"_s, i, 0, true, 0.001);
            b.verdict(runs.last(), u"pro"_s, i, 0, true, 0.004);
        }
        const RoutingPolicy pooled = derive(PolicySettings {}, runs, store.get());
        QCOMPARE(route(pooled, u"c"_s)->evidence.at(0).prompts, 40);
        QCOMPARE(route(pooled, u"c"_s)->decision, u"cheaper_not_shown_worse"_s);
    }

    void policyFileReadsBack()
    {
        RoutingPolicy p = derive(PolicySettings {});
        QVERIFY(p.overrideRoute(u"thin"_s, u"pro"_s));
        QString error;
        const auto json = p.toJson(&error);
        QVERIFY2(json, qPrintable(error));
        QCOMPARE(json->value(u"schema_version"_s).toInt(), 2);
        const auto back = RoutingPolicy::fromJson(*json, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->ladder(), p.ladder());
        QCOMPARE(back->defaultModel(), p.defaultModel());
        QCOMPARE(back->settings().look, 1);
        QCOMPARE(back->routes().size(), p.routes().size());
        for (int i = 0; i < p.routes().size(); ++i) {
            const CategoryRoute& a = p.routes().at(i);
            const CategoryRoute& b = back->routes().at(i);
            QCOMPARE(b.category, a.category);
            QCOMPARE(b.model, a.model);
            QCOMPARE(b.decision, a.decision);
            QCOMPARE(b.decided, a.decided);
            QCOMPARE(b.override, a.override);
            QCOMPARE(b.extraPromptsNeeded, a.extraPromptsNeeded);
            QCOMPARE(b.versus, a.versus);
            QCOMPARE(b.evidence.size(), a.evidence.size());
            QCOMPARE(b.evidence.at(0).prompts, a.evidence.at(0).prompts);
        }
        QCOMPARE(back->undecidedCategories(), QStringList { u"easy"_s }); // thin is set by hand
    }

    void refusesBadSettings()
    {
        QString error;
        PolicySettings s;
        s.minPrompts = 0;
        QVERIFY(!RoutingPolicy::derive(*m_store, { m_run }, s, &error));
        s = PolicySettings {};
        s.tolerance = 1.5;
        QVERIFY(!RoutingPolicy::derive(*m_store, { m_run }, s, &error));
        s = PolicySettings {};
        s.look = PolicySettings::kMostLooks + 1; // the level would round to 1
        QVERIFY(!RoutingPolicy::derive(*m_store, { m_run }, s, &error));
        QVERIFY(!RoutingPolicy::derive(*m_store, { 4242 }, PolicySettings {}, &error));
        QVERIFY2(error.contains(u"4242"_s), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestRoutingPolicy)
#include "tst_routingpolicy.moc"
