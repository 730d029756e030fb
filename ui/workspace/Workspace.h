#pragma once
// One open workspace: the store the window writes through, and the lists every page starts from (runs with their
// counts and costs, prompt sets). The lists are read once per change, on a worker with its own connection, and
// shared by the pages; before, each page re-read them on the window's thread, five times after every run (on a
// million results the run list's cost sums alone take most of a second each time).

#include "store/Store.h"

#include <QFutureWatcher>
#include <QObject>
#include <QVector>

#include <functional>
#include <memory>
#include <optional>

namespace tierlens {

class Workspace : public QObject
{
    Q_OBJECT
public:
    struct Lists
    {
        QVector<RunRow> runs; // newest first, as Store::runs()
        QVector<PromptSetInfo> promptSets;
        QString error; // set when they could not be read
    };

    // Opens the store and checks it: a damaged file must not look like an empty workspace, so the whole file is
    // checked and the lists have to read. Null with the reason on failure.
    static std::unique_ptr<Workspace> open(const QString& path, Store::OpenMode mode, QString* error);
    ~Workspace() override;

    Store& store() { return *m_store; }
    QString path() const { return m_store->path(); }

    // As last read.
    const QVector<RunRow>& runs() const { return m_lists.runs; }
    const QVector<PromptSetInfo>& promptSets() const { return m_lists.promptSets; }
    // The run from the list, or from the store when the list does not have it yet (a run that just started);
    // empty when the workspace has no such run.
    std::optional<RunRow> run(qint64 runId);
    // Why the last reading failed; empty when it did not.
    QString listsError() const { return m_lists.error; }

    // Reads the lists again on a worker; listsChanged() when they are in. Asked again while reading, it reads once
    // more when that reading ends (the state after the last change is what the pages get).
    void refresh();
    bool isRefreshing() const { return m_busy; }
    // Reads the lists on the calling thread: tests, and a caller that must have them before going on.
    void refreshNow();

    // Reads the lists through a store of its own (a worker's connection).
    static Lists readLists(Store& store);
    // What refresh() runs on its worker, given the store's path: opens a store there and reads the lists. Tests
    // replace it to hold a reading at a known point.
    using ListReader = std::function<Lists(const QString& path)>;
    void setListReader(ListReader reader) { m_reader = std::move(reader); }
    static Lists readListsAt(const QString& path);

signals:
    void listsChanged();

private:
    explicit Workspace(std::unique_ptr<Store> store, Lists lists);
    void finished();

    std::unique_ptr<Store> m_store;
    Lists m_lists;
    ListReader m_reader = &Workspace::readListsAt;
    QFutureWatcher<Lists> m_watcher;
    bool m_busy = false;
    bool m_pending = false;
};

} // namespace tierlens
