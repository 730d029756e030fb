// CurlTransport against a server the test holds in its hand (a QTcpServer on the test's thread that answers only
// when told): slot groups start the next request as one ends, requests waiting for a slot are taken back without
// ever reaching the server, and the hand-over delay holds answers back but never a failure.

#include "transport/CurlTransport.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace tierlens;

namespace {

// Keeps every request open until answer() is called for it.
class HeldServer : public QObject
{
public:
    HeldServer()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    QByteArray url() const
    {
        return "http://127.0.0.1:" + QByteArray::number(m_server.serverPort()) + "/v1/chat/completions";
    }
    // Requests whose whole body has arrived and that have no answer yet, oldest first: their bodies.
    QList<QByteArray> held() const
    {
        QList<QByteArray> out;
        for (const Held& h : m_held)
            out.append(h.body);
        return out;
    }
    int received() const { return m_received; }
    // Answers the oldest held request whose body is `body`.
    void answer(const QByteArray& body, int status = 200)
    {
        for (auto it = m_held.begin(); it != m_held.end(); ++it) {
            if (it->body != body)
                continue;
            const QByteArray json = status == 200
                ? R"({"id":"x","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}})"_ba
                : R"({"error":{"message":"scripted"}})"_ba;
            it->socket->write("HTTP/1.1 " + QByteArray::number(status)
                              + " X\r\nContent-Type: application/json\r\n"
                                "Content-Length: "
                              + QByteArray::number(json.size()) + "\r\n\r\n" + json);
            m_held.erase(it);
            return;
        }
        QFAIL(qPrintable(u"no held request with body "_s + QString::fromUtf8(body)));
    }

private:
    struct Held
    {
        QTcpSocket* socket;
        QByteArray body;
    };
    void read(QTcpSocket* socket)
    {
        QByteArray& buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QByteArray head = buffer.left(end).toLower();
            const qsizetype at = head.indexOf("content-length:");
            const qsizetype length
                = at < 0 ? 0 : head.mid(at + 15, head.indexOf('\r', at) - at - 15).trimmed().toLongLong();
            if (buffer.size() < end + 4 + length)
                return;
            m_held.push_back(Held { socket, buffer.mid(end + 4, length) });
            ++m_received;
            buffer.remove(0, end + 4 + length);
        }
    }
    QTcpServer m_server;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    std::vector<Held> m_held;
    int m_received = 0;
};

HttpRequest request(const HeldServer& server, quint64 tag, int group, int limit)
{
    HttpRequest r;
    r.tag = tag;
    r.url = server.url();
    r.body = "request " + QByteArray::number(tag);
    r.stream = false;
    r.slotGroup = group;
    r.slotLimit = limit;
    return r;
}

// Every exchange reported so far, by tag.
struct Reports
{
    explicit Reports(CurlTransport& t)
    {
        QObject::connect(&t, &Transport::exchangesFinished, &t, [this](const QVector<HttpExchange>& batch) {
            for (const HttpExchange& e : batch)
                byTag.insert(e.tag, e);
        });
    }
    QHash<quint64, HttpExchange> byTag;
};

} // namespace

class TestCurlTransport : public QObject
{
    Q_OBJECT

private slots:
    // Five requests of one group with two slots: two reach the server; each answer lets the next one out, without
    // anything submitted in between.
    void aGroupHasAtMostItsLimitOpen()
    {
        HeldServer server;
        CurlTransport transport;
        Reports reports(transport);
        QVector<HttpRequest> batch;
        for (quint64 tag = 1; tag <= 5; ++tag)
            batch.append(request(server, tag, 0, 2));
        batch.append(request(server, 6, -1, 0)); // no group: starts at once
        transport.submit(batch);
        QTRY_COMPARE(server.received(), 3);
        QTest::qWait(200);
        QCOMPARE(server.received(), 3); // the other three wait in the transport
        QCOMPARE(transport.inFlight(), 6);
        server.answer("request 1");
        QTRY_COMPARE(server.received(), 4);
        QList<QByteArray> held = server.held();
        std::sort(held.begin(), held.end());
        QCOMPARE(held, (QList<QByteArray> { "request 2", "request 3", "request 6" }));
        server.answer("request 2");
        server.answer("request 3");
        QTRY_COMPARE(server.received(), 6);
        server.answer("request 4");
        server.answer("request 5");
        server.answer("request 6");
        QTRY_COMPARE(reports.byTag.size(), 6);
        for (const HttpExchange& e : std::as_const(reports.byTag)) {
            QCOMPARE(e.httpStatus, 200);
            QVERIFY(!e.withdrawn);
            QVERIFY(e.sentNs > 0);
        }
        QCOMPARE(transport.inFlight(), 0);
    }

