#include "engine/RunConfig.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace tierlens;
using namespace Qt::StringLiterals;

class TestRunConfig : public QObject
{
    Q_OBJECT

    static RunConfig twoModels()
    {
        RunConfig c;
        ModelConfig flash;
        flash.label = u"flash"_s;
        flash.provider = u"deepseek"_s;
        flash.baseUrl = u"https://api.deepseek.com"_s;
        flash.modelId = u"deepseek-v4-flash"_s;
        flash.concurrency = 2500;
        flash.options.thinking = false;
        ModelConfig pro = flash;
        pro.label = u"pro"_s;
        pro.modelId = u"deepseek-v4-pro"_s;
        pro.concurrency = 500;
        pro.apiKeyEnv = u"PRO_KEY"_s;
        pro.options.reasoningEffort = u"max"_s;
        pro.options.stream = false;
        c.models = { flash, pro };
        c.repeat = 3;
        c.retry.maxAttempts = 6;
        return c;
    }

private slots:
    void endpointUrl_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<QByteArray>("url");
        QTest::newRow("bare") << u"https://api.deepseek.com"_s
                              << QByteArray("https://api.deepseek.com/chat/completions");
        QTest::newRow("v1 slash") << u"https://api.deepseek.com/v1/"_s
                                  << QByteArray("https://api.deepseek.com/v1/chat/completions");
        QTest::newRow("novita") << u"https://api.novita.ai/openai/v1"_s
                                << QByteArray("https://api.novita.ai/openai/v1/chat/completions");
        QTest::newRow("full") << u"http://127.0.0.1:8080/chat/completions"_s
                              << QByteArray("http://127.0.0.1:8080/chat/completions");
    }
    void endpointUrl()
    {
        QFETCH(QString, base);
        QFETCH(QByteArray, url);
        ModelConfig m;
        m.baseUrl = base;
        QCOMPARE(m.chatCompletionsUrl(), url);
    }

    void loopbackAndProvider()
    {
        ModelConfig m;
        for (const QString& u :
             { u"http://127.0.0.1:9/"_s, u"http://localhost:8080"_s, u"http://[::1]:80"_s, u"http://127.3.4.5"_s }) {
            m.baseUrl = u;
            QVERIFY2(m.isLoopback(), qPrintable(u));
        }
        for (const QString& u :
             { u"https://api.deepseek.com"_s, u"http://10.0.0.1"_s, u"http://127.0.0.1.example.com"_s }) {
            m.baseUrl = u;
            QVERIFY2(!m.isLoopback(), qPrintable(u));
        }
        QCOMPARE(providerForBaseUrl(u"https://api.novita.ai/openai"_s), u"novita"_s);
        QCOMPARE(providerForBaseUrl(u"https://api.deepseek.com"_s), u"deepseek"_s);
    }

    // Only plain http:// to another host sends a key where anyone on the way can read it.
    void keyInClear()
    {
        ModelConfig m;
        m.label = u"far"_s;
        m.apiKeyEnv = u"FAR_KEY"_s;
        for (const QString& u : { u"http://10.0.0.1:8000/v1"_s, u"HTTP://api.example.com"_s, u"http://192.168.1.20"_s,
                                  u"http://127.0.0.1.example.com"_s }) {
            m.baseUrl = u;
            QVERIFY2(m.sendsKeyInClear(), qPrintable(u));
        }
        for (const QString& u : { u"https://api.deepseek.com"_s, u"https://10.0.0.1"_s, u"http://127.0.0.1:9"_s,
                                  u"http://localhost:8080"_s, u"http://[::1]:80"_s }) {
            m.baseUrl = u;
            QVERIFY2(!m.sendsKeyInClear(), qPrintable(u));
        }

        RunConfig c = twoModels();
        QCOMPARE(c.insecureHttpWarning(), QString());
        c.models[1].baseUrl = u"http://gpu-box.lan:8000/v1"_s;
        const QString warning = c.insecureHttpWarning();
        QVERIFY2(warning.contains(u"\"pro\""_s) && warning.contains(u"http://gpu-box.lan:8000/v1"_s)
                     && warning.contains(u"PRO_KEY"_s),
                 qPrintable(warning));
        QVERIFY(!warning.contains(u"\"flash\""_s));
        c.models[0].baseUrl = u"http://10.1.1.1"_s;
        QCOMPARE(c.insecureHttpWarning().split(u'\n').size(), 2);
    }

    void snapshotRoundTrips()
    {
        const RunConfig c = twoModels();
        QString error;
        const auto back = RunConfig::fromJson(c.toJson(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->toJson(), c.toJson());
        QCOMPARE(back->models.at(1).apiKeyEnv, u"PRO_KEY"_s);
        QCOMPARE(back->models.at(1).options.reasoningEffort, u"max"_s);
        QCOMPARE(back->models.at(1).options.stream, false);
        QCOMPARE(back->models.at(0).options.thinking, std::optional<bool>(false));
        QCOMPARE(back->repeat, 3);
        QCOMPARE(back->retry.maxAttempts, 6);
    }

    void http2IsStoredAndChecked()
    {
        RunConfig c = twoModels();
        c.models[0].baseUrl = u"http://127.0.0.1:8080"_s;
        c.models[0].http2 = ModelConfig::Http2::PriorKnowledge;
        QVERIFY(c.validate().isEmpty());
        QCOMPARE(c.toJson().value(u"models"_s).toArray().at(0).toObject().value(u"http2"_s).toString(),
                 u"prior-knowledge"_s);
        // The default is not written: runs stored before the option read back the same.
        QVERIFY(!c.toJson().value(u"models"_s).toArray().at(1).toObject().contains(u"http2"_s));
        QString error;
        const auto back = RunConfig::fromJson(c.toJson(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->models.at(0).http2, ModelConfig::Http2::PriorKnowledge);
        QCOMPARE(back->models.at(1).http2, ModelConfig::Http2::Auto);

        QJsonObject json = c.toJson();
        QJsonArray models = json.value(u"models"_s).toArray();
        QJsonObject first = models.at(0).toObject();
        first.insert(u"http2"_s, u"always"_s);
        models[0] = first;
        json.insert(u"models"_s, models);
        QVERIFY(!RunConfig::fromJson(json, &error));
        QVERIFY2(error.startsWith(u"models[0].http2: "_s) && error.contains(u"always"_s), qPrintable(error));
        // One model alone (the desktop's saved setup): the wrong field keeps its default, the rest is read.
        QString modelError;
        const ModelConfig kept = ModelConfig::fromJson(first, &modelError);
        QVERIFY(modelError.startsWith(u"http2: "_s));
        QCOMPARE(kept.http2, ModelConfig::Http2::Auto);
        QCOMPARE(kept.baseUrl, u"http://127.0.0.1:8080"_s);
        QCOMPARE(kept.label, c.models[0].label);

        // https:// negotiates HTTP/2 itself; prior knowledge is for plain http://.
        c.models[0].baseUrl = u"https://api.deepseek.com"_s;
        QVERIFY(c.validate().contains(u"prior knowledge"_s));
    }

    void validationNamesTheProblem()
    {
        RunConfig c = twoModels();
        QVERIFY(c.validate().isEmpty());
        c.models[1].label = u"flash"_s;
        QVERIFY(c.validate().contains(u"flash"_s));
        c = twoModels();
        c.models[0].baseUrl = u"ftp://x"_s;
        QVERIFY(c.validate().contains(u"ftp://x"_s));
        c = twoModels();
        c.models[0].modelId.clear();
        QVERIFY(!c.validate().isEmpty());
        c = twoModels();
        c.repeat = 0;
        QVERIFY(!c.validate().isEmpty());
        c.models.clear();
        QVERIFY(!c.validate().isEmpty());
        QString error;
        QVERIFY(!RunConfig::fromJson(QJsonObject {}, &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRunConfig)
#include "tst_runconfig.moc"
