// The what-if replay on items written by hand: routes, escalation, each model alone, monthly cost of a mix.

#include "PolicyFixture.h"

#include "analysis/WhatIf.h"

#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace tierlens;
using namespace tierlens::testing;

namespace {

ItemQuality item(const QString& label, const QString& category, qint64 prompt, std::optional<bool> passed,
                 std::optional<double> cost, QStringList triggers = {})
{
    ItemQuality q;
    q.label = label;
    q.category = category;
    q.promptId = prompt;
    q.passed = passed;
    q.costUsd = cost;
    q.triggers = triggers;
    return q;
}

// chat -> flash, code -> pro (the fixture's policy); misc is not in the policy and goes to its default, flash.
QVector<ItemQuality> items()
{
    return {
        // chat: flash passes; fails an assertion; ends in an error with no cost; fails (people said so, no trigger).
        item(u"flash"_s, u"chat"_s, 1, true, 0.001),
        item(u"pro"_s, u"chat"_s, 1, true, 0.004),
        item(u"flash"_s, u"chat"_s, 2, false, 0.001, { u"assertion_failed"_s }),
        item(u"pro"_s, u"chat"_s, 2, true, 0.004),
        item(u"flash"_s, u"chat"_s, 3, false, std::nullopt, { u"final_error"_s }),
        item(u"pro"_s, u"chat"_s, 3, true, 0.004),
        item(u"flash"_s, u"chat"_s, 4, false, 0.001),
        item(u"pro"_s, u"chat"_s, 4, false, 0.004),
        // code: pro's answer is not JSON; pro's other answer has no verdict at all.
        item(u"pro"_s, u"code"_s, 10, false, 0.01, { u"invalid_json"_s, u"assertion_failed"_s }),
        item(u"flash"_s, u"code"_s, 10, true, 0.002),
        item(u"pro"_s, u"code"_s, 11, std::nullopt, 0.01),
        item(u"flash"_s, u"code"_s, 11, true, 0.002),
        // misc: one slot both answered, one only flash answered (left out).
        item(u"flash"_s, u"misc"_s, 20, true, 0.001),
        item(u"pro"_s, u"misc"_s, 20, true, 0.003),
        item(u"flash"_s, u"misc"_s, 21, true, 0.001),
    };
}

RoutingPolicy policyWithEscalation(const QStringList& whens)
{
    QJsonObject doc = policyDoc();
    QJsonArray rules;
    for (const QString& w : whens)
        rules.append(QJsonObject { { u"when"_s, w }, { u"action"_s, u"retry_on_other_model"_s } });
    doc.insert(u"escalation"_s, rules);
    QString error;
    auto p = RoutingPolicy::fromJson(doc, &error);
    if (!p)
        qFatal("%s", qPrintable(error));
    return *p;
}

const QStringList kModels { u"flash"_s, u"pro"_s };
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

} // namespace

