// The policy file read back: every field, the round trip, and clear errors (file, JSON pointer) on bad input.

#include "PolicyFixture.h"

#include "analysis/RoutingPolicy.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tierlens;
using namespace tierlens::testing;

namespace {

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QJsonObject withRoute(QJsonObject doc, int index, const QString& key, const QJsonValue& value)
{
    QJsonArray routes = doc.value(u"routes"_s).toArray();
    QJsonObject r = routes.at(index).toObject();
    r.insert(key, value);
    routes.replace(index, r);
    doc.insert(u"routes"_s, routes);
    return doc;
}

} // namespace

class TestPolicyFile : public QObject
{
    Q_OBJECT

private slots:
    void readsEveryField()
    {
        QString error;
        const auto p = RoutingPolicy::fromJson(policyDoc(), &error);
        QVERIFY2(p, qPrintable(error));
        QCOMPARE(p->sources().size(), 1);
        QCOMPARE(p->sources().at(0).runId, 7);
        QCOMPARE(p->sources().at(0).promptSet, u"sample"_s);
        QCOMPARE(p->sources().at(0).promptSetSha256, u"abc123"_s);
        QCOMPARE(p->priceBook(), u"deepseek@2026-11"_s);
        QCOMPARE(p->createdAt(), QDateTime(QDate(2026, 11, 23), QTime(10, 0), Qt::UTC));
        QCOMPARE(p->settings().tolerance, 0.05);
        QCOMPARE(p->settings().confidence, 0.95);
        QCOMPARE(p->settings().minPrompts, 30);
        QCOMPARE(p->settings().rule, PolicyRule::CheaperUnlessWorse);
        QCOMPARE(p->settings().look, 1);
        QCOMPARE(p->ladder(), QStringList({ u"flash"_s, u"pro"_s }));
        QCOMPARE(p->settings().precedence, QStringList({ u"human"_s, u"assertions"_s, u"judge"_s }));
        QCOMPARE(p->models().size(), 2);
        const PolicyModel& pro = p->models().at(1);
        QCOMPARE(pro.label, u"pro"_s);
        QCOMPARE(pro.modelId, u"deepseek-v4-pro"_s);
        QCOMPARE(pro.baseUrl, u"http://127.0.0.1:8080/v1/chat/completions"_s);
        QCOMPARE(pro.apiKeyEnv, u"PRO_KEY"_s);
        QCOMPARE(p->defaultModel(), u"flash"_s);
        QCOMPARE(p->routes().size(), 3);
        const CategoryRoute& code = p->routes().at(1);
        QCOMPARE(code.category, u"code"_s);
        QCOMPARE(code.model, u"pro"_s);
        QCOMPARE(code.decision, u"pricier_shown_better"_s);
        QVERIFY(code.decided);
        QCOMPARE(code.versus, u"flash"_s);
        QCOMPARE(code.qualityDifference->low, -0.09);
        QCOMPARE(*code.savingPerRequestUsd, -0.006);
        QCOMPARE(code.evidence.size(), 2);
        QCOMPARE(code.evidence.at(0).label, u"flash"_s);
        QCOMPARE(code.evidence.at(0).prompts, 40);
        QCOMPARE(code.evidence.at(0).items, 80);
        QCOMPARE(code.evidence.at(0).passed, 40);
        QCOMPARE(code.evidence.at(0).passRate->estimate, 0.5);
        QCOMPARE(code.evidence.at(0).passRate->n, 40);
        QCOMPARE(p->undecidedCategories(), QStringList { u"extract"_s });
        QCOMPARE(*p->routes().at(2).extraPromptsNeeded, 25);
        QCOMPARE(*code.evidence.at(1).costPerItemUsd, 0.008);
        QCOMPARE(*code.evidence.at(1).costPerSuccessUsd, 0.008 * 40 / 36);
        QCOMPARE(p->escalation().size(), 4);
        QVERIFY(p->escalatesOn(u"final_error"_s));
        QVERIFY(p->escalatesOn(u"invalid_json"_s));
    }

    void routesAndFallbacks()
    {
        QString error;
        auto p = RoutingPolicy::fromJson(policyDoc(), &error);
        QVERIFY2(p, qPrintable(error));
        QCOMPARE(p->modelFor(u"code"_s), u"pro"_s);
        QCOMPARE(p->modelFor(u"chat"_s), u"flash"_s);
        QCOMPARE(p->modelFor(u"never-seen"_s), u"flash"_s); // the default
        QCOMPARE(p->fallbackFor(u"flash"_s), u"pro"_s); // up the ladder
        QCOMPARE(p->fallbackFor(u"pro"_s), QString()); // the top has nowhere to go

        // An override on an imported policy is kept and marked, and written back as such.
        QVERIFY(p->overrideRoute(u"code"_s, u"flash"_s));
        QVERIFY(!p->overrideRoute(u"code"_s, u"gpt"_s));
        QVERIFY(!p->overrideRoute(u"poetry"_s, u"flash"_s));
        const auto json = p->toJson(&error);
        QVERIFY2(json, qPrintable(error));
        const QJsonObject code = json->value(u"routes"_s).toArray().at(1).toObject();
        QCOMPARE(code.value(u"model"_s).toString(), u"flash"_s);
        QCOMPARE(code.value(u"model_id"_s).toString(), u"deepseek-v4-flash"_s);
        QCOMPARE(code.value(u"decision"_s).toString(), u"override"_s);
        QCOMPARE(code.value(u"override"_s).toBool(), true);
    }

