// Pre-flight cost estimate: token counts by DeepSeek's rule of thumb, prompt overheads, the cache-hit low figure,
// measured against default output tokens, price periods, and every reason a cost cannot be given.

#include "pricing/CostEstimate.h"
#include "pricing/PriceBook.h"
#include "promptsets/Prompt.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using tierlens::CostEstimate;
using tierlens::CostEstimateInput;
using tierlens::CostEstimator;
using tierlens::PriceBook;
using tierlens::Prices;
using tierlens::Prompt;
using tierlens::PromptSet;

namespace {

QDateTime utc(const char* iso)
{
    const QDateTime t = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
    Q_ASSERT(t.isValid());
    return t.toUTC();
}

// Model "m" from 2026-01-01 at 1 / 0.1 / 2 USD per 1M tokens, from 2026-06-01 at 2 / 0.2 / 4; nothing before.
PriceBook book()
{
    const QByteArray json = R"({"format":"tierlens-price-book","format_version":1,"provider":"p","version":"1",
        "currency":"USD","unit":"per_1m_tokens","models":[{"model":"m","periods":[
        {"from":"2026-01-01T00:00:00Z","until":"2026-06-01T00:00:00Z",
         "input_cache_miss":1,"input_cache_hit":0.1,"output":2},
        {"from":"2026-06-01T00:00:00Z","input_cache_miss":2,"input_cache_hit":0.2,"output":4}]}]})"_ba;
    QString error;
    const std::optional<PriceBook> b = PriceBook::fromJson(json, u"test.json"_s, &error);
    Q_ASSERT_X(b, "book", qPrintable(error));
    return *b;
}

QJsonArray userMessage(const QString& text)
{
    return QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, text } } };
}

Prompt prompt(const QString& id, const QString& system, const QString& user)
{
    Prompt p;
    p.id = id;
    p.system = system;
    p.messages = userMessage(user);
    return p;
}

// The shared system prompt: 300 characters, 90 tokens; with its 4-token overhead 94, of which one 64-token cache
// unit can be served from the cache.
const QString kSystem = QString(300, u'x');

// p1: (900 + 15 tenths -> 92) + 2 messages x 4 = 100 tokens; p2: (900 + 12 -> 92) + 8 = 100; p3: 1 + 4 = 5.
PromptSet threePrompts()
{
    PromptSet set;
    set.name = u"three"_s;
    set.prompts = { prompt(u"p1"_s, kSystem, u"Hello"_s), prompt(u"p2"_s, kSystem, u"你好"_s),
                    prompt(u"p3"_s, QString(), u"abc"_s) };
    return set;
}

bool near(std::optional<double> got, double expected)
{
    return got && qAbs(*got - expected) < 1e-12;
}

QString show(std::optional<double> v)
{
    return v ? QString::number(*v, 'g', 17) : u"nullopt"_s;
}

} // namespace

class TestCostEstimate : public QObject
{
    Q_OBJECT

private slots:
    void estimateTokens_data();
    void estimateTokens();
    void promptTokens();
    void defaultOutputIsAGuess();
    void aConversationIsARequestPerTurn();
    void measuredOutput();
    void laterPeriodPrices();
    void cacheNeedsARepeatAndAWholeUnit();
    void nothingToSend();
    void problems();
    void total();
};

void TestCostEstimate::estimateTokens_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("tokens");
    QTest::newRow("empty") << QString() << qint64(0);
    QTest::newRow("5 Latin: 1.5") << u"Hello"_s << qint64(2);
    QTest::newRow("10 Latin: exactly 3") << u"abcdefghij"_s << qint64(3);
    QTest::newRow("2 Chinese: 1.2") << u"你好"_s << qint64(2);
    QTest::newRow("full-width comma is CJK: 3.0") << u"你好，世界"_s << qint64(3);
    QTest::newRow("mixed: 0.9 + 1.2") << u"Hi 你好"_s << qint64(3);
    QTest::newRow("kana and kanji: 3.6") << u"日本語のカナ"_s << qint64(4);
    QTest::newRow("hangul: 1.2") << u"한글"_s << qint64(2);
    QTest::newRow("ideograph outside the BMP is one character") << u"\U00020000"_s << qint64(1);
    QTest::newRow("emoji is one character") << u"\U0001F600\U0001F600\U0001F600\U0001F600"_s << qint64(2);
}

void TestCostEstimate::estimateTokens()
{
    QFETCH(QString, text);
    QFETCH(qint64, tokens);
    QCOMPARE(CostEstimator::estimateTokens(text), tokens);
}

