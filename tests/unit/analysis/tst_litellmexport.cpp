// The LiteLLM export, read back with yaml-cpp: model_list, router_settings, fallbacks, and never a key.

#include "PolicyFixture.h"

#include "analysis/LiteLlmExport.h"

#include <QTest>

#include <yaml-cpp/yaml.h>

#include <map>

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

struct Entry
{
    std::string model;
    std::string apiBase;
    std::string apiKey;
    bool hasKey = false;
};

std::map<std::string, Entry> modelList(const YAML::Node& root)
{
    std::map<std::string, Entry> out;
    for (const YAML::Node& m : root["model_list"]) {
        const YAML::Node params = m["litellm_params"];
        Entry e {
            params["model"].as<std::string>(), params["api_base"].as<std::string>(), {}, bool(params["api_key"])
        };
        if (e.hasKey)
            e.apiKey = params["api_key"].as<std::string>();
        out[m["model_name"].as<std::string>()] = e;
    }
    return out;
}

std::map<std::string, std::vector<std::string>> fallbacks(const YAML::Node& root)
{
    std::map<std::string, std::vector<std::string>> out;
    for (const YAML::Node& f : root["router_settings"]["fallbacks"]) {
        for (const auto& kv : f)
            out[kv.first.as<std::string>()] = kv.second.as<std::vector<std::string>>();
    }
    return out;
}

} // namespace

class TestLiteLlmExport : public QObject
{
    Q_OBJECT

private slots:
    void modelStringsAndBases()
    {
        PolicyModel m { u"flash"_s, u"deepseek-v4-flash"_s, u"https://api.deepseek.com"_s, u"deepseek"_s, {} };
        QCOMPARE(LiteLlmExport::litellmModel(m), u"deepseek/deepseek-v4-flash"_s);
        QCOMPARE(LiteLlmExport::apiBase(m), u"https://api.deepseek.com"_s);
        m.baseUrl = u"https://api.novita.ai/openai/v1/"_s;
        QCOMPARE(LiteLlmExport::litellmModel(m), u"openai/deepseek-v4-flash"_s);
        QCOMPARE(LiteLlmExport::apiBase(m), u"https://api.novita.ai/openai/v1"_s);
        m.baseUrl = u"http://127.0.0.1:8080/v1/chat/completions"_s;
        QCOMPARE(LiteLlmExport::litellmModel(m), u"openai/deepseek-v4-flash"_s);
        QCOMPARE(LiteLlmExport::apiBase(m), u"http://127.0.0.1:8080/v1"_s);
    }

    void configReadsBack()
    {
        QString error;
        const auto yaml = LiteLlmExport::toYaml(policyOf(policyDoc()), LiteLlmOptions {}, &error);
        QVERIFY2(yaml, qPrintable(error));
        const YAML::Node root = YAML::Load(yaml->toStdString());

        const auto list = modelList(root);
        QCOMPARE(int(root["model_list"].size()), 6); // flash, pro, three categories, the default group
        QCOMPARE(QString::fromStdString(list.at("flash").model), u"deepseek/deepseek-v4-flash"_s);
        QCOMPARE(QString::fromStdString(list.at("flash").apiBase), u"https://api.deepseek.com"_s);
        QCOMPARE(QString::fromStdString(list.at("flash").apiKey), u"os.environ/DEEPSEEK_API_KEY"_s);
        QCOMPARE(QString::fromStdString(list.at("pro").model), u"openai/deepseek-v4-pro"_s);
        QCOMPARE(QString::fromStdString(list.at("pro").apiBase), u"http://127.0.0.1:8080/v1"_s);
        QCOMPARE(QString::fromStdString(list.at("pro").apiKey), u"os.environ/PRO_KEY"_s);
        // A group per category, served by its route's model; "tierlens" alone by the default model.
        QCOMPARE(QString::fromStdString(list.at("tierlens/chat").model), u"deepseek/deepseek-v4-flash"_s);
        QCOMPARE(QString::fromStdString(list.at("tierlens/code").model), u"openai/deepseek-v4-pro"_s);
        QCOMPARE(QString::fromStdString(list.at("tierlens/code").apiKey), u"os.environ/PRO_KEY"_s);
        QCOMPARE(QString::fromStdString(list.at("tierlens/extract").model), u"deepseek/deepseek-v4-flash"_s);
        QCOMPARE(QString::fromStdString(list.at("tierlens").model), u"deepseek/deepseek-v4-flash"_s);

        const YAML::Node settings = root["router_settings"];
        QCOMPARE(settings["routing_strategy"].as<std::string>(), std::string("simple-shuffle"));
        QCOMPARE(settings["num_retries"].as<int>(), 2);
        QCOMPARE(settings["timeout"].as<int>(), 600);
        // Each group falls back on the next model up the ladder: flash's groups on pro; pro, the top, on none.
        const auto fb = fallbacks(root);
        QCOMPARE(int(fb.size()), 4);
        QCOMPARE(fb.at("flash"), std::vector<std::string> { "pro" });
        QCOMPARE(fb.at("tierlens/chat"), std::vector<std::string> { "pro" });
        QCOMPARE(fb.at("tierlens/extract"), std::vector<std::string> { "pro" });
        QCOMPARE(fb.at("tierlens"), std::vector<std::string> { "pro" });
        QVERIFY(!fb.count("pro"));
        QVERIFY(!fb.count("tierlens/code"));

        // The comment names the routes and what LiteLLM cannot do for the check rules.
        const QString text = QString::fromUtf8(*yaml);
        QVERIFY(text.startsWith(u"# "_s));
        QVERIFY2(
            text.contains(
                u"tierlens/code -> pro (pricier_shown_better; flash 50.0% of 40 prompts, pro 90.0% of 40 prompts)"_s),
            qPrintable(text));
        QVERIFY2(text.contains(u"tierlens/extract -> flash (cheaper_not_shown_worse, undecided;"_s), qPrintable(text));
        QVERIFY2(
            text.contains(u"Rule: cheaper-unless-worse (tolerance 0.05, 95% confidence over every look, look 1)"_s),
            qPrintable(text));
        QVERIFY(text.contains(u"invalid_json, invalid_tool_call, assertion_failed"_s));
    }

