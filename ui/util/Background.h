#pragma once
// One job on a worker whose result comes back to an object's thread: job() runs on the global thread pool, then
// done(result) runs on context's thread, unless context is gone by then. The job must hold values only (a
// store's path, never a page's members): a job whose context was deleted runs to its end and its result is
// dropped, so nothing waits for it and nothing it touches has been freed. (QFuture::then(context, ...) asserts on a
// context deleted meanwhile and races with its deletion in Qt 6.4.)

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <type_traits>

namespace tierlens {

template <typename Job, typename Done> void runInBackground(QObject* context, Job job, Done done)
{
    using Result = std::invoke_result_t<Job>;
    auto* watcher = new QFutureWatcher<Result>(context); // deleted with context, which ends the connection
    QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, done = std::move(done)]() mutable {
        watcher->deleteLater();
        QFuture<Result> future = watcher->future();
        if (future.resultCount() > 0) // none when the job threw
            done(future.takeResult());
    });
    watcher->setFuture(QtConcurrent::run(std::move(job)));
}

} // namespace tierlens