    void overridesSurviveDerivingAgain()
    {
        QString error;
        auto earlier = RoutingPolicy::fromJson(policyDoc(), &error);
        QVERIFY2(earlier, qPrintable(error));
        QVERIFY(earlier->overrideRoute(u"code"_s, u"flash"_s));

        // The same run derived again: the hand-set route stays set by hand, the others stay derived.
        auto again = RoutingPolicy::fromJson(policyDoc(), &error);
        QCOMPARE(again->modelFor(u"code"_s), u"pro"_s);
        QCOMPARE(again->adoptOverrides(*earlier), 1);
        QCOMPARE(again->modelFor(u"code"_s), u"flash"_s);
        QVERIFY(again->routes().at(1).override);
        QCOMPARE(std::count_if(again->routes().cbegin(), again->routes().cend(),
                               [](const CategoryRoute& r) { return r.override; }),
                 1);

        // Another run's policy keeps nothing from it.
        QJsonObject doc = policyDoc();
        QJsonArray sources = doc.value(u"source_runs"_s).toArray();
        QJsonObject source = sources.at(0).toObject();
        source.insert(u"run_id"_s, 8);
        sources[0] = source;
        doc.insert(u"source_runs"_s, sources);
        auto other = RoutingPolicy::fromJson(doc, &error);
        QVERIFY2(other, qPrintable(error));
        QCOMPARE(other->adoptOverrides(*earlier), 0);
        QCOMPARE(other->modelFor(u"code"_s), u"pro"_s);
    }

    void roundTripIsExact()
    {
        QString error;
        const auto p = RoutingPolicy::fromJson(policyDoc(), &error);
        QVERIFY2(p, qPrintable(error));
        const auto json = p->toJson(&error);
        QVERIFY2(json, qPrintable(error));
        QCOMPARE(*json, policyDoc());
    }

    // A version 1 file (Tierlens before the named rules) reads as what it was: pricier-unless-good-enough, items as
    // its sample size, escalation to its safer model at the top of the ladder.
    void versionOneFilesAreRead()
    {
        QString error;
        auto p = RoutingPolicy::fromJson(policyDocV1(), &error);
        QVERIFY2(p, qPrintable(error));
        QCOMPARE(p->settings().rule, PolicyRule::PricierUnlessGoodEnough);
        QCOMPARE(p->settings().minPrompts, 30);
        QCOMPARE(p->ladder(), QStringList({ u"flash"_s, u"pro"_s }));
        QCOMPARE(p->fallbackFor(u"flash"_s), u"pro"_s);
        QVERIFY(p->escalatesOn(u"final_error"_s));
        const CategoryRoute& chat = p->routes().at(0);
        QCOMPARE(chat.decision, u"cheaper_shown_good_enough"_s);
        QVERIFY(chat.decided);
        QCOMPARE(chat.evidence.at(0).items, 40);
        QCOMPARE(chat.evidence.at(0).passRate->estimate, 38.0 / 40.0);
        // Written back, it is a version 2 file.
        const auto json = p->toJson(&error);
        QVERIFY2(json, qPrintable(error));
        QCOMPARE(json->value(u"schema_version"_s).toInt(), 2);
        QCOMPARE(json->value(u"settings"_s).toObject().value(u"rule"_s).toString(), u"pricier-unless-good-enough"_s);
    }

