// bench_killloss: what a kill -9 of tierlens-cli in the middle of a run costs. Prints figures; asserts nothing.
//
// A run of 2,000 prompts against Flash (100 in flight) and Pro (50 in flight) on tierlens-sim is killed at random
// moments, again and again, and resumed each time. The simulator counts every answer it finished sending (its
// "billed" counter, which it bumps as the usage goes out); the bench polls that count every few milliseconds. After
// each kill:
//   lost   = answers the simulator finished - attempts with usage in the database, less the same of the kill before
//            (what a kill lost is sent and recorded again on resume, and billed again)
//   window = how long before the kill the database already held everything the simulator had finished by then
// An answer the server finished within the window was still in the client (on the wire, being parsed, or waiting for
// the next commit, which comes at most RunEngine::kHandoverDelayMs + kCommitIntervalMs later): those are paid for
// and sent again on resume. Requests still in flight at the kill are not counted: no answer was billed for them.
//   bench_killloss [KILLS] [PROMPTS]

#include "../tests/support/SimProcess.h"
#include "engine/RunEngine.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <deque>

using namespace Qt::StringLiterals;
using tierlens::testing::SimProcess;

namespace {

qint64 billed(const QJsonObject& stats)
{
    qint64 n = 0;
    const QJsonObject models = stats.value(u"models"_s).toObject();
    for (auto it = models.begin(); it != models.end(); ++it)
        n += it.value().toObject().value(u"billed"_s).toInteger();
    return n;
}

qint64 scalar(const QString& db, const QString& sql)
{
    qint64 out = -1;
    {
        QSqlDatabase c = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"probe"_s);
        c.setDatabaseName(db);
        if (c.open()) {
            QSqlQuery q(c);
            if (q.exec(sql) && q.next())
                out = q.value(0).toLongLong();
        }
    }
    QSqlDatabase::removeDatabase(u"probe"_s);
    return out;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int kills = args.value(1, u"10"_s).toInt();
    const int prompts = args.value(2, u"2000"_s).toInt();
    const QString bin = QStringLiteral(TIERLENS_BIN_DIR);

    QTemporaryDir dir;
    SimProcess sim(bin);
    if (const QString why = sim.start({ u"--time-scale"_s, u"0.05"_s, u"--seed"_s, u"3"_s }); !why.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(why));
        return 1;
    }
    const QString promptFile = dir.filePath(u"prompts.jsonl"_s);
    {
        QFile f(promptFile);
        f.open(QIODevice::WriteOnly);
        for (int i = 0; i < prompts; ++i)
            f.write(u"{\"id\": \"p%1\", \"prompt\": \"Name a prime number larger than %1.\"}\n"_s.arg(i).toUtf8());
    }
    const QString db = dir.filePath(u"kill.db"_s);
    const QStringList first { u"run"_s,
                              u"--db"_s,
                              db,
                              u"--prompts"_s,
                              promptFile,
                              u"--model"_s,
                              u"flash="_s + sim.url() + u"#deepseek-v4-flash"_s,
                              u"--model"_s,
                              u"pro="_s + sim.url() + u"#deepseek-v4-pro"_s,
                              u"--concurrency"_s,
                              u"flash=100"_s,
                              u"--concurrency"_s,
                              u"pro=50"_s,
                              u"--quiet"_s };
    const QStringList resume { u"run"_s, u"--db"_s, db, u"--resume"_s, u"1"_s, u"--quiet"_s };

    // The simulator's billed count over time, polled as fast as it answers.
    QNetworkAccessManager nam;
    QElapsedTimer clock;
    clock.start();
    std::deque<std::pair<qint64, qint64>> series; // (ms since start, billed)
    bool polling = true;
    std::function<void()> poll = [&] {
        QNetworkReply* reply = nam.get(QNetworkRequest(QUrl(sim.url() + u"/stats"_s)));
        QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply] {
            series.emplace_back(clock.elapsed(), billed(QJsonDocument::fromJson(reply->readAll()).object()));
            while (series.size() > 4000)
                series.pop_front();
            reply->deleteLater();
            if (polling)
                QTimer::singleShot(2, poll);
        });
    };
    poll();

    auto wait = [](int ms) {
        QEventLoop loop;
        QTimer::singleShot(ms, &loop, &QEventLoop::quit);
        loop.exec();
    };

    QRandomGenerator random(20261202);
    std::printf("kill  at_ms  finished_by_sim  recorded  lost  window_ms\n");
    QList<qint64> losses;
    QList<qint64> windows;
    qint64 lostBefore = 0;
    double answersPerMs = 0;
    for (int k = 0; k < kills; ++k) {
        QProcess cli;
        cli.start(bin + u"/tierlens-cli"_s, k == 0 ? first : resume);
        cli.waitForStarted();
        const int after = 1500 + int(random.bounded(2500));
        const qint64 from = clock.elapsed();
        const qint64 billedFrom = series.empty() ? 0 : series.back().second;
        wait(after);
        const qint64 killAt = clock.elapsed();
        ::kill(pid_t(cli.processId()), SIGKILL);
        cli.waitForFinished();
        wait(300); // the simulator notices the closed connections
        const qint64 finished = series.back().second;
        const qint64 recorded = scalar(db, u"SELECT COUNT(*) FROM attempts WHERE prompt_tokens IS NOT NULL"_s);
        // The latest moment before the kill at which the simulator had finished no more than the database holds
        // (less what earlier kills lost: the simulator billed those twice, the database holds them once).
        qint64 coveredUntil = -1;
        for (const auto& [at, count] : series) {
            if (at <= killAt && count - lostBefore <= recorded)
                coveredUntil = at;
        }
        const qint64 window = coveredUntil < 0 ? -1 : killAt - coveredUntil;
        answersPerMs += double(finished - billedFrom) / double(std::max<qint64>(1, killAt - from));
        const qint64 lost = finished - recorded - lostBefore;
        lostBefore = finished - recorded;
        std::printf("%4d  %5d  %15lld  %8lld  %4lld  %9lld\n", k + 1, after, finished, recorded, lost, window);
        losses.append(lost);
        windows.append(window);
    }
    polling = false;
    std::sort(losses.begin(), losses.end());
    std::sort(windows.begin(), windows.end());
    qint64 sum = 0;
    for (qint64 l : losses)
        sum += l;
    std::printf("\n%d kills of a %d-prompt run (flash 100 + pro 50 in flight, about %.0f answers/s): answers "
                "finished by the server and not recorded, per kill: mean %.1f, max %lld; the database held everything "
                "the server had finished up to %lld ms (median) / %lld ms (max) before the kill. Commit interval: %d "
                "ms, after a hand-over of at most %d ms.\n",
                kills, prompts, answersPerMs / kills * 1000.0, double(sum) / kills, losses.last(),
                windows.at(windows.size() / 2), windows.last(), tierlens::RunEngine::kCommitIntervalMs,
                tierlens::RunEngine::kHandoverDelayMs);
    return 0;
}
