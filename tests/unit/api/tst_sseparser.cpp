#include "api/SseParser.h"

#include <QStringList>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tierlens;

namespace {
// Writes every callback as one line so that runs with different piece boundaries compare as strings.
class Recorder : public SseParser::Handler
{
public:
    QStringList log;
    void onEvent(const SseEvent& e) override
    {
        log << u"event type=%1 id=%2 data=%3"_s.arg(QString::fromUtf8(e.type), QString::fromUtf8(e.lastEventId),
                                                    QString::fromUtf8(e.data));
    }
    void onComment(QByteArrayView text) override { log << u"comment "_s + QString::fromUtf8(text); }
};

QStringList parseWhole(const QByteArray& bytes, bool* discarded = nullptr)
{
    SseParser p;
    Recorder r;
    p.feed(bytes, r);
    const bool d = p.finish();
    if (discarded)
        *discarded = d;
    return r.log;
}
} // namespace

class TestSseParser : public QObject
{
    Q_OBJECT

private slots:
    void framing_data();
    void framing();
    void crAtPieceEndThenLf();
    void unterminatedEventIsDiscarded();
    void retryField();
    void countersAndReset();
};

void TestSseParser::framing_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("lf") << "data: a\n\ndata: b\n\n"_ba
                        << QStringList { u"event type=message id= data=a"_s, u"event type=message id= data=b"_s };
    QTest::newRow("crlf") << "data: a\r\n\r\ndata: b\r\n\r\n"_ba
                          << QStringList { u"event type=message id= data=a"_s, u"event type=message id= data=b"_s };
    QTest::newRow("cr") << "data: a\r\rdata: b\r\r"_ba
                        << QStringList { u"event type=message id= data=a"_s, u"event type=message id= data=b"_s };
    QTest::newRow("mixed endings") << "data: a\rdata: b\r\ndata: c\n\r\n"_ba
                                   << QStringList { u"event type=message id= data=a\nb\nc"_s };
    QTest::newRow("multi-line data") << "data: line 1\ndata: line 2\ndata:\n\n"_ba
                                     << QStringList { u"event type=message id= data=line 1\nline 2\n"_s };
    QTest::newRow("one space stripped") << "data:  two spaces\ndata:none\n\n"_ba
                                        << QStringList { u"event type=message id= data= two spaces\nnone"_s };
    QTest::newRow("field without colon") << "data\n\n"_ba << QStringList { u"event type=message id= data="_s };
    QTest::newRow("no data, no event") << "event: ping\n\nid: 7\n\n"_ba << QStringList {};
    QTest::newRow("event type resets") << "event: error\ndata: x\n\ndata: y\n\n"_ba
                                       << QStringList { u"event type=error id= data=x"_s,
                                                        u"event type=message id= data=y"_s };
    QTest::newRow("id persists") << "id: 41\ndata: x\n\ndata: y\n\nid\ndata: z\n\n"_ba
                                 << QStringList { u"event type=message id=41 data=x"_s,
                                                  u"event type=message id=41 data=y"_s,
                                                  u"event type=message id= data=z"_s };
    QTest::newRow("id with NUL ignored") << QByteArray("id: 5\ndata: x\n\nid: a\0b\ndata: y\n\n", 32)
                                         << QStringList { u"event type=message id=5 data=x"_s,
                                                          u"event type=message id=5 data=y"_s };
    QTest::newRow("comments") << ": keep-alive\n\n:\n:no space\ndata: x\n: inside\n\n"_ba
                              << QStringList { u"comment keep-alive"_s, u"comment "_s, u"comment no space"_s,
                                               u"comment inside"_s, u"event type=message id= data=x"_s };
    QTest::newRow("unknown fields ignored")
        << "foo: bar\ndata: x\nDATA: y\n\n"_ba << QStringList { u"event type=message id= data=x"_s };
    QTest::newRow("colon in value") << "data: {\"a\":\"b: c\"}\n\n"_ba
                                    << QStringList { u"event type=message id= data={\"a\":\"b: c\"}"_s };
    QTest::newRow("bom stripped") << "\xEF\xBB\xBF"
                                     "data: x\n\n"_ba
                                  << QStringList { u"event type=message id= data=x"_s };
    QTest::newRow("partial bom kept") << "\xEF\xBB"
                                         "data: x\n\ndata: y\n\n"_ba
                                      << QStringList { u"event type=message id= data=y"_s };
    QTest::newRow("second bom is data") << "\xEF\xBB\xBF"
                                           "\xEF\xBB\xBF"
                                           "data: x\n\n"_ba
                                        << QStringList {};
    QTest::newRow("utf8") << "data: caf\xC3\xA9 \xE2\x9C\x93\n\n"_ba
                          << QStringList { u"event type=message id= data=caf\u00e9 \u2713"_s };
}