class TestWhatIf : public QObject
{
    Q_OBJECT

private slots:
    void replaysThePolicyWithEscalation()
    {
        QString error;
        const auto r = WhatIf::replay(items(), kModels, policyWithEscalation(kAllRules), {}, &error);
        QVERIFY2(r, qPrintable(error));
        QCOMPARE(r->skippedRequests, 1);
        QVERIFY(!r->hasTraffic);

        // chat: slot 1 flash passes (0.001); 2 escalates to pro, passes (0.001 + 0.004); 3 escalates after the error
        // (no cost + 0.004); 4 fails with nothing a router could see (0.001).
        const WhatIfCategory* chat = category(*r, u"chat"_s);
        QVERIFY(chat);
        QCOMPARE(chat->model, u"flash"_s);
        QVERIFY(!chat->byDefault);
        QCOMPARE(chat->policy.requests, 4);
        QCOMPARE(chat->policy.judged, 4);
        QCOMPARE(chat->policy.passed, 3);
        QCOMPARE(chat->policy.escalated, 2);
        QCOMPARE(chat->policy.uncosted, 1);
        QVERIFY(near(chat->policy.costUsd, 0.011));
        QVERIFY(near(*chat->policy.costPerRequestUsd, 0.011 / 4));
        QCOMPARE(chat->alone.value(u"flash"_s).passed, 1);
        QVERIFY(near(chat->alone.value(u"flash"_s).costUsd, 0.003));
        QCOMPARE(chat->alone.value(u"pro"_s).passed, 3);
        QVERIFY(near(chat->alone.value(u"pro"_s).costUsd, 0.016));
        QCOMPARE(chat->alone.value(u"pro"_s).escalated, 0);

        // code: pro's invalid JSON goes to flash, which passes (0.01 + 0.002); the unjudged answer stays unjudged.
        const WhatIfCategory* code = category(*r, u"code"_s);
        QVERIFY(code);
        QCOMPARE(code->model, u"pro"_s);
        QCOMPARE(code->policy.requests, 2);
        QCOMPARE(code->policy.judged, 1);
        QCOMPARE(code->policy.passed, 1);
        QCOMPARE(code->policy.escalated, 1);
        QVERIFY(near(code->policy.costUsd, 0.022));
        QCOMPARE(code->alone.value(u"pro"_s).judged, 1);
        QCOMPARE(code->alone.value(u"pro"_s).passed, 0);
        QVERIFY(!code->alone.value(u"pro"_s).passRate || *code->alone.value(u"pro"_s).passRate == 0);

        const WhatIfCategory* misc = category(*r, u"misc"_s);
        QVERIFY(misc);
        QVERIFY(misc->byDefault);
        QCOMPARE(misc->model, u"flash"_s);
        QCOMPARE(misc->policy.requests, 1);

        // Over everything: policy 5 of 6 judged, 0.034; flash alone 4 of 7, 0.008; pro alone 4 of 6, 0.039.
        QCOMPARE(r->policy.requests, 7);
        QCOMPARE(r->policy.judged, 6);
        QCOMPARE(r->policy.passed, 5);
        QCOMPARE(r->policy.escalated, 3);
        QVERIFY(near(r->policy.costUsd, 0.034));
        QVERIFY(near(*r->policy.costPerRequestUsd, 0.034 / 7));
        QVERIFY(near(*r->policy.passRate, 5.0 / 6));
        QCOMPARE(r->alone.value(u"flash"_s).judged, 7);
        QCOMPARE(r->alone.value(u"flash"_s).passed, 4);
        QVERIFY(near(r->alone.value(u"flash"_s).costUsd, 0.008));
        QCOMPARE(r->alone.value(u"pro"_s).judged, 6);
        QCOMPARE(r->alone.value(u"pro"_s).passed, 4);
        QVERIFY(near(r->alone.value(u"pro"_s).costUsd, 0.039));
        QVERIFY(!r->policy.monthlyCostUsd);

        // Wilson at 95% for 5 of 6, by its formula.
        const double z = 1.959964, n = 6, p = 5.0 / 6;
        const double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
        const double half = z / (1 + z * z / n) * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n));
        QVERIFY(std::abs(*r->policy.passRateLow - (centre - half)) < 1e-5);
        QVERIFY(std::abs(*r->policy.passRateHigh - (centre + half)) < 1e-5);
    }

    void escalationFollowsTheRules()
    {
        QString error;
        // No rules: every request stays with its route. chat passes 1 (0.003), code 0 of 1 (0.02), misc 1 (0.001).
        auto r = WhatIf::replay(items(), kModels, policyWithEscalation({}), {}, &error);
        QVERIFY2(r, qPrintable(error));
        QCOMPARE(r->policy.escalated, 0);
        QCOMPARE(r->policy.judged, 6);
        QCOMPARE(r->policy.passed, 2);
        QVERIFY(near(r->policy.costUsd, 0.024));

        // Only after a final error: chat's slot 3 goes to pro (0.004); code's invalid JSON stays.
        r = WhatIf::replay(items(), kModels, policyWithEscalation({ u"final_error"_s }), {}, &error);
        QVERIFY2(r, qPrintable(error));
        QCOMPARE(r->policy.escalated, 1);
        QCOMPARE(r->policy.passed, 3);
        QVERIFY(near(r->policy.costUsd, 0.028));

        // invalid_json alone: code's slot 10 goes to flash, nothing else moves.
        r = WhatIf::replay(items(), kModels, policyWithEscalation({ u"invalid_json"_s }), {}, &error);
        QVERIFY2(r, qPrintable(error));
        QCOMPARE(r->policy.escalated, 1);
        QCOMPARE(r->policy.passed, 3);
        QVERIFY(near(r->policy.costUsd, 0.026));
    }

    void monthlyCostOfATrafficMix()
    {
        TrafficMix mix;
        mix.requestsPerDay = { { u"chat"_s, 1000 }, { u"code"_s, 100 } };
        mix.daysPerMonth = 30;
        QString error;
        const auto r = WhatIf::replay(items(), kModels, policyWithEscalation(kAllRules), mix, &error);
        QVERIFY2(r, qPrintable(error));
        QVERIFY(r->hasTraffic);
        // policy: 1000 x 30 x 0.011/4 + 100 x 30 x 0.022/2 = 82.5 + 33
        QVERIFY(std::abs(*r->policy.monthlyCostUsd - 115.5) < 1e-9);
        QVERIFY(std::abs(*category(*r, u"chat"_s)->policy.monthlyCostUsd - 82.5) < 1e-9);
        QCOMPARE(*category(*r, u"misc"_s)->policy.monthlyCostUsd, 0.0);
        // flash alone: 1000 x 30 x 0.003/4 + 100 x 30 x 0.002 = 22.5 + 6; pro alone: 120 + 30
        QVERIFY(std::abs(*r->alone.value(u"flash"_s).monthlyCostUsd - 28.5) < 1e-9);
        QVERIFY(std::abs(*r->alone.value(u"pro"_s).monthlyCostUsd - 150) < 1e-9);

        // The default month is 30.4 days: 1000 chat requests a day under the policy cost 30.4 x 2.75.
        const auto def = WhatIf::replay(items(), kModels, policyWithEscalation(kAllRules),
                                        TrafficMix { { { u"chat"_s, 1000 } } }, &error);
        QVERIFY2(def, qPrintable(error));
        QVERIFY(std::abs(*def->policy.monthlyCostUsd - 30.4 * 2.75) < 1e-9);

        const QJsonObject json = r->toJson();
        QCOMPARE(json.value(u"days_per_month"_s).toDouble(), 30.0);
        QVERIFY(std::abs(json.value(u"policy"_s).toObject().value(u"monthly_cost_usd"_s).toDouble() - 115.5) < 1e-9);
        QCOMPARE(json.value(u"alone"_s).toObject().value(u"pro"_s).toObject().value(u"passed"_s).toInt(), 4);
        QCOMPARE(json.value(u"categories"_s).toArray().size(), 3);
        const QString text = r->toText();
        QVERIFY2(text.contains(u"115.50"_s) && text.contains(u"all pro"_s) && text.contains(u"flash (default)"_s),
                 qPrintable(text));
    }

    void refusesWhatItCannotReplay()
    {
        QString error;
        const RoutingPolicy p = policyWithEscalation(kAllRules);
        QVERIFY(!WhatIf::replay(items(), { u"flash"_s, u"mini"_s }, p, {}, &error));
        QVERIFY2(error.contains(u"\"pro\""_s), qPrintable(error));
        QVERIFY(!WhatIf::replay(items(), kModels, p, TrafficMix { { { u"poetry"_s, 10 } } }, &error));
        QVERIFY2(error.contains(u"poetry"_s), qPrintable(error));
        QVERIFY(!WhatIf::replay(items(), kModels, p, TrafficMix { { { u"chat"_s, -1 } } }, &error));
        QVERIFY(!WhatIf::replay(items(), kModels, p, TrafficMix { { { u"chat"_s, 1 } }, 0 }, &error));
    }
};

QTEST_GUILESS_MAIN(TestWhatIf)
#include "tst_whatif.moc"
