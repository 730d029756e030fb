#pragma once
// One job on a worker whose result comes back to an object's thread: job() runs on the global thread pool, then
// done(result) runs on context's thread, unless context is gone by then. The job must hold values only (a
// store's path, never a page's members): a job whose context was deleted runs to its end and its result is
// dropped, so nothing waits for it and nothing it touches has been freed. (QFuture::then(context, ...) asserts on a
// context deleted meanwhile and races with its deletion in Qt 6.4.)

#include "util/Memory.h"

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <optional>
#include <type_traits>

namespace tierlens {

// A worker's job as every background read of the desktop runs it (runInBackground, PageTask): when it ends, what
// it read and freed (its connection, the rows it dropped) goes back to the system.
template <typename Job> auto releasingMemory(Job job)
{
    return [job = std::move(job)]() mutable {
        auto result = job();
        releaseFreeMemory();
        return result;
    };
}

// The finished job's result, taken from the future (the caller is then its only holder); empty when the job threw.
template <typename Result> std::optional<Result> takeFinished(const QFutureWatcher<Result>& watcher)
{
    QFuture<Result> future = watcher.future();
    if (future.resultCount() == 0)
        return std::nullopt;
    return future.takeResult();
}

template <typename Job, typename Done> void runInBackground(QObject* context, Job job, Done done)
{
    using Result = std::invoke_result_t<Job>;
    auto* watcher = new QFutureWatcher<Result>(context); // deleted with context, which ends the connection
    QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, done = std::move(done)]() mutable {
        watcher->deleteLater();
        if (std::optional<Result> result = takeFinished(*watcher))
            done(std::move(*result));
    });
    watcher->setFuture(QtConcurrent::run(releasingMemory(std::move(job))));
}

} // namespace tierlens
