#include "Workspace.h"

#include <QtConcurrent/QtConcurrentRun>

namespace tierlens {

std::unique_ptr<Workspace> Workspace::open(const QString& path, Store::OpenMode mode, QString* error)
{
    std::unique_ptr<Store> store = Store::open(path, error, mode);
    if (!store)
        return nullptr;
    QString damage;
    Lists lists;
    if (store->checkIntegrity(&damage))
        lists = readLists(*store);
    else
        lists.error = damage.isEmpty() ? store->lastError() : damage;
    if (!lists.error.isEmpty()) {
        *error = tr("Cannot open the workspace %1: %2").arg(path, lists.error);
        return nullptr;
    }
    return std::unique_ptr<Workspace>(new Workspace(std::move(store), std::move(lists)));
}

Workspace::Workspace(std::unique_ptr<Store> store, Lists lists)
    : m_store(std::move(store))
    , m_lists(std::move(lists))
{
    connect(&m_watcher, &QFutureWatcher<Lists>::finished, this, &Workspace::finished);
}

Workspace::~Workspace()
{
    m_watcher.waitForFinished();
}

std::optional<RunRow> Workspace::run(qint64 runId)
{
    for (const RunRow& r : std::as_const(m_lists.runs)) {
        if (r.id == runId)
            return r;
    }
    return m_store->loadRun(runId);
}

Workspace::Lists Workspace::readLists(Store& store)
{
    Lists out;
    std::optional<QVector<RunRow>> runs = store.runs();
    std::optional<QVector<PromptSetInfo>> sets = runs ? store.promptSets() : std::nullopt;
    if (!runs || !sets) {
        out.error = store.lastError();
        return out;
    }
    out.runs = std::move(*runs);
    out.promptSets = std::move(*sets);
    return out;
}

void Workspace::refresh()
{
    if (m_busy) {
        m_pending = true;
        return;
    }
    m_busy = true;
    m_watcher.setFuture(QtConcurrent::run(m_reader, m_store->path()));
}

Workspace::Lists Workspace::readListsAt(const QString& path)
{
    QString error;
    std::unique_ptr<Store> store = Store::open(path, &error, Store::OpenMode::Read);
    if (!store) {
        Lists failed;
        failed.error = error;
        return failed;
    }
    return readLists(*store);
}

void Workspace::refreshNow()
{
    m_lists = readLists(*m_store);
    // A reading going on began before this one: its lists are older, so it reads once more instead of landing.
    if (m_busy)
        m_pending = true;
    emit listsChanged();
}

void Workspace::finished()
{
    m_busy = false;
    if (m_pending) {
        m_pending = false;
        refresh();
        return;
    }
    Lists lists = m_watcher.result();
    // A list that cannot be read keeps the last good one on the pages; the reason is kept for them to show.
    if (!lists.error.isEmpty()) {
        m_lists.error = lists.error;
    } else {
        m_lists = std::move(lists);
    }
    emit listsChanged();
}

} // namespace tierlens