void TestCostEstimate::promptTokens()
{
    // "You are terse." 14 x 3 + "Hi" 2 x 3 = 48 tenths -> 5 tokens, plus 2 messages x 4.
    QCOMPARE(CostEstimator::estimatePromptTokens(prompt(u"a"_s, u"You are terse."_s, u"Hi"_s)), qint64(13));

    // No system prompt; multi-part content counts its text parts ("abc": 9 tenths), tool calls and tool
    // definitions count as compact JSON ([{"id":"1"}]: 12 characters, 36 tenths; [{"type":"function"}]: 21, 63),
    // the tool's answer "ok" 6 tenths. 114 tenths -> 12 tokens, plus 3 messages x 4.
    Prompt p;
    p.messages = QJsonArray {
        QJsonObject { { u"role"_s, u"user"_s },
                      { u"content"_s,
                        QJsonArray { QJsonObject { { u"type"_s, u"text"_s }, { u"text"_s, u"abc"_s } },
                                     QJsonObject { { u"type"_s, u"image_url"_s },
                                                   { u"image_url"_s, QJsonObject { { u"url"_s, u"x"_s } } } } } } },
        QJsonObject { { u"role"_s, u"assistant"_s },
                      { u"content"_s, QJsonValue::Null },
                      { u"tool_calls"_s, QJsonArray { QJsonObject { { u"id"_s, u"1"_s } } } } },
        QJsonObject { { u"role"_s, u"tool"_s }, { u"content"_s, u"ok"_s } },
    };
    p.options.insert(u"tools"_s, QJsonArray { QJsonObject { { u"type"_s, u"function"_s } } });
    QCOMPARE(CostEstimator::estimatePromptTokens(p), qint64(24));
}

void TestCostEstimate::defaultOutputIsAGuess()
{
    const PromptSet set = threePrompts();
    const PriceBook b = book();
    CostEstimateInput in;
    in.set = &set;
    in.repeat = 2;
    in.book = &b;
    in.modelId = u"m"_s;
    in.at = utc("2026-05-01T12:00:00Z");
    const CostEstimate e = CostEstimator::estimate(in);

    QCOMPARE(e.modelId, u"m"_s);
    QCOMPARE(e.requests, qint64(6));
    QCOMPARE(e.inputTokens, qint64(410)); // (100 + 100 + 5) x 2
    // Four requests carry the system prompt; the three after the first read one 64-token unit from the cache.
    QCOMPARE(e.cachedInputTokens, qint64(192));
    QCOMPARE(e.outputTokensPerRequest, 600.0);
    QCOMPARE(e.outputTokens, qint64(3600));
    QVERIFY(!e.outputMeasured);
    QCOMPARE(e.measuredFrom, qint64(0));
    QVERIFY(e.problem.isEmpty());
    QCOMPARE(e.prices, std::optional<Prices>(Prices { 1, 0.1, 2, false }));
    // high: 410 x 1 + 3600 x 2 = 7610 per 1M; low: 218 x 1 + 192 x 0.1 + 7200 = 7437.2 per 1M.
    QVERIFY2(near(e.highUsd, 0.00761), qPrintable(show(e.highUsd)));
    QVERIFY2(near(e.lowUsd, 0.0074372), qPrintable(show(e.lowUsd)));
    QVERIFY(CostEstimator::describeOutput(e).contains(u"guess"_s));
    QVERIFY(CostEstimator::describeOutput(e).contains(u"600"_s));

    // A caller's own default replaces 600.
    in.defaultOutputTokens = 100;
    const CostEstimate small = CostEstimator::estimate(in);
    QCOMPARE(small.outputTokens, qint64(600));
    QVERIFY(!small.outputMeasured);
    // 410 + 600 x 2 = 1610 per 1M.
    QVERIFY2(near(small.highUsd, 0.00161), qPrintable(show(small.highUsd)));
}

// Three turns are three requests, each resending the turns before it with the model's answers to them.
void TestCostEstimate::aConversationIsARequestPerTurn()
{
    PromptSet set;
    Prompt conversation = prompt(u"c"_s, QString(), u"first"_s);
    const QStringList turns { QString(30, u'a'), QString(30, u'b'), QString(30, u'c') };
    conversation.metadata.insert(u"turns"_s, QJsonArray::fromStringList(turns));
    conversation.messages = QJsonArray();
    for (const QString& t : turns)
        conversation.messages.append(QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, t } });
    set.prompts = { conversation };
    const PriceBook b = book();
    CostEstimateInput in;
    in.set = &set;
    in.book = &b;
    in.modelId = u"m"_s;
    in.at = utc("2026-05-01T12:00:00Z");
    in.defaultOutputTokens = 100;
    const CostEstimate e = CostEstimator::estimate(in);
    QCOMPARE(e.requests, qint64(3));
    QCOMPARE(e.outputTokens, qint64(300));
    // A user turn of 30 characters is 9 tokens and 4 of message overhead; an earlier answer resent is its 4 of
    // overhead here (its text is unknown before the run) and the 100 output tokens it is estimated at.
    // Turn 1: 13. Turn 2: 13 + 4 + 13 + 100. Turn 3: 13 + 4 + 13 + 4 + 13 + 200.
    QCOMPARE(e.inputTokens, qint64(13 + 130 + 247));
}

