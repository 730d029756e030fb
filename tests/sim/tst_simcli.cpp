// The tierlens-sim executable: starts on a free port, announces it on one line, answers, stops on SIGTERM.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpSocket>
#include <QtTest>

#include <csignal>

using namespace Qt::StringLiterals;

class TestSimCli : public QObject
{
    Q_OBJECT
private slots:
    void startsAnswersAndStops();
    void rejectsBadArguments();
};

void TestSimCli::startsAnswersAndStops()
{
    QProcess sim;
    sim.start(QStringLiteral(TIERLENS_BIN_DIR "/tierlens-sim"),
              { u"--port"_s, u"0"_s, u"--time-scale"_s, u"0.01"_s, u"--quiet"_s, u"--seed"_s, u"3"_s });
    QVERIFY(sim.waitForStarted());
    QVERIFY(sim.waitForReadyRead(5000));
    const QByteArray line = sim.readLine().trimmed();
    QVERIFY2(line.startsWith("listening on http://127.0.0.1:"), line.constData());
    const int port = line.mid(line.lastIndexOf(':') + 1).toInt();
    QVERIFY(port > 0);

    const QByteArray body
        = QJsonDocument(QJsonObject { { u"model"_s, u"deepseek-v4-flash"_s },
                                      { u"messages"_s,
                                        QJsonArray { QJsonObject { { u"role"_s, u"user"_s },
                                                                   { u"content"_s, u"What is 15% of 240?"_s } } } } })
              .toJson(QJsonDocument::Compact);
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, static_cast<quint16>(port));
    QVERIFY(socket.waitForConnected(3000));
    socket.write("POST /chat/completions HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: "_ba
                 + QByteArray::number(body.size()) + "\r\n\r\n"_ba + body);
    QByteArray response;
    while (socket.waitForReadyRead(5000))
        response += socket.readAll();
    response += socket.readAll();
    QVERIFY2(response.startsWith("HTTP/1.1 200"), response.constData());
    QVERIFY(response.contains("\"chat.completion\""));

    ::kill(static_cast<pid_t>(sim.processId()), SIGTERM);
    QVERIFY(sim.waitForFinished(5000));
    QCOMPARE(sim.exitStatus(), QProcess::NormalExit);
    QCOMPARE(sim.exitCode(), 0);
    QVERIFY(sim.readAllStandardError().isEmpty()); // --quiet
}

void TestSimCli::rejectsBadArguments()
{
    QProcess sim;
    sim.start(QStringLiteral(TIERLENS_BIN_DIR "/tierlens-sim"), { u"--error-rate"_s, u"gpt-4=0.5"_s });
    QVERIFY(sim.waitForFinished(5000));
    QCOMPARE(sim.exitCode(), 2);
    QVERIFY(sim.readAllStandardError().contains("gpt-4"));
}

QTEST_GUILESS_MAIN(TestSimCli)
#include "tst_simcli.moc"
