#pragma once
// Runs a prompt set against every model of a run: interleaves the models, holds each to its in-flight
// cap, retries what is worth retrying and commits every attempt to the store as it arrives.

#include "engine/LagMonitor.h"
#include "engine/ResultChecker.h"
#include "engine/RetryPolicy.h"
#include "engine/RunConfig.h"
#include "engine/RunProgress.h"
#include "promptsets/Prompt.h"
#include "transport/Transport.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <algorithm>
#include <deque>
#include <memory>
#include <optional>
#include <queue>
#include <vector>

namespace tierlens {

class Clock;
class PriceBook;
class PriceBookRegistry;
class Store;
struct AttemptRow;

class RunEngine : public QObject
{
    Q_OBJECT
public:
    // Sends through a CurlTransport of its own.
    explicit RunEngine(Store& store, Clock& clock, QObject* parent = nullptr);
    // Sends through `transport` (which must outlive the engine): tests script the server's side with it.
    RunEngine(Store& store, Clock& clock, Transport& transport, QObject* parent = nullptr);
    ~RunEngine() override;

    // Stores the run (and the prompt set, unless stored already) with a snapshot of its configuration and of
    // the price books that bill its models. Nothing is sent.
    // A judgedRunId makes it a judge run of that run: its calls and cost are kept apart from the judged run's.
    // The run row a stored set and a configuration make: its models with their providers and caps filled in (also
    // into config), the price books they bill with, the configuration snapshot. Not stored.
    static RunRow runRowFor(const PromptSet& set, RunConfig& config, const PriceBookRegistry& prices);
    static std::optional<qint64> createRun(Store& store, PromptSet& set, RunConfig config,
                                           const PriceBookRegistry& prices, QString* error, qint64 judgedRunId = 0);
    // A new run of `set` to the models of run `like` with its configuration (options, concurrency, retries), each
    // prompt once: how settling a policy adds evidence. Nothing, with the reason, when `like` is not in the store or
    // its configuration cannot be read.
    static std::optional<qint64> createRunLike(Store& store, qint64 like, PromptSet& set,
                                               const PriceBookRegistry& prices, QString* error);

    // API keys by the name of the environment variable a model names (ModelConfig::apiKeyEnv), e.g. read from
    // the system keychain; a model whose variable has no entry here reads the environment. Never stored.
    void setApiKeys(const QHash<QString, QByteArray>& keys) { m_apiKeys = keys; }
    // start() refuses to send a key over plain http:// to a host that is not loopback
    // (RunConfig::insecureHttpWarning) unless the person said so.
    void setAllowInsecureHttp(bool allow) { m_allowInsecureHttp = allow; }
    // Sends every item of the run that has no final result yet: a new run, or one interrupted or cancelled.
    // Refused (false) when the run cannot be sent as stored, or, busy() then true, while another living process
    // sends it.
    bool start(qint64 runId, QString* error);
    bool busy() const { return m_busy; }
    void pause();
    void resume();
    // In-flight requests are aborted and recorded as cancelled attempts; finished() follows.
    void cancel();

    bool isRunning() const { return m_state != State::Idle; }
    RunProgress progress() const;
    // Finished answers are committed together at most this long after they reached the engine (which is at most
    // kHandoverDelayMs after they arrived): what a kill -9 can lose beyond the answers still in flight (README,
    // "Reliability").
    static constexpr int kCommitIntervalMs = 50;
    // Answers that went well reach the engine at most this late (CurlTransport::setHandoverDelayMs): at a trickle
    // pace several come in one wake-up. Their time stamps are the network thread's, taken as the bytes arrived.
    static constexpr int kHandoverDelayMs = 10;
    // The engine's own event-loop lag is sampled this often (LagMonitor): the share of late samples and how late
    // they are do not depend on it; a shorter interval only wakes an otherwise idle thread more often.
    static constexpr int kLagSampleMs = 50;
    // Usage above this many tokens is not believed for a model its price book gives no context window for.
    static constexpr qint64 kUnknownModelMaxUsageTokens = 100'000'000;
    // Client-side delay seen during the run: the larger of the engine's event-loop lag and the network
    // thread's turn time, at the 95th percentile.
    double clientLagP95Ms() const;
    static constexpr double kClientLagThresholdMs = 5.0;

signals:
    void progressChanged();
    // Final results as they are committed (ids filled), for views that show the latest answers.
    void resultsRecorded(const QVector<tierlens::AttemptRow>& finalAttempts);
    // status: completed | cancelled | failed. message says why a run failed.
    void finished(qint64 runId, const QString& status, const QString& message);

private:
    void endPause(); // adds a pause going on to the time spent paused
    enum class State { Idle, Running, Paused, Cancelling, Failing };

