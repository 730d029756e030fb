#include "CurlTransport.h"

#include "transport/CurlTransfer.h"
#include "transport/SlotQueues.h"
#include "util/Clock.h"

#include <QHash>
#include <QMetaObject>

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <mutex>
#include <thread>
#include <vector>

namespace tierlens {

namespace {
std::once_flag g_curlInit;

// Loopback never goes through a proxy; the user's own no_proxy list still applies.
QByteArray noProxyList()
{
    QByteArray list = qgetenv("no_proxy");
    if (list.isEmpty())
        list = qgetenv("NO_PROXY");
    if (!list.isEmpty())
        list += ',';
    return list + "localhost,127.0.0.1,::1";
}

// Turn durations of the network loop, in 50-microsecond buckets up to 200 ms.
class TurnHistogram
{
public:
    void add(std::int64_t ns)
    {
        const std::int64_t bucket = std::min<std::int64_t>(ns / 50000, kBuckets - 1);
        ++m_counts[static_cast<size_t>(bucket)];
        ++m_total;
        m_maxNs = std::max(m_maxNs, ns);
    }
    LoopStats stats() const
    {
        LoopStats s;
        s.turns = m_total;
        s.p50Ms = quantileMs(0.50);
        s.p95Ms = quantileMs(0.95);
        s.maxMs = double(m_maxNs) / 1e6;
        return s;
    }

private:
    static constexpr int kBuckets = 4000;
    double quantileMs(double q) const
    {
        if (m_total == 0)
            return 0;
        const auto rank = static_cast<qint64>(q * double(m_total - 1));
        qint64 seen = 0;
        for (int i = 0; i < kBuckets; ++i) {
            seen += m_counts[static_cast<size_t>(i)];
            if (seen > rank)
                return (i + 1) * 0.05; // upper edge of the bucket: never understate the lag
        }
        return double(m_maxNs) / 1e6;
    }
    std::array<qint64, kBuckets> m_counts {};
    qint64 m_total = 0;
    std::int64_t m_maxNs = 0;
};
} // namespace

class CurlTransport::Worker
{
public:
    explicit Worker(CurlTransport* owner)
        : m_owner(owner)
        , m_noProxy(noProxyList())
    {
        std::call_once(g_curlInit, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
        m_epoll = epoll_create1(EPOLL_CLOEXEC);
        m_wake = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        epoll_event ev {};
        ev.events = EPOLLIN;
        ev.data.fd = m_wake;
        epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wake, &ev);

        m_multi = curl_multi_init();
        curl_multi_setopt(m_multi, CURLMOPT_SOCKETFUNCTION, &Worker::onSocket);
        curl_multi_setopt(m_multi, CURLMOPT_SOCKETDATA, this);
        curl_multi_setopt(m_multi, CURLMOPT_TIMERFUNCTION, &Worker::onTimer);
        curl_multi_setopt(m_multi, CURLMOPT_TIMERDATA, this);
        curl_multi_setopt(m_multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
        // Concurrency is capped by the run engine per model, not here; idle connections are kept for reuse.
        curl_multi_setopt(m_multi, CURLMOPT_MAX_HOST_CONNECTIONS, 0L);
        curl_multi_setopt(m_multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, 0L);
        curl_multi_setopt(m_multi, CURLMOPT_MAXCONNECTS, 20000L);
        m_thread = std::thread([this] { loop(); });
    }

    ~Worker()
    {
        m_stop.store(true);
        wake();
        m_thread.join();
        for (auto* t : m_transfers) {
            curl_multi_remove_handle(m_multi, t->easy());
            curl_easy_cleanup(t->easy());
            delete t;
        }
        for (CURL* e : m_idleHandles)
            curl_easy_cleanup(e);
        curl_multi_cleanup(m_multi);
        close(m_wake);
        close(m_epoll);
    }

    void submit(QVector<HttpRequest>&& requests)
    {
        bool startable;
        {
            std::lock_guard lock(m_commandMutex);
            m_inFlight.fetch_add(static_cast<int>(requests.size()));
            const size_t before = m_toStart.size();
            for (auto& r : requests)
                m_slots.add(std::move(r), &m_toStart);
            startable = m_toStart.size() > before;
        }
        // Requests that only wait for a slot do not wake the network thread: it starts them as slots free up.
        if (startable)
            wake();
    }

    void cancel(quint64 tag, bool all)
    {
        std::vector<HttpRequest> withdrawn;
        bool open = true;
        {
            std::lock_guard lock(m_commandMutex);
            if (all) {
                m_slots.withdrawAll(&withdrawn);
                m_cancelAll = true;
            } else if (m_slots.withdraw(tag, &withdrawn)) {
                open = false;
            } else {
                m_toCancel.push_back(tag);
            }
        }
        reportWithdrawn(withdrawn);
        if (open)
            wake();
    }

    void withdrawWaiting()
    {
        std::vector<HttpRequest> withdrawn;
        {
            std::lock_guard lock(m_commandMutex);
            m_slots.withdrawAll(&withdrawn);
        }
        reportWithdrawn(withdrawn);
    }

    void setHandoverDelayMs(int ms) { m_handoverDelayMs.store(ms); }

    QVector<HttpExchange> takeFinished(QVector<HttpStatus>* statuses)
    {
        std::lock_guard lock(m_doneMutex);
        QVector<HttpExchange> out;
        out.swap(m_done);
        statuses->swap(m_statuses);
        return out;
    }

    int inFlight() const { return m_inFlight.load(); }

    LoopStats loopStats() const
    {
        std::lock_guard lock(m_statsMutex);
        return m_turns.stats();
    }

private:
    // Requests taken back before they went out are reported from the caller's thread; the network thread never
    // saw them.
    void reportWithdrawn(const std::vector<HttpRequest>& withdrawn)
    {
        if (withdrawn.empty())
            return;
        bool wasEmpty;
        {
            std::lock_guard lock(m_doneMutex);
            wasEmpty = m_done.isEmpty() && m_statuses.isEmpty();
            for (const HttpRequest& r : withdrawn)
                m_done.append(withdrawnExchange(r));
            m_inFlight.fetch_sub(int(withdrawn.size()));
        }
        if (wasEmpty)
            QMetaObject::invokeMethod(
                m_owner, [o = m_owner] { o->drain(); }, Qt::QueuedConnection);
    }

    void wake()
    {
        const std::uint64_t one = 1;
        [[maybe_unused]] auto n = write(m_wake, &one, sizeof one);
    }

    // libcurl hands back what curl_multi_assign stored for a socket: non-null once it is in the epoll set, so a
    // socket is added once and modified afterwards (not a failing MOD then an ADD for every new connection).
    static int onSocket(CURL*, curl_socket_t fd, int what, void* self, void* registered)
    {
        auto* w = static_cast<Worker*>(self);
        if (what == CURL_POLL_REMOVE) {
            epoll_ctl(w->m_epoll, EPOLL_CTL_DEL, fd, nullptr);
            return 0;
        }
        epoll_event ev {};
        ev.data.fd = fd;
        ev.events = (what & CURL_POLL_IN ? EPOLLIN : 0u) | (what & CURL_POLL_OUT ? EPOLLOUT : 0u);
        if (registered) {
            epoll_ctl(w->m_epoll, EPOLL_CTL_MOD, fd, &ev);
            return 0;
        }
        if (epoll_ctl(w->m_epoll, EPOLL_CTL_ADD, fd, &ev) != 0 && errno == EEXIST)
            epoll_ctl(w->m_epoll, EPOLL_CTL_MOD, fd, &ev); // a descriptor number reused before libcurl said REMOVE
        curl_multi_assign(w->m_multi, fd, w);
        return 0;
    }

    static int onTimer(CURLM*, long timeoutMs, void* self)
    {
        auto* w = static_cast<Worker*>(self);
        w->m_timerDueNs = timeoutMs < 0 ? -1 : steadyNowNs() + std::int64_t(timeoutMs) * 1000000;
        return 0;
    }

    void loop()
    {
        std::array<epoll_event, 256> events;
        while (!m_stop.load()) {
            int waitMs = 1000;
            if (m_timerDueNs >= 0)
                waitMs = int(std::clamp<std::int64_t>((m_timerDueNs - steadyNowNs() + 999999) / 1000000, 0, 1000));
            if (m_handoverDueNs >= 0)
                waitMs = std::min(
                    waitMs,
                    int(std::clamp<std::int64_t>((m_handoverDueNs - steadyNowNs() + 999999) / 1000000, 0, 1000)));
            const int n = epoll_wait(m_epoll, events.data(), int(events.size()), waitMs);
            const std::int64_t turnStart = steadyNowNs();
            int running = 0;
            for (int i = 0; i < n; ++i) {
                const int fd = events[size_t(i)].data.fd;
                if (fd == m_wake) {
                    std::uint64_t count;
                    [[maybe_unused]] auto r = read(m_wake, &count, sizeof count);
                    takeCommands();
                    continue;
                }
                const auto e = events[size_t(i)].events;
                int flags = 0;
                if (e & EPOLLIN)
                    flags |= CURL_CSELECT_IN;
                if (e & EPOLLOUT)
                    flags |= CURL_CSELECT_OUT;
                if (e & (EPOLLERR | EPOLLHUP))
                    flags |= CURL_CSELECT_ERR;
                curl_multi_socket_action(m_multi, fd, flags, &running);
            }
            if (m_timerDueNs >= 0 && steadyNowNs() >= m_timerDueNs) {
                m_timerDueNs = -1;
                curl_multi_socket_action(m_multi, CURL_SOCKET_TIMEOUT, 0, &running);
            }
            collectFinished();
            publishTurn();
            if (n > 0) {
                std::lock_guard lock(m_statsMutex);
                m_turns.add(steadyNowNs() - turnStart);
            }
        }
    }

    void takeCommands()
    {
        std::vector<HttpRequest> toStart;
        std::vector<quint64> toCancel;
        bool cancelAll = false;
        {
            std::lock_guard lock(m_commandMutex);
            toStart.swap(m_toStart);
            toCancel.swap(m_toCancel);
            std::swap(cancelAll, m_cancelAll);
        }
        for (auto& request : toStart) {
            CURL* easy = nullptr;
            if (m_idleHandles.empty()) {
                easy = curl_easy_init();
            } else {
                easy = m_idleHandles.back();
                m_idleHandles.pop_back();
                curl_easy_reset(easy);
            }
            const quint64 tag = request.tag;
            auto* t = new CurlTransfer(easy, std::move(request), m_noProxy, &m_newStatuses);
            t->markSent();
            // Out of memory or handles: reported as a failed exchange, and its slot comes free again.
            if (!easy || curl_multi_add_handle(m_multi, easy) != CURLM_OK) {
                end(t, t->finish(CURLE_FAILED_INIT));
                continue;
            }
            m_transfers.insert(tag, t);
        }
        if (cancelAll) {
            toCancel.clear();
            for (auto it = m_transfers.cbegin(); it != m_transfers.cend(); ++it)
                toCancel.push_back(it.key());
        }
        for (quint64 tag : toCancel) {
            CurlTransfer* t = m_transfers.take(tag);
            if (!t)
                continue;
            curl_multi_remove_handle(m_multi, t->easy());
            end(t, t->cancelled());
        }
        startInFreedSlots();
    }

    // A transfer is over: its exchange goes out with this turn's, its slot comes free.
    void end(CurlTransfer* t, HttpExchange&& exchange)
    {
        m_freed.emplace_back(t->slotGroup(), exchange.outcome.error);
        publish(std::move(exchange));
        release(t);
    }

    // Slots came free: the requests waiting for them start now, in this turn.
    void startInFreedSlots()
    {
        if (m_freed.empty())
            return;
        bool startable;
        {
            std::lock_guard lock(m_commandMutex);
            for (const auto& [group, how] : m_freed)
                m_slots.ended(group, how, &m_toStart);
            startable = !m_toStart.empty();
        }
        m_freed.clear();
        if (startable)
            takeCommands();
    }

    void collectFinished()
    {
        int queued = 0;
        while (CURLMsg* msg = curl_multi_info_read(m_multi, &queued)) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            CurlTransfer* t = nullptr;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &t);
            const CURLcode code = msg->data.result;
            curl_multi_remove_handle(m_multi, t->easy());
            m_transfers.remove(t->tag());
            end(t, t->finish(code));
        }
        startInFreedSlots();
    }

