// HttpResponseReader: where a response ends, whatever pieces its bytes arrive in, and what it says when the bytes
// are not HTTP.
#include "http/HttpResponseReader.h"

#include <QTest>

using namespace tierlens;

namespace {

struct Read
{
    HttpResponseReader::Status status = HttpResponseReader::Status::NeedMore;
    QByteArray body;
    qsizetype consumed = 0; // of all the bytes given, up to the response's end
};

// Feeds the bytes in pieces of `piece` bytes (0: at once) until the response completes or fails.
Read readInPieces(HttpResponseReader& reader, const QByteArray& bytes, qsizetype piece)
{
    Read r;
    const qsizetype step = piece > 0 ? piece : bytes.size();
    for (qsizetype at = 0; at < bytes.size(); at += step) {
        qsizetype used = 0;
        r.status = reader.feed(
            QByteArrayView(bytes).sliced(at, std::min(step, bytes.size() - at)),
            [&r](QByteArrayView b) { r.body += b.toByteArray(); }, &used);
        r.consumed += used;
        if (r.status != HttpResponseReader::Status::NeedMore)
            break;
    }
    return r;
}

const QByteArray kChunked = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                            "f\r\ndata: {\"a\":1}\n\n\r\n"
                            "7;ext=1\r\ndata: [\r\n"
                            "6\r\nDONE]\n\r\n"
                            "0\r\nX-Trailer: yes\r\n\r\n";

} // namespace

class TestHttpResponseReader : public QObject
{
    Q_OBJECT

private slots:
    void chunkedInEveryPieceSize()
    {
        for (qsizetype piece :
             { qsizetype(0), qsizetype(1), qsizetype(2), qsizetype(3), qsizetype(7), qsizetype(64) }) {
            HttpResponseReader reader;
            const Read r = readInPieces(reader, kChunked + "HTTP/1.1 200 OK\r\n", piece);
            QCOMPARE(r.status, HttpResponseReader::Status::Complete);
            QCOMPARE(r.body, QByteArray("data: {\"a\":1}\n\ndata: [DONE]\n"));
            QCOMPARE(r.consumed, kChunked.size()); // the next response's bytes are left
            QCOMPARE(reader.status(), 200);
            QCOMPARE(reader.header("content-type"), QByteArray("text/event-stream"));
            QVERIFY(reader.keepAlive());
        }
    }

    void contentLengthEndsTheBody()
    {
        const QByteArray bytes = "HTTP/1.1 429 Too Many\r\nRetry-After: 3\r\nContent-Length: 5\r\n\r\nhelloEXTRA";
        HttpResponseReader reader;
        const Read r = readInPieces(reader, bytes, 4);
        QCOMPARE(r.status, HttpResponseReader::Status::Complete);
        QCOMPARE(r.body, QByteArray("hello"));
        QCOMPARE(reader.status(), 429);
        QCOMPARE(reader.header("retry-after"), QByteArray("3"));
    }

    void bodyWithoutLengthRunsToTheClose()
    {
        HttpResponseReader reader;
        const Read r = readInPieces(reader, "HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{\"x\":", 0);
        QCOMPARE(r.status, HttpResponseReader::Status::NeedMore);
        QVERIFY(!reader.keepAlive());
        QCOMPARE(reader.closed(), HttpResponseReader::Status::Complete);
        QCOMPARE(r.body, QByteArray("{\"x\":"));
    }

    void interimResponsesAreSkipped()
    {
        HttpResponseReader reader;
        const Read r = readInPieces(reader, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n", 5);
        QCOMPARE(r.status, HttpResponseReader::Status::Complete);
        QCOMPARE(reader.status(), 204);
        QVERIFY(r.body.isEmpty());
    }

    void headEndsAtTheFirstEmptyLineWhateverItsEnding()
    {
        const QByteArray bytes = "HTTP/1.1 200 OK\nContent-Length: 8\n\nab\r\n\r\ncd";
        for (qsizetype piece : { qsizetype(0), qsizetype(1), qsizetype(5) }) {
            HttpResponseReader reader;
            const Read r = readInPieces(reader, bytes, piece);
            QCOMPARE(r.status, HttpResponseReader::Status::Complete);
            QCOMPARE(r.body, QByteArray("ab\r\n\r\ncd"));
        }
    }

    void headAnswerHasNoBody()
    {
        HttpResponseReader reader;
        reader.reset(true);
        const Read r = readInPieces(reader, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", 0);
        QCOMPARE(r.status, HttpResponseReader::Status::Complete);
    }

    void cutShortIsAnError()
    {
        HttpResponseReader reader;
        const Read r = readInPieces(reader, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", 0);
        QCOMPARE(r.status, HttpResponseReader::Status::NeedMore);
        QCOMPARE(reader.closed(), HttpResponseReader::Status::Error);
        QVERIFY2(reader.errorMessage().contains("after 3 bytes"), reader.errorMessage().constData());
    }

    void notHttpSaysWhat_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("says");
        QTest::newRow("not a status line") << QByteArray("SSH-2.0-OpenSSH\r\n\r\n") << QByteArray("not an HTTP/1.x");
        QTest::newRow("bad chunk size") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
                                        << QByteArray("hexadecimal");
        QTest::newRow("chunk longer than said")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n")
            << QByteArray("longer than its size");
        QTest::newRow("bad length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: -4\r\n\r\n")
                                    << QByteArray("Content-Length");
        QTest::newRow("endless headers") << QByteArray("HTTP/1.1 200 OK\r\n") + QByteArray(70 * 1024, 'x')
                                         << QByteArray("64 KiB");
    }

    void notHttpSaysWhat()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, says);
        HttpResponseReader reader;
        const Read r = readInPieces(reader, bytes, 0);
        QCOMPARE(r.status, HttpResponseReader::Status::Error);
        QVERIFY2(reader.errorMessage().contains(says), reader.errorMessage().constData());
        // Once failed, it stays failed.
        qsizetype used = 0;
        QCOMPARE(reader.feed(
                     "more", [](QByteArrayView) {}, &used),
                 HttpResponseReader::Status::Error);
    }
};

QTEST_APPLESS_MAIN(TestHttpResponseReader)
#include "tst_httpresponsereader.moc"
