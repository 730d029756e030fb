#include "api/ChatStreamAssembler.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tierlens;

namespace {
QByteArray readData(const QString& name)
{
    QFile f(QStringLiteral(TIERLENS_TEST_DATA) + u"/api/"_s + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open test data %s", qPrintable(f.fileName()));
    return f.readAll();
}

QString opt(const std::optional<qint64>& v)
{
    return v ? QString::number(*v) : u"?"_s;
}

// Every field of an outcome in one string, so a mismatch shows the whole picture.
QString describe(const ChatOutcome& o)
{
    QString s = u"error=%1 content=[%2] reasoning=[%3] finish=%4 usage=%5/%6/%7 hit=%8 miss=%9 reasoning_tokens=%10"_s
                    .arg(errorClassName(o.error), o.content, o.reasoning, o.finishReason, opt(o.usage.promptTokens),
                         opt(o.usage.completionTokens), opt(o.usage.totalTokens), opt(o.usage.cacheHitTokens),
                         opt(o.usage.cacheMissTokens))
                    .arg(opt(o.usage.reasoningTokens));
    for (const auto& c : o.toolCalls)
        s += u" tool=%1/%2/%3/%4"_s.arg(c.id, c.type, c.name, c.arguments);
    return s;
}

struct Run
{
    QString outcome;
    QString message;
    qint64 contentChunks = 0;
    qint64 reasoningChunks = 0;
    qint64 comments = 0;
    QVector<int> firstTokenFeeds; // indexes of the feeds that reported the milestone
    QVector<int> firstAnswerFeeds;
};

Run feedPieces(const QByteArray& data, const QVector<qsizetype>& cuts)
{
    ChatStreamAssembler a;
    Run run;
    qsizetype from = 0;
    QVector<qsizetype> bounds = cuts;
    bounds.append(data.size());
    for (int i = 0; i < bounds.size(); ++i) {
        const auto p = a.feed(data.constData() + from, bounds[i] - from);
        if (p.firstToken)
            run.firstTokenFeeds.append(i);
        if (p.firstAnswerToken)
            run.firstAnswerFeeds.append(i);
        from = bounds[i];
    }
    const ChatOutcome o = a.finish();
    run.outcome = describe(o);
    run.message = o.errorMessage;
    run.contentChunks = a.contentChunks();
    run.reasoningChunks = a.reasoningChunks();
    run.comments = a.sse().comments();
    return run;
}

// The byte whose arrival dispatches the event that holds `marker`: the end of the blank line after it.
qsizetype dispatchByte(const QByteArray& data, const QByteArray& marker)
{
    const qsizetype at = data.indexOf(marker);
    if (at < 0)
        return -1;
    if (data.contains("\r\n"))
        return data.indexOf("\r\n\r\n", at) + 2;
    if (data.contains('\r'))
        return data.indexOf("\r\r", at) + 1;
    return data.indexOf("\n\n", at) + 1;
}
} // namespace

class TestChatStreamAssembler : public QObject
{
    Q_OBJECT

private slots:
    void recordedStreams_data();
    void recordedStreams();
    void resetReusesAssembler();
    void notAChunk();
};

void TestChatStreamAssembler::recordedStreams_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("messagePart");
    QTest::addColumn<QByteArray>("firstTokenMarker");
    QTest::addColumn<QByteArray>("firstAnswerMarker");
    QTest::addColumn<int>("contentChunks");
    QTest::addColumn<int>("reasoningChunks");
    QTest::addColumn<int>("comments");

