// Price books: the bundled books at their period edges and peak windows, model lookup, cost arithmetic,
// every refusal of a malformed book, and user books overriding bundled ones.

#include "pricing/PriceBook.h"
#include "pricing/PriceBookRegistry.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using tierlens::PriceBook;
using tierlens::PriceBookRegistry;
using tierlens::Prices;
using tierlens::TokenUsage;

Q_DECLARE_METATYPE(Prices)
Q_DECLARE_METATYPE(TokenUsage)
Q_DECLARE_METATYPE(std::optional<double>)

namespace {

QDateTime utc(const char* iso)
{
    const QDateTime t = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
    Q_ASSERT(t.isValid());
    return t.toUTC();
}

Prices prices(double miss, double hit, double output, bool offPeak = false)
{
    return Prices { miss, hit, output, offPeak };
}

const PriceBook& bundled(const QString& provider)
{
    static PriceBookRegistry registry;
    static const QStringList problems = registry.load();
    Q_UNUSED(problems);
    const PriceBook* book = registry.forProvider(provider);
    Q_ASSERT(book);
    return *book;
}

TokenUsage usage(std::optional<qint64> prompt, std::optional<qint64> completion, std::optional<qint64> hit = {},
                 std::optional<qint64> miss = {})
{
    TokenUsage u;
    u.promptTokens = prompt;
    u.completionTokens = completion;
    u.cacheHitTokens = hit;
    u.cacheMissTokens = miss;
    return u;
}

// A valid one-model book; each malformed case below replaces one part of it.
QByteArray book(const QByteArray& models = {}, const QByteArray& head = {})
{
    const QByteArray h = head.isEmpty() ? "\"format\":\"tierlens-price-book\",\"format_version\":1,\"provider\":\"p\","
                                          "\"version\":\"1\",\"currency\":\"USD\",\"unit\":\"per_1m_tokens\""_ba
                                        : head;
    const QByteArray m = models.isEmpty()
        ? "[{\"model\":\"m\",\"periods\":[{\"input_cache_miss\":1,\"input_cache_hit\":0.1,\"output\":2}]}]"_ba
        : models;
    return "{" + h + ",\"models\":" + m + "}";
}

QByteArray period(const QByteArray& extra)
{
    return "[{\"model\":\"m\",\"periods\":[{\"input_cache_miss\":1,\"input_cache_hit\":0.1,\"output\":2" + extra
        + "}]}]";
}

QByteArray peak(const QByteArray& windows)
{
    return period(",\"off_peak\":{\"input_cache_miss\":0.5,\"input_cache_hit\":0.05,\"output\":1},\"peak_windows\":"
                  + windows);
}

} // namespace

class TestPriceBook : public QObject
{
    Q_OBJECT

private slots:
    void bundledBooksLoad();
    void pricesAt_data();
    void pricesAt();
    void modelLookup();
    void cost_data();
    void cost();
    void blended();
    void malformed_data();
    void malformed();
    void loadFromFileNamesTheFile();
    void canonicalJsonRoundTrips();
    void userOverrideWins();
    void brokenUserBookKeepsBundled();
    void strictOverrides();
};

void TestPriceBook::bundledBooksLoad()
{
    PriceBookRegistry registry;
    const QStringList problems = registry.load();
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QCOMPARE(registry.providers(), (QStringList { u"deepseek"_s, u"novita"_s }));
    QCOMPARE(registry.originOf(u"deepseek"_s), u":/pricebooks/deepseek.json"_s);
    QVERIFY(!registry.isUserBook(u"deepseek"_s));
    QCOMPARE(registry.forProvider(u"DeepSeek"_s), registry.forProvider(u"deepseek"_s));
    QVERIFY(!registry.forProvider(u"openai"_s));

    const PriceBook& ds = bundled(u"deepseek"_s);
    QCOMPARE(ds.version(), u"2026-08-16"_s);
    QCOMPARE(ds.currency(), u"USD"_s);
    QVERIFY(ds.notes().join(u' ').contains(u"disagree"_s));
    QCOMPARE(ds.concurrencyLimit(u"deepseek-v4-flash"_s), std::optional<int>(2500));
    QCOMPARE(ds.concurrencyLimit(u"deepseek-v4-pro"_s), std::optional<int>(500));
    QCOMPARE(ds.concurrencyLimit(u"gpt-4o"_s), std::nullopt);
    QCOMPARE(bundled(u"novita"_s).version(), u"2026-06-09"_s);
    QCOMPARE(bundled(u"novita"_s).concurrencyLimit(u"deepseek/deepseek-v4-pro"_s), std::nullopt);
}