    // What a turn of the loop produced goes to the owner at its end, statuses and finished exchanges together: one
    // lock and at most one queued call a turn, so the window's thread wakes once for what landed together.
    void publishTurn()
    {
        if (m_newStatuses.empty() && m_turnDone.isEmpty())
            return;
        // Answers that all went well may wait up to the hand-over delay, so that at a trickle pace several reach
        // the owner in one wake-up of its thread; a status or a failure goes at once.
        if (const int delayMs = m_handoverDelayMs.load(); delayMs > 0 && m_newStatuses.empty()) {
            const bool allAnswered = std::all_of(m_turnDone.cbegin(), m_turnDone.cend(), [](const HttpExchange& e) {
                return e.outcome.error == ErrorClass::None && e.httpStatus >= 200 && e.httpStatus < 300;
            });
            const std::int64_t now = steadyNowNs();
            if (allAnswered && m_handoverDueNs < 0)
                m_handoverDueNs = now + std::int64_t(delayMs) * 1000000;
            if (allAnswered && now < m_handoverDueNs)
                return;
        }
        m_handoverDueNs = -1;
        const int finished = int(m_turnDone.size());
        bool wasEmpty;
        {
            std::lock_guard lock(m_doneMutex);
            wasEmpty = m_done.isEmpty() && m_statuses.isEmpty();
            for (const HttpStatus& s : m_newStatuses)
                m_statuses.append(s);
            if (m_done.isEmpty())
                m_done.swap(m_turnDone);
            else
                for (HttpExchange& e : m_turnDone)
                    m_done.append(std::move(e));
            // Before the owner can take them: inFlight() never counts an exchange it has been handed.
            m_inFlight.fetch_sub(finished);
        }
        m_newStatuses.clear();
        m_turnDone.clear();
        // One queued call per batch, not per exchange: the owner drains everything that is there.
        if (wasEmpty)
            QMetaObject::invokeMethod(
                m_owner, [o = m_owner] { o->drain(); }, Qt::QueuedConnection);
    }