    void optionsAndNoFallbacksWithoutTheRule()
    {
        QJsonObject doc = policyDoc();
        doc.insert(
            u"escalation"_s,
            QJsonArray { QJsonObject { { u"when"_s, u"invalid_json"_s }, { u"action"_s, u"retry_on_next_model"_s } } });
        QJsonObject models = doc.value(u"models"_s).toObject();
        QJsonObject pro = models.value(u"pro"_s).toObject();
        pro.remove(u"api_key_env"_s); // a local server needs no key
        models.insert(u"pro"_s, pro);
        doc.insert(u"models"_s, models);
        LiteLlmOptions options;
        options.routeGroup = u"route"_s;
        options.numRetries = 0;
        options.timeoutSeconds = 30;
        options.routingStrategy = u"latency-based-routing"_s;
        QString error;
        const auto yaml = LiteLlmExport::toYaml(policyOf(doc), options, &error);
        QVERIFY2(yaml, qPrintable(error));
        const YAML::Node root = YAML::Load(yaml->toStdString());
        const auto list = modelList(root);
        QVERIFY(list.count("route/code"));
        QVERIFY(list.count("route"));
        QVERIFY(!list.at("pro").hasKey);
        QVERIFY(!list.at("route/code").hasKey);
        QCOMPARE(root["router_settings"]["num_retries"].as<int>(), 0);
        QCOMPARE(root["router_settings"]["timeout"].as<int>(), 30);
        QCOMPARE(root["router_settings"]["routing_strategy"].as<std::string>(), std::string("latency-based-routing"));
        QVERIFY(!root["router_settings"]["fallbacks"]);
    }

    void groupNamesMustNotCollide()
    {
        // A model called "tierlens/chat" would clash with the chat route's group.
        QJsonObject doc = policyDoc();
        QJsonObject models = doc.value(u"models"_s).toObject();
        models.insert(u"tierlens/chat"_s, models.value(u"pro"_s));
        doc.insert(u"models"_s, models);
        doc.insert(u"ladder"_s, QJsonArray { u"flash"_s, u"pro"_s, u"tierlens/chat"_s });
        QString error;
        QVERIFY(!LiteLlmExport::toYaml(policyOf(doc), {}, &error));
        QVERIFY2(error.contains(u"tierlens/chat"_s), qPrintable(error));
        // With another route group there is no clash.
        LiteLlmOptions options;
        options.routeGroup = u"route"_s;
        QVERIFY2(LiteLlmExport::toYaml(policyOf(doc), options, &error), qPrintable(error));
    }

    void categoriesWithYamlSyntaxSurvive()
    {
        QJsonObject doc = policyDoc();
        QJsonArray routes = doc.value(u"routes"_s).toArray();
        QJsonObject r = routes.at(0).toObject();
        r.insert(u"category"_s, u"a: b # c\n- [d]"_s);
        routes.replace(0, r);
        doc.insert(u"routes"_s, routes);
        QString error;
        const auto yaml = LiteLlmExport::toYaml(policyOf(doc), {}, &error);
        QVERIFY2(yaml, qPrintable(error));
        const auto list = modelList(YAML::Load(yaml->toStdString()));
        QVERIFY(list.count("tierlens/a: b # c\n- [d]"));
        QCOMPARE(int(list.size()), 6);
    }
};

QTEST_GUILESS_MAIN(TestLiteLlmExport)
#include "tst_litellmexport.moc"