void TestPriceBook::pricesAt_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QDateTime>("when");
    QTest::addColumn<bool>("priced");
    QTest::addColumn<Prices>("expected");

    const QString ds = u"deepseek"_s;
    const QString flash = u"deepseek-v4-flash"_s;
    const QString pro = u"deepseek-v4-pro"_s;
    auto row = [](const char* name, const QString& provider, const QString& model, const char* when,
                  std::optional<Prices> p) {
        QTest::newRow(name) << provider << model << utc(when) << p.has_value() << p.value_or(Prices {});
    };
    // The cache-hit cut of 2026-04-26.
    row("flash before hit cut", ds, flash, "2026-04-25T23:59:59Z", prices(0.14, 0.028, 0.28));
    row("flash at hit cut", ds, flash, "2026-04-26T00:00:00Z", prices(0.14, 0.0028, 0.28));
    row("flash after hit cut", ds, flash, "2026-04-26T00:00:01Z", prices(0.14, 0.0028, 0.28));
    row("pro before hit cut", ds, pro, "2026-04-25T23:59:59Z", prices(0.435, 0.03625, 0.87));
    row("pro at hit cut", ds, pro, "2026-04-26T00:00:00Z", prices(0.435, 0.003625, 0.87));
    row("pro after hit cut", ds, pro, "2026-04-26T00:00:01Z", prices(0.435, 0.003625, 0.87));
    // The end of the Pro promotion.
    row("pro promo last second", ds, pro, "2026-05-31T15:58:59Z", prices(0.435, 0.003625, 0.87));
    row("pro list at promo end", ds, pro, "2026-05-31T15:59:00Z", prices(1.74, 0.015, 3.48));
    row("pro list after promo end", ds, pro, "2026-05-31T15:59:01Z", prices(1.74, 0.015, 3.48));
    row("flash unchanged at promo end", ds, flash, "2026-05-31T15:59:00Z", prices(0.14, 0.0028, 0.28));
    // Peak and off-peak billing from 2026-08-16T16:00Z (a Sunday, so the first second is off-peak).
    row("pro last single-rate second", ds, pro, "2026-08-16T15:59:59Z", prices(1.74, 0.015, 3.48));
    row("pro first off-peak second", ds, pro, "2026-08-16T16:00:00Z", prices(0.87, 0.0075, 1.74, true));
    row("pro monday 02:00 peak", ds, pro, "2026-08-17T02:00:00Z", prices(1.74, 0.015, 3.48));
    row("pro monday 05:00 off-peak", ds, pro, "2026-08-17T05:00:00Z", prices(0.87, 0.0075, 1.74, true));
    row("pro saturday 02:00 off-peak", ds, pro, "2026-08-22T02:00:00Z", prices(0.87, 0.0075, 1.74, true));
    row("flash monday 02:00 peak", ds, flash, "2026-08-17T02:00:00Z", prices(0.14, 0.0028, 0.28));
    row("flash monday 05:00 off-peak", ds, flash, "2026-08-17T05:00:00Z", prices(0.07, 0.0014, 0.14, true));
    row("flash saturday 02:00 off-peak", ds, flash, "2026-08-22T02:00:00Z", prices(0.07, 0.0014, 0.14, true));
    row("flash monday 03:59 peak", ds, flash, "2026-08-24T03:59:59Z", prices(0.14, 0.0028, 0.28));
    row("flash monday 04:00 off-peak", ds, flash, "2026-08-24T04:00:00Z", prices(0.07, 0.0014, 0.14, true));
    row("flash monday 06:00 peak", ds, flash, "2026-08-24T06:00:00Z", prices(0.14, 0.0028, 0.28));
    row("flash monday 10:00 off-peak", ds, flash, "2026-08-24T10:00:00Z", prices(0.07, 0.0014, 0.14, true));
    // A time given with an offset is converted to UTC first: 04:30+02:00 is Monday 02:30 UTC.
    row("offset converted", ds, flash, "2026-08-17T04:30:00+02:00", prices(0.14, 0.0028, 0.28));
    // Novita prices start on 2026-06-09: earlier attempts stay unpriced.
    row("novita before start", u"novita"_s, u"deepseek/deepseek-v4-pro"_s, "2026-06-08T23:59:59Z", std::nullopt);
    row("novita pro", u"novita"_s, u"deepseek/deepseek-v4-pro"_s, "2026-06-09T00:00:00Z", prices(1.60, 0.135, 3.20));
    row("novita flash", u"novita"_s, u"deepseek/deepseek-v4-flash"_s, "2026-07-01T12:00:00Z",
        prices(0.14, 0.028, 0.28));
    row("unknown model", ds, u"gpt-4o"_s, "2026-07-01T12:00:00Z", std::nullopt);
}