    void release(CurlTransfer* t)
    {
        if (t->easy())
            m_idleHandles.push_back(t->easy());
        delete t;
    }

    void publish(HttpExchange&& exchange) { m_turnDone.append(std::move(exchange)); }

    CurlTransport* m_owner;
    const QByteArray m_noProxy;
    int m_epoll = -1;
    int m_wake = -1;
    CURLM* m_multi = nullptr;
    std::int64_t m_timerDueNs = -1;
    std::int64_t m_handoverDueNs = -1; // finished exchanges held back until then (setHandoverDelayMs)
    std::atomic<int> m_handoverDelayMs { 0 };
    std::thread m_thread;
    std::atomic<bool> m_stop { false };
    std::atomic<int> m_inFlight { 0 };

    // Owned by the network thread.
    QHash<quint64, CurlTransfer*> m_transfers;
    std::vector<HttpStatus> m_newStatuses; // reported during this turn of the loop
    QVector<HttpExchange> m_turnDone; // finished or cancelled during this turn of the loop
    std::vector<std::pair<int, ErrorClass>> m_freed; // slot groups of the transfers that ended this turn, and how
    std::vector<CURL*> m_idleHandles;

    std::mutex m_commandMutex;
    SlotQueues m_slots;
    std::vector<HttpRequest> m_toStart; // may start now: no group, or a free slot in theirs
    std::vector<quint64> m_toCancel;
    bool m_cancelAll = false;

