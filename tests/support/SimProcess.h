#pragma once
// Starts tierlens-sim as a real process on a free loopback port, for integration tests and benchmarks.

#include <QByteArray>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <csignal>
#include <sys/prctl.h>

namespace tierlens::testing {

class SimProcess
{
public:
    explicit SimProcess(const QString& binDir)
        : m_binary(binDir + QStringLiteral("/tierlens-sim"))
    { }
    ~SimProcess() { stop(); }

    // Returns an empty string when started, else what went wrong.
    QString start(const QStringList& extraArgs = {})
    {
        QStringList args { QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--quiet") };
        args += extraArgs;
        m_process.setProgram(m_binary);
        m_process.setArguments(args);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        // A test that aborts (a QtTest timeout, a sanitizer report) runs no destructor: the simulator goes with it
        // rather than live on holding the test's output open, which keeps ctest waiting until its timeout.
        m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
        m_process.start();
        if (!m_process.waitForStarted(10000))
            return QStringLiteral("cannot start %1: %2").arg(m_binary, m_process.errorString());
        QByteArray line;
        while (!line.contains('\n')) {
            if (!m_process.waitForReadyRead(10000))
                return QStringLiteral("tierlens-sim printed no address");
            line += m_process.readAllStandardOutput();
        }
        const QByteArray first = line.left(line.indexOf('\n')).trimmed();
        const QByteArray prefix = "listening on ";
        if (!first.startsWith(prefix))
            return QStringLiteral("unexpected first line from tierlens-sim: %1").arg(QString::fromUtf8(first));
        m_url = QString::fromUtf8(first.mid(prefix.size()));
        return {};
    }

    void stop()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(5000)) {
                m_process.kill();
                m_process.waitForFinished(5000);
            }
        }
    }

    QString url() const { return m_url; }
    qint64 pid() const { return m_process.processId(); }

    // GET /stats, or POST /stats/reset; synchronous, for test code.
    QJsonObject stats() { return request(QStringLiteral("/stats"), false); }
    void resetStats() { request(QStringLiteral("/stats/reset"), true); }

private:
    QJsonObject request(const QString& path, bool post)
    {
        QNetworkAccessManager nam;
        QNetworkRequest req { QUrl(m_url + path) };
        QNetworkReply* reply = post ? nam.post(req, QByteArray()) : nam.get(req);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        loop.exec();
        const QJsonObject out = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        return out;
    }

    QString m_binary;
    QProcess m_process;
    QString m_url;
};

} // namespace tierlens::testing
