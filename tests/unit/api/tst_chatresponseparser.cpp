#include "api/ChatResponseParser.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tierlens;

using OptMs = std::optional<qint64>;

class TestChatResponseParser : public QObject
{
    Q_OBJECT

private slots:
    void completionWithKeepAliveLines();
    void completionToolCalls();
    void usageForms();
    void malformedBodies_data();
    void malformedBodies();
    void errorInSuccessBody();
    void errorBodies_data();
    void errorBodies();
    void retryAfter_data();
    void retryAfter();
};

void TestChatResponseParser::completionWithKeepAliveLines()
{
    QFile f(QStringLiteral(TIERLENS_TEST_DATA "/api/completion_thinking_keepalive.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray body = f.readAll();
    QVERIFY(body.startsWith("\n\n\n\n{"));
    const ChatOutcome o = ChatResponseParser::parseCompletion(body);
    QVERIFY2(o.ok(), qPrintable(o.errorMessage));
    QCOMPARE(o.content, u"The answer is 42."_s);
    QCOMPARE(o.reasoning, u"Six times seven is forty-two."_s);
    QCOMPARE(o.finishReason, u"stop"_s);
    QCOMPARE(o.usage.promptTokens, OptMs(64));
    QCOMPARE(o.usage.completionTokens, OptMs(30));
    QCOMPARE(o.usage.totalTokens, OptMs(94));
    QCOMPARE(o.usage.cacheHitTokens, OptMs(64));
    QCOMPARE(o.usage.cacheMissTokens, OptMs(0));
    QCOMPARE(o.usage.reasoningTokens, OptMs(22));
}

void TestChatResponseParser::completionToolCalls()
{
    const QByteArray body = R"({"choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
        {"id":"call_0","type":"function","function":{"name":"lookup","arguments":"{\"q\":\"x\"}"}}]},
        "finish_reason":"tool_calls"}]})"_ba;
    const ChatOutcome o = ChatResponseParser::parseCompletion(body);
    QVERIFY2(o.ok(), qPrintable(o.errorMessage));
    QVERIFY(o.content.isEmpty());
    QCOMPARE(o.toolCalls.size(), 1);
    QCOMPARE(o.toolCalls[0].name, u"lookup"_s);
    QCOMPARE(o.toolCalls[0].arguments, u"{\"q\":\"x\"}"_s);
    QCOMPARE(o.finishReason, u"tool_calls"_s);
}

void TestChatResponseParser::usageForms()
{
    const QByteArray head = R"({"choices":[{"index":0,"message":{"content":"hi"},"finish_reason":"stop"}])"_ba;
    // No usage at all: every count unknown, never zero.
    ChatOutcome o = ChatResponseParser::parseCompletion(QByteArray(head + "}"_ba));
    QVERIFY(o.ok());
    QVERIFY(!o.usage.isKnown());
    QVERIFY(!o.usage.promptTokens && !o.usage.completionTokens && !o.usage.totalTokens && !o.usage.cacheHitTokens
            && !o.usage.cacheMissTokens && !o.usage.reasoningTokens);
    // "usage": null is the same.
    o = ChatResponseParser::parseCompletion(QByteArray(head + R"(,"usage":null})"_ba));
    QVERIFY(!o.usage.isKnown());
    // OpenAI subset: cached_tokens stands in for the cache hit, the miss is derived.
    o = ChatResponseParser::parseCompletion(QByteArray(
        head
        + R"(,"usage":{"prompt_tokens":100,"completion_tokens":7,"total_tokens":107,"prompt_tokens_details":{"cached_tokens":96}}})"_ba));
    QCOMPARE(o.usage.cacheHitTokens, OptMs(96));
    QCOMPARE(o.usage.cacheMissTokens, OptMs(4));
    QCOMPARE(o.usage.reasoningTokens, OptMs());
    // Counts only: no cache information is not zero cache hits.
    o = ChatResponseParser::parseCompletion(
        QByteArray(head + R"(,"usage":{"prompt_tokens":10,"completion_tokens":2}})"_ba));
    QCOMPARE(o.usage.promptTokens, OptMs(10));
    QCOMPARE(o.usage.totalTokens, OptMs());
    QCOMPARE(o.usage.cacheHitTokens, OptMs());
    QCOMPARE(o.usage.cacheMissTokens, OptMs());
    // DeepSeek's own fields win over the OpenAI detail.
    o = ChatResponseParser::parseCompletion(QByteArray(
        head
        + R"(,"usage":{"prompt_tokens":10,"prompt_cache_hit_tokens":3,"prompt_cache_miss_tokens":7,"prompt_tokens_details":{"cached_tokens":5}}})"_ba));
    QCOMPARE(o.usage.cacheHitTokens, OptMs(3));
    QCOMPARE(o.usage.cacheMissTokens, OptMs(7));
    // Garbage counts are unknown rather than wrong.
    o = ChatResponseParser::parseCompletion(
        QByteArray(head + R"(,"usage":{"prompt_tokens":"10","completion_tokens":-1}})"_ba));
    QVERIFY(!o.usage.isKnown());
}

