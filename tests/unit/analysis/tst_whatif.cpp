// The what-if replay on a history written through the Store API (tests/support/HistoryBuilder.h): routes, escalation
// up the ladder, each model alone, the prompt as the unit of the pass rate, and the monthly cost of a traffic mix.
// Every figure is worked out by hand in the comments.

#include "../../support/HistoryBuilder.h"
#include "../../support/TestDatabases.h"
#include "PolicyFixture.h"

#include "analysis/EvalStatistics.h"
#include "analysis/WhatIf.h"

#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace tierlens;
using namespace tierlens::testing;

namespace {

// The fixture's policy (chat -> flash, code -> pro, extract -> flash; ladder flash < pro) with these escalation rules.
RoutingPolicy policyWithEscalation(const QStringList& whens)
{
    QJsonObject doc = policyDoc();
    QJsonArray rules;
    for (const QString& w : whens)
        rules.append(QJsonObject { { u"when"_s, w }, { u"action"_s, u"retry_on_next_model"_s } });
    doc.insert(u"escalation"_s, rules);
    QString error;
    auto p = RoutingPolicy::fromJson(doc, &error);
    if (!p)
        qFatal("%s", qPrintable(error));
    return *p;
}

const QStringList kAllRules { u"invalid_json"_s, u"invalid_tool_call"_s, u"assertion_failed"_s, u"final_error"_s };

bool near(double a, double b)
{
    return std::abs(a - b) < 1e-12;
}

const WhatIfCategory* category(const WhatIfResult& r, const QString& name)
{
    for (const WhatIfCategory& c : r.categories) {
        if (c.category == name)
            return &c;
    }
    return nullptr;
}

// Wilson's interval for k of n by its formula.
std::pair<double, double> wilson(double k, double n, double z)
{
    const double p = k / n;
    const double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
    const double half = z / (1 + z * z / n) * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n));
    return { centre - half, centre + half };
}

} // namespace

class TestWhatIf : public QObject
{
    Q_OBJECT

    test::TestDatabases m_dbs;
    std::unique_ptr<Store> m_store;
    qint64 m_run = 0;
    qint64 m_otherModels = 0;

    std::optional<WhatIfResult> replay(const RoutingPolicy& policy, const TrafficMix& traffic = {},
                                       QString* error = nullptr)
    {
        QString e;
        auto r = WhatIf::replay(*m_store, { m_run }, policy, traffic, error ? error : &e);
        if (!r && !error)
            qWarning("%s", qPrintable(e));
        return r;
    }

private slots:
    void initTestCase()
    {
        QString error;
        m_store = Store::open(m_dbs.newLocation(u"w"_s), &error);
        QVERIFY2(m_store, qPrintable(error));
        test::HistoryBuilder h(*m_store);
        const QVector<int> chat = h.addPrompts(u"chat"_s, 4);
        const QVector<int> code = h.addPrompts(u"code"_s, 2);
        const QVector<int> misc = h.addPrompts(u"misc"_s, 2);
        h.savePromptSet();
        m_run = h.createRun({ u"flash"_s, u"pro"_s });
        // chat: flash passes; fails an assertion; ends in an error (no cost); fails by a person's say, which no
        // router sees. Pro passes the first three and fails the fourth by a person's say.
        h.verdict(m_run, u"flash"_s, chat[0], 0, true, 0.001);
        h.verdict(m_run, u"flash"_s, chat[1], 0, false, 0.001);
        h.error(m_run, u"flash"_s, chat[2], 0);
        h.answer(m_run, u"flash"_s, chat[3], 0, 0.001);
        h.rate(m_run, u"flash"_s, chat[3], 0, false);
        for (int i = 0; i < 3; ++i)
            h.verdict(m_run, u"pro"_s, chat[i], 0, true, 0.004);
        h.answer(m_run, u"pro"_s, chat[3], 0, 0.004);
        h.rate(m_run, u"pro"_s, chat[3], 0, false);
        // code: pro's first answer is not JSON; its second has no verdict at all. Flash passes both.
        h.answer(m_run, u"pro"_s, code[0], 0, 0.01);
        h.assertion(m_run, u"pro"_s, code[0], 0, false, { u"is-json"_s });
        h.answer(m_run, u"pro"_s, code[1], 0, 0.01);
        h.verdict(m_run, u"flash"_s, code[0], 0, true, 0.002);
        h.verdict(m_run, u"flash"_s, code[1], 0, true, 0.002);
        // misc (not in the policy: its default, flash): one prompt both answered, one only flash did.
        h.verdict(m_run, u"flash"_s, misc[0], 0, true, 0.001);
        h.verdict(m_run, u"pro"_s, misc[0], 0, true, 0.003);
        h.verdict(m_run, u"flash"_s, misc[1], 0, true, 0.001);
        h.finishRun(m_run);

        // A run of other models, for the refusals.
        m_otherModels = h.createRun({ u"flash"_s, u"mini"_s });
        h.verdict(m_otherModels, u"flash"_s, chat[0], 0, true);
        h.verdict(m_otherModels, u"mini"_s, chat[0], 0, true);
    }