    QTest::newRow("thinking, usage on finish chunk, keep-alives")
        << u"thinking_usage_on_finish.sse"_s
        << u"error=none content=[17 × 3 = **51** — café ✓] reasoning=[The user asks for 17 × 3. 17×3 = 51.] "
           "finish=stop usage=27/58/85 hit=0 miss=27 reasoning_tokens=41"_s
        << QString() << "\"The user\""_ba
        << "\"content\":\"17\""_ba << 4 << 6 << 3;
    QTest::newRow("two parallel tool calls, trailing usage chunk")
        << u"tool_calls_parallel.sse"_s
        << u"error=none content=[] reasoning=[] finish=tool_calls usage=212/46/258 hit=192 miss=20 reasoning_tokens=? "
           "tool=call_00_wXq3Lk/function/get_weather/{\"city\": \"Paris\", \"unit\": \"c\"} "
           "tool=call_01_Zr8vPe/function/get_time/{\"tz\": \"Europe/Paris\"}"_s
        << QString() << "call_00_wXq3Lk"_ba
        << "call_00_wXq3Lk"_ba << 0 << 0 << 0;
    QTest::newRow("CRLF, OpenAI-subset usage in trailing chunk")
        << u"include_usage_crlf.sse"_s
        << u"error=none content=[Hello! How can I help you today?] reasoning=[] finish=stop usage=12/9/21 hit=8 miss=4 "
           "reasoning_tokens=?"_s
        << QString() << "\"Hello\""_ba
        << "\"Hello\""_ba << 4 << 0 << 0;
    QTest::newRow("CR endings, usage on finish chunk")
        << u"cr_endings.sse"_s
        << u"error=none content=[Short answer.] reasoning=[] finish=length usage=5/2/7 hit=? miss=? reasoning_tokens=?"_s
        << QString() << "\"Short\""_ba
        << "\"Short\""_ba << 2 << 0 << 0;
    QTest::newRow("truncated without [DONE]")
        << u"truncated.sse"_s
        << u"error=truncated content=[Part one, part two] reasoning=[] finish= usage=?/?/? hit=? miss=? "
           "reasoning_tokens=?"_s
        << u"middle of an event"_s << "\"Part one\""_ba
        << "\"Part one\""_ba << 2 << 0 << 0;
    QTest::newRow("malformed event, stream goes on")
        << u"malformed_event.sse"_s
        << u"error=malformed content=[Before after] reasoning=[] finish=stop usage=?/?/? hit=? miss=? "
           "reasoning_tokens=?"_s
        << u"SSE event 3: invalid JSON"_s << "\"Before\""_ba
        << "\"Before\""_ba << 2 << 0 << 0;
    QTest::newRow("unknown finish_reason, no usage")
        << u"unknown_finish_reason.sse"_s
        << u"error=none content=[Filtered?] reasoning=[] finish=safety_block usage=?/?/? hit=? miss=? "
           "reasoning_tokens=?"_s
        << QString() << "\"Filtered?\""_ba
        << "\"Filtered?\""_ba << 1 << 0 << 0;
    QTest::newRow("error event mid-stream")
        << u"error_event.sse"_s
        << u"error=overloaded content=[Partial] reasoning=[] finish= usage=?/?/? hit=? miss=? reasoning_tokens=?"_s
        << u"Server overloaded, please retry shortly (type: server_error, code: server_overloaded)"_s
        << "\"Partial\""_ba
        << "\"Partial\""_ba << 1 << 0 << 0;
}