void TestPriceBook::pricesAt()
{
    QFETCH(QString, provider);
    QFETCH(QString, model);
    QFETCH(QDateTime, when);
    QFETCH(bool, priced);
    QFETCH(Prices, expected);
    const std::optional<Prices> p = bundled(provider).pricesAt(model, when);
    QCOMPARE(p.has_value(), priced);
    if (!priced)
        return;
    QCOMPARE(p->inputCacheMiss, expected.inputCacheMiss);
    QCOMPARE(p->inputCacheHit, expected.inputCacheHit);
    QCOMPARE(p->output, expected.output);
    QCOMPARE(p->offPeak, expected.offPeak);
}

void TestPriceBook::modelLookup()
{
    const PriceBook& ds = bundled(u"deepseek"_s);
    const QDateTime june = utc("2026-06-15T12:00:00Z");
    const Prices flash = prices(0.14, 0.0028, 0.28);
    const Prices proList = prices(1.74, 0.015, 3.48);
    QCOMPARE(ds.pricesAt(u"deepseek-chat"_s, june), flash);
    QCOMPARE(ds.pricesAt(u"deepseek-reasoner"_s, june), flash);
    QCOMPARE(ds.pricesAt(u"deepseek-flash"_s, june), flash);
    QCOMPARE(ds.pricesAt(u"DeepSeek-V4-Flash"_s, june), flash);
    QCOMPARE(ds.pricesAt(u"deepseek/deepseek-v4-pro"_s, june), proList);
    QCOMPARE(ds.pricesAt(u"deepseek/deepseek-chat"_s, june), flash);
    QCOMPARE(ds.concurrencyLimit(u"deepseek/deepseek-v4-pro"_s), std::optional<int>(500));
    QCOMPARE(ds.findModel(u"deepseek-chat"_s)->id, u"deepseek-v4-flash"_s);
    QVERIFY(!ds.findModel(u"deepseek-v4"_s));
    QVERIFY(!ds.pricesAt(u"deepseek-v4-pro"_s, QDateTime()));
    // The Novita book uses "vendor/model" ids; the bare id finds them too.
    QCOMPARE(bundled(u"novita"_s).pricesAt(u"deepseek-v4-pro"_s, june), prices(1.60, 0.135, 3.20));
}

