#include "RunEngine.h"

#include "AttemptMeasure.h"
#include "api/ChatRequestBuilder.h"
#include "api/ChatResponseParser.h"
#include "pricing/Cost.h"
#include "pricing/PriceBook.h"
#include "pricing/PriceBookRegistry.h"
#include "store/RunLease.h"
#include "store/Store.h"
#include "transport/CurlTransport.h"
#include "util/Clock.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {
constexpr int kFallbackConcurrency = 50;
} // namespace

RunEngine::RunEngine(Store& store, Clock& clock, QObject* parent)
    : RunEngine(store, clock, *new CurlTransport, parent)
{
    m_ownTransport.reset(m_transport);
    // Each model's next requests already wait in the transport (pump), so answers can come in batches without
    // leaving a slot idle.
    static_cast<CurlTransport*>(m_transport)->setHandoverDelayMs(kHandoverDelayMs);
}

RunEngine::RunEngine(Store& store, Clock& clock, Transport& transport, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_clock(clock)
    , m_transport(&transport)
    , m_lag(kLagSampleMs)
{
    connect(m_transport, &Transport::exchangesFinished, this, &RunEngine::onExchanges);
    connect(m_transport, &Transport::statusesReceived, this, &RunEngine::onStatuses);
    m_delayTimer.setSingleShot(true);
    m_delayTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_delayTimer, &QTimer::timeout, this, &RunEngine::releaseDelayed);
    m_progressTimer.setInterval(250);
    connect(&m_progressTimer, &QTimer::timeout, this, &RunEngine::progressChanged);
    m_commitTimer.setSingleShot(true);
    m_commitTimer.setTimerType(Qt::PreciseTimer);
    m_commitTimer.setInterval(kCommitIntervalMs);
    connect(&m_commitTimer, &QTimer::timeout, this, &RunEngine::commitPending);
    m_leaseTimer.setInterval(int(RunLease::kHeartbeatMs));
    connect(&m_leaseTimer, &QTimer::timeout, this, &RunEngine::renewLease);
}

RunEngine::~RunEngine() = default;

std::optional<qint64> RunEngine::createRunLike(Store& store, qint64 like, PromptSet& set,
                                               const PriceBookRegistry& prices, QString* error)
{
    const std::optional<RunRow> run = store.requireRun(like, error);
    if (!run)
        return std::nullopt;
    QString why;
    std::optional<RunConfig> config = RunConfig::fromJson(run->config, &why);
    if (!config || config->models.isEmpty()) {
        if (error)
            *error = tr("run %1 has no readable configuration to send more prompts with: %2").arg(like).arg(why);
        return std::nullopt;
    }
    config->repeat = 1;
    return createRun(store, set, *config, prices, error);
}

RunRow RunEngine::runRowFor(const PromptSet& set, RunConfig& config, const PriceBookRegistry& prices)
{
    RunRow run;
    run.promptSetId = set.dbId;
    run.repeatCount = config.repeat;
    run.maxAttempts = config.retry.maxAttempts;
    run.toolVersion = QCoreApplication::applicationVersion();
    QJsonObject books;
    QStringList versions;
    for (auto& m : config.models) {
        if (m.provider.isEmpty())
            m.provider = providerForBaseUrl(m.baseUrl);
        const PriceBook* book = prices.forProvider(m.provider);
        if (book && m.concurrency == 0)
            m.concurrency = book->concurrencyLimit(m.modelId).value_or(0);
        if (m.concurrency == 0)
            m.concurrency = kFallbackConcurrency;
        if (book && !books.contains(m.provider)) {
            books.insert(m.provider, QJsonDocument::fromJson(book->canonicalJson()).object());
            versions.append(m.provider + u'@' + book->version());
        }
        RunModelRow row;
        row.label = m.label;
        row.provider = m.provider;
        row.baseUrl = m.baseUrl;
        row.modelId = m.modelId;
        row.apiKeyEnv = m.apiKeyEnv;
        row.concurrency = m.concurrency;
        row.options = m.options.toJson();
        run.models.append(row);
    }
    run.config = config.toJson();
    run.config.insert(u"prompt_set"_s,
                      QJsonObject { { u"id"_s, set.dbId },
                                    { u"name"_s, set.name },
                                    { u"source_path"_s, set.sourcePath },
                                    { u"sha256"_s, set.sourceSha256 } });
    run.priceBookJson = QJsonDocument(books).toJson(QJsonDocument::Compact);
    run.priceBookVersion = versions.join(u',');
    return run;
}