void TestCostEstimate::measuredOutput()
{
    const PromptSet set = threePrompts();
    const PriceBook b = book();
    CostEstimateInput in;
    in.set = &set;
    in.repeat = 2;
    in.book = &b;
    in.modelId = u"m"_s;
    in.at = utc("2026-05-01T12:00:00Z");
    in.measuredOutputTokens = 250.5;
    in.measuredFrom = 10;
    const CostEstimate e = CostEstimator::estimate(in);
    QVERIFY(e.outputMeasured);
    QCOMPARE(e.measuredFrom, qint64(10));
    QCOMPARE(e.outputTokensPerRequest, 250.5);
    QCOMPARE(e.outputTokens, qint64(1503)); // 250.5 x 6
    // high: 410 + 1503 x 2 = 3416 per 1M; low: 218 + 19.2 + 3006 = 3243.2 per 1M.
    QVERIFY2(near(e.highUsd, 0.003416), qPrintable(show(e.highUsd)));
    QVERIFY2(near(e.lowUsd, 0.0032432), qPrintable(show(e.lowUsd)));
    const QString described = CostEstimator::describeOutput(e);
    QVERIFY2(described.contains(u"measured"_s) && described.contains(u"10"_s), qPrintable(described));

    // A mean of no results is no measurement.
    in.measuredFrom = 0;
    const CostEstimate unmeasured = CostEstimator::estimate(in);
    QVERIFY(!unmeasured.outputMeasured);
    QCOMPARE(unmeasured.outputTokens, qint64(3600));
}

void TestCostEstimate::laterPeriodPrices()
{
    const PromptSet set = threePrompts();
    const PriceBook b = book();
    CostEstimateInput in;
    in.set = &set;
    in.repeat = 2;
    in.book = &b;
    in.modelId = u"M"_s; // found case-insensitively
    in.at = utc("2026-06-01T00:00:00Z"); // the first instant of the second period
    const CostEstimate e = CostEstimator::estimate(in);
    QCOMPARE(e.prices, std::optional<Prices>(Prices { 2, 0.2, 4, false }));
    // high: 410 x 2 + 3600 x 4 = 15220 per 1M; low: 218 x 2 + 192 x 0.2 + 14400 = 14874.4 per 1M.
    QVERIFY2(near(e.highUsd, 0.01522), qPrintable(show(e.highUsd)));
    QVERIFY2(near(e.lowUsd, 0.0148744), qPrintable(show(e.lowUsd)));
}

void TestCostEstimate::cacheNeedsARepeatAndAWholeUnit()
{
    const PriceBook b = book();
    CostEstimateInput in;
    in.book = &b;
    in.modelId = u"m"_s;
    in.at = utc("2026-05-01T12:00:00Z");

    // One request: nothing was cached before it, so low and high agree.
    PromptSet one;
    one.prompts = { prompt(u"p1"_s, kSystem, u"Hello"_s) };
    in.set = &one;
    in.repeat = 1;
    CostEstimate e = CostEstimator::estimate(in);
    QCOMPARE(e.requests, qint64(1));
    QCOMPARE(e.cachedInputTokens, qint64(0));
    QCOMPARE(e.lowUsd, e.highUsd);

    // The same prompt three times: the second and third read the cached unit.
    in.repeat = 3;
    e = CostEstimator::estimate(in);
    QCOMPARE(e.inputTokens, qint64(300));
    QCOMPARE(e.cachedInputTokens, qint64(128));

    // A system prompt shorter than one cache unit ("Be brief.": 3 tokens + 4) is never served from the cache.
    PromptSet shortSystem;
    shortSystem.prompts = { prompt(u"a"_s, u"Be brief."_s, u"x"_s), prompt(u"b"_s, u"Be brief."_s, u"y"_s) };
    in.set = &shortSystem;
    e = CostEstimator::estimate(in);
    QCOMPARE(e.requests, qint64(6));
    QCOMPARE(e.cachedInputTokens, qint64(0));
    QCOMPARE(e.lowUsd, e.highUsd);

    // Two different long system prompts: each is cached after its own first request.
    PromptSet twoSystems;
    twoSystems.prompts = { prompt(u"a"_s, kSystem, u"x"_s), prompt(u"b"_s, QString(700, u'y'), u"y"_s) };
    in.set = &twoSystems;
    in.repeat = 2;
    e = CostEstimator::estimate(in);
    // kSystem: 94 -> 64 per later request; 700 characters: 210 + 4 = 214 -> 192. One later request each.
    QCOMPARE(e.cachedInputTokens, qint64(64 + 192));
}