void TestPriceBook::cost_data()
{
    QTest::addColumn<Prices>("rates");
    QTest::addColumn<TokenUsage>("used");
    QTest::addColumn<std::optional<double>>("expected");

    const Prices flash = prices(0.14, 0.0028, 0.28);
    const Prices pro = prices(1.74, 0.015, 3.48);
    // 2000 x 0.14 + 10000 x 0.0028 + 3000 x 0.28 = 280 + 28 + 840 = 1148 per 1M tokens.
    QTest::newRow("flash full split") << flash << usage(12000, 3000, 10000, 2000) << std::optional<double>(0.001148);
    // 2000 x 1.74 + 10000 x 0.015 + 3000 x 3.48 = 3480 + 150 + 10440 = 14070.
    QTest::newRow("pro full split") << pro << usage(12000, 3000, 10000, 2000) << std::optional<double>(0.01407);
    QTest::newRow("hit only, miss derived") << flash << usage(12000, 3000, 10000) << std::optional<double>(0.001148);
    QTest::newRow("miss only, hit derived") << flash << usage(12000, 3000, {}, 2000) << std::optional<double>(0.001148);
    QTest::newRow("split without prompt_tokens")
        << flash << usage({}, 3000, 10000, 2000) << std::optional<double>(0.001148);
    // No split: all 12000 prompt tokens at the miss price, 1680 + 840 = 2520 (an upper bound).
    QTest::newRow("unknown split") << flash << usage(12000, 3000) << std::optional<double>(0.00252);
    QTest::newRow("one million output tokens") << pro << usage(0, 1000000, 0, 0) << std::optional<double>(3.48);
    QTest::newRow("zero tokens") << pro << usage(0, 0, 0, 0) << std::optional<double>(0.0);
    QTest::newRow("unknown usage") << flash << TokenUsage {} << std::optional<double>();
    QTest::newRow("no completion count") << flash << usage(12000, {}, 10000, 2000) << std::optional<double>();
    QTest::newRow("no prompt count") << flash << usage({}, 3000) << std::optional<double>();
}

void TestPriceBook::cost()
{
    QFETCH(Prices, rates);
    QFETCH(TokenUsage, used);
    QFETCH(std::optional<double>, expected);
    const std::optional<double> c = tierlens::costUsd(rates, used);
    QCOMPARE(c.has_value(), expected.has_value());
    if (expected)
        QVERIFY2(qAbs(*c - *expected) < 1e-12, qPrintable(QString::number(*c, 'g', 17)));
}

void TestPriceBook::blended()
{
    // (3 x 0.14 + 0.28) / 4 = 0.175; (3 x 1.74 + 3.48) / 4 = 2.175.
    QVERIFY(qAbs(tierlens::blended3to1(prices(0.14, 0.0028, 0.28)) - 0.175) < 1e-12);
    QVERIFY(qAbs(tierlens::blended3to1(prices(1.74, 0.015, 3.48)) - 2.175) < 1e-12);
}

