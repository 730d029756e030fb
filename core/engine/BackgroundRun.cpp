#include "BackgroundRun.h"

#include "engine/RunEngine.h"
#include "store/Store.h"
#include "util/Clock.h"

#include <QEventLoop>
#include <QThread>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace tierlens {

// Lives on the worker thread: opens the store there (a connection belongs to one thread) and drives the engine.
class BackgroundRun::Worker : public QObject
{
    Q_OBJECT
public:
    explicit Worker(const QString& path)
        : m_path(path)
    { }

    void start(qint64 runId, const QHash<QString, QByteArray>& apiKeys, bool allowInsecureHttp)
    {
        QString error;
        if (!m_store)
            m_store = Store::open(m_path, &error);
        if (!m_store) {
            emit finished(runId, u"failed"_s, error);
            return;
        }
        m_engine = std::make_unique<RunEngine>(*m_store, Clock::system());
        m_engine->setApiKeys(apiKeys);
        m_engine->setAllowInsecureHttp(allowInsecureHttp);
        connect(m_engine.get(), &RunEngine::progressChanged, this,
                [this] { emit progressChanged(m_engine->progress()); });
        connect(m_engine.get(), &RunEngine::resultsRecorded, this, &Worker::resultsRecorded);
        connect(m_engine.get(), &RunEngine::finished, this,
                [this](qint64 id, const QString& status, const QString& message) {
                    emit progressChanged(m_engine->progress());
                    emit finished(id, status, message);
                });
        if (!m_engine->start(runId, &error))
            emit finished(runId, u"failed"_s, error);
    }
    void pause()
    {
        if (m_engine)
            m_engine->pause();
    }
    void resume()
    {
        if (m_engine)
            m_engine->resume();
    }
    void cancel()
    {
        if (m_engine && m_engine->isRunning())
            m_engine->cancel();
    }
    // Before the thread ends: the engine and the connection go on the thread that made them.
    void shutDown()
    {
        m_engine.reset();
        m_store.reset();
    }

signals:
    void progressChanged(const tierlens::RunProgress& progress);
    void resultsRecorded(const QVector<tierlens::AttemptRow>& finalAttempts);
    void finished(qint64 runId, const QString& status, const QString& message);

private:
    QString m_path;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<RunEngine> m_engine;
};

BackgroundRun::BackgroundRun(const QString& databasePath, QObject* parent)
    : QObject(parent)
    , m_databasePath(databasePath)
    , m_thread(new QThread(this))
    , m_worker(new Worker(databasePath))
{
    qRegisterMetaType<tierlens::RunProgress>();
    qRegisterMetaType<QVector<tierlens::AttemptRow>>();
    m_thread->setObjectName(u"tierlens-run"_s);
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &Worker::progressChanged, this, &BackgroundRun::progressChanged);
    connect(m_worker, &Worker::resultsRecorded, this, &BackgroundRun::resultsRecorded);
    connect(m_worker, &Worker::finished, this, [this](qint64 id, const QString& status, const QString& message) {
        m_running = false;
        m_paused = false;
        emit finished(id, status, message);
    });
    m_thread->start();
}

BackgroundRun::~BackgroundRun()
{
    // Whoever listened is going away: nothing is reported from here on.
    blockSignals(true);
    bool stopped = true;
    if (m_running) {
        // Let the engine record its in-flight attempts as cancelled before the thread goes.
        QEventLoop wait;
        connect(m_worker, &Worker::finished, &wait, &QEventLoop::quit);
        QTimer timeout;
        timeout.setSingleShot(true);
        connect(&timeout, &QTimer::timeout, &wait, [&] {
            stopped = false;
            wait.quit();
        });
        timeout.start(30000); // a stuck worker must not hang the exit
        cancel();
        wait.exec(QEventLoop::ExcludeUserInputEvents);
    }
    if (stopped)
        QMetaObject::invokeMethod(m_worker, &Worker::shutDown, Qt::BlockingQueuedConnection);
    m_thread->quit();
    if (!m_thread->wait(stopped ? QDeadlineTimer(QDeadlineTimer::Forever) : QDeadlineTimer(5000)))
        qWarning("tierlens: the run thread did not stop; leaving it behind");
}

void BackgroundRun::start(qint64 runId, const QHash<QString, QByteArray>& apiKeys, bool allowInsecureHttp)
{
    if (m_running)
        return; // one run at a time: the caller checks isRunning() first
    m_runId = runId;
    m_running = true;
    m_paused = false;
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, runId, apiKeys, allowInsecureHttp] { w->start(runId, apiKeys, allowInsecureHttp); },
        Qt::QueuedConnection);
}

void BackgroundRun::pause()
{
    m_paused = true;
    QMetaObject::invokeMethod(m_worker, &Worker::pause, Qt::QueuedConnection);
}

void BackgroundRun::resume()
{
    m_paused = false;
    QMetaObject::invokeMethod(m_worker, &Worker::resume, Qt::QueuedConnection);
}

void BackgroundRun::cancel()
{
    QMetaObject::invokeMethod(m_worker, &Worker::cancel, Qt::QueuedConnection);
}

} // namespace tierlens

#include "BackgroundRun.moc"