    void replaysThePolicyWithEscalation()
    {
        const auto r = replay(policyWithEscalation(kAllRules));
        QVERIFY(r);
        QCOMPARE(r->runIds, QVector<qint64>({ m_run }));
        QCOMPARE(r->skippedRequests, 1); // misc's second prompt: pro, the next one up, has no answer to replay
        QVERIFY(!r->hasTraffic);

        // chat -> flash, escalating to pro: prompt 1 flash passes (0.001); 2 escalates after the failed assertion and
        // pro passes (0.001 + 0.004); 3 escalates after the error (no cost + 0.004); 4 fails with nothing a router
        // could see (0.001).
        const WhatIfCategory* chat = category(*r, u"chat"_s);
        QVERIFY(chat);
        QCOMPARE(chat->model, u"flash"_s);
        QVERIFY(!chat->byDefault);
        QCOMPARE(chat->policy.requests, 4);
        QCOMPARE(chat->policy.judged, 4);
        QCOMPARE(chat->policy.passed, 3);
        QCOMPARE(chat->policy.prompts, 4);
        QCOMPARE(chat->policy.escalated, 2);
        QCOMPARE(chat->policy.uncosted, 1);
        QVERIFY(near(chat->policy.costUsd, 0.011));
        QVERIFY(near(*chat->policy.costPerRequestUsd, 0.011 / 4));
        // Each model alone on chat, as the statistics have it.
        QCOMPARE(chat->alone.value(u"flash"_s).passed, 1);
        QVERIFY(near(chat->alone.value(u"flash"_s).costUsd, 0.003));
        QCOMPARE(chat->alone.value(u"pro"_s).passed, 3);
        QVERIFY(near(chat->alone.value(u"pro"_s).costUsd, 0.016));
        QCOMPARE(chat->alone.value(u"pro"_s).escalated, 0);

        // code -> pro, the top of the ladder: nothing above it to escalate to. The answer that is not JSON fails
        // (0.01), the unjudged one stays unjudged (0.01).
        const WhatIfCategory* code = category(*r, u"code"_s);
        QVERIFY(code);
        QCOMPARE(code->model, u"pro"_s);
        QCOMPARE(code->policy.requests, 2);
        QCOMPARE(code->policy.judged, 1);
        QCOMPARE(code->policy.passed, 0);
        QCOMPARE(code->policy.escalated, 0);
        QVERIFY(near(code->policy.costUsd, 0.02));
        QCOMPARE(*code->policy.passRate, 0.0);

        const WhatIfCategory* misc = category(*r, u"misc"_s);
        QVERIFY(misc);
        QVERIFY(misc->byDefault);
        QCOMPARE(misc->model, u"flash"_s);
        QCOMPARE(misc->policy.requests, 1);

        // Over everything: the policy 4 of 6 judged prompts for 0.032; flash alone 5 of 8 for 0.009; pro alone 4
        // of 6 for 0.039.
        QCOMPARE(r->policy.requests, 7);
        QCOMPARE(r->policy.judged, 6);
        QCOMPARE(r->policy.passed, 4);
        QCOMPARE(r->policy.prompts, 6);
        QCOMPARE(r->policy.escalated, 2);
        QVERIFY(near(r->policy.costUsd, 0.032));
        QVERIFY(near(*r->policy.costPerRequestUsd, 0.032 / 7));
        QVERIFY(near(*r->policy.passRate, 4.0 / 6));
        QCOMPARE(r->alone.value(u"flash"_s).requests, 8);
        QCOMPARE(r->alone.value(u"flash"_s).judged, 8);
        QCOMPARE(r->alone.value(u"flash"_s).passed, 5);
        QVERIFY(near(r->alone.value(u"flash"_s).costUsd, 0.009));
        QCOMPARE(r->alone.value(u"pro"_s).judged, 6);
        QCOMPARE(r->alone.value(u"pro"_s).passed, 4);
        QVERIFY(near(r->alone.value(u"pro"_s).costUsd, 0.039));
        QVERIFY(!r->policy.monthlyCostUsd);

        // The interval is at the policy's level for its first look, 97.5% (z = 2.2414): Wilson for 4 of 6 prompts.
        const auto [low, high] = wilson(4, 6, 2.241403);
        QVERIFY2(std::abs(*r->policy.passRateLow - low) < 1e-5, qPrintable(QString::number(*r->policy.passRateLow)));
        QVERIFY(std::abs(*r->policy.passRateHigh - high) < 1e-5);
    }