void TestPriceBook::malformed_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    const QByteArray head = "\"format\":\"tierlens-price-book\",\"format_version\":1,\"provider\":\"p\","
                            "\"version\":\"1\",\"currency\":\"USD\",\"unit\":\"per_1m_tokens\"";
    auto row = [](const char* name, const QByteArray& json, const QString& message) {
        QTest::newRow(name) << json << u"book.json: "_s + message;
    };
    QVERIFY(PriceBook::fromJson(book(), u"book.json"_s, nullptr)); // the base every row breaks is itself valid

    row("invalid json", "{\n  \"format\": \"tierlens-price-book\",\n  \"models\": [}\n}",
        u"invalid JSON at line 3, column 14: object is missing after a comma"_s);
    row("not an object", "[]", u"expected a JSON object"_s);
    row("unknown top key", book({}, head + ",\"colour\":\"red\""), u"colour: unknown key"_s);
    row("wrong format", book({}, QByteArray(head).replace("tierlens-price-book", "price-list")),
        u"format: expected \"tierlens-price-book\""_s);
    row("format version 2", book({}, QByteArray(head).replace("\"format_version\":1", "\"format_version\":2")),
        u"format_version: unsupported version 2 (this build reads 1)"_s);
    row("missing provider", book({}, QByteArray(head).replace("\"provider\":\"p\",", "")), u"provider: missing"_s);
    row("empty version", book({}, QByteArray(head).replace("\"version\":\"1\"", "\"version\":\"\"")),
        u"version: expected a non-empty string"_s);
    row("euro", book({}, QByteArray(head).replace("USD", "EUR")), u"currency: only \"USD\" is supported"_s);
    row("per token", book({}, QByteArray(head).replace("per_1m_tokens", "per_token")),
        u"unit: only \"per_1m_tokens\" is supported"_s);
    row("notes not text", book({}, head + ",\"notes\":[1]"), u"notes[0]: expected a string"_s);
    row("no models", book("[]"), u"models: expected a non-empty array of models"_s);
    row("model not object", book("[1]"), u"models[0]: expected an object"_s);
    row("unknown model key", book("[{\"model\":\"m\",\"price\":1,\"periods\":[]}]"), u"models[0].price: unknown key"_s);
    row("missing model id", book("[{\"periods\":[]}]"), u"models[0].model: missing"_s);
    row("missing periods", book("[{\"model\":\"m\"}]"), u"models[0].periods: missing"_s);
    row("empty periods", book("[{\"model\":\"m\",\"periods\":[]}]"),
        u"models[0].periods: expected a non-empty array of periods"_s);
    row("zero concurrency", book("[{\"model\":\"m\",\"concurrency_limit\":0,\"periods\":[{}]}]"),
        u"models[0].concurrency_limit: expected a positive integer"_s);
    row("alias not string", book("[{\"model\":\"m\",\"aliases\":[2],\"periods\":[{}]}]"),
        u"models[0].aliases[0]: expected a non-empty string"_s);
    row("negative price", book(period("").replace("\"output\":2", "\"output\":-2")),
        u"models[0].periods[0].output: negative price"_s);
    row("price as text", book(period("").replace("\"input_cache_miss\":1", "\"input_cache_miss\":\"1\"")),
        u"models[0].periods[0].input_cache_miss: expected a number (USD per 1M tokens)"_s);
    row("missing price", book(period("").replace("\"input_cache_hit\":0.1,", "")),
        u"models[0].periods[0].input_cache_hit: missing"_s);
    row("unknown period key", book(period(",\"cache_write\":1")), u"models[0].periods[0].cache_write: unknown key"_s);
    row("time without zone", book(period(",\"until\":\"2026-05-31T15:59:00\"")),
        u"models[0].periods[0].until: not an ISO-8601 UTC time"_s);
    row("time with offset", book(period(",\"from\":\"2026-05-31T15:59:00+02:00\"")),
        u"models[0].periods[0].from: not an ISO-8601 UTC time"_s);
    row("time with space", book(period(",\"until\":\"2026-05-31 15:59Z\"")),
        u"models[0].periods[0].until: not an ISO-8601 UTC time"_s);
    row("impossible date", book(period(",\"until\":\"2026-02-30T00:00:00Z\"")),
        u"models[0].periods[0].until: not an ISO-8601 UTC time"_s);
    row("time as number", book(period(",\"until\":1780000000")),
        u"models[0].periods[0].until: not an ISO-8601 UTC time"_s);
    row("until before from", book(period(",\"from\":\"2026-06-01T00:00:00Z\",\"until\":\"2026-06-01T00:00:00Z\"")),
        u"models[0].periods[0].until: must be after \"from\""_s);
    row("overlapping periods",
        book("[{\"model\":\"m\",\"periods\":[{\"until\":\"2026-06-01T00:00:00Z\",\"input_cache_miss\":1,"
             "\"input_cache_hit\":0.1,\"output\":2},{\"from\":\"2026-05-31T23:59:59Z\",\"input_cache_miss\":1,"
             "\"input_cache_hit\":0.1,\"output\":2}]}]"),
        u"models[0].periods[1]: overlaps periods[0]"_s);
    row("two open-ended periods",
        book("[{\"model\":\"m\",\"periods\":[{\"from\":\"2026-06-01T00:00:00Z\",\"input_cache_miss\":1,"
             "\"input_cache_hit\":0.1,\"output\":2},{\"from\":\"2026-07-01T00:00:00Z\",\"input_cache_miss\":1,"
             "\"input_cache_hit\":0.1,\"output\":2}]}]"),
        u"models[0].periods[1]: overlaps periods[0]"_s);
    row("off_peak alone",
        book(period(",\"off_peak\":{\"input_cache_miss\":0.5,\"input_cache_hit\":0.05,"
                    "\"output\":1}")),
        u"models[0].periods[0].off_peak: \"off_peak\" and \"peak_windows\" must be given together"_s);
    row("windows alone", book(period(",\"peak_windows\":[]")),
        u"models[0].periods[0].peak_windows: \"off_peak\" and \"peak_windows\" must be given together"_s);
    row("negative off-peak price",
        book(period(",\"off_peak\":{\"input_cache_miss\":-0.5,\"input_cache_hit\":0.05,\"output\":1},"
                    "\"peak_windows\":[{\"days\":[\"mon\"],\"from\":\"01:00\",\"until\":\"04:00\"}]")),
        u"models[0].periods[0].off_peak.input_cache_miss: negative price"_s);
    row("no windows", book(peak("[]")),
        u"models[0].periods[0].peak_windows: expected a non-empty array of {days, from, until} objects"_s);
    row("bad day", book(peak("[{\"days\":[\"monday\"],\"from\":\"01:00\",\"until\":\"04:00\"}]")),
        u"models[0].periods[0].peak_windows[0].days[0]: expected one of mon, tue, wed, thu, fri, sat, sun"_s);
    row("day twice", book(peak("[{\"days\":[\"mon\",\"mon\"],\"from\":\"01:00\",\"until\":\"04:00\"}]")),
        u"models[0].periods[0].peak_windows[0].days[1]: day given twice"_s);
    row("bad hour", book(peak("[{\"days\":[\"mon\"],\"from\":\"25:00\",\"until\":\"26:00\"}]")),
        u"models[0].periods[0].peak_windows[0].from: expected a UTC time of day from \"00:00\" to \"24:00\""_s);
    row("past midnight", book(peak("[{\"days\":[\"mon\"],\"from\":\"24:00\",\"until\":\"24:30\"}]")),
        u"models[0].periods[0].peak_windows[0].until: expected a UTC time of day from \"00:00\" to \"24:00\""_s);
    row("window crosses midnight", book(peak("[{\"days\":[\"fri\"],\"from\":\"22:00\",\"until\":\"02:00\"}]")),
        u"models[0].periods[0].peak_windows[0].until: must be after \"from\" (split a window that crosses "
        u"midnight)"_s);
    row("duplicate model",
        book("[{\"model\":\"m\",\"periods\":[{\"input_cache_miss\":1,\"input_cache_hit\":0.1,"
             "\"output\":2}]},{\"model\":\"x\",\"aliases\":[\"M\"],\"periods\":[{"
             "\"input_cache_miss\":1,\"input_cache_hit\":0.1,\"output\":2}]}]"),
        u"models[1].aliases[0]: \"M\" is already used by models[0]"_s);
}