void TestChatResponseParser::malformedBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("empty") << QByteArray() << u"empty"_s;
    QTest::newRow("only keep-alives") << "\n\n\n"_ba << u"3 bytes of whitespace"_s;
    QTest::newRow("cut off") << "\n\n{\"choices\":[{\"index\":0,"_ba << u"invalid JSON near byte 25"_s;
    QTest::newRow("garbage") << "  <html>busy</html>"_ba << u"invalid JSON near byte 3"_s;
    QTest::newRow("array") << "[]"_ba << u"not an object"_s;
    QTest::newRow("no choices") << "{\"id\":\"x\"}"_ba << u"no \"choices\" array"_s;
    QTest::newRow("empty choices") << "{\"choices\":[]}"_ba << u"is empty"_s;
    QTest::newRow("no message") << "{\"choices\":[{\"index\":0}]}"_ba << u"no \"message\" object"_s;
    QTest::newRow("content not string") << "{\"choices\":[{\"message\":{\"content\":3}}]}"_ba
                                        << u"message.content is not a string"_s;
}

void TestChatResponseParser::malformedBodies()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, messagePart);
    const ChatOutcome o = ChatResponseParser::parseCompletion(body);
    QCOMPARE(o.error, ErrorClass::Malformed);
    QVERIFY2(o.errorMessage.contains(messagePart), qPrintable(o.errorMessage));
}

void TestChatResponseParser::errorInSuccessBody()
{
    const ChatOutcome o = ChatResponseParser::parseCompletion(
        "\n{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\",\"code\":\"rate_limit_exceeded\"}}"_ba);
    QCOMPARE(o.error, ErrorClass::RateLimited);
    QCOMPARE(o.errorMessage, u"Rate limit reached (type: rate_limit_error, code: rate_limit_exceeded)"_s);
    QCOMPARE(ChatResponseParser::errorClassForCode(QJsonValue(503), ErrorClass::ServerError), ErrorClass::Overloaded);
    QCOMPARE(ChatResponseParser::errorClassForCode(QJsonValue(u"402"_s), ErrorClass::ServerError),
             ErrorClass::InsufficientBalance);
    QCOMPARE(ChatResponseParser::errorClassForCode(QJsonValue(u"mystery"_s), ErrorClass::ServerError),
             ErrorClass::ServerError);
    QCOMPARE(ChatResponseParser::errorClassForCode(QJsonValue(), ErrorClass::ServerError), ErrorClass::ServerError);
}