void TestCostEstimate::nothingToSend()
{
    const PromptSet set = threePrompts();
    const PriceBook b = book();
    CostEstimateInput in;
    in.set = &set;
    in.repeat = 0;
    in.book = &b;
    in.modelId = u"m"_s;
    in.at = utc("2026-05-01T12:00:00Z");
    CostEstimate e = CostEstimator::estimate(in);
    QCOMPARE(e.requests, qint64(0));
    QCOMPARE(e.inputTokens, qint64(0));
    QCOMPARE(e.outputTokens, qint64(0));
    QCOMPARE(e.highUsd, std::optional<double>(0.0));
    QCOMPARE(e.lowUsd, std::optional<double>(0.0));

    in.repeat = 1;
    in.set = nullptr;
    e = CostEstimator::estimate(in);
    QCOMPARE(e.requests, qint64(0));
    QCOMPARE(e.highUsd, std::optional<double>(0.0));
    QVERIFY(e.problem.isEmpty());
}

void TestCostEstimate::problems()
{
    const PromptSet set = threePrompts();
    const PriceBook b = book();
    CostEstimateInput in;
    in.set = &set;
    in.repeat = 2;
    in.modelId = u"m"_s;
    in.at = utc("2026-05-01T12:00:00Z");

    // No book: the tokens are still estimated, the cost is unknown rather than $0.
    CostEstimate e = CostEstimator::estimate(in);
    QCOMPARE(e.requests, qint64(6));
    QCOMPARE(e.inputTokens, qint64(410));
    QVERIFY(!e.lowUsd && !e.highUsd && !e.prices);
    QVERIFY2(e.problem.contains(u"m"_s), qPrintable(e.problem));

    in.book = &b;
    in.modelId = u"gpt-4o"_s;
    e = CostEstimator::estimate(in);
    QVERIFY(!e.lowUsd && !e.highUsd);
    QVERIFY2(e.problem.contains(u"gpt-4o"_s) && e.problem.contains(u"p"_s), qPrintable(e.problem));

    // Before the book's first period.
    in.modelId = u"m"_s;
    in.at = utc("2025-12-31T23:59:59Z");
    e = CostEstimator::estimate(in);
    QVERIFY(!e.lowUsd && !e.highUsd && !e.prices);
    QVERIFY2(e.problem.contains(u"2025-12-31T23:59:59Z"_s), qPrintable(e.problem));

    // No time at all.
    in.at = QDateTime();
    e = CostEstimator::estimate(in);
    QVERIFY(!e.lowUsd && !e.highUsd);
    QVERIFY2(e.problem.contains(u"time"_s), qPrintable(e.problem));
}

void TestCostEstimate::total()
{
    const PromptSet set = threePrompts();
    const PriceBook b = book();
    CostEstimateInput in;
    in.set = &set;
    in.repeat = 2;
    in.book = &b;
    in.modelId = u"m"_s;
    in.at = utc("2026-05-01T12:00:00Z");
    const CostEstimate guessed = CostEstimator::estimate(in);
    in.measuredOutputTokens = 250.5;
    in.measuredFrom = 10;
    const CostEstimate measured = CostEstimator::estimate(in);

    CostEstimate t = CostEstimator::total({ guessed, measured });
    QVERIFY(t.modelId.isEmpty());
    QCOMPARE(t.requests, qint64(12));
    QCOMPARE(t.inputTokens, qint64(820));
    QCOMPARE(t.cachedInputTokens, qint64(384));
    QCOMPARE(t.outputTokens, qint64(5103));
    QVERIFY(!t.outputMeasured);
    QVERIFY2(near(t.highUsd, 0.00761 + 0.003416), qPrintable(show(t.highUsd)));
    QVERIFY2(near(t.lowUsd, 0.0074372 + 0.0032432), qPrintable(show(t.lowUsd)));
    QVERIFY(t.problem.isEmpty());

    t = CostEstimator::total({ measured, measured });
    QVERIFY(t.outputMeasured);
    QCOMPARE(t.measuredFrom, qint64(20));

    // One model that cannot be priced makes the total unknown and carries its problem.
    in.modelId = u"gpt-4o"_s;
    const CostEstimate unpriced = CostEstimator::estimate(in);
    t = CostEstimator::total({ measured, unpriced });
    QVERIFY(!t.lowUsd && !t.highUsd);
    QCOMPARE(t.problem, unpriced.problem);
    QCOMPARE(t.requests, qint64(12));

    t = CostEstimator::total({});
    QCOMPARE(t.requests, qint64(0));
    QCOMPARE(t.highUsd, std::optional<double>(0.0));
}

QTEST_GUILESS_MAIN(TestCostEstimate)
#include "tst_costestimate.moc"