void TestPriceBook::malformed()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!PriceBook::fromJson(json, u"book.json"_s, &error));
    QCOMPARE(error, expected);
}

void TestPriceBook::loadFromFileNamesTheFile()
{
    QString error;
    QVERIFY(!PriceBook::load(QStringLiteral(TIERLENS_TEST_DATA "/pricing/user-broken/deepseek.json"), &error));
    QCOMPARE(error, u"deepseek.json: models[0].periods[0].until: not an ISO-8601 UTC time"_s);
    QVERIFY(!PriceBook::load(QStringLiteral(TIERLENS_TEST_DATA "/pricing/missing.json"), &error));
    QVERIFY2(error.startsWith(u"missing.json: cannot open the file: "_s), qPrintable(error));
}

void TestPriceBook::canonicalJsonRoundTrips()
{
    const PriceBook& ds = bundled(u"deepseek"_s);
    QString error;
    const std::optional<PriceBook> copy = PriceBook::fromJson(ds.canonicalJson(), u"snapshot"_s, &error);
    QVERIFY2(copy, qPrintable(error));
    QCOMPARE(copy->canonicalJson(), ds.canonicalJson());
    QVERIFY(!ds.canonicalJson().contains('\n'));
    for (const char* when :
         { "2026-04-01T00:00:00Z", "2026-05-31T15:59:00Z", "2026-08-17T02:00:00Z", "2026-08-17T05:00:00Z" }) {
        QCOMPARE(copy->pricesAt(u"deepseek-v4-pro"_s, utc(when)), ds.pricesAt(u"deepseek-v4-pro"_s, utc(when)));
        QCOMPARE(copy->pricesAt(u"deepseek-chat"_s, utc(when)), ds.pricesAt(u"deepseek-chat"_s, utc(when)));
    }
}

