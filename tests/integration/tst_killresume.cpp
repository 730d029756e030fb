// Kill -9 at random points of a run, again and again, resuming each time: the database stays intact, no
// completed result is lost or duplicated and no completed item is sent again (the simulator counts the
// requests per prompt).

#include "../support/CliProcess.h"
#include "../support/SimProcess.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tierlens::testing;

namespace {

constexpr int kKills = 24;
constexpr int kMaxAttempts = 6;

// The text of a prompt's last user message: how the simulator's /stats/prompts names a prompt.
QString lastUserText(const QString& messagesJson)
{
    const QJsonArray messages = QJsonDocument::fromJson(messagesJson.toUtf8()).array();
    for (qsizetype i = messages.size() - 1; i >= 0; --i) {
        const QJsonObject m = messages.at(i).toObject();
        if (m.value(u"role"_s).toString() == u"user"_s)
            return m.value(u"content"_s).toString();
    }
    return {};
}

// "label\tlast user text" of every item of the run with a result.
QSet<QString> completedItems(const QString& db, qint64 runId)
{
    QSet<QString> out;
    for (const QVariantList& row :
         rows(db,
              u"SELECT m.label, p.messages_json FROM results r JOIN run_models m ON m.id = r.run_model_id "
              "JOIN prompts p ON p.id = r.prompt_id WHERE r.run_id = %1"_s.arg(runId)))
        out.insert(row.at(0).toString() + u'\t' + lastUserText(row.at(1).toString()));
    return out;
}

// The same keys for what the simulator was asked since its stats were last reset.
QSet<QString> requestedItems(const QJsonObject& promptStats)
{
    QSet<QString> out;
    const QJsonObject models = promptStats.value(u"models"_s).toObject();
    for (const auto& [label, modelId] : { std::pair { u"flash"_s, kFlash }, std::pair { u"pro"_s, kPro } }) {
        const QJsonObject prompts = models.value(modelId).toObject();
        for (auto it = prompts.begin(); it != prompts.end(); ++it) {
            if (it->toInteger() > 0)
                out.insert(label + u'\t' + it.key());
        }
    }
    return out;
}

QJsonObject promptStats(const QString& simUrl)
{
    QNetworkAccessManager nam;
    QNetworkReply* reply = nam.get(QNetworkRequest(QUrl(simUrl + u"/stats/prompts"_s)));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    const QJsonObject out = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return out;
}

} // namespace

