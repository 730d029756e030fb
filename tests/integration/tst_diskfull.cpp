// A database that fills up in the middle of a run: the engine stops the run with a message naming the file, what
// was committed before stays whole (read back through a second connection), and a resume once there is room again
// sends only what has no result yet. "Full" is SQLite's own: PRAGMA max_page_count on the engine's connection makes
// page allocation fail with SQLITE_FULL, the same error a full disk gives. Where the test may mount a file system
// (root with CAP_SYS_ADMIN), also a real full disk: tierlens-cli run on a 768 KiB tmpfs.

#include "../support/SqliteRows.h"
#include "SimServer.h"

#include "engine/RunEngine.h"
#include "pricing/PriceBookRegistry.h"
#include "promptsets/PromptSetImporter.h"
#include "store/Store.h"
#include "util/Clock.h"

#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace tierlens;

namespace {

const QString kSample = QStringLiteral(TIERLENS_SOURCE_DIR "/resources/prompts/sample.jsonl");

struct Finished
{
    QString status;
    QString message;
};

// Runs (or resumes) a stored run to its end on this thread's event loop.
std::optional<Finished> runToEnd(Store& store, qint64 runId, QString* error)
{
    RunEngine engine(store, Clock::system());
    QSignalSpy finished(&engine, &RunEngine::finished);
    if (!engine.start(runId, error))
        return std::nullopt;
    // A generous bound for a stuck run; a run against the in-process simulator ends in seconds.
    if (finished.isEmpty() && !finished.wait(240000)) {
        *error = u"the run did not finish"_s;
        return std::nullopt;
    }
    return Finished { finished.at(0).at(1).toString(), finished.at(0).at(2).toString() };
}

// The only connection the store opened (the test opens none of its own while it is alive).
QSqlDatabase storeConnection()
{
    const QStringList names = QSqlDatabase::connectionNames();
    return names.size() == 1 ? QSqlDatabase::database(names.constFirst(), false) : QSqlDatabase();
}

qint64 pragma(QSqlDatabase db, const QString& sql)
{
    QSqlQuery q(db);
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

} // namespace

class TestDiskFull : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SimServer> m_sim;
    PriceBookRegistry m_prices;

    // A new database with a run of the sample against the simulator's Flash and Pro, not yet started.
    std::optional<qint64> createRun(Store& store, QString* error)
    {
        ImportReport report;
        ImportError importError;
        std::optional<PromptSet> set = PromptSetImporter::loadAny(kSample, &report, &importError);
        if (!set) {
            *error = importError.toString();
            return std::nullopt;
        }
        RunConfig config;
        for (const auto& [label, id] :
             { std::pair { u"flash"_s, u"deepseek-v4-flash"_s }, std::pair { u"pro"_s, u"deepseek-v4-pro"_s } }) {
            ModelConfig m;
            m.label = label;
            m.provider = u"deepseek"_s;
            m.baseUrl = m_sim->serverUrl().toString();
            m.modelId = id;
            m.concurrency = 4;
            config.models.append(m);
        }
        config.repeat = 2;
        config.retry.baseDelayMs = 10;
        return RunEngine::createRun(store, *set, config, m_prices, error);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        SimConfig sim;
        sim.timeScale = 0.001;
        sim.seed = 11;
        m_sim = std::make_unique<SimServer>(sim);
        QVERIFY(m_sim->listen());
        QString error;
        QVERIFY2(m_prices.loadBundled(&error), qPrintable(error));
    }

