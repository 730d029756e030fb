#include "LiveRecorder.h"

#include "ShadowOptions.h"
#include "engine/RunEngine.h"
#include "store/RunLease.h"
#include "store/Store.h"
#include "util/Clock.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {
constexpr int kFlushIntervalMs = 100;
}

// On the writing thread: a connection of its own to the same store, and the prompts' stored ids.
class LiveRecorder::Writer : public QObject
{
public:
    std::unique_ptr<Store> store;
    qint64 runId = 0;
    qint64 promptSetId = 0;
    QHash<int, qint64> promptIds; // capture handle -> stored prompt id

    // Empty, or why the store refused the batch.
    QString write(int firstOrdinal, QVector<Prompt> prompts, const QVector<int>& captures,
                  QVector<PendingAttempt> attempts)
    {
        QString why;
        if (!prompts.isEmpty()) {
            if (!store->appendPrompts(promptSetId, firstOrdinal, prompts, &why))
                return why;
            for (int i = 0; i < prompts.size(); ++i)
                promptIds.insert(captures.at(i), prompts.at(i).dbId);
        }
        if (attempts.isEmpty())
            return {};
        QVector<AttemptRow> rows;
        rows.reserve(attempts.size());
        for (PendingAttempt& p : attempts) {
            p.row.promptId = promptIds.value(p.capture);
            rows.append(std::move(p.row));
        }
        return store->recordAttempts(rows, &why) ? QString() : why;
    }
};

LiveRecorder::LiveRecorder(Store& store, QObject* parent)
    : QObject(parent)
    , m_store(store)
{
    m_flushTimer.setInterval(kFlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &LiveRecorder::flush);
    m_leaseTimer.setInterval(int(RunLease::kHeartbeatMs));
    connect(&m_leaseTimer, &QTimer::timeout, this, &LiveRecorder::renewLease);
}

LiveRecorder::~LiveRecorder()
{
    if (m_runId != 0)
        end(u"completed"_s, nullptr);
}

bool LiveRecorder::begin(const ShadowOptions& options, const PriceBookRegistry& prices, QString* error)
{
    const QDateTime now = Clock::system().nowUtc();
    PromptSet set;
    set.name = u"live %1 %2"_s.arg(options.primary.label, now.toString(Qt::ISODate)); // stored: not translated
    set.sourcePath = u"tierlens:live/"_s + now.toString(Qt::ISODateWithMs);
    if (!m_store.savePromptSet(set, error))
        return false;
    m_promptSetId = set.dbId;

    RunConfig config;
    config.models = { options.primary };
    config.models += options.shadows;
    config.timeoutMs = options.timeoutMs;
    config.retry.maxAttempts = 1; // the application's request is answered once; nothing is retried for it
    config.stopAfterErrors = 0;
    for (int i = 1; i < config.models.size(); ++i)
        config.models[i].concurrency = options.shadowConcurrency;
    config.models[0].concurrency = 1; // not a cap: the application decides how many it sends
    RunRow run = RunEngine::runRowFor(set, config, prices);
    run.origin = u"live"_s;
    run.config.insert(u"live"_s, options.toJson());
    const std::optional<qint64> runId = m_store.createRun(run, error);
    if (!runId)
        return false;
    m_runId = *runId;
    m_leaseOwner = RunLease::ownerForThisProcess();
    if (!m_store.acquireRunLease(m_runId, m_leaseOwner, Clock::system().nowUtc(), error))
        return false;

    // Billed with the books snapshotted into the run, as the run engine bills.
    const QJsonObject books = QJsonDocument::fromJson(run.priceBookJson).object();
    for (const RunModelRow& m : std::as_const(run.models)) {
        m_runModelIds.append(m.id);
        const PriceBook* book = nullptr;
        if (books.contains(m.provider)) {
            for (const auto& owned : m_ownedBooks) {
                if (owned->provider().compare(m.provider, Qt::CaseInsensitive) == 0)
                    book = owned.get();
            }
            if (!book) {
                QString bookError;
                auto parsed = PriceBook::fromJson(QJsonDocument(books.value(m.provider).toObject()).toJson(),
                                                  u"run %1 price book %2"_s.arg(m_runId).arg(m.provider), &bookError);
                if (!parsed) {
                    if (error)
                        *error = bookError;
                    return false;
                }
                m_ownedBooks.push_back(std::make_unique<PriceBook>(std::move(*parsed)));
                book = m_ownedBooks.back().get();
            }
        }
        m_books.append(book);
        m_maxUsage.append(book ? book->maxUsageTokens(m.modelId).value_or(RunEngine::kUnknownModelMaxUsageTokens)
                               : RunEngine::kUnknownModelMaxUsageTokens);
    }
    // The writer's connection is opened (and later closed) on its own thread, as Qt's SQL connections require.
    m_thread.setObjectName(u"live-recorder"_s);
    m_thread.start();
    m_writer = new Writer;
    m_writer->moveToThread(&m_thread);
    m_writer->runId = m_runId;
    m_writer->promptSetId = m_promptSetId;
    QString openError;
    QMetaObject::invokeMethod(
        m_writer,
        [this, &openError] { m_writer->store = Store::open(m_store.path(), &openError, Store::OpenMode::Write); },
        Qt::BlockingQueuedConnection);
    if (!m_writer->store) {
        if (error)
            *error = openError;
        delete m_writer;
        m_writer = nullptr;
        m_thread.quit();
        m_thread.wait();
        m_store.finishRun(m_runId, u"failed"_s, Clock::system().nowUtc(), nullptr);
        m_runId = 0;
        return false;
    }
    m_flushTimer.start();
    m_leaseTimer.start();
    return true;
}