void TestPriceBook::userOverrideWins()
{
    PriceBookRegistry registry;
    const QString userDir = QStringLiteral(TIERLENS_TEST_DATA "/pricing/user");
    const QStringList problems = registry.load(userDir);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    const PriceBook* ds = registry.forProvider(u"deepseek"_s);
    QVERIFY(ds);
    QCOMPARE(ds->version(), u"2026-09-01-user"_s);
    QVERIFY(registry.isUserBook(u"deepseek"_s));
    QCOMPARE(registry.originOf(u"deepseek"_s), userDir + u"/deepseek.json"_s);
    QCOMPARE(ds->pricesAt(u"deepseek-v4-flash"_s, utc("2026-08-17T02:00:00Z")), prices(0.5, 0.05, 1.0));
    QCOMPARE(ds->concurrencyLimit(u"deepseek-v4-flash"_s), std::optional<int>(64));
    // The user's book replaces the bundled one whole: a model it leaves out is no longer priced.
    QVERIFY(!ds->pricesAt(u"deepseek-v4-pro"_s, utc("2026-08-17T02:00:00Z")));
    QVERIFY(!registry.isUserBook(u"novita"_s));
    QCOMPARE(registry.forProvider(u"novita"_s)->version(), u"2026-06-09"_s);
}

void TestPriceBook::brokenUserBookKeepsBundled()
{
    PriceBookRegistry registry;
    const QStringList problems = registry.load(QStringLiteral(TIERLENS_TEST_DATA "/pricing/user-broken"));
    QCOMPARE(problems,
             QStringList { u"deepseek.json: models[0].periods[0].until: not an ISO-8601 UTC time (the bundled price "
                           u"book stays in force)"_s });
    QCOMPARE(registry.forProvider(u"deepseek"_s)->version(), u"2026-08-16"_s);
    QVERIFY(!registry.isUserBook(u"deepseek"_s));

    // A folder that does not exist is not a problem: most users never edit a book.
    PriceBookRegistry plain;
    QVERIFY(plain.load(QStringLiteral(TIERLENS_TEST_DATA "/pricing/no-such-folder")).isEmpty());
    QCOMPARE(plain.providers().size(), 2);
}

void TestPriceBook::strictOverrides()
{
    PriceBookRegistry registry;
    QString error;
    QVERIFY2(registry.loadBundled(&error), qPrintable(error));
    QVERIFY(!registry.loadOverrides(QStringLiteral(TIERLENS_TEST_DATA "/pricing/user-broken"), &error));
    QCOMPARE(error, u"deepseek.json: models[0].periods[0].until: not an ISO-8601 UTC time"_s);
    QCOMPARE(registry.forProvider(u"deepseek"_s)->version(), u"2026-08-16"_s);
    const QString missing = QStringLiteral(TIERLENS_TEST_DATA "/pricing/no-such-folder");
    QVERIFY(!registry.loadOverrides(missing, &error));
    QCOMPARE(error, missing + u": no such folder of price books"_s);
    QVERIFY2(registry.loadOverrides(QStringLiteral(TIERLENS_TEST_DATA "/pricing/user"), &error), qPrintable(error));
    QCOMPARE(registry.forProvider(u"deepseek"_s)->version(), u"2026-09-01-user"_s);
    QVERIFY(registry.isUserBook(u"deepseek"_s));
    QCOMPARE(registry.forProvider(u"novita"_s)->version(), u"2026-06-09"_s);
}

QTEST_GUILESS_MAIN(TestPriceBook)
#include "tst_pricebook.moc"