    void fullDatabaseStopsTheRunAndKeepsWhatWasCommitted()
    {
        QString error;
        // How many pages a whole run adds, so the limit below falls in the middle of it.
        qint64 growth = 0;
        qint64 items = 0;
        {
            const QString path = m_dir.filePath(u"roomy.db"_s);
            std::unique_ptr<Store> store = Store::open(path, &error);
            QVERIFY2(store, qPrintable(error));
            const auto runId = createRun(*store, &error);
            QVERIFY2(runId, qPrintable(error));
            const qint64 before = pragma(storeConnection(), u"PRAGMA page_count"_s);
            const auto end = runToEnd(*store, *runId, &error);
            QVERIFY2(end, qPrintable(error));
            QCOMPARE(end->status, u"completed"_s);
            growth = pragma(storeConnection(), u"PRAGMA page_count"_s) - before;
            QSqlQuery q(storeConnection());
            QVERIFY(q.exec(u"SELECT COUNT(*) FROM results"_s) && q.next());
            items = q.value(0).toLongLong();
        }
        QVERIFY2(growth >= 6, qPrintable(QString::number(growth)));
        QCOMPARE(items, qint64(2 * 2 * 45));

        const QString path = m_dir.filePath(u"full.db"_s);
        qint64 runId = 0;
        QSet<qint64> committed; // final attempt ids of the results that made it in
        {
            std::unique_ptr<Store> store = Store::open(path, &error);
            QVERIFY2(store, qPrintable(error));
            const auto created = createRun(*store, &error);
            QVERIFY2(created, qPrintable(error));
            runId = *created;
            QSqlDatabase db = storeConnection();
            const qint64 limit = pragma(db, u"PRAGMA page_count"_s) + growth / 3;
            QCOMPARE(pragma(db, u"PRAGMA max_page_count = %1"_s.arg(limit)), limit);

            const auto end = runToEnd(*store, runId, &error);
            QVERIFY2(end, qPrintable(error));
            QCOMPARE(end->status, u"failed"_s);
            // Says what happened and where.
            QVERIFY2(end->message.contains(u"full"_s) && end->message.contains(path), qPrintable(end->message));
        }
        // Another connection sees a sound database holding part of the run, each result with its final attempt.
        QCOMPARE(testing::rows(path, u"PRAGMA integrity_check"_s).value(0).value(0).toString(), u"ok"_s);
        const QList<QVariantList> results = testing::rows(
            path,
            u"SELECT r.final_attempt_id, a.id FROM results r LEFT JOIN attempts a ON a.id = r.final_attempt_id"_s);
        QVERIFY2(!results.isEmpty() && results.size() < items, qPrintable(QString::number(results.size())));
        for (const QVariantList& r : results) {
            QVERIFY(!r.at(1).isNull()); // the attempt is there
            committed.insert(r.at(0).toLongLong());
        }

        // Room again: the resume completes the run, sends nothing that had a result, and keeps those results.
        {
            std::unique_ptr<Store> store = Store::open(path, &error);
            QVERIFY2(store, qPrintable(error));
            const auto end = runToEnd(*store, runId, &error);
            QVERIFY2(end, qPrintable(error));
            QCOMPARE(end->status, u"completed"_s);
        }
        QCOMPARE(testing::rows(path, u"SELECT COUNT(*) FROM results"_s).value(0).value(0).toLongLong(), items);
        QCOMPARE(testing::rows(path,
                               u"SELECT COUNT(*) FROM (SELECT DISTINCT run_model_id, prompt_id, repeat_index FROM "
                               "results)"_s)
                     .value(0)
                     .value(0)
                     .toLongLong(),
                 items);
        QSet<qint64> after;
        for (const QVariantList& r : testing::rows(path, u"SELECT final_attempt_id FROM results"_s))
            after.insert(r.at(0).toLongLong());
        QVERIFY(after.contains(committed));
        // No item with a result was sent again: it has exactly the attempts it had.
        QCOMPARE(testing::rows(path,
                               u"SELECT COUNT(*) FROM attempts a JOIN results r ON r.run_model_id = a.run_model_id AND "
                               "r.prompt_id = a.prompt_id AND r.repeat_index = a.repeat_index "
                               "WHERE a.id > r.final_attempt_id"_s)
                     .value(0)
                     .value(0)
                     .toLongLong(),
                 0);
    }

    void cliOnAFullDisk()
    {
        if (::geteuid() != 0)
            QSKIP("mounting a small tmpfs needs root");
        const QString mountPoint = m_dir.filePath(u"small"_s);
        QVERIFY(QDir().mkpath(mountPoint));
        QProcess mount;
        mount.start(u"mount"_s, { u"-t"_s, u"tmpfs"_s, u"-o"_s, u"size=768k"_s, u"tmpfs"_s, mountPoint });
        if (!mount.waitForFinished(30000) || mount.exitStatus() != QProcess::NormalExit || mount.exitCode() != 0)
            QSKIP(qPrintable(u"cannot mount a tmpfs here: "_s + QString::fromLocal8Bit(mount.readAllStandardError())));
        const auto unmount = qScopeGuard([&] { QProcess::execute(u"umount"_s, { mountPoint }); });

        // Five repeats of the sample need several times the room there is, the write-ahead log included. One call in
        // flight per model, so that answers come in over many commits: with all of them at once, the first commit
        // could be too big for the disk and the test would see nothing kept.
        const QString db = mountPoint + u"/full.db"_s;
        const QString url = m_sim->serverUrl().toString();
        QProcess cli;
        QSignalSpy finished(&cli, &QProcess::finished);
        cli.start(QStringLiteral(TIERLENS_BIN_DIR "/tierlens-cli"),
                  { u"run"_s, u"--db"_s, db, u"--prompts"_s, kSample, u"--model"_s,
                    u"flash="_s + url + u"#deepseek-v4-flash"_s, u"--model"_s, u"pro="_s + url + u"#deepseek-v4-pro"_s,
                    u"--repeat"_s, u"5"_s, u"--concurrency"_s, u"flash=1"_s, u"--concurrency"_s, u"pro=1"_s,
                    u"--backoff-ms"_s, u"10"_s, u"--quiet"_s });
        // The simulator lives on this thread: wait with the event loop running.
        QVERIFY(finished.wait(240000));
        const QString err = QString::fromUtf8(cli.readAllStandardError());
        QCOMPARE(cli.exitCode(), 1); // the run failed
        QVERIFY2(err.contains(db) && err.contains(u"full"_s), qPrintable(err));

        QCOMPARE(testing::rows(db, u"PRAGMA integrity_check"_s).value(0).value(0).toString(), u"ok"_s);
        const QList<QVariantList> results = testing::rows(
            db, u"SELECT r.final_attempt_id, a.id FROM results r LEFT JOIN attempts a ON a.id = r.final_attempt_id"_s);
        QVERIFY2(!results.isEmpty() && results.size() < 2 * 5 * 45, qPrintable(QString::number(results.size())));
        for (const QVariantList& r : results)
            QVERIFY(!r.at(1).isNull());
    }
};

QTEST_GUILESS_MAIN(TestDiskFull)
#include "tst_diskfull.moc"
