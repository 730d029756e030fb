#include "LiveRecorder.h"

#include "ShadowOptions.h"
#include "engine/RunEngine.h"
#include "store/RunLease.h"
#include "store/Store.h"
#include "util/Clock.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {
constexpr int kFlushIntervalMs = 100;
}

LiveRecorder::LiveRecorder(Store& store, QObject* parent)
    : QObject(parent)
    , m_store(store)
{
    m_flushTimer.setInterval(kFlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, [this] { flush(nullptr); });
    m_leaseTimer.setInterval(int(RunLease::kHeartbeatMs));
    connect(&m_leaseTimer, &QTimer::timeout, this, &LiveRecorder::renewLease);
}

LiveRecorder::~LiveRecorder() = default;

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

bool LiveRecorder::flush(QString* error)
{
    if (m_broken) {
        if (error)
            *error = tr("recording had stopped");
        return false;
    }
    QString why;
    if (!m_newPrompts.isEmpty()) {
        const int first = m_nextCapture - int(m_newPrompts.size()); // places follow the capture order
        if (!m_store.appendPrompts(m_promptSetId, first, m_newPrompts, &why)) {
            stopRecording(why);
            if (error)
                *error = why;
            return false;
        }
        for (int i = 0; i < m_newPrompts.size(); ++i)
            m_promptIds.insert(m_newCaptures.at(i), m_newPrompts.at(i).dbId);
        m_newPrompts.clear();
        m_newCaptures.clear();
    }
    if (m_pending.isEmpty())
        return true;
    QVector<AttemptRow> rows;
    rows.reserve(m_pending.size());
    for (PendingAttempt& p : m_pending) {
        p.row.promptId = m_promptIds.value(p.capture);
        rows.append(std::move(p.row));
    }
    m_pending.clear();
    if (!m_store.recordAttempts(rows, &why)) {
        stopRecording(why);
        if (error)
            *error = why;
        return false;
    }
    m_recordedAttempts += rows.size();
    return true;
}

bool LiveRecorder::end(const QString& status, QString* error)
{
    m_flushTimer.stop();
    m_leaseTimer.stop();
    if (m_runId == 0)
        return true;
    QString why;
    const bool flushed = !m_broken && flush(&why);
    if (!flushed && why.isEmpty())
        why = m_brokenBecause;
    const bool finished = m_store.finishRun(m_runId, flushed ? status : u"failed"_s, Clock::system().nowUtc(),
                                            flushed ? &why : nullptr);
    m_runId = 0;
    if ((!flushed || !finished) && error)
        *error = why;
    return flushed && finished;
}

void LiveRecorder::renewLease()
{
    QString why;
    if (!m_broken && !m_store.renewRunLease(m_runId, m_leaseOwner, Clock::system().nowUtc(), &why))
        stopRecording(why);
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
