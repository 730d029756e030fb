// The run engine in-process, with the server's side scripted (ScriptedTransport) and time moved by hand
// (ManualClock): caps and their opening on the first 2xx, Retry-After and backoff to the millisecond, pause,
// cancel and resume, a refused key that stops the run after one request, and the client lag written with the run.
// Each case runs in milliseconds; tierlens-sim covers the same paths over real HTTP in the integration tests.

#include "engine/RunEngine.h"
#include "pricing/PriceBookRegistry.h"
#include "store/Store.h"
#include "transport/SlotQueues.h"
#include "transport/Transport.h"
#include "util/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <map>

using namespace Qt::StringLiterals;
using namespace tierlens;

namespace {

// Requests stay open until the test answers them; every exchange is stamped with the manual clock. Slots work as
// CurlTransport's do (SlotQueues): beyond a group's limit a request waits, and starts as one of its group ends.
class ScriptedTransport : public Transport
{
public:
    explicit ScriptedTransport(ManualClock& clock)
        : m_clock(clock)
    { }

    struct Open
    {
        HttpRequest request;
        std::int64_t sentNs = 0;
        QString model() const { return QJsonDocument::fromJson(request.body).object().value(u"model"_s).toString(); }
    };

    void submit(QVector<HttpRequest> requests) override
    {
        std::vector<HttpRequest> startNow;
        for (HttpRequest& r : requests) {
            ++m_handed[modelOf(r)];
            m_slots.add(std::move(r), &startNow);
        }
        start(startNow);
    }
    void cancel(quint64 tag) override
    {
        std::vector<HttpRequest> withdrawn;
        if (!m_slots.withdraw(tag, &withdrawn))
            cancelWhere([tag](const Open& o) { return o.request.tag == tag; });
        reportWithdrawn(withdrawn);
    }
    void cancelAll() override
    {
        withdrawWaiting();
        cancelWhere([](const Open&) { return true; });
    }
    void withdrawWaiting() override
    {
        std::vector<HttpRequest> withdrawn;
        m_slots.withdrawAll(&withdrawn);
        reportWithdrawn(withdrawn);
    }
    int inFlight() const override { return int(m_open.size()) + m_slots.waiting(); }
    LoopStats loopStats() const override { return m_loop; }

    // What the test sees and does.
    int openOf(const QString& model) const
    {
        return int(std::count_if(m_open.cbegin(), m_open.cend(), [&](const Open& o) { return o.model() == model; }));
    }
    int sent(const QString& model) const { return m_sent.count(model) ? m_sent.at(model) : 0; }
    // Handed to the transport, whether sent or still waiting for a slot.
    int handed(const QString& model) const { return m_handed.count(model) ? m_handed.at(model) : 0; }
    int waiting() const { return m_slots.waiting(); }
    int peak(const QString& model) const { return m_peak.count(model) ? m_peak.at(model) : 0; }
    int totalSent() const
    {
        int n = 0;
        for (const auto& [model, count] : m_sent)
            n += count;
        return n;
    }
    const std::vector<Open>& open() const { return m_open; }
    void setLoopStats(LoopStats s) { m_loop = s; }
    // The headers of the model's oldest open request, with this status.
    void headers(const QString& model, int status)
    {
        for (const Open& o : m_open) {
            if (o.model() == model) {
                emit statusesReceived({ HttpStatus { o.request.tag, status } });
                return;
            }
        }
        QFAIL("no open request of that model");
    }
    // Answers the model's oldest open request: 200 with an answer, or an error with its status.
    void answer(const QString& model, ErrorClass error = ErrorClass::None, int status = 200,
                const QByteArray& retryAfter = {})
    {
        const auto it = std::find_if(m_open.begin(), m_open.end(), [&](const Open& o) { return o.model() == model; });
        QVERIFY2(it != m_open.end(), qPrintable(u"no open request of "_s + model));
        HttpExchange ex;
        ex.tag = it->request.tag;
        ex.httpStatus = status;
        ex.sentNs = it->sentNs;
        ex.headersNs = ex.firstTokenNs = ex.firstAnswerNs = ex.doneNs = m_clock.monotonicNs();
        ex.retryAfter = retryAfter;
        ex.outcome.error = error;
        if (error == ErrorClass::None) {
            ex.outcome.content = u"an answer from "_s + model;
            ex.outcome.finishReason = u"stop"_s;
            ex.outcome.usage.promptTokens = 10;
            ex.outcome.usage.completionTokens = 5;
            ex.outcome.usage.totalTokens = 15;
        } else {
            ex.outcome.errorMessage = u"scripted %1"_s.arg(status);
        }
        const int group = it->request.slotGroup;
        m_open.erase(it);
        emit exchangesFinished({ ex });
        std::vector<HttpRequest> startNow;
        m_slots.ended(group, error, &startNow);
        start(startNow);
    }

private:
    static QString modelOf(const HttpRequest& r)
    {
        return QJsonDocument::fromJson(r.body).object().value(u"model"_s).toString();
    }
    void start(std::vector<HttpRequest>& requests)
    {
        for (HttpRequest& r : requests) {
            Open o { std::move(r), m_clock.monotonicNs() };
            const QString model = o.model();
            m_open.push_back(std::move(o));
            ++m_sent[model];
            m_peak[model] = std::max(m_peak[model], openOf(model));
        }
    }
    void reportWithdrawn(const std::vector<HttpRequest>& withdrawn)
    {
        QVector<HttpExchange> out;
        for (const HttpRequest& r : withdrawn)
            out.append(withdrawnExchange(r));
        if (!out.isEmpty())
            QTimer::singleShot(0, this, [this, out] { emit exchangesFinished(out); });
    }
    template <typename Pred> void cancelWhere(Pred pred)
    {
        // Reported later, from the event loop, as CurlTransport's network thread does. A cancelled request frees
        // its slot: what waits for it starts.
        QVector<HttpExchange> cancelled;
        std::vector<HttpRequest> startNow;
        for (auto it = m_open.begin(); it != m_open.end();) {
            if (!pred(*it)) {
                ++it;
                continue;
            }
            HttpExchange ex;
            ex.tag = it->request.tag;
            ex.sentNs = it->sentNs;
            ex.doneNs = m_clock.monotonicNs();
            ex.outcome.error = ErrorClass::Cancelled;
            cancelled.append(ex);
            m_slots.ended(it->request.slotGroup, ErrorClass::Cancelled, &startNow);
            it = m_open.erase(it);
        }
        start(startNow);
        if (!cancelled.isEmpty())
            QTimer::singleShot(0, this, [this, cancelled] { emit exchangesFinished(cancelled); });
    }

