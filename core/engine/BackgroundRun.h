#pragma once
// Runs the RunEngine on a worker thread with its own connection to the workspace database, so that a window
// stays responsive with thousands of requests in flight: network and storage never touch the caller's thread.

#include "engine/RunProgress.h"
#include "store/StoreTypes.h"

#include <QHash>
#include <QObject>
#include <QString>

class QThread;

namespace tierlens {

class BackgroundRun : public QObject
{
    Q_OBJECT
public:
    explicit BackgroundRun(const QString& databasePath, QObject* parent = nullptr);
    // Cancels a run still going and waits for the worker to record its in-flight attempts.
    ~BackgroundRun() override;

    // Sends every item of the stored run that has no final result (a new run, or a resume). apiKeys: see
    // RunEngine::setApiKeys; allowInsecureHttp: RunEngine::setAllowInsecureHttp (the person confirmed it).
    void start(qint64 runId, const QHash<QString, QByteArray>& apiKeys = {}, bool allowInsecureHttp = false);
    void pause();
    void resume();
    void cancel();

    bool isRunning() const { return m_running; }
    bool isPaused() const { return m_paused; }
    qint64 runId() const { return m_runId; }

signals:
    void progressChanged(const tierlens::RunProgress& progress);
    void resultsRecorded(const QVector<tierlens::AttemptRow>& finalAttempts);
    // status: completed | cancelled | failed; message says why a run failed or could not start.
    void finished(qint64 runId, const QString& status, const QString& message);

private:
    class Worker;

    QString m_databasePath;
    QThread* m_thread = nullptr;
    Worker* m_worker = nullptr;
    qint64 m_runId = 0;
    bool m_running = false;
    bool m_paused = false;
};

} // namespace tierlens

Q_DECLARE_METATYPE(tierlens::RunProgress)
Q_DECLARE_METATYPE(QVector<tierlens::AttemptRow>)