void TestSseParser::framing()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, expected);

    QCOMPARE(parseWhole(input), expected);

    // Every way of cutting the stream in two, and byte by byte, gives the same callbacks.
    for (qsizetype cut = 0; cut <= input.size(); ++cut) {
        SseParser p;
        Recorder r;
        p.feed(input.constData(), cut, r);
        p.feed(input.constData() + cut, input.size() - cut, r);
        p.finish();
        QVERIFY2(r.log == expected, qPrintable(u"cut at %1: %2"_s.arg(cut).arg(r.log.join(u" | "_s))));
    }
    SseParser p;
    Recorder r;
    for (qsizetype i = 0; i < input.size(); ++i)
        p.feed(input.constData() + i, 1, r);
    p.finish();
    QCOMPARE(r.log, expected);
}

void TestSseParser::crAtPieceEndThenLf()
{
    // A CR ending one piece and the LF starting the next are one line ending, not an extra blank line.
    SseParser p;
    Recorder r;
    p.feed("data: a\r"_ba, r);
    QCOMPARE(r.log.size(), 0);
    p.feed("\ndata: b\r"_ba, r);
    p.feed("\n"_ba, r);
    QCOMPARE(r.log.size(), 0);
    p.feed("\r"_ba, r);
    p.feed("\n"_ba, r); // belongs to the blank line's CR: no second dispatch
    QCOMPARE(r.log, QStringList { u"event type=message id= data=a\nb"_s });
    QCOMPARE(p.events(), 1);
}

void TestSseParser::unterminatedEventIsDiscarded()
{
    bool discarded = false;
    QCOMPARE(parseWhole("data: a\n\ndata: b\n"_ba, &discarded), QStringList { u"event type=message id= data=a"_s });
    QVERIFY(discarded);
    QCOMPARE(parseWhole("data: a\n\ndata: [DONE]"_ba, &discarded), QStringList { u"event type=message id= data=a"_s });
    QVERIFY(discarded);
    QCOMPARE(parseWhole("data: a\n\n"_ba, &discarded), QStringList { u"event type=message id= data=a"_s });
    QVERIFY(!discarded);

    // After finish() the parser reads a new stream from a clean state.
    SseParser p;
    Recorder r;
    p.feed("data: stale"_ba, r);
    QVERIFY(p.finish());
    p.feed("data: fresh\n\n"_ba, r);
    QCOMPARE(r.log, QStringList { u"event type=message id= data=fresh"_s });
}

void TestSseParser::retryField()
{
    SseParser p;
    Recorder r;
    QVERIFY(!p.retryMs().has_value());
    p.feed("retry: 2500\n\n"_ba, r);
    QCOMPARE(p.retryMs(), std::optional<qint64>(2500));
    p.feed("retry: 12x\nretry: -1\nretry:\nretry: 99999999999999999999999\n\n"_ba, r);
    QCOMPARE(p.retryMs(), std::optional<qint64>(2500));
    QVERIFY(r.log.isEmpty());
}

void TestSseParser::countersAndReset()
{
    SseParser p;
    Recorder r;
    p.feed(": ka\n\n: ka\n\ndata: 1\n\ndata: 2\n\nid: 9\ndata: 3\n\n"_ba, r);
    QCOMPARE(p.events(), 3);
    QCOMPARE(p.comments(), 2);
    QCOMPARE(p.bytes(), 45);
    QCOMPARE(p.lastEventId(), QByteArrayView("9"));
    p.reset();
    QCOMPARE(p.events(), 0);
    QCOMPARE(p.comments(), 0);
    QCOMPARE(p.bytes(), 0);
    QVERIFY(p.lastEventId().isEmpty());
}

QTEST_GUILESS_MAIN(TestSseParser)
#include "tst_sseparser.moc"
