// RunSummary: the JSON shape CI reads, every figure checked against values worked out by hand from the fixture.
#include "ReportFixture.h"
#include "report/RunSummary.h"

#include <QJsonDocument>

using namespace tierlens;
using namespace tierlens::test;
using namespace Qt::StringLiterals;

namespace {

bool isNull(const QJsonObject& o, const char* key)
{
    return o.contains(QLatin1StringView(key)) && o.value(QLatin1StringView(key)).isNull();
}

double num(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1StringView(key));
    if (!v.isDouble())
        qWarning("%s is not a number", key);
    return v.toDouble(-1e300);
}

double sub(const QJsonObject& o, const char* group, const char* key)
{
    return num(o.value(QLatin1StringView(group)).toObject(), key);
}

bool subNull(const QJsonObject& o, const char* group, const char* key)
{
    return isNull(o.value(QLatin1StringView(group)).toObject(), key);
}

} // namespace

class TestRunSummary : public QObject
{
    Q_OBJECT

private:
    ReportFixture f;

private slots:
    void initTestCase()
    {
        if (const QString why = TestDatabases::skipReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        QVERIFY(f.init());
    }

    void header()
    {
        QString error;
        const auto s = RunSummary::build(*f.store, f.run.id, &error);
        QVERIFY2(s, qPrintable(error));
        const QStringList keys { QStringLiteral("client_lag_flagged"),
                                 QStringLiteral("client_lag_ms"),
                                 QStringLiteral("confidence"),
                                 QStringLiteral("created_at"),
                                 QStringLiteral("finished_at"),
                                 QStringLiteral("kind"),
                                 QStringLiteral("models"),
                                 QStringLiteral("price_book_version"),
                                 QStringLiteral("prompt_set"),
                                 QStringLiteral("quality_precedence"),
                                 QStringLiteral("run_id"),
                                 QStringLiteral("status") };
        QCOMPARE(s->keys(), keys);
        QCOMPARE(num(*s, "run_id"), double(f.run.id));
        QCOMPARE(s->value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
        // A shadow run without assertions or a judge has neither section.
        QCOMPARE(s->value(QStringLiteral("kind")).toString(), QStringLiteral("shadow"));
        QCOMPARE(s->value(QStringLiteral("prompt_set")).toString(), QStringLiteral("report-sample"));
        QCOMPARE(s->value(QStringLiteral("created_at")).toString(), QStringLiteral("2026-06-01T10:00:00.123Z"));
        QCOMPARE(s->value(QStringLiteral("finished_at")).toString(), QStringLiteral("2026-06-01T10:05:00.000Z"));
        QCOMPARE(s->value(QStringLiteral("price_book_version")).toString(), QStringLiteral("deepseek-2026-06"));
        QCOMPARE(num(*s, "client_lag_ms"), 7.5);
        QCOMPARE(num(*s, "confidence"), 0.95);
        QCOMPARE(s->value(u"quality_precedence"_s).toArray().toVariantList().size(), 3);
        QCOMPARE(s->value(QStringLiteral("client_lag_flagged")).toBool(), true);
        QCOMPARE(s->value(QStringLiteral("models")).toObject().keys(),
                 (QStringList { QStringLiteral("flash"), QStringLiteral("pro") }));
    }

    void flash()
    {
        QString error;
        const auto s = RunSummary::build(*f.store, f.run.id, &error);
        QVERIFY2(s, qPrintable(error));
        const QJsonObject m = s->value(QStringLiteral("models")).toObject().value(QStringLiteral("flash")).toObject();
        const QStringList keys { u"attempts"_s,          u"base_url"_s,   u"cache_hit_tokens"_s,
                                 u"cache_miss_tokens"_s, u"categories"_s, u"completion_tokens"_s,
                                 u"cost_per_item_usd"_s, u"cost_usd"_s,   u"errors"_s,
                                 u"flagged"_s,           u"items"_s,      u"latency_ms"_s,
                                 u"model_id"_s,          u"ok_items"_s,   u"output_tps"_s,
                                 u"prompt_tokens"_s,     u"quality"_s,    u"reasoning_tokens"_s,
                                 u"retries"_s,           u"ttft_ms"_s };
        QCOMPARE(m.keys(), keys);
        QCOMPARE(m.value(QStringLiteral("model_id")).toString(), QStringLiteral("deepseek-v4-flash"));
        QCOMPARE(m.value(QStringLiteral("base_url")).toString(), QStringLiteral("https://api.deepseek.com"));
        QCOMPARE(num(m, "items"), 3.0);
        QCOMPARE(num(m, "ok_items"), 3.0);
        QCOMPARE(num(m, "attempts"), 4.0);
        QCOMPARE(num(m, "retries"), 1.0);
        QVERIFY(m.value(QStringLiteral("errors")).toObject().isEmpty());
        // p1 + both attempts of p2 (the first without usage); p3 reported none.
        QCOMPARE(num(m, "prompt_tokens"), 300.0);
        QCOMPARE(num(m, "completion_tokens"), 50.0);
        QCOMPARE(num(m, "cache_hit_tokens"), 60.0);
        QCOMPARE(num(m, "cache_miss_tokens"), 240.0);
        QCOMPARE(num(m, "reasoning_tokens"), 15.0);
        QVERIFY(near(num(m, "cost_usd"), 0.003));
        QVERIFY(near(num(m, "cost_per_item_usd"), 0.001));
        // Nothing gave a verdict: no pass rate, rather than 0.
        const QJsonObject quality = m.value(u"quality"_s).toObject();
        QCOMPARE(num(quality, "items"), 0.0);
        QCOMPARE(num(quality, "prompts"), 0.0);
        QVERIFY(isNull(quality, "pass_rate"));
        // Final ok attempts: latency 100, 200, 300; ttft 40, 80 (p3 was not streamed); tps 50, 30, 25.
        QCOMPARE(sub(m, "latency_ms", "p50"), 200.0);
        QVERIFY(near(sub(m, "latency_ms", "p95"), 290.0));
        QCOMPARE(sub(m, "ttft_ms", "p50"), 60.0);
        QVERIFY(near(sub(m, "ttft_ms", "p95"), 78.0));
        QCOMPARE(sub(m, "output_tps", "p50"), 30.0);
        QCOMPARE(m.value(QStringLiteral("output_tps")).toObject().keys(), QStringList { QStringLiteral("p50") });
    }

    void pro()
    {
        QString error;
        const auto s = RunSummary::build(*f.store, f.run.id, &error);
        QVERIFY2(s, qPrintable(error));
        const QJsonObject m = s->value(QStringLiteral("models")).toObject().value(QStringLiteral("pro")).toObject();
        QCOMPARE(m.value(QStringLiteral("model_id")).toString(), QStringLiteral("deepseek-v4-pro"));
        QCOMPARE(num(m, "items"), 3.0);
        QCOMPARE(num(m, "ok_items"), 2.0);
        QCOMPARE(num(m, "attempts"), 4.0);
        QCOMPARE(num(m, "retries"), 1.0);
        // Only the final result's class counts: the first 500 was retried.
        const QJsonObject errors = m.value(QStringLiteral("errors")).toObject();
        QCOMPARE(errors.keys(), QStringList { QStringLiteral("overloaded") });
        QCOMPARE(num(errors, "overloaded"), 1.0);
        QCOMPARE(num(m, "prompt_tokens"), 250.0);
        QCOMPARE(num(m, "completion_tokens"), 110.0);
        // The OpenAI subset has no cache or reasoning counts: unknown, not zero.
        QVERIFY(isNull(m, "cache_hit_tokens"));
        QVERIFY(isNull(m, "cache_miss_tokens"));
        QVERIFY(isNull(m, "reasoning_tokens"));
        QVERIFY(near(num(m, "cost_usd"), 0.0006));
        QCOMPARE(sub(m, "latency_ms", "p50"), 450.0);
        QVERIFY(near(sub(m, "latency_ms", "p95"), 495.0));
        QCOMPARE(sub(m, "ttft_ms", "p50"), 200.0);
        QVERIFY(near(sub(m, "ttft_ms", "p95"), 245.0));
        QCOMPARE(sub(m, "output_tps", "p50"), 15.0);
    }

    void unknownTotalsAreNull()
    {
        QString error;
        const auto s = RunSummary::build(*f.store, f.bare.id, &error);
        QVERIFY2(s, qPrintable(error));
        // Created and never sent by a living process: interrupted, to be resumed.
        QCOMPARE(s->value(QStringLiteral("status")).toString(), QStringLiteral("interrupted"));
        QVERIFY(isNull(*s, "finished_at"));
        QVERIFY(isNull(*s, "client_lag_ms"));
        QCOMPARE(s->value(QStringLiteral("client_lag_flagged")).toBool(), false);

        const QJsonObject models = s->value(QStringLiteral("models")).toObject();
        const QJsonObject flash = models.value(QStringLiteral("flash")).toObject();
        for (const char* key : { "prompt_tokens", "completion_tokens", "cache_hit_tokens", "cache_miss_tokens",
                                 "reasoning_tokens", "cost_usd" })
            QVERIFY2(isNull(flash, key), key);
        QCOMPARE(sub(flash, "latency_ms", "p50"), 700.0);
        QVERIFY(subNull(flash, "ttft_ms", "p50"));
        QVERIFY(subNull(flash, "ttft_ms", "p95"));
        QVERIFY(subNull(flash, "output_tps", "p50"));

        const QJsonObject pro = models.value(QStringLiteral("pro")).toObject();
        QCOMPARE(num(pro, "items"), 1.0);
        QCOMPARE(num(pro, "ok_items"), 0.0);
        QCOMPARE(num(pro.value(QStringLiteral("errors")).toObject(), "timeout"), 1.0);
        // No ok item: no latency figure, rather than the timeout's 30 s.
        QVERIFY(subNull(pro, "latency_ms", "p50"));
        QVERIFY(subNull(pro, "latency_ms", "p95"));
        QVERIFY(isNull(pro, "cost_usd"));
    }

    void serialisesAsJson()
    {
        QString error;
        const auto s = RunSummary::build(*f.store, f.bare.id, &error);
        QVERIFY2(s, qPrintable(error));
        const QByteArray text = QJsonDocument(*s).toJson(QJsonDocument::Compact);
        QVERIFY(text.contains("\"finished_at\":null"));
        QVERIFY(text.contains("\"cost_usd\":null"));
        QVERIFY(!text.contains("DEEPSEEK_API_KEY"));
    }

    void missingRun()
    {
        QString error;
        QVERIFY(!RunSummary::build(*f.store, 9999, &error));
        QVERIFY2(error.contains(QStringLiteral("9999")), qPrintable(error));
        QVERIFY2(error.contains(f.store->path()), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestRunSummary)
#include "tst_runsummary.moc"