    ManualClock& m_clock;
    std::vector<Open> m_open;
    SlotQueues m_slots;
    std::map<QString, int> m_sent, m_peak, m_handed;
    LoopStats m_loop;
};

// An engine on a stored run with the scripted server in front of it, on a manual clock of its own.
struct Session
{
    explicit Session(Store& store)
        : net(clock)
        , engine(store, clock, net)
        , finished(&engine, &RunEngine::finished)
    { }
    // Empty when the run started, else why not.
    QString start(qint64 runId)
    {
        QString error;
        return engine.start(runId, &error) ? QString() : error;
    }
    bool ended() { return finished.size() == 1 || finished.wait(5000); }
    QString status() const { return finished.constFirst().at(1).toString(); }
    QString message() const { return finished.constFirst().at(2).toString(); }

    ManualClock clock { QDateTime(QDate(2026, 6, 1), QTime(9, 0), Qt::UTC) };
    ScriptedTransport net;
    RunEngine engine;
    QSignalSpy finished;
};

} // namespace

class TestRunEngine : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    PriceBookRegistry m_prices;
    int m_dbCount = 0;

    std::unique_ptr<Store> newStore()
    {
        QString error;
        auto store = Store::open(m_dir.filePath(u"engine-%1.db"_s.arg(++m_dbCount)), &error);
        if (!store)
            qFatal("%s", qPrintable(error));
        return store;
    }

    // A run of `prompts` one-turn prompts against the given models (label = model id) and caps.
    qint64 createRun(Store& store, int prompts, const QVector<std::pair<QString, int>>& models,
                     const RetrySettings& retry = {})
    {
        PromptSet set;
        set.name = u"engine"_s;
        set.sourcePath = u"/engine.jsonl"_s;
        set.sourceSha256 = QString::number(prompts);
        for (int i = 0; i < prompts; ++i) {
            Prompt p;
            p.id = u"p%1"_s.arg(i);
            p.category = u"general"_s;
            p.messages = QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"q%1"_s.arg(i) } } };
            set.prompts.append(p);
        }
        RunConfig config;
        for (const auto& [label, cap] : models) {
            ModelConfig m;
            m.label = label;
            m.modelId = label;
            m.baseUrl = u"http://127.0.0.1:9/v1"_s; // never dialled: the scripted transport answers
            m.apiKeyEnv.clear();
            m.concurrency = cap;
            m.options.stream = false;
            config.models.append(m);
        }
        config.retry = retry;
        QString error;
        const auto id = RunEngine::createRun(store, set, config, m_prices, &error);
        if (!id)
            qFatal("%s", qPrintable(error));
        return *id;
    }

    static qint64 results(Store& store, qint64 runId) { return store.loadRun(runId)->resultCount; }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_prices.loadBundled(&error), qPrintable(error));
    }

    // One request per model until the server accepts one (2xx headers), then the cap, never more.
    void capsOpenOnTheFirstAcceptedRequestAndHold()
    {
        auto store = newStore();
        const qint64 run = createRun(*store, 20, { { u"flash"_s, 3 }, { u"pro"_s, 2 } });
        Session s(*store);
        QCOMPARE(s.start(run), QString());
        QCOMPARE(s.net.openOf(u"flash"_s), 1);
        QCOMPARE(s.net.openOf(u"pro"_s), 1);
        QCOMPARE(s.net.waiting(), 0); // nothing waits behind an unopened model's one request
        s.net.headers(u"flash"_s, 200);
        QCOMPARE(s.net.openOf(u"flash"_s), 3);
        // A cap's worth more waits in the transport, to start as answers end without a round trip to the engine.
        QCOMPARE(s.net.handed(u"flash"_s), 6);
        QCOMPARE(s.engine.progress().models.at(0).inFlight, 3); // what is open, not what waits
        QCOMPARE(s.net.openOf(u"pro"_s), 1); // pro's server has not said yes yet
        s.net.answer(u"pro"_s); // a whole answer opens it too
        QCOMPARE(s.net.openOf(u"pro"_s), 2);
        QCOMPARE(s.net.handed(u"pro"_s), 5); // the answered one, then two open and two waiting
        while (!s.net.open().empty()) {
            s.net.answer(s.net.open().front().model());
            s.clock.advanceMs(3);
        }
        QVERIFY(s.ended());
        QCOMPARE(s.status(), u"completed"_s);
        QCOMPARE(s.net.peak(u"flash"_s), 3);
        QCOMPARE(s.net.peak(u"pro"_s), 2);
        QCOMPARE(s.net.totalSent(), 40);
        QCOMPARE(results(*store, run), 40);
    }

    // Retry-After: 2 s on the manual clock, not a millisecond earlier.
    void retryAfterIsHonouredToTheMillisecond()
    {
        auto store = newStore();
        const qint64 run = createRun(*store, 1, { { u"flash"_s, 1 } });
        Session s(*store);
        QCOMPARE(s.start(run), QString());
        s.net.answer(u"flash"_s, ErrorClass::RateLimited, 429, "2");
        QTest::qWait(100); // the engine checks its wait each millisecond of real time: many checks
        QCOMPARE(s.net.sent(u"flash"_s), 1);
        s.clock.advanceMs(1999);
        QTest::qWait(100);
        QCOMPARE(s.net.sent(u"flash"_s), 1);
        s.clock.advanceMs(1);
        QTRY_COMPARE_WITH_TIMEOUT(s.net.sent(u"flash"_s), 2, 2000);
        s.net.answer(u"flash"_s);
        QVERIFY(s.ended());
        const QVector<AttemptRow> attempts = store->attempts(run).value();
        QCOMPARE(attempts.size(), 2);
        QCOMPARE(attempts[0].retryAfterMs, std::optional<qint64>(2000));
        QCOMPARE(attempts[0].httpStatus, 429);
        QVERIFY(!attempts[0].isFinal);
        QCOMPARE(attempts[1].attemptNo, 2);
        QVERIFY(attempts[1].isFinal);
        // Queue wait of the retry: from when it was due, not from the 429.
        QVERIFY2(*attempts[1].queueWaitMs < 1.0, qPrintable(QString::number(*attempts[1].queueWaitMs)));
    }

    // Without Retry-After, "equal jitter" backoff: between half the step and the step.
    void backoffWaitsBetweenHalfTheStepAndTheStep()
    {
        RetrySettings retry;
        retry.baseDelayMs = 400;
        retry.maxAttempts = 3;
        auto store = newStore();
        const qint64 run = createRun(*store, 1, { { u"flash"_s, 1 } }, retry);
        Session s(*store);
        QCOMPARE(s.start(run), QString());
        s.net.answer(u"flash"_s, ErrorClass::ServerError, 500);
        s.clock.advanceMs(199);
        QTest::qWait(100);
        QCOMPARE(s.net.sent(u"flash"_s), 1); // not before half the step
        s.clock.advanceMs(201); // 400 ms: the whole step
        QTRY_COMPARE_WITH_TIMEOUT(s.net.sent(u"flash"_s), 2, 2000);
        // The second failure doubles the step (800 ms); the third attempt is the last.
        s.net.answer(u"flash"_s, ErrorClass::ServerError, 500);
        s.clock.advanceMs(399);
        QTest::qWait(100);
        QCOMPARE(s.net.sent(u"flash"_s), 2);
        s.clock.advanceMs(401);
        QTRY_COMPARE_WITH_TIMEOUT(s.net.sent(u"flash"_s), 3, 2000);
        s.net.answer(u"flash"_s, ErrorClass::ServerError, 500);
        QVERIFY(s.ended());
        QCOMPARE(s.net.sent(u"flash"_s), 3); // maxAttempts: the item's result is the error
        const QVector<AttemptRow> attempts = store->attempts(run).value();
        QCOMPARE(attempts.size(), 3);
        QVERIFY(attempts[2].isFinal);
        QCOMPARE(attempts[2].outcome.error, ErrorClass::ServerError);
    }

    // Paused: nothing new goes out, what is in flight is still recorded, the clock stands; resumed: it goes on.
    void pauseSendsNothingAndStopsTheClock()
    {
        auto store = newStore();
        const qint64 run = createRun(*store, 6, { { u"flash"_s, 2 } });
        Session s(*store);
        QCOMPARE(s.start(run), QString());
        s.net.headers(u"flash"_s, 200);
        QCOMPARE(s.net.openOf(u"flash"_s), 2);
        s.clock.advanceMs(1000);
        s.engine.pause();
        const double elapsed = s.engine.progress().elapsedS;
        QVERIFY(s.engine.progress().paused);
        s.net.answer(u"flash"_s);
        s.net.answer(u"flash"_s);
        s.clock.advanceMs(5000);
        // Recorded while paused (at the next commit), and nothing new sent.
        QTRY_COMPARE(results(*store, run), 2);
        QCOMPARE(s.net.sent(u"flash"_s), 2);
        QCOMPARE(s.engine.progress().elapsedS, elapsed);
        s.engine.resume();
        QCOMPARE(s.net.openOf(u"flash"_s), 2);
        while (!s.net.open().empty())
            s.net.answer(u"flash"_s);
        QVERIFY(s.ended());
        QCOMPARE(s.status(), u"completed"_s);
        QCOMPARE(s.net.sent(u"flash"_s), 6);
        QCOMPARE(s.engine.progress().elapsedS, elapsed); // the pause is not running time
        // What waited for a slot when the pause came was taken back, not sent, and is no attempt.
        QVERIFY(s.net.handed(u"flash"_s) > 6);
        QCOMPARE(store->attempts(run).value().size(), 6);
        QCOMPARE(s.engine.progress().models.at(0).attempts, 6);
    }

    // Cancel aborts what is in flight (recorded as cancelled, not as results); a resume sends only the rest.
    void cancelThenResumeSendsOnlyTheRest()
    {
        auto store = newStore();
        const qint64 run = createRun(*store, 10, { { u"flash"_s, 3 } });
        {
            Session s(*store);
            QCOMPARE(s.start(run), QString());
            s.net.headers(u"flash"_s, 200);
            for (int i = 0; i < 4; ++i)
                s.net.answer(u"flash"_s);
            QCOMPARE(s.net.openOf(u"flash"_s), 3);
            QCOMPARE(s.net.waiting(), 3);
            s.engine.cancel();
            QVERIFY(s.ended());
            QCOMPARE(s.status(), u"cancelled"_s);
            QCOMPARE(s.net.sent(u"flash"_s), 7); // the three waiting were taken back, not sent
            QCOMPARE(s.net.waiting(), 0);
        }
        QCOMPARE(results(*store, run), 4);
        const QVector<AttemptRow> attempts = store->attempts(run).value();
        QCOMPARE(std::count_if(attempts.cbegin(), attempts.cend(),
                               [](const AttemptRow& a) { return a.outcome.error == ErrorClass::Cancelled; }),
                 3);
        Session s(*store);
        QCOMPARE(s.start(run), QString());
        s.net.headers(u"flash"_s, 200);
        while (!s.net.open().empty())
            s.net.answer(u"flash"_s);
        QVERIFY(s.ended());
        QCOMPARE(s.status(), u"completed"_s);
        QCOMPARE(s.net.sent(u"flash"_s), 6); // the six without a result, nothing twice
        QCOMPARE(results(*store, run), 10);
    }

    // A refused key costs one request per model, not a cap's worth, and ends the run saying why.
    void aRefusedKeyStopsTheRunAfterOneRequest()
    {
        auto store = newStore();
        const qint64 run = createRun(*store, 50, { { u"flash"_s, 25 }, { u"pro"_s, 25 } });
        Session s(*store);
        QCOMPARE(s.start(run), QString());
        s.net.answer(u"flash"_s, ErrorClass::Auth, 401);
        QVERIFY(s.ended());
        QCOMPARE(s.status(), u"failed"_s);
        QVERIFY2(s.message().contains(u"flash"_s), qPrintable(s.message()));
        QCOMPARE(s.net.totalSent(), 2); // one each; pro's was cancelled
        QCOMPARE(results(*store, run), 0); // a refused key is no item's answer: a resume sends them all
    }

    // A key refused after the model opened: what waits in the transport stays there (the group holds), the run
    // stops, and nothing more goes out with that key.
    void aKeyRefusedMidRunSendsNothingMore()
    {
        auto store = newStore();
        const qint64 run = createRun(*store, 20, { { u"flash"_s, 3 } });
        Session s(*store);
        QCOMPARE(s.start(run), QString());
        s.net.headers(u"flash"_s, 200);
        s.net.answer(u"flash"_s);
        s.net.answer(u"flash"_s);
        QCOMPARE(s.net.sent(u"flash"_s), 5);
        QCOMPARE(s.net.waiting(), 3);
        s.net.answer(u"flash"_s, ErrorClass::Auth, 401);
        QCOMPARE(s.net.sent(u"flash"_s), 5); // the freed slot was not refilled
        QVERIFY(s.ended());
        QCOMPARE(s.status(), u"failed"_s);
        QCOMPARE(s.net.sent(u"flash"_s), 5);
        QCOMPARE(s.net.waiting(), 0); // taken back
        QCOMPARE(store->attempts(run).value().size(), 5); // 2 answers, the 401, 2 cancelled; nothing withdrawn
    }

    // A retry waits in front of the model's other waiting requests: an item already started finishes first.
    void aRetryGoesAheadOfWhatWaits()
    {
        RetrySettings retry;
        retry.baseDelayMs = 100;
        retry.maxAttempts = 3;
        auto store = newStore();
        const qint64 run = createRun(*store, 8, { { u"flash"_s, 2 } }, retry);
        Session s(*store);
        QCOMPARE(s.start(run), QString());
        s.net.headers(u"flash"_s, 200);
        QCOMPARE(s.net.open().size(), size_t(2));
        const QByteArray failing = s.net.open().front().request.body;
        s.net.answer(u"flash"_s, ErrorClass::ServerError, 500); // the next waiting prompt takes its slot
        QCOMPARE(s.net.sent(u"flash"_s), 3);
        QCOMPARE(s.net.waiting(), 2); // a cap's worth waits again
        s.clock.advanceMs(100); // the retry is due; the engine holds it until the transport has room
        QTest::qWait(100);
        QCOMPARE(s.net.handed(u"flash"_s), 5);
        s.net.answer(u"flash"_s);
        QCOMPARE(s.net.handed(u"flash"_s), 6);
        QCOMPARE(s.net.sent(u"flash"_s), 4);
        QCOMPARE(s.net.open().back().request.body, failing); // the retry, ahead of the two that waited
        while (!s.net.open().empty())
            s.net.answer(u"flash"_s);
        QVERIFY(s.ended());
        QCOMPARE(s.status(), u"completed"_s);
        QCOMPARE(results(*store, run), 8);
    }

    // The client lag of the run: the larger of the engine's own lateness and the network thread's turns.
    void clientLagIsWrittenWithTheRun()
    {
        auto store = newStore();
        const qint64 run = createRun(*store, 2, { { u"flash"_s, 2 } });
        Session s(*store);
        s.net.setLoopStats(LoopStats { 100, 1.0, 7.5, 12.0 });
        QCOMPARE(s.start(run), QString());
        s.net.answer(u"flash"_s);
        s.net.answer(u"flash"_s);
        QVERIFY(s.ended());
        const RunRow row = *store->loadRun(run);
        QVERIFY(row.clientLagP95Ms && *row.clientLagP95Ms >= 7.5);
        QVERIFY(row.clientLagMaxMs && *row.clientLagMaxMs >= 12.0);
        QVERIFY(row.clientLagFlagged); // above RunEngine::kClientLagThresholdMs
        QCOMPARE(row.status, u"completed"_s);
    }
};

QTEST_GUILESS_MAIN(TestRunEngine)
#include "tst_runengine.moc"