    void schemaErrorsSayWhere_data()
    {
        QTest::addColumn<QJsonObject>("doc");
        QTest::addColumn<QString>("pointer");
        QJsonObject doc = policyDoc();
        QJsonObject settings = doc.value(u"settings"_s).toObject();
        settings.insert(u"tolerance"_s, 2);
        doc.insert(u"settings"_s, settings);
        QTest::newRow("tolerance above 1") << doc << u"/settings/tolerance"_s;
        QTest::newRow("unknown decision")
            << withRoute(policyDoc(), 2, u"decision"_s, u"coin_flip"_s) << u"/routes/2/decision"_s;
        QTest::newRow("route to a model not listed")
            << withRoute(policyDoc(), 0, u"model"_s, u"gpt"_s) << u"/routes/0/model"_s;
        QTest::newRow("model id not the model's")
            << withRoute(policyDoc(), 1, u"model_id"_s, u"deepseek-v4-flash"_s) << u"/routes/1/model_id"_s;
        QTest::newRow("category twice") << withRoute(policyDoc(), 2, u"category"_s, u"chat"_s)
                                        << u"/routes/2/category"_s;
        doc = policyDoc();
        doc.insert(u"default_model"_s, u"nobody"_s);
        QTest::newRow("default not listed") << doc << u"/default_model"_s;
        doc = policyDoc();
        doc.insert(u"schema_version"_s, 3);
        QTest::newRow("future version") << doc << u"/schema_version"_s;
        doc = policyDoc();
        doc.insert(u"ladder"_s, QJsonArray { u"flash"_s });
        QTest::newRow("ladder without every model") << doc << u"/ladder"_s;
        doc = policyDoc();
        settings = doc.value(u"settings"_s).toObject();
        settings.insert(u"rule"_s, u"coin-flip"_s);
        doc.insert(u"settings"_s, settings);
        QTest::newRow("unknown rule") << doc << u"/settings/rule"_s;
        doc = policyDoc();
        doc.remove(u"routes"_s);
        QTest::newRow("no routes") << doc << u"/:"_s;
        doc = policyDoc();
        QJsonObject models = doc.value(u"models"_s).toObject();
        QJsonObject flash = models.value(u"flash"_s).toObject();
        flash.insert(u"api_key_env"_s, u"sk-live-123"_s); // a key where its variable's name belongs
        models.insert(u"flash"_s, flash);
        doc.insert(u"models"_s, models);
        QTest::newRow("a key, not a variable") << doc << u"/models/flash/api_key_env"_s;
        doc = policyDoc();
        doc.insert(u"created_at"_s, u"yesterday"_s);
        QTest::newRow("created_at not a time") << doc << u"/created_at"_s;
    }

    void schemaErrorsSayWhere()
    {
        QFETCH(QJsonObject, doc);
        QFETCH(QString, pointer);
        QString error;
        QVERIFY(!RoutingPolicy::fromJson(doc, &error));
        QVERIFY2(error.contains(pointer), qPrintable(error));
    }

    void loadNamesTheFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString good = dir.filePath(u"good.json"_s);
        QVERIFY(writeFile(good, QJsonDocument(policyDoc()).toJson()));
        QString error;
        QVERIFY2(RoutingPolicy::load(good, &error), qPrintable(error));

        const QString bad = dir.filePath(u"bad.json"_s);
        QVERIFY(writeFile(bad, QJsonDocument(withRoute(policyDoc(), 0, u"model"_s, u"gpt"_s)).toJson()));
        QVERIFY(!RoutingPolicy::load(bad, &error));
        QVERIFY2(error.startsWith(bad + u": /routes/0/model:"_s), qPrintable(error));

        const QString truncated = dir.filePath(u"truncated.json"_s);
        QVERIFY(writeFile(truncated, QJsonDocument(policyDoc()).toJson().left(100)));
        QVERIFY(!RoutingPolicy::load(truncated, &error));
        QVERIFY2(error.startsWith(truncated + u": "_s) && error.contains(u"byte"_s), qPrintable(error));

        const QString array = dir.filePath(u"array.json"_s);
        QVERIFY(writeFile(array, "[1, 2]"));
        QVERIFY(!RoutingPolicy::load(array, &error));
        QVERIFY2(error.startsWith(array + u": /:"_s), qPrintable(error));

        QVERIFY(!RoutingPolicy::load(dir.filePath(u"missing.json"_s), &error));
        QVERIFY2(error.contains(u"missing.json"_s), qPrintable(error));
    }

    void arbitraryBytesNeverCrash()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"noise.json"_s);
        const QByteArray valid = QJsonDocument(policyDoc()).toJson();
        QRandomGenerator rng(20261123);
        for (int i = 0; i < 300; ++i) {
            QByteArray bytes;
            if (i % 2 == 0) {
                bytes.resize(rng.bounded(1, 512));
                for (char& c : bytes)
                    c = char(rng.bounded(256));
            } else {
                // The valid file with a few bytes changed: mostly still JSON, seldom still a policy.
                bytes = valid;
                for (int k = 0; k < 4; ++k)
                    bytes[rng.bounded(int(bytes.size()))] = char(rng.bounded(32, 127));
            }
            QVERIFY(writeFile(path, bytes));
            QString error;
            const auto p = RoutingPolicy::load(path, &error);
            QVERIFY(p || error.startsWith(path + u": "_s));
        }
    }
};

QTEST_GUILESS_MAIN(TestPolicyFile)
#include "tst_policyfile.moc"