    // Taken back while waiting: reported withdrawn (never sent), and the server never hears of them. The open ones
    // go on; cancelling an open one frees its slot for what still waits.
    void waitingRequestsAreWithdrawnUnsent()
    {
        HeldServer server;
        CurlTransport transport;
        Reports reports(transport);
        QVector<HttpRequest> batch;
        for (quint64 tag = 1; tag <= 6; ++tag)
            batch.append(request(server, tag, 7, 1));
        transport.submit(batch);
        QTRY_COMPARE(server.received(), 1);
        transport.cancel(4); // waiting: withdrawn at once
        QTRY_VERIFY(reports.byTag.contains(4));
        QVERIFY(reports.byTag[4].withdrawn);
        QCOMPARE(reports.byTag[4].outcome.error, ErrorClass::Cancelled);
        QCOMPARE(reports.byTag[4].sentNs, 0);
        transport.cancel(1); // open: cancelled, and request 2 takes the slot
        QTRY_COMPARE(server.received(), 2);
        QTRY_VERIFY(reports.byTag.contains(1));
        QVERIFY(!reports.byTag[1].withdrawn);
        QVERIFY(reports.byTag[1].sentNs > 0);
        transport.withdrawWaiting(); // 3, 5 and 6
        QTRY_COMPARE(reports.byTag.size(), 5);
        for (quint64 tag : { 3, 5, 6 })
            QVERIFY2(reports.byTag.value(tag).withdrawn, qPrintable(QString::number(tag)));
        server.answer("request 2");
        QTRY_COMPARE(reports.byTag.size(), 6);
        QCOMPARE(reports.byTag[2].httpStatus, 200);
        QTest::qWait(200);
        QCOMPARE(server.received(), 2); // nothing withdrawn went out
        QCOMPARE(transport.inFlight(), 0);
    }

    // A refused key (401) holds the group: what waits would be refused too, so nothing more goes out until the caller
    // submits to the group again (or takes the waiting ones back).
    void aRefusedKeyHoldsTheGroup()
    {
        HeldServer server;
        CurlTransport transport;
        Reports reports(transport);
        transport.submit({ request(server, 1, 3, 1), request(server, 2, 3, 1), request(server, 3, 3, 1) });
        QTRY_COMPARE(server.received(), 1);
        server.answer("request 1", 401);
        QTRY_VERIFY(reports.byTag.contains(1));
        QCOMPARE(reports.byTag[1].outcome.error, ErrorClass::Auth);
        QTest::qWait(200);
        QCOMPARE(server.received(), 1); // held
        transport.submit({ request(server, 4, 3, 1) }); // the caller goes on: the group does too, in order
        QTRY_COMPARE(server.received(), 2);
        QCOMPARE(server.held(), QList<QByteArray> { "request 2" });
        transport.cancelAll();
        QTRY_COMPARE(reports.byTag.size(), 4);
        QCOMPARE(transport.inFlight(), 0);
    }

    // With a hand-over delay, answers that went well arrive no earlier than the delay after the first of them; a
    // failure goes at once, taking the held answers with it.
    void theHandOverDelayHoldsAnswersButNotFailures()
    {
        HeldServer server;
        CurlTransport transport;
        transport.setHandoverDelayMs(400);
        Reports reports(transport);
        transport.submit({ request(server, 1, -1, 0), request(server, 2, -1, 0), request(server, 3, -1, 0) });
        QTRY_COMPARE(server.received(), 3);
        QElapsedTimer sinceAnswer;
        sinceAnswer.start();
        server.answer("request 1");
        QTRY_VERIFY_WITH_TIMEOUT(reports.byTag.contains(1), 5000);
        QVERIFY2(sinceAnswer.elapsed() >= 390, qPrintable(QString::number(sinceAnswer.elapsed())));

        transport.setHandoverDelayMs(60000);
        server.answer("request 2");
        QTest::qWait(100);
        QVERIFY(!reports.byTag.contains(2)); // held: a minute's delay
        server.answer("request 3", 500);
        QTRY_VERIFY_WITH_TIMEOUT(reports.byTag.contains(3), 30000); // long before the minute is up
        QVERIFY(reports.byTag.contains(2));
        QCOMPARE(reports.byTag[3].httpStatus, 500);
        QCOMPARE(reports.byTag[2].httpStatus, 200);
    }
};

QTEST_GUILESS_MAIN(TestCurlTransport)
#include "tst_curltransport.moc"