    std::mutex m_doneMutex;
    QVector<HttpExchange> m_done;
    QVector<HttpStatus> m_statuses;

    mutable std::mutex m_statsMutex;
    TurnHistogram m_turns;
};

CurlTransport::CurlTransport(QObject* parent)
    : Transport(parent)
    , m_worker(std::make_unique<Worker>(this))
{ }

CurlTransport::~CurlTransport() = default;

void CurlTransport::submit(QVector<HttpRequest> requests)
{
    m_worker->submit(std::move(requests));
}

void CurlTransport::cancel(quint64 tag)
{
    m_worker->cancel(tag, false);
}

void CurlTransport::cancelAll()
{
    m_worker->cancel(0, true);
}

void CurlTransport::withdrawWaiting()
{
    m_worker->withdrawWaiting();
}

void CurlTransport::setHandoverDelayMs(int ms)
{
    m_worker->setHandoverDelayMs(ms);
}

int CurlTransport::inFlight() const
{
    return m_worker->inFlight();
}

LoopStats CurlTransport::loopStats() const
{
    return m_worker->loopStats();
}

void CurlTransport::drain()
{
    QVector<HttpStatus> statuses;
    const QVector<HttpExchange> batch = m_worker->takeFinished(&statuses);
    if (!statuses.isEmpty())
        emit statusesReceived(statuses);
    if (!batch.isEmpty())
        emit exchangesFinished(batch);
}

} // namespace tierlens