void TestChatStreamAssembler::recordedStreams()
{
    QFETCH(QString, file);
    QFETCH(QString, expected);
    QFETCH(QString, messagePart);
    QFETCH(QByteArray, firstTokenMarker);
    QFETCH(QByteArray, firstAnswerMarker);
    QFETCH(int, contentChunks);
    QFETCH(int, reasoningChunks);
    QFETCH(int, comments);
    const QByteArray data = readData(file);

    const Run whole = feedPieces(data, {});
    QCOMPARE(whole.outcome, expected);
    if (messagePart.isEmpty())
        QVERIFY(whole.message.isEmpty());
    else
        QVERIFY2(whole.message.contains(messagePart), qPrintable(whole.message));
    QCOMPARE(whole.contentChunks, contentChunks);
    QCOMPARE(whole.reasoningChunks, reasoningChunks);
    QCOMPARE(whole.comments, comments);
    QCOMPARE(whole.firstTokenFeeds, QVector<int> { 0 });
    QCOMPARE(whole.firstAnswerFeeds, QVector<int> { 0 });

    // Byte by byte: the milestones fall on the byte that completes the event carrying them.
    QVector<qsizetype> everyByte;
    for (qsizetype i = 1; i < data.size(); ++i)
        everyByte.append(i);
    const Run bytes = feedPieces(data, everyByte);
    QCOMPARE(bytes.outcome, expected);
    QCOMPARE(bytes.message, whole.message);
    const qsizetype tokenAt = dispatchByte(data, firstTokenMarker);
    const qsizetype answerAt = dispatchByte(data, firstAnswerMarker);
    QVERIFY(tokenAt > 0 && answerAt >= tokenAt);
    QCOMPARE(bytes.firstTokenFeeds, QVector<int> { int(tokenAt) });
    QCOMPARE(bytes.firstAnswerFeeds, QVector<int> { int(answerAt) });

    for (qsizetype cut = 0; cut <= data.size(); ++cut) {
        const Run two = feedPieces(data, { cut });
        const QString where = u"cut at %1"_s.arg(cut);
        QVERIFY2(two.outcome == expected, qPrintable(where + u": "_s + two.outcome));
        QVERIFY2(two.message == whole.message, qPrintable(where + u": "_s + two.message));
        QVERIFY2(two.contentChunks == contentChunks && two.reasoningChunks == reasoningChunks, qPrintable(where));
        QCOMPARE(two.firstTokenFeeds, QVector<int> { tokenAt < cut ? 0 : 1 });
        QCOMPARE(two.firstAnswerFeeds, QVector<int> { answerAt < cut ? 0 : 1 });
    }
}

void TestChatStreamAssembler::resetReusesAssembler()
{
    ChatStreamAssembler a;
    a.feed(readData(u"error_event.sse"_s));
    QCOMPARE(a.finish().error, ErrorClass::Overloaded);
    a.reset();
    QVERIFY(!a.sawFirstToken());
    const auto p = a.feed(readData(u"cr_endings.sse"_s));
    QVERIFY(p.firstToken && p.firstAnswerToken);
    const ChatOutcome o = a.finish();
    QVERIFY(o.ok());
    QCOMPARE(o.content, u"Short answer."_s);
    QVERIFY(a.sawDone());
    QCOMPARE(a.contentChunks(), 2);
}

void TestChatStreamAssembler::notAChunk()
{
    const QByteArray tail = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"}}]}\n\ndata: [DONE]\n\n"_ba;
    const struct
    {
        QByteArray event;
        QString message;
    } cases[] = {
        { "data: [1,2]\n\n"_ba, u"not a JSON object"_s },
        { "data: {\"id\":\"x\"}\n\n"_ba, u"neither \"choices\" nor \"usage\""_s },
        { "data: {\"choices\":{}}\n\n"_ba, u"\"choices\" is not an array"_s },
        { "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":5}}]}\n\n"_ba, u"delta.content is not a string"_s },
        { "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":\"a\"}]}}]}\n\n"_ba,
          u"integer index"_s },
        { "data: not json\n\n"_ba, u"invalid JSON"_s },
    };
    for (const auto& c : cases) {
        ChatStreamAssembler a;
        a.feed(QByteArray(c.event + tail));
        const ChatOutcome o = a.finish();
        QCOMPARE(o.error, ErrorClass::Malformed);
        QVERIFY2(o.errorMessage.startsWith(u"SSE event 1: "_s) && o.errorMessage.contains(c.message),
                 qPrintable(o.errorMessage));
        QCOMPARE(o.content, u"ok"_s); // what arrived after the bad event is still kept
    }

    // Other choices than index 0 (n > 1) are not mixed into the answer.
    ChatStreamAssembler a;
    a.feed(QByteArray("data: {\"choices\":[{\"index\":1,\"delta\":{\"content\":\"other\"}}]}\n\n"_ba + tail));
    const ChatOutcome o = a.finish();
    QVERIFY(o.ok());
    QCOMPARE(o.content, u"ok"_s);
}

QTEST_GUILESS_MAIN(TestChatStreamAssembler)
#include "tst_chatstreamassembler.moc"