void TestChatResponseParser::errorBodies_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<ErrorClass>("cls");
    QTest::addColumn<QString>("message");

    QTest::newRow("400")
        << 400
        << R"({"error":{"message":"Invalid request: messages must not be empty","type":"invalid_request_error","param":null,"code":"invalid_request_error"}})"_ba
        << ErrorClass::BadRequest
        << u"HTTP 400: Invalid request: messages must not be empty (type: invalid_request_error, code: invalid_request_error)"_s;
    QTest::newRow("401")
        << 401
        << R"({"error":{"message":"Authentication Fails, Your api key: ****abcd is invalid","type":"authentication_error","param":null,"code":"invalid_request_error"}})"_ba
        << ErrorClass::Auth
        << u"HTTP 401: Authentication Fails, Your api key: ****abcd is invalid (type: authentication_error, code: invalid_request_error)"_s;
    QTest::newRow("402")
        << 402
        << R"({"error":{"message":"Insufficient Balance","type":"unknown_error","param":null,"code":"invalid_request_error"}})"_ba
        << ErrorClass::InsufficientBalance
        << u"HTTP 402: Insufficient Balance (type: unknown_error, code: invalid_request_error)"_s;
    QTest::newRow("422")
        << 422 << R"({"error":{"message":"max_tokens must be <= 393216","type":"invalid_request_error","code":422}})"_ba
        << ErrorClass::InvalidParams
        << u"HTTP 422: max_tokens must be <= 393216 (type: invalid_request_error, code: 422)"_s;
    QTest::newRow("429") << 429 << R"({"error":{"message":"Rate Limit Reached"}})"_ba << ErrorClass::RateLimited
                         << u"HTTP 429: Rate Limit Reached"_s;
    QTest::newRow("500 text") << 500 << "\n  Internal Server Error\n"_ba << ErrorClass::ServerError
                              << u"HTTP 500: Internal Server Error"_s;
    QTest::newRow("503 html") << 503 << "<html><body>503 Service Temporarily Unavailable</body></html>"_ba
                              << ErrorClass::Overloaded
                              << u"HTTP 503: <html><body>503 Service Temporarily Unavailable</body></html>"_s;
    QTest::newRow("503 empty") << 503 << QByteArray() << ErrorClass::Overloaded << u"HTTP 503 with an empty body"_s;
    QTest::newRow("error string") << 502 << R"({"error":"bad gateway"})"_ba << ErrorClass::ServerError
                                  << u"HTTP 502: bad gateway"_s;
    QTest::newRow("418") << 418 << "{\"message\":\"teapot\"}"_ba << ErrorClass::HttpOther << u"HTTP 418: teapot"_s;
    // 300 bytes cut back to a character boundary: 299 ASCII bytes and then a 2-byte character would cross it.
    QTest::newRow("long text") << 500 << QByteArray(299, 'x') + "\xC3\xA9tail"_ba << ErrorClass::ServerError
                               << u"HTTP 500: "_s + QString(299, u'x');
}

void TestChatResponseParser::errorBodies()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(ErrorClass, cls);
    QFETCH(QString, message);
    const ChatOutcome o = ChatResponseParser::parseError(status, body);
    QCOMPARE(o.error, cls);
    QCOMPARE(o.errorMessage, message);
}

void TestChatResponseParser::retryAfter_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<OptMs>("expected");
    QTest::newRow("seconds") << "120"_ba << OptMs(120000);
    QTest::newRow("zero") << "0"_ba << OptMs(0);
    QTest::newRow("spaces") << "  7 "_ba << OptMs(7000);
    QTest::newRow("fraction") << "1.5"_ba << OptMs(1500);
    QTest::newRow("fraction rounds up") << "0.0001"_ba << OptMs(1);
    QTest::newRow("ms exact") << "2.250"_ba << OptMs(2250);
    QTest::newRow("imf-fixdate") << "Wed, 10 Jun 2026 12:00:30 GMT"_ba << OptMs(30000);
    QTest::newRow("rfc 850") << "Wednesday, 10-Jun-26 12:01:00 GMT"_ba << OptMs(60000);
    QTest::newRow("asctime") << "Wed Jun 10 12:00:05 2026"_ba << OptMs(5000);
    QTest::newRow("asctime single-digit day") << "Mon Jun  1 12:00:00 2026"_ba << OptMs(0);
    QTest::newRow("date in the past") << "Wed, 10 Jun 2026 11:00:00 GMT"_ba << OptMs(0);
    QTest::newRow("empty") << QByteArray() << OptMs();
    QTest::newRow("negative") << "-5"_ba << OptMs();
    QTest::newRow("unit") << "5s"_ba << OptMs();
    QTest::newRow("dot only") << "5."_ba << OptMs();
    QTest::newRow("huge") << "99999999999999999999"_ba << OptMs();
    QTest::newRow("bad month") << "Wed, 10 Foo 2026 12:00:30 GMT"_ba << OptMs();
    QTest::newRow("not gmt") << "Wed, 10 Jun 2026 12:00:30 PST"_ba << OptMs();
    QTest::newRow("bad date") << "Wed, 31 Feb 2026 12:00:30 GMT"_ba << OptMs();
}

void TestChatResponseParser::retryAfter()
{
    QFETCH(QByteArray, header);
    QFETCH(OptMs, expected);
    const QDateTime now(QDate(2026, 6, 10), QTime(12, 0), Qt::UTC);
    QCOMPARE(ChatResponseParser::parseRetryAfterMs(header, now), expected);
}

QTEST_GUILESS_MAIN(TestChatResponseParser)
#include "tst_chatresponseparser.moc"