    void eachModelAloneIsTheStatisticsFigure()
    {
        // One data path: a model alone in the what-if is the statistics' group, to the last digit.
        const RoutingPolicy policy = policyWithEscalation(kAllRules);
        const auto r = replay(policy);
        QVERIFY(r);
        StatisticsSettings s;
        s.scope.runIds = { m_run };
        s.confidence = policy.settings().confidenceAtThisLook();
        QString error;
        const auto stats = EvalStatistics::compute(*m_store, s, &error);
        QVERIFY2(stats, qPrintable(error));
        for (const QString& label : { u"flash"_s, u"pro"_s }) {
            for (const QString& cat : { QString(), u"chat"_s, u"code"_s }) {
                const GroupFigures* g = stats->group(label, cat);
                QVERIFY(g);
                const WhatIfFigures& f = cat.isEmpty() ? r->alone[label] : category(*r, cat)->alone[label];
                QCOMPARE(f.requests, g->counts.items);
                QCOMPARE(f.prompts, g->counts.prompts);
                QCOMPARE(f.passRate, std::optional<double>(g->passRate->estimate));
                QCOMPARE(f.passRateLow, std::optional<double>(g->passRate->low));
                QCOMPARE(f.costUsd, *g->usage.costUsd);
                QCOMPARE(f.costPerRequestUsd, g->costPerItemUsd);
            }
        }
    }

    void escalationFollowsTheRules()
    {
        // No rules: every request stays with its route. chat passes 1 (0.003), code 0 of 1 (0.02), misc 1 (0.001).
        auto r = replay(policyWithEscalation({}));
        QVERIFY(r);
        QCOMPARE(r->policy.escalated, 0);
        QCOMPARE(r->policy.judged, 6);
        QCOMPARE(r->policy.passed, 2);
        QVERIFY(near(r->policy.costUsd, 0.024));

        // Only after a final error: chat's third prompt goes to pro (0.004).
        r = replay(policyWithEscalation({ u"final_error"_s }));
        QVERIFY(r);
        QCOMPARE(r->policy.escalated, 1);
        QCOMPARE(r->policy.passed, 3);
        QVERIFY(near(r->policy.costUsd, 0.028));

        // Only after a failed assertion: chat's second prompt goes to pro.
        r = replay(policyWithEscalation({ u"assertion_failed"_s }));
        QVERIFY(r);
        QCOMPARE(r->policy.escalated, 1);
        QCOMPARE(r->policy.passed, 3);
        QVERIFY(near(r->policy.costUsd, 0.028));

        // invalid_json: only pro's answer is not JSON, and pro is the top of the ladder: nothing moves.
        r = replay(policyWithEscalation({ u"invalid_json"_s }));
        QVERIFY(r);
        QCOMPARE(r->policy.escalated, 0);
        QCOMPARE(r->policy.passed, 2);
    }

