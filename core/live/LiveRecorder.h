#pragma once
// Writes a live shadow session into the store as a run like any other (kind shadow, origin live): the requests it
// captures become the prompts of a set that grows while it runs, and each model's answer to one is that item's one
// attempt. Writes are batched (one transaction for the new prompts, one for the attempts, every 100 ms) and made on
// a thread of their own with a connection of their own, so that recording never holds up the traffic, not even
// while another process holds the database's write lock; a failed write stops recording and says why, and what was
// written stays.

#include "pricing/PriceBook.h"
#include "promptsets/Prompt.h"
#include "store/StoreTypes.h"

#include <QHash>
#include <QObject>
#include <QThread>
#include <QTimer>
#include <QVector>

#include <memory>
#include <vector>

namespace tierlens {

class PriceBookRegistry;
class Store;
struct ShadowOptions;

class LiveRecorder : public QObject
{
    Q_OBJECT
public:
    explicit LiveRecorder(Store& store, QObject* parent = nullptr);
    ~LiveRecorder() override;

    // Stores the live run (its prompt set empty, its models the primary then the candidates) and takes its lease.
    bool begin(const ShadowOptions& options, const PriceBookRegistry& prices, QString* error);
    qint64 runId() const { return m_runId; }
    // By the model's place: 0 the primary, 1.. the candidates in the order given.
    qint64 runModelId(int model) const { return m_runModelIds.value(model); }
    const PriceBook* priceBook(int model) const { return m_books.value(model); }
    qint64 maxUsageTokens(int model) const;

    // Takes a captured request's prompt (its id is given here); the handle names it for the attempts answering it.
    int capture(Prompt prompt);
    // The one attempt of a model's item for a captured prompt, identity filled in here; written with the next
    // batch.
    void record(int capture, int model, AttemptRow row);
    // Hands what is waiting to the writing thread (one batch at a time, in order).
    void flush();
    // Writes what is waiting and ends the run with status (completed, failed), letting its lease go.
    bool end(const QString& status, QString* error);

signals:
    // Recording stopped: the store refused a write. The session goes on forwarding; nothing more is stored.
    void recordingFailed(const QString& why);

private:
    class Writer;
    void renewLease();
    void stopRecording(const QString& why);
    void written(const QString& error);

    Store& m_store;
    QThread m_thread;
    Writer* m_writer = nullptr; // lives on m_thread
    bool m_writing = false; // a batch is on the writing thread
    qint64 m_runId = 0;
    qint64 m_promptSetId = 0;
    QString m_leaseOwner;
    QVector<qint64> m_runModelIds;
    QVector<const PriceBook*> m_books;
    std::vector<std::unique_ptr<PriceBook>> m_ownedBooks;
    QVector<qint64> m_maxUsage;

    int m_nextCapture = 0;
    QVector<Prompt> m_newPrompts; // captured, not stored yet
    QVector<int> m_newCaptures; // their handles
    struct PendingAttempt
    {
        int capture = 0;
        AttemptRow row;
    };
    QVector<PendingAttempt> m_pending;
    bool m_broken = false;
    QString m_brokenBecause;
    QTimer m_flushTimer;
    QTimer m_leaseTimer;
};

} // namespace tierlens