class TestKillResume : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(kBin + u"/tierlens-cli"_s), "tierlens-cli is not built");
        QVERIFY2(QFile::exists(kBin + u"/tierlens-sim"_s), "tierlens-sim is not built");
        QVERIFY(sampleSize() > 10);
    }

    void killedAgainAndAgainLosesAndRepeatsNothing()
    {
        QTemporaryDir dir;
        SimProcess sim(kBin);
        // Some server errors on the way, so kills also land in retries and their backoff.
        QCOMPARE(sim.start({ u"--time-scale"_s, u"0.1"_s, u"--fault"_s, u"*=server-error,rate=0.15"_s }), QString());
        const QString db = dir.filePath(u"t.db"_s);
        const QStringList newRun { u"run"_s,
                                   u"--db"_s,
                                   db,
                                   u"--prompts"_s,
                                   kSample,
                                   u"--model"_s,
                                   u"flash="_s + sim.url() + u"#"_s + kFlash,
                                   u"--model"_s,
                                   u"pro="_s + sim.url() + u"#"_s + kPro,
                                   u"--thinking"_s,
                                   u"flash=off"_s,
                                   u"--thinking"_s,
                                   u"pro=off"_s,
                                   u"--concurrency"_s,
                                   u"flash=3"_s,
                                   u"--concurrency"_s,
                                   u"pro=3"_s,
                                   u"--max-attempts"_s,
                                   QString::number(kMaxAttempts),
                                   u"--backoff-ms"_s,
                                   u"20"_s,
                                   u"--quiet"_s };
        const int items = 2 * sampleSize();
        const quint32 seed = QRandomGenerator::global()->generate();
        qInfo("kill delays from seed %u", seed);
        QRandomGenerator random(seed);

        int kills = 0;
        qint64 runId = 0;
        QSet<QString> completed; // of runId, before the session now starting
        for (int session = 0; kills < kKills && session < 10 * kKills; ++session) {
            // The newest run, unless it finished (then a new one), or none yet: killed before it was stored.
            const QList<QVariantList> newest = rows(db, u"SELECT id, status FROM runs ORDER BY id DESC LIMIT 1"_s);
            const bool resume = !newest.isEmpty() && newest.constFirst().at(1).toString() != u"completed"_s;
            if (resume && newest.constFirst().at(0).toLongLong() != runId) {
                runId = newest.constFirst().at(0).toLongLong();
                completed = completedItems(db, runId);
            } else if (!resume) {
                runId = 0;
                completed.clear();
            }
            sim.resetStats();
            QProcess run;
            run.start(kBin + u"/tierlens-cli"_s,
                      resume
                          ? QStringList { u"run"_s, u"--db"_s, db, u"--resume"_s, QString::number(runId), u"--quiet"_s }
                          : newRun);
            QVERIFY(run.waitForStarted());
            if (run.waitForFinished(random.bounded(20, 400))) {
                QVERIFY2(run.exitCode() == 0, run.readAllStandardError().constData()); // finished before the kill
            } else {
                run.kill(); // SIGKILL: no chance to clean up
                QVERIFY(run.waitForFinished());
                ++kills;
            }

            QCOMPARE(rows(db, u"PRAGMA integrity_check"_s).value(0).value(0).toString(), u"ok"_s);
            // Killed before the schema was written (a slow start, as under the sanitizers): nothing stored to check.
            if (scalar(db, u"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'results'"_s) != 1)
                continue;
            QCOMPARE(scalar(db,
                            u"SELECT COUNT(*) FROM (SELECT 1 FROM results GROUP BY run_model_id, prompt_id, "
                            "repeat_index HAVING COUNT(*) > 1)"_s),
                     0);
            QCOMPARE(scalar(db,
                            u"SELECT COUNT(*) FROM (SELECT 1 FROM attempts GROUP BY run_model_id, prompt_id, "
                            "repeat_index, attempt_no HAVING COUNT(*) > 1)"_s),
                     0);
            if (runId == 0) {
                // A new run was started; it is the one to follow from now on, if it got stored.
                runId = qMax<qint64>(0, scalar(db, u"SELECT MAX(id) FROM runs"_s));
                completed.clear();
            }
            const QSet<QString> now = completedItems(db, runId);
            const QSet<QString> lost = completed - now;
            QVERIFY2(lost.isEmpty(), qPrintable(u"results lost: "_s + QStringList(lost.values()).join(u", "_s)));
            const QSet<QString> resent = completed & requestedItems(promptStats(sim.url()));
            QVERIFY2(resent.isEmpty(),
                     qPrintable(u"completed items sent again: "_s + QStringList(resent.values()).join(u", "_s)));
            completed = now;
        }
        QCOMPARE(kills, kKills);

        // The last run to its end, without a kill: every item exactly once, none of the finished ones again.
        const QList<QVariantList> newest = rows(db, u"SELECT id, status FROM runs ORDER BY id DESC LIMIT 1"_s);
        QVERIFY(!newest.isEmpty());
        if (newest.constFirst().at(1).toString() != u"completed"_s) {
            runId = newest.constFirst().at(0).toLongLong();
            completed = completedItems(db, runId);
            sim.resetStats();
            const CliResult r = cli({ u"run"_s, u"--db"_s, db, u"--resume"_s, QString::number(runId), u"--quiet"_s });
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QVERIFY((completed & requestedItems(promptStats(sim.url()))).isEmpty());
        }
        QCOMPARE(rows(db, u"PRAGMA integrity_check"_s).value(0).value(0).toString(), u"ok"_s);
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM runs WHERE status <> 'completed'"_s), 0);
        const qint64 runs = scalar(db, u"SELECT COUNT(*) FROM runs"_s);
        QVERIFY(runs >= 1);
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM results"_s), runs * items);
        QCOMPARE(scalar(db,
                        u"SELECT COUNT(*) FROM (SELECT 1 FROM results GROUP BY run_model_id, prompt_id, "
                        "repeat_index HAVING COUNT(*) > 1)"_s),
                 0);
        QVERIFY(scalar(db, u"SELECT MAX(attempt_no) FROM attempts"_s) <= kMaxAttempts);
        // Every stored result points at its item's last attempt.
        QCOMPARE(scalar(db,
                        u"SELECT COUNT(*) FROM results r JOIN attempts a ON a.id = r.final_attempt_id "
                        "WHERE a.attempt_no <> r.attempt_count OR a.run_model_id <> r.run_model_id "
                        "OR a.prompt_id <> r.prompt_id"_s),
                 0);
        // The keys the checks compare by are unique: one prompt, one last user message.
        QSet<QString> texts;
        for (const QVariantList& row : rows(db,
                                            u"SELECT messages_json FROM prompts WHERE prompt_set_id = (SELECT "
                                            "prompt_set_id FROM runs WHERE id = %1)"_s.arg(runId)))
            texts.insert(lastUserText(row.constFirst().toString()));
        QCOMPARE(texts.size(), sampleSize());
        QCOMPARE(completedItems(db, runId).size(), items);
    }
};

QTEST_GUILESS_MAIN(TestKillResume)
#include "tst_killresume.moc"