    void monthlyCostOfATrafficMix()
    {
        TrafficMix mix;
        mix.requestsPerDay = { { u"chat"_s, 1000 }, { u"code"_s, 100 } };
        mix.daysPerMonth = 30;
        const auto r = replay(policyWithEscalation(kAllRules), mix);
        QVERIFY(r);
        QVERIFY(r->hasTraffic);
        // policy: 1000 x 30 x 0.011/4 + 100 x 30 x 0.02/2 = 82.5 + 30
        QVERIFY(std::abs(*r->policy.monthlyCostUsd - 112.5) < 1e-9);
        QVERIFY(std::abs(*category(*r, u"chat"_s)->policy.monthlyCostUsd - 82.5) < 1e-9);
        QCOMPARE(*category(*r, u"misc"_s)->policy.monthlyCostUsd, 0.0);
        // flash alone: 1000 x 30 x 0.003/4 + 100 x 30 x 0.004/2 = 22.5 + 6; pro alone: 120 + 30
        QVERIFY(std::abs(*r->alone.value(u"flash"_s).monthlyCostUsd - 28.5) < 1e-9);
        QVERIFY(std::abs(*r->alone.value(u"pro"_s).monthlyCostUsd - 150) < 1e-9);

        // The default month is 30.4 days: 1000 chat requests a day under the policy cost 30.4 x 2.75.
        const auto def = replay(policyWithEscalation(kAllRules), TrafficMix { { { u"chat"_s, 1000 } } });
        QVERIFY(def);
        QVERIFY(std::abs(*def->policy.monthlyCostUsd - 30.4 * 2.75) < 1e-9);

        const QJsonObject json = r->toJson();
        QCOMPARE(json.value(u"days_per_month"_s).toDouble(), 30.0);
        QCOMPARE(json.value(u"run_ids"_s).toArray(), QJsonArray({ m_run }));
        QVERIFY(std::abs(json.value(u"policy"_s).toObject().value(u"monthly_cost_usd"_s).toDouble() - 112.5) < 1e-9);
        QCOMPARE(json.value(u"policy"_s).toObject().value(u"prompts"_s).toInt(), 6);
        QCOMPARE(json.value(u"alone"_s).toObject().value(u"pro"_s).toObject().value(u"passed"_s).toInt(), 4);
        QCOMPARE(json.value(u"categories"_s).toArray().size(), 3);
        const QString text = r->toText();
        QVERIFY2(text.contains(u"112.50"_s) && text.contains(u"all pro"_s) && text.contains(u"flash (default)"_s),
                 qPrintable(text));
    }

    void repeatsAverageIntoTheirPrompt()
    {
        // Three repeats of one prompt that pass, one repeat of another that fails (the run stopped): 3 of 4 items,
        // but 1 of 2 prompts. The prompt is the unit: the pass rate is 0.5 over n = 2.
        QString error;
        auto store = Store::open(m_dbs.newLocation(u"r"_s), &error);
        QVERIFY2(store, qPrintable(error));
        test::HistoryBuilder h(*store);
        const QVector<int> chat = h.addPrompts(u"chat"_s, 2);
        h.savePromptSet();
        const qint64 run = h.createRun({ u"flash"_s, u"pro"_s }, 3);
        for (int rep = 0; rep < 3; ++rep) {
            h.verdict(run, u"flash"_s, chat[0], rep, true);
            h.verdict(run, u"pro"_s, chat[0], rep, true, 0.004);
        }
        h.verdict(run, u"flash"_s, chat[1], 0, false);
        h.verdict(run, u"pro"_s, chat[1], 0, false, 0.004);
        h.finishRun(run, u"cancelled"_s);
        const auto r = WhatIf::replay(*store, { run }, policyWithEscalation({}), {}, &error);
        QVERIFY2(r, qPrintable(error));
        QCOMPARE(r->policy.requests, 4);
        QCOMPARE(r->policy.passed, 3);
        QCOMPARE(r->policy.prompts, 2);
        QCOMPARE(*r->policy.passRate, 0.5);
        QCOMPARE(r->alone.value(u"pro"_s).prompts, 2);
        QCOMPARE(*r->alone.value(u"pro"_s).passRate, 0.5);
    }

    void refusesWhatItCannotReplay()
    {
        QString error;
        const RoutingPolicy p = policyWithEscalation(kAllRules);
        QVERIFY(!WhatIf::replay(*m_store, { m_otherModels }, p, {}, &error));
        QVERIFY2(error.contains(u"\"pro\""_s) && error.contains(u"mini"_s), qPrintable(error));
        QVERIFY(!replay(p, TrafficMix { { { u"poetry"_s, 10 } } }, &error));
        QVERIFY2(error.contains(u"poetry"_s), qPrintable(error));
        QVERIFY(!replay(p, TrafficMix { { { u"chat"_s, -1 } } }, &error));
        QVERIFY2(error.contains(u"chat"_s), qPrintable(error));
        QVERIFY(!replay(p, TrafficMix { { { u"chat"_s, 1 } }, 0 }, &error));
        QVERIFY(!WhatIf::replay(*m_store, { 999 }, p, {}, &error));
        QVERIFY2(error.contains(u"999"_s), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestWhatIf)
#include "tst_whatif.moc"
