#pragma once
// A page's background computation: run on a worker thread (with whatever connection the job opens itself), only
// while the page is shown, one at a time; asked again while one runs, it runs once more with the newest request
// when that one ends, and the stale result is dropped. The Dashboard, Policy and History pages compute this way so
// that a large history never freezes the window. A job runs as runInBackground's do (Background.h: releasingMemory,
// takeFinished); unlike those one-shot jobs, the page's end waits for a job going on (OnDestroy::Wait), so that no
// worker holds a connection to the workspace after the page is gone.

#include "util/Background.h"

#include <QFutureWatcher>
#include <QWidget>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>

namespace tierlens {

template <typename Result> class PageTask
{
public:
    // Whether the page's end waits for a job going on: Drop for a job that holds values only and need not end
    // before the page does (a dialog closed while it estimates closes at once).
    enum class OnDestroy { Wait, Drop };

    // prepare runs on the page's thread when a computation may start: it reads the page's settings and returns
    // the job for the worker, or an empty function when there is nothing to compute (it then shows why itself).
    // done receives the job's result on the page's thread.
    PageTask(QWidget* page, std::function<std::function<Result()>()> prepare, std::function<void(Result)> done,
             OnDestroy onDestroy = OnDestroy::Wait)
        : m_page(page)
        , m_prepare(std::move(prepare))
        , m_done(std::move(done))
        , m_onDestroy(onDestroy)
    {
        QObject::connect(&m_watcher, &QFutureWatcher<Result>::finished, page, [this] { finished(); });
    }
    ~PageTask()
    {
        // A future whose result was taken is no longer valid, and waiting on it would never return.
        if (m_onDestroy == OnDestroy::Wait && m_watcher.future().isValid())
            m_watcher.waitForFinished();
    }
    PageTask(const PageTask&) = delete;
    PageTask& operator=(const PageTask&) = delete;

    void request()
    {
        // Figures nobody looks at are not computed: on a large history that is seconds of a core.
        if (!m_page->isVisible()) {
            m_stale = true;
            return;
        }
        m_stale = false;
        if (m_busy) {
            m_pending = true;
            return;
        }
        std::function<Result()> job = m_prepare();
        if (!job)
            return;
        m_busy = true;
        m_watcher.setFuture(QtConcurrent::run(releasingMemory(std::move(job))));
    }
    // Call from the page's showEvent.
    void pageShown()
    {
        if (m_stale)
            request();
    }
    // True until the result is handed to done, not only computed.
    bool isBusy() const { return m_busy; }

private:
    void finished()
    {
        m_busy = false;
        if (m_pending) {
            m_pending = false;
            request();
            return;
        }
        // The future lets go of the result: the page is then its only holder and can change it without a copy.
        if (std::optional<Result> result = takeFinished(m_watcher))
            m_done(std::move(*result));
    }

    QWidget* m_page;
    std::function<std::function<Result()>()> m_prepare;
    std::function<void(Result)> m_done;
    OnDestroy m_onDestroy;
    QFutureWatcher<Result> m_watcher;
    bool m_stale = true; // asked for while the page was hidden
    bool m_busy = false;
    bool m_pending = false; // asked for again while a computation ran
};

} // namespace tierlens
