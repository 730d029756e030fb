// The difference between two policies: changed, added and removed routes, fields and escalation rules.

#include "PolicyFixture.h"

#include "analysis/PolicyDiff.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace tierlens;
using namespace tierlens::testing;

namespace {

RoutingPolicy policyOf(const QJsonObject& doc)
{
    QString error;
    auto p = RoutingPolicy::fromJson(doc, &error);
    if (!p)
        qFatal("%s", qPrintable(error));
    return *p;
}

} // namespace

class TestPolicyDiff : public QObject
{
    Q_OBJECT

private slots:
    void samePolicyHasNoDifference()
    {
        const RoutingPolicy p = policyOf(policyDoc());
        QJsonObject later = policyDoc();
        later.insert(u"created_at"_s, u"2026-12-01T00:00:00.000Z"_s); // never compared
        const PolicyDiff d = PolicyDiff::between(p, policyOf(later));
        QVERIFY(d.isEmpty());
        QCOMPARE(d.unchangedRoutes, 3);
        QCOMPARE(d.toText(), u"the policies route the same way (routes compared: 3)\n"_s);
    }

    void everyKindOfChange()
    {
        const RoutingPolicy before = policyOf(policyDoc());
        RoutingPolicy after = policyOf([] {
            QJsonObject doc = policyDoc();
            QJsonArray routes = doc.value(u"routes"_s).toArray();
            routes.removeAt(2); // extract gone
            routes.append(routeJson(u"poetry"_s, u"pro"_s, u"insufficient_evidence"_s, QJsonObject(), false));
            doc.insert(u"routes"_s, routes);
            doc.insert(u"default_model"_s, u"pro"_s);
            QJsonObject settings = doc.value(u"settings"_s).toObject();
            settings.insert(u"tolerance"_s, 0.1);
            settings.insert(u"min_prompts"_s, 50);
            settings.insert(u"rule"_s, u"pricier-unless-good-enough"_s);
            settings.insert(u"look"_s, 2);
            settings.insert(u"confidence_at_this_look"_s, 0.9875);
            doc.insert(u"settings"_s, settings);
            QJsonObject models = doc.value(u"models"_s).toObject();
            QJsonObject flash = models.value(u"flash"_s).toObject();
            flash.insert(u"model_id"_s, u"deepseek-v4-flash-2"_s);
            models.insert(u"flash"_s, flash);
            doc.insert(u"models"_s, models);
            doc.insert(u"ladder"_s, QJsonArray { u"pro"_s, u"flash"_s });
            // The chat route's model id follows the model's.
            QJsonObject chat = routes.at(0).toObject();
            chat.insert(u"model_id"_s, u"deepseek-v4-flash-2"_s);
            routes.replace(0, chat);
            doc.insert(u"routes"_s, routes);
            QJsonArray escalation = doc.value(u"escalation"_s).toArray();
            escalation.removeAt(2); // assertion_failed
            doc.insert(u"escalation"_s, escalation);
            return doc;
        }());
        QVERIFY(after.overrideRoute(u"code"_s, u"flash"_s));

        const PolicyDiff d = PolicyDiff::between(before, after);
        QVERIFY(!d.isEmpty());
        QCOMPARE(d.changedRoutes.size(), 1);
        const RouteChange& c = d.changedRoutes.at(0);
        QCOMPARE(c.category, u"code"_s);
        QCOMPARE(c.oldModel, u"pro"_s);
        QCOMPARE(c.newModel, u"flash"_s);
        QCOMPARE(c.oldDecision, u"pricier_shown_better"_s);
        QCOMPARE(c.newDecision, u"override"_s);
        QVERIFY(!c.oldOverride);
        QVERIFY(c.newOverride);
        QCOMPARE(d.addedRoutes.size(), 1);
        QCOMPARE(d.addedRoutes.at(0).category, u"poetry"_s);
        QCOMPARE(d.removedRoutes.size(), 1);
        QCOMPARE(d.removedRoutes.at(0).category, u"extract"_s);
        QCOMPARE(d.unchangedRoutes, 1); // chat

        QStringList fields;
        for (const FieldChange& f : d.fields)
            fields.append(u"%1=%2>%3"_s.arg(f.field, f.oldValue, f.newValue));
        QCOMPARE(fields,
                 QStringList({ u"default_model=flash>pro"_s, u"ladder=flash < pro>pro < flash"_s,
                               u"settings.tolerance=0.05>0.1"_s,
                               u"settings.rule=cheaper-unless-worse>pricier-unless-good-enough"_s,
                               u"settings.look=1>2"_s, u"settings.min_prompts=30>50"_s,
                               u"models.flash.model_id=deepseek-v4-flash>deepseek-v4-flash-2"_s }));
        QCOMPARE(d.escalationAdded.size(), 0);
        QCOMPARE(d.escalationRemoved.size(), 1);
        QCOMPARE(d.escalationRemoved.at(0).when, u"assertion_failed"_s);

        QCOMPARE(d.toText(),
                 u"route code: pro (pricier_shown_better) -> flash (override, by hand)\n"
                 "added category poetry -> pro (insufficient_evidence)\n"
                 "removed category extract (was -> flash, cheaper_not_shown_worse)\n"
                 "default_model: flash -> pro\n"
                 "ladder: flash < pro -> pro < flash\n"
                 "settings.tolerance: 0.05 -> 0.1\n"
                 "settings.rule: cheaper-unless-worse -> pricier-unless-good-enough\n"
                 "settings.look: 1 -> 2\n"
                 "settings.min_prompts: 30 -> 50\n"
                 "models.flash.model_id: deepseek-v4-flash -> deepseek-v4-flash-2\n"
                 "escalation removed: assertion_failed -> retry_on_next_model\n"
                 "routes unchanged: 1\n"_s);
    }

    void modelAddedAndRemoved()
    {
        QJsonObject doc = policyDoc();
        QJsonObject models = doc.value(u"models"_s).toObject();
        models.insert(u"mini"_s,
                      QJsonObject { { u"model_id"_s, u"mini-1"_s },
                                    { u"base_url"_s, u"http://127.0.0.1:9/v1"_s },
                                    { u"provider"_s, u"deepseek"_s } });
        doc.insert(u"models"_s, models);
        doc.insert(u"ladder"_s, QJsonArray { u"mini"_s, u"flash"_s, u"pro"_s });
        const PolicyDiff d = PolicyDiff::between(policyOf(policyDoc()), policyOf(doc));
        QStringList fields;
        for (const FieldChange& f : d.fields)
            fields.append(u"%1=%2>%3"_s.arg(f.field, f.oldValue, f.newValue));
        QCOMPARE(
            fields,
            QStringList({ u"ladder=flash < pro>mini < flash < pro"_s, u"models.mini.model_id=>mini-1"_s,
                          u"models.mini.base_url=>http://127.0.0.1:9/v1"_s, u"models.mini.provider=>deepseek"_s }));
        // And the other way round: the model is gone.
        const PolicyDiff back = PolicyDiff::between(policyOf(doc), policyOf(policyDoc()));
        QCOMPARE(back.fields.size(), 2);
        QCOMPARE(back.fields.at(1).field, u"models.mini.model_id"_s);
        QCOMPARE(back.fields.at(1).newValue, QString());
        QVERIFY(back.toText().contains(u"models.mini.model_id: mini-1 -> (none)"_s));
    }
};

QTEST_GUILESS_MAIN(TestPolicyDiff)
#include "tst_policydiff.moc"