qint64 LiveRecorder::maxUsageTokens(int model) const
{
    return m_maxUsage.value(model, RunEngine::kUnknownModelMaxUsageTokens);
}

int LiveRecorder::capture(Prompt prompt)
{
    const int handle = ++m_nextCapture;
    if (m_broken)
        return handle;
    prompt.id = u"live-%1"_s.arg(handle);
    m_newPrompts.append(std::move(prompt));
    m_newCaptures.append(handle);
    return handle;
}

void LiveRecorder::record(int capture, int model, AttemptRow row)
{
    if (m_broken)
        return;
    row.runId = m_runId;
    row.runModelId = runModelId(model);
    row.repeatIndex = 0;
    row.attemptNo = 1;
    row.turnIndex = 0;
    row.isFinal = true;
    m_pending.append(PendingAttempt { capture, std::move(row) });
}

void LiveRecorder::flush()
{
    if (m_broken || m_writing || !m_writer || (m_newPrompts.isEmpty() && m_pending.isEmpty()))
        return;
    m_writing = true;
    const int first = m_nextCapture - int(m_newPrompts.size()); // places follow the capture order
    QMetaObject::invokeMethod(
        m_writer,
        [this, writer = m_writer, first, prompts = std::exchange(m_newPrompts, {}),
         captures = std::exchange(m_newCaptures, {}), pending = std::exchange(m_pending, {})]() mutable {
            const QString why = writer->write(first, std::move(prompts), captures, std::move(pending));
            QMetaObject::invokeMethod(this, [this, why] { written(why); });
        });
}

void LiveRecorder::written(const QString& error)
{
    m_writing = false;
    if (!error.isEmpty())
        stopRecording(error);
}

bool LiveRecorder::end(const QString& status, QString* error)
{
    m_flushTimer.stop();
    m_leaseTimer.stop();
    if (m_runId == 0)
        return true;
    QString why;
    bool flushed = false;
    if (m_writer) {
        // What is waiting is written after any batch on its way (the writer's queue keeps the order), then the run
        // ends and the writer's connection closes, on its thread.
        const int first = m_nextCapture - int(m_newPrompts.size());
        const bool broken = m_broken;
        QMetaObject::invokeMethod(
            m_writer,
            [&] {
                if (!broken)
                    why = m_writer->write(first, std::exchange(m_newPrompts, {}), m_newCaptures,
                                          std::exchange(m_pending, {}));
                flushed = !broken && why.isEmpty();
                if (!flushed && why.isEmpty())
                    why = m_brokenBecause;
                QString finishError;
                if (!m_writer->store->finishRun(m_runId, flushed ? status : u"failed"_s, Clock::system().nowUtc(),
                                                &finishError)
                    && flushed) {
                    flushed = false;
                    why = finishError;
                }
                m_writer->store.reset();
            },
            Qt::BlockingQueuedConnection);
        m_newCaptures.clear();
        QCoreApplication::sendPostedEvents(this); // the answer to a batch on its way, if it came meanwhile
        flushed = flushed && !m_broken;
        delete m_writer;
        m_writer = nullptr;
        m_thread.quit();
        m_thread.wait();
    }
    m_runId = 0;
    if (!flushed && error)
        *error = why.isEmpty() ? m_brokenBecause : why;
    return flushed;
}

void LiveRecorder::renewLease()
{
    if (m_broken || !m_writer)
        return;
    QMetaObject::invokeMethod(m_writer, [this, writer = m_writer, runId = m_runId, owner = m_leaseOwner] {
        QString why;
        if (!writer->store->renewRunLease(runId, owner, Clock::system().nowUtc(), &why))
            QMetaObject::invokeMethod(this, [this, why] { stopRecording(why); });
    });
}

void LiveRecorder::stopRecording(const QString& why)
{
    if (m_broken)
        return;
    m_broken = true;
    m_brokenBecause = why;
    m_newPrompts.clear();
    m_newCaptures.clear();
    m_pending.clear();
    emit recordingFailed(tr("recording live run %1 stopped: %2; what was written before stays").arg(m_runId).arg(why));
}

} // namespace tierlens