    struct WorkItem
    {
        int model = 0;
        int prompt = 0;
        int repeat = 0;
        int attemptNo = 1; // of the item, numbered on across a conversation's turns
        std::int64_t readyNs = 0;
        double costSoFar = 0; // of this item's attempts in this session that reported usage
        bool costKnown = false;
        int turn = 0; // of a conversation, from 0
        int turnAttempt = 1; // of this turn: what retries count
        QStringList answers; // the model's own answers to the conversation's earlier turns
    };
    struct ModelState
    {
        ModelConfig config;
        qint64 runModelId = 0;
        int cap = 1;
        // Until the server has accepted a request of this session (2xx headers), a model has one request in
        // flight: a refused key or a wrong model id costs one request, not a cap's worth, and opening the cap
        // waits only for the first response's headers, not for a whole answer.
        bool opened = false;
        qint64 maxUsageTokens = kUnknownModelMaxUsageTokens;
        // The run of identical final errors that no retry helps, ended by an answer.
        int errorStreak = 0;
        ErrorClass streakClass = ErrorClass::None;
        int streakStatus = 0;
        QByteArray url;
        QByteArray bearer;
        const PriceBook* priceBook = nullptr;
        std::vector<QByteArray> bodies; // per prompt, built once (a conversation's are built per turn)
        std::deque<WorkItem> ready;
        // Requests with the transport: open, or waiting there for one of the model's slots (pump).
        int handed = 0;
        int open() const { return std::min(handed, opened ? cap : 1); }
        ModelProgress progress;
    };
    struct Delayed
    {
        std::int64_t dueNs;
        WorkItem item;
        bool operator>(const Delayed& o) const { return dueNs > o.dueNs; }
    };

    // Per prompt: its conversation's user turns (empty for a prompt of one turn).
    std::vector<int> m_turnCounts;

    struct FinalItem
    {
        qsizetype row; // in m_pendingRows
        int prompt;
        std::optional<double> cost;
        QStringList earlierAnswers; // a conversation's, for checks of an earlier turn
    };

    void pump();
    void onExchanges(const QVector<HttpExchange>& exchanges);
    void onStatuses(const QVector<HttpStatus>& statuses);
    AttemptRow toAttemptRow(const WorkItem& item, const HttpExchange& ex) const;
    // Why the model must stop after this final error, or empty.
    QString stopReason(ModelState& ms, const AttemptRow& row);
    // Commits the attempts received since the last commit, checks their results, announces them.
    void commitPending();
    void renewLease();
    void releaseDelayed();
    void armDelayTimer();
    void maybeFinish();
    void fail(const QString& message);
    QDateTime wallTimeAt(std::int64_t steadyNs) const;

    Store& m_store;
    Clock& m_clock;
    std::unique_ptr<Transport> m_ownTransport; // when none was given
    Transport* m_transport;
    LagMonitor m_lag;
    QTimer m_delayTimer;
    QTimer m_progressTimer;
    QTimer m_commitTimer;
    QTimer m_leaseTimer;
    QVector<AttemptRow> m_pendingRows;
    QVector<FinalItem> m_pendingFinals;
    QString m_leaseOwner; // this process, while it holds the run's lease

    State m_state = State::Idle;
    qint64 m_runId = 0;
    RunConfig m_config;
    PromptSet m_promptSet;
    std::vector<std::unique_ptr<PriceBook>> m_priceBooks;
    std::optional<RetryPolicy> m_retry;
    ResultChecker m_checker;
    std::vector<ModelState> m_models;
    std::priority_queue<Delayed, std::vector<Delayed>, std::greater<Delayed>> m_delayed;
    QHash<quint64, WorkItem> m_inFlight;
    quint64 m_nextTag = 1;
    int m_nextModel = 0;
    std::int64_t m_startNs = 0;
    std::int64_t m_pausedNs = 0; // time spent paused, ended pauses
    std::int64_t m_pausedAtNs = 0; // when the pause going on began
    std::int64_t m_endNs = 0; // when the run ended (0 while it goes)
    QDateTime m_startWall;
    QString m_failure;
    QHash<QString, QByteArray> m_apiKeys;
    bool m_allowInsecureHttp = false;
    bool m_busy = false;
};

} // namespace tierlens