std::optional<qint64> RunEngine::createRun(Store& store, PromptSet& set, RunConfig config,
                                           const PriceBookRegistry& prices, QString* error, qint64 judgedRunId)
{
    const QString problem = config.validate();
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return std::nullopt;
    }
    if (set.prompts.isEmpty()) {
        if (error)
            *error = tr("the prompt set \"%1\" has no prompts").arg(set.name);
        return std::nullopt;
    }
    if (set.dbId == 0 && !store.savePromptSet(set, error))
        return std::nullopt;

    RunRow run = runRowFor(set, config, prices);
    if (judgedRunId != 0) {
        run.kind = u"judge"_s;
        run.parentRunId = judgedRunId;
    }
    return store.createRun(run, error);
}

bool RunEngine::start(qint64 runId, QString* error)
{
    auto failWith = [error](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    m_busy = false;
    if (m_state != State::Idle)
        return failWith(tr("a run is already in progress"));
    if (!m_store.checkWritable(error))
        return false;
    const std::optional<RunRow> run = m_store.requireRun(runId, error);
    if (!run)
        return false;
    if (run->isLive())
        return failWith(tr("run %1 is a live run: its prompts were answered when an application asked them, and "
                           "are not sent again (draw a prompt set from it with promptset-from-run)")
                            .arg(runId));
    QString configError;
    const std::optional<RunConfig> config = RunConfig::fromJson(run->config, &configError);
    if (!config)
        return failWith(tr("run %1 has an unreadable configuration: %2").arg(runId).arg(configError));
    std::optional<PromptSet> set = m_store.requirePromptSet(*run, error);
    if (!set)
        return false;

    // Bill with the books snapshotted when the run was created, so a resumed run costs the same way.
    m_priceBooks.clear();
    const QJsonObject books = QJsonDocument::fromJson(run->priceBookJson).object();
    for (auto it = books.constBegin(); it != books.constEnd(); ++it) {
        QString bookError;
        auto book = PriceBook::fromJson(QJsonDocument(it.value().toObject()).toJson(QJsonDocument::Compact),
                                        u"run %1 price book %2"_s.arg(runId).arg(it.key()), &bookError);
        if (!book)
            return failWith(bookError);
        m_priceBooks.push_back(std::make_unique<PriceBook>(std::move(*book)));
    }

    QString checksError;
    if (!m_checker.load(*set, &checksError))
        return failWith(tr("the checks of run %1 cannot be read: %2").arg(runId).arg(checksError));
    m_config = *config;
    m_promptSet = std::move(*set);
    m_runId = runId;
    m_models.clear();
    m_inFlight.clear();
    m_delayed = {};
    m_failure.clear();
    m_pendingRows.clear();
    m_pendingFinals.clear();
    m_retry.emplace(m_config.retry);

    // What was done before: a read that fails here would have every item sent (and paid for) again.
    const std::optional<QSet<ItemKey>> completedRead = m_store.completedItems(runId);
    const std::optional<QHash<ItemKey, int>> attemptsRead = completedRead ? m_store.attemptCounts(runId) : std::nullopt;
    const std::optional<QVector<ModelTotals>> totalsRead = attemptsRead ? m_store.modelTotals(runId) : std::nullopt;
    const std::optional<QHash<ItemKey, QStringList>> conversationsRead
        = totalsRead ? m_store.turnAnswers(runId, true) : std::nullopt;
    const std::optional<QHash<ItemKey, ItemProgress>> progressRead
        = conversationsRead ? m_store.unfinishedProgress(runId) : std::nullopt;
    if (!progressRead)
        return failWith(m_store.lastError());
    m_turnCounts.assign(size_t(m_promptSet.prompts.size()), 0);
    for (int pi = 0; pi < m_promptSet.prompts.size(); ++pi)
        m_turnCounts[size_t(pi)] = int(conversationTurns(m_promptSet.prompts.at(pi)).size());
    const QSet<ItemKey>& completed = *completedRead;
    const QHash<ItemKey, int>& previousAttempts = *attemptsRead;
    m_startNs = m_clock.monotonicNs();
    m_pausedNs = 0;
    m_endNs = 0;
    m_startWall = m_clock.nowUtc();

    for (int mi = 0; mi < m_config.models.size(); ++mi) {
        ModelState ms;
        ms.config = m_config.models.at(mi);
        for (const auto& row : run->models) {
            if (row.label == ms.config.label)
                ms.runModelId = row.id;
        }
        if (ms.runModelId == 0)
            return failWith(tr("run %1 has no stored model \"%2\"").arg(runId).arg(ms.config.label));
        ms.cap = std::max(1, ms.config.concurrency);
        ms.url = ms.config.chatCompletionsUrl();
        // A key handed over (from the system keychain) comes first; the environment variable is the fallback.
        ms.bearer = m_apiKeys.value(ms.config.apiKeyEnv);
        if (ms.bearer.isEmpty())
            ms.bearer = qgetenv(ms.config.apiKeyEnv.toLocal8Bit().constData());
        if (ms.bearer.isEmpty() && !ms.config.isLoopback()) {
            return failWith(
                tr("model \"%1\": no API key: neither the keychain nor the environment variable %2 holds one")
                    .arg(ms.config.label, ms.config.apiKeyEnv));
        }
        if (ms.config.sendsKeyInClear() && !m_allowInsecureHttp) {
            return failWith(tr("model \"%1\": %2 is plain http:// to a host that is not this machine; the API key is "
                               "not sent unencrypted unless allowed")
                                .arg(ms.config.label, ms.config.baseUrl));
        }
        for (const auto& book : m_priceBooks) {
            if (book->provider() == ms.config.provider)
                ms.priceBook = book.get();
        }
        if (ms.priceBook)
            ms.maxUsageTokens = ms.priceBook->maxUsageTokens(ms.config.modelId).value_or(kUnknownModelMaxUsageTokens);
        ms.bodies.resize(size_t(m_promptSet.prompts.size()));
        ms.progress.label = ms.config.label;
        ms.progress.concurrency = ms.cap;
        ms.progress.total = qint64(m_promptSet.prompts.size()) * m_config.repeat;
        m_models.push_back(std::move(ms));
    }
    // Items in prompt order, repeats adjacent; what already has a final result is not sent again.
    for (int pi = 0; pi < m_promptSet.prompts.size(); ++pi) {
        for (int r = 0; r < m_config.repeat; ++r) {
            for (int mi = 0; mi < int(m_models.size()); ++mi) {
                ModelState& ms = m_models[size_t(mi)];
                const ItemKey key { ms.runModelId, m_promptSet.prompts.at(pi).dbId, r };
                if (completed.contains(key)) {
                    ++ms.progress.done;
                    ++ms.progress.doneBefore;
                    continue;
                }
                WorkItem item;
                item.model = mi;
                item.prompt = pi;
                item.repeat = r;
                item.attemptNo = previousAttempts.value(key, 0) + 1;
                item.readyNs = m_startNs;
                // A conversation under way carries on at the turn after the last one answered; the retries its
                // turn has used stay used, and what the item cost so far stays its cost.
                if (m_turnCounts[size_t(pi)] > 0) {
                    item.answers = conversationsRead->value(key).mid(0, m_turnCounts[size_t(pi)] - 1);
                    item.turn = int(item.answers.size());
                }
                const ItemProgress done = progressRead->value(key);
                item.turnAttempt = done.attemptsOfTurn.value(item.turn, 0) + 1;
                item.costKnown = done.costUsd.has_value();
                item.costSoFar = done.costUsd.value_or(0);
                ms.ready.push_back(item);
            }
        }
    }
    // Counts of earlier sessions, so progress and the summary agree after a resume.
    for (const ModelTotals& t : *totalsRead) {
        for (auto& ms : m_models) {
            if (ms.runModelId == t.runModelId) {
                ms.progress.ok = t.okItems;
                ms.progress.errors = t.items - t.okItems;
            }
        }
    }

    // Last before sending: a second process resuming this run refuses here while this one lives.
    const QString owner = RunLease::ownerForThisProcess();
    if (!m_store.acquireRunLease(runId, owner, m_clock.nowUtc(), error)) {
        m_busy = !m_store.isDamaged();
        return false;
    }
    m_leaseOwner = owner;
    m_leaseTimer.start();

    m_state = State::Running;
    m_lag.start();
    m_progressTimer.start();
    pump();
    QMetaObject::invokeMethod(this, &RunEngine::maybeFinish, Qt::QueuedConnection); // nothing left to send?
    return true;
}

void RunEngine::pause()
{
    if (m_state == State::Running) {
        m_state = State::Paused;
        m_pausedAtNs = m_clock.monotonicNs();
        // What waits for a slot comes back (onExchanges puts it in front again); what is open goes on.
        m_transport->withdrawWaiting();
    }
}

void RunEngine::resume()
{
    if (m_state == State::Paused) {
        endPause();
        m_state = State::Running;
        pump();
    }
}

void RunEngine::endPause()
{
    if (m_state == State::Paused)
        m_pausedNs += m_clock.monotonicNs() - m_pausedAtNs;
}

void RunEngine::cancel()
{
    if (m_state == State::Idle || m_state == State::Cancelling || m_state == State::Failing)
        return;
    endPause(); // a pause that ends in a cancel is not running time
    m_state = State::Cancelling;
    for (auto& ms : m_models)
        ms.ready.clear();
    m_delayed = {};
    m_delayTimer.stop();
    m_transport->cancelAll();
    maybeFinish();
}

void RunEngine::fail(const QString& message)
{
    if (m_state == State::Failing || m_state == State::Idle)
        return;
    m_failure = message;
    endPause();
    m_state = State::Failing;
    for (auto& ms : m_models)
        ms.ready.clear();
    m_delayed = {};
    m_delayTimer.stop();
    m_transport->cancelAll();
    maybeFinish();
}

void RunEngine::pump()
{
    if (m_state != State::Running)
        return;
    QVector<HttpRequest> batch;
    // Round-robin, one request per model per turn: both models see the same stretch of time.
    bool sentSomething = true;
    while (sentSomething) {
        sentSomething = false;
        for (size_t k = 0; k < m_models.size(); ++k) {
            const size_t mi = (size_t(m_nextModel) + k) % m_models.size();
            ModelState& ms = m_models[mi];
            if (ms.ready.empty() || ms.handed >= (ms.opened ? 2 * ms.cap : 1))
                continue;
            const WorkItem item = ms.ready.front();
            ms.ready.pop_front();
            HttpRequest request;
            if (m_turnCounts[size_t(item.prompt)] > 0) {
                // Each turn on top of this model's own earlier answers.
                request.body = ChatRequestBuilder::build(
                    ms.config.modelId, ms.config.options,
                    conversationAt(m_promptSet.prompts.at(item.prompt), item.turn, item.answers));
            } else {
                QByteArray& body = ms.bodies[size_t(item.prompt)];
                if (body.isEmpty())
                    body = ChatRequestBuilder::build(ms.config.modelId, ms.config.options,
                                                     m_promptSet.prompts.at(item.prompt));
                request.body = body;
            }
            request.tag = m_nextTag++;
            request.url = ms.url;
            request.bearerToken = ms.bearer;
            request.stream = ms.config.options.stream;
            request.http2PriorKnowledge = ms.config.http2 == ModelConfig::Http2::PriorKnowledge;
            request.timeoutMs = m_config.timeoutMs;
            request.reportStatus = !ms.opened;
            // The model's cap is the transport's slot limit; up to a cap's worth more wait there for a slot, so
            // that the next request starts as an answer ends, on the network thread, without a round trip
            // through this one. Until the model is open, one request and nothing waiting.
            request.slotGroup = int(mi);
            request.slotLimit = ms.opened ? ms.cap : 1;
            // An item already started finishes before new ones begin: its retry or next turn waits in front.
            request.urgent = item.turnAttempt > 1 || item.turn > 0;
            m_inFlight.insert(request.tag, item);
            ++ms.handed;
            ++ms.progress.attempts;
            if (item.turnAttempt > 1)
                ++ms.progress.retries;
            batch.append(std::move(request));
            sentSomething = true;
        }
        m_nextModel = (m_nextModel + 1) % int(m_models.size());
    }
    if (!batch.isEmpty())
        m_transport->submit(std::move(batch));
}

QDateTime RunEngine::wallTimeAt(std::int64_t steadyNs) const
{
    return m_startWall.addMSecs((steadyNs - m_startNs) / 1000000);
}

AttemptRow RunEngine::toAttemptRow(const WorkItem& item, const HttpExchange& ex) const
{
    const ModelState& ms = m_models[size_t(item.model)];
    AttemptRow row;
    row.runId = m_runId;
    row.runModelId = ms.runModelId;
    row.promptId = m_promptSet.prompts.at(item.prompt).dbId;
    row.repeatIndex = item.repeat;
    row.attemptNo = item.attemptNo;
    row.turnIndex = item.turn;
    const std::int64_t sentNs = ex.sentNs ? ex.sentNs : ex.doneNs;
    row.queueWaitMs = double(std::max<std::int64_t>(sentNs - item.readyNs, 0)) / 1e6;
    measureAttempt(row, ex, AttemptModel { ms.config.modelId, ms.priceBook, ms.maxUsageTokens, ms.bearer },
                   wallTimeAt(sentNs));
    return row;
}

QString RunEngine::stopReason(ModelState& ms, const AttemptRow& row)
{
    const ErrorClass error = row.outcome.error;
    // The message says the HTTP status itself where there was one ("HTTP 400: Model Not Exist").
    const QString what = tr("%1: %2").arg(errorClassName(error), row.outcome.errorMessage);
    if (stopsModelAtOnce(error)) {
        return tr("model \"%1\" stopped at the first %2 (%3); nothing more was sent. Once the key or the account is "
                  "fixed, resume the run")
            .arg(ms.config.label, errorClassName(error), what);
    }
    if (error == ErrorClass::None || isRetryable(error) || m_config.stopAfterErrors == 0)
        return QString();
    if (error == ms.streakClass && row.httpStatus == ms.streakStatus) {
        ++ms.errorStreak;
    } else {
        ms.errorStreak = 1;
        ms.streakClass = error;
        ms.streakStatus = row.httpStatus;
    }
    if (ms.errorStreak < m_config.stopAfterErrors)
        return QString();
    return tr("model \"%1\" stopped after %2 results in a row failed the same way (%3)")
        .arg(ms.config.label)
        .arg(ms.errorStreak)
        .arg(what);
}

void RunEngine::onExchanges(const QVector<HttpExchange>& exchanges)
{
    const std::int64_t now = m_clock.monotonicNs();
    QString stop;
    std::vector<std::vector<WorkItem>> withdrawn(m_models.size());
    for (const HttpExchange& ex : exchanges) {
        const auto it = m_inFlight.constFind(ex.tag);
        if (it == m_inFlight.cend())
            continue;
        const WorkItem item = it.value();
        m_inFlight.erase(it);
        ModelState& ms = m_models[size_t(item.model)];
        --ms.handed;
        if (ex.withdrawn) {
            // Never sent: not an attempt. While the run goes on it is sent again first; a cancelled or failed run
            // leaves it to a resume.
            --ms.progress.attempts;
            if (item.turnAttempt > 1)
                --ms.progress.retries;
            if (m_state == State::Running || m_state == State::Paused)
                withdrawn[size_t(item.model)].push_back(item);
            continue;
        }

        AttemptRow row = toAttemptRow(item, ex);
        WorkItem next = item;
        if (row.costUsd) {
            ms.progress.costUsd += *row.costUsd;
            next.costSoFar += *row.costUsd;
            next.costKnown = true;
        }
        const ErrorClass error = row.outcome.error;
        if (error == ErrorClass::None) {
            ms.opened = true;
            ms.errorStreak = 0;
        }
        const bool sending = m_state == State::Running || m_state == State::Paused;
        std::optional<qint64> delay;
        if (sending && stopsModelAtOnce(error)) {
            // Not the item's answer but the account's: the attempt is kept, the item stays open for a resume.
            if (stop.isEmpty())
                stop = stopReason(ms, row);
        } else if (sending) {
            delay = m_retry->nextDelayMs(error, item.turnAttempt, row.retryAfterMs);
        }
        const int turns = m_turnCounts[size_t(item.prompt)];
        if (delay) {
            ++next.attemptNo;
            ++next.turnAttempt;
            next.readyNs = now + *delay * 1000000;
            m_delayed.push(Delayed { next.readyNs, next });
        } else if (error == ErrorClass::None && item.turn + 1 < turns && sending) {
            // A conversation's turn answered: the next turn goes at once, on top of this answer. The attempt is
            // recorded, not the item's result.
            ++next.attemptNo;
            ++next.turn;
            next.turnAttempt = 1;
            next.answers.append(row.outcome.content);
            next.readyNs = ex.doneNs ? ex.doneNs : now; // its queue wait includes the hand-over's
            ms.ready.push_front(next);
        } else if (error == ErrorClass::None && item.turn + 1 < turns) {
            // Answered while the run is ending: the conversation is not over, a resume carries on at the next turn.
        } else if (error != ErrorClass::Cancelled && !stopsModelAtOnce(error)) {
            // A cancelled attempt is not the item's answer: a resume sends it again.
            row.isFinal = true;
            m_pendingFinals.append(FinalItem { m_pendingRows.size(), item.prompt,
                                               next.costKnown ? std::optional<double>(next.costSoFar) : std::nullopt,
                                               item.answers });
            ++ms.progress.done;
            if (error == ErrorClass::None)
                ++ms.progress.ok;
            else
                ++ms.progress.errors;
            if (sending && stop.isEmpty())
                stop = stopReason(ms, row);
        }
        m_pendingRows.append(std::move(row));
    }
    for (size_t mi = 0; mi < withdrawn.size(); ++mi) {
        for (auto it = withdrawn[mi].rbegin(); it != withdrawn[mi].rend(); ++it)
            m_models[mi].ready.push_front(*it);
    }
    if (!m_pendingRows.isEmpty() && !m_commitTimer.isActive())
        m_commitTimer.start();
    if (!stop.isEmpty()) {
        fail(stop);
        return;
    }
    armDelayTimer();
    pump();
    maybeFinish();
}

void RunEngine::onStatuses(const QVector<HttpStatus>& statuses)
{
    bool opened = false;
    for (const HttpStatus& s : statuses) {
        const auto it = m_inFlight.constFind(s.tag);
        if (it == m_inFlight.cend() || s.httpStatus < 200 || s.httpStatus >= 300)
            continue;
        ModelState& ms = m_models[size_t(it->model)];
        opened = opened || !ms.opened;
        ms.opened = true;
    }
    if (opened)
        pump();
}

void RunEngine::commitPending()
{
    m_commitTimer.stop();
    if (m_pendingRows.isEmpty())
        return;
    QVector<AttemptRow> rows;
    rows.swap(m_pendingRows);
    QVector<FinalItem> finals;
    finals.swap(m_pendingFinals);
    QString storeError;
    if (!m_store.recordAttempts(rows, &storeError)) {
        // What was committed before stays; the run stops rather than send what it cannot record.
        fail(tr("could not record results in %1, the run stops: %2").arg(m_store.path(), storeError));
        return;
    }
    if (m_checker.hasAssertions() && !finals.isEmpty()) {
        // Checks run as results arrive; an item resumed from an earlier session carries the cost of its attempts
        // there (RunEngine::start reads it).
        QVector<CheckRow> checks;
        // Scripts may take up to their time limit each: the lease is renewed meanwhile, so that no other process
        // takes this run over as abandoned (and sends its items again) while its answers are being checked.
        QElapsedTimer sinceRenewal;
        sinceRenewal.start();
        for (const FinalItem& f : finals) {
            if (auto c = m_checker.check(m_promptSet.prompts.at(f.prompt), rows.at(f.row), f.cost, f.earlierAnswers))
                checks.append(*c);
            if (sinceRenewal.elapsed() >= RunLease::kHeartbeatMs && !m_leaseOwner.isEmpty()) {
                renewLease();
                if (m_leaseOwner.isEmpty())
                    return; // lost: renewLease has failed the run
                sinceRenewal.restart();
            }
        }
        if (!m_store.saveChecks(checks, &storeError)) {
            fail(tr("could not record the checks of results in %1, the run stops: %2").arg(m_store.path(), storeError));
            return;
        }
    }
    if (!finals.isEmpty()) {
        QVector<AttemptRow> recorded;
        recorded.reserve(finals.size());
        for (const FinalItem& f : finals)
            recorded.append(rows.at(f.row));
        emit resultsRecorded(recorded);
    }
}

void RunEngine::renewLease()
{
    QString error;
    if (!m_leaseOwner.isEmpty() && !m_store.renewRunLease(m_runId, m_leaseOwner, m_clock.nowUtc(), &error)) {
        m_leaseOwner.clear(); // not ours any more: nothing to let go of at the end
        fail(tr("run %1 stops: %2").arg(m_runId).arg(error));
    }
}

void RunEngine::releaseDelayed()
{
    const std::int64_t now = m_clock.monotonicNs();
    while (!m_delayed.empty() && m_delayed.top().dueNs <= now) {
        const WorkItem item = m_delayed.top().item;
        m_delayed.pop();
        // Retries go to the front: an item already started should finish before new ones begin.
        m_models[size_t(item.model)].ready.push_front(item);
    }
    armDelayTimer();
    pump();
}

void RunEngine::armDelayTimer()
{
    if (m_delayed.empty()) {
        m_delayTimer.stop();
        return;
    }
    const std::int64_t waitNs = m_delayed.top().dueNs - m_clock.monotonicNs();
    m_delayTimer.start(m_clock.timerIntervalMs(waitNs));
}

void RunEngine::maybeFinish()
{
    if (m_state == State::Idle || !m_inFlight.isEmpty() || !m_delayed.empty())
        return;
    if (m_state == State::Running || m_state == State::Paused) {
        for (const auto& ms : m_models) {
            if (!ms.ready.empty())
                return;
        }
    }
    // Every answer that arrived is recorded before the run says it ended.
    commitPending();
    if (m_state == State::Idle)
        return; // the commit failed, and the failure has ended the run already
    m_lag.stop();
    m_progressTimer.stop();
    m_leaseTimer.stop();
    const QString status = m_state == State::Failing ? u"failed"_s
        : m_state == State::Cancelling               ? u"cancelled"_s
                                                     : u"completed"_s;
    const LoopStats net = m_transport->loopStats();
    const double p95 = clientLagP95Ms();
    const double maxLag = std::max(m_lag.maxMs(), net.maxMs);
    QString storeError;
    if (!m_store.setRunLag(m_runId, p95, maxLag, p95 > kClientLagThresholdMs, &storeError)
        || !m_store.finishRun(m_runId, status, m_clock.nowUtc(), &storeError)) {
        if (m_failure.isEmpty())
            m_failure = tr("could not record the end of the run in %1: %2").arg(m_store.path(), storeError);
    }
    if (!m_leaseOwner.isEmpty()) {
        m_store.releaseRunLease(m_runId, m_leaseOwner, nullptr);
        m_leaseOwner.clear();
    }
    QString message = m_failure;
    if (message.isEmpty() && status == u"completed"_s) {
        // Complete, and yet it says nothing about a model whose every result is an error.
        if (const QStringList none = progress().modelsWithoutAnswers(); !none.isEmpty())
            message = tr("%1 answered no item: every result is an error").arg(none.join(u", "_s));
    }
    m_endNs = m_clock.monotonicNs(); // the clock stops with the run
    m_state = State::Idle;
    emit progressChanged();
    emit finished(m_runId, m_failure.isEmpty() ? status : u"failed"_s, message);
}

double RunEngine::clientLagP95Ms() const
{
    return std::max(m_lag.quantileMs(0.95), m_transport->loopStats().p95Ms);
}

RunProgress RunEngine::progress() const
{
    RunProgress p;
    p.runId = m_runId;
    // The clock stops while the run is paused, and when it has ended.
    const std::int64_t now = m_state == State::Idle && m_endNs != 0 ? m_endNs : m_clock.monotonicNs();
    p.paused = m_state == State::Paused;
    p.elapsedS = double(now - m_startNs - m_pausedNs - (p.paused ? now - m_pausedAtNs : 0)) / 1e9;
    for (const auto& ms : m_models) {
        // In flight is what is open; what waits in the transport for a slot is not sent yet.
        p.models.append(ms.progress);
        p.models.last().inFlight = ms.open();
        p.models.last().attempts -= ms.handed - ms.open();
    }
    return p;
}

} // namespace tierlens
