// End to end: tierlens-sim as a real process on a free port, tierlens-cli run against it, and the
// database, summary and exports checked against what the simulator says it served.

#include "../support/CliProcess.h"
#include "../support/SimProcess.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <numeric>

using namespace Qt::StringLiterals;
using tierlens::testing::SimProcess;
using namespace tierlens::testing;

namespace {
QStringList runArgs(const QString& db, const QString& url, const QStringList& extra = {})
{
    return QStringList { u"run"_s,
                         u"--db"_s,
                         db,
                         u"--prompts"_s,
                         kSample,
                         u"--model"_s,
                         u"flash="_s + url + u"#"_s + kFlash,
                         u"--model"_s,
                         u"pro="_s + url + u"#"_s + kPro,
                         u"--backoff-ms"_s,
                         u"20"_s,
                         u"--quiet"_s }
    + extra;
}

// The simulator's own count of what it billed a model must equal what the run recorded for it.
void compareTokens(const QJsonObject& summaryModel, const QJsonObject& simModel)
{
    for (const QString& key : { u"prompt_tokens"_s, u"completion_tokens"_s, u"cache_hit_tokens"_s,
                                u"cache_miss_tokens"_s, u"reasoning_tokens"_s }) {
        QVERIFY2(summaryModel.value(key).isDouble(), qPrintable(key + u" is not a number in the summary"_s));
        QCOMPARE(summaryModel.value(key).toInteger(), simModel.value(key).toInteger());
    }
}
} // namespace

class TestCliRun : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(kBin + u"/tierlens-cli"_s), "tierlens-cli is not built");
        QVERIFY2(sampleSize() > 10, "the sample prompt set is missing");
    }

    void streamingRunMatchesWhatTheSimulatorServed()
    {
        QTemporaryDir dir;
        SimProcess sim(kBin);
        QCOMPARE(sim.start({ u"--time-scale"_s, u"0.02"_s, u"--seed"_s, u"3"_s }), QString());
        const QString db = dir.filePath(u"t.db"_s);
        const QString summaryPath = dir.filePath(u"summary.json"_s);
        const CliResult r = cli(runArgs(db, sim.url(), { u"--summary"_s, summaryPath }));
        QVERIFY2(r.exitCode == 0, r.err.constData());

        const QJsonObject summary = readJson(summaryPath);
        const QJsonObject simStats = sim.stats().value(u"models"_s).toObject();
        const int n = sampleSize();
        QCOMPARE(summary.value(u"status"_s).toString(), u"completed"_s);
        for (const auto& [label, modelId] : { std::pair { u"flash"_s, kFlash }, std::pair { u"pro"_s, kPro } }) {
            const QJsonObject m = summary.value(u"models"_s).toObject().value(label).toObject();
            QCOMPARE(m.value(u"items"_s).toInt(), n);
            QCOMPARE(m.value(u"attempts"_s).toInt(), n);
            QCOMPARE(m.value(u"retries"_s).toInt(), 0);
            QVERIFY(m.value(u"errors"_s).toObject().isEmpty());
            compareTokens(m, simStats.value(modelId).toObject());
            QVERIFY(m.value(u"cost_usd"_s).toDouble() > 0);
            const double ttft = m.value(u"ttft_ms"_s).toObject().value(u"p50"_s).toDouble();
            const double latency = m.value(u"latency_ms"_s).toObject().value(u"p50"_s).toDouble();
            QVERIFY(ttft > 0);
            QVERIFY(latency > ttft);
        }
        const QJsonObject models = summary.value(u"models"_s).toObject();
        // The simulated profiles: Pro starts later than Flash (1.9 s against 1.1 s, scaled).
        QVERIFY(models.value(u"pro"_s).toObject().value(u"ttft_ms"_s).toObject().value(u"p50"_s).toDouble()
                > models.value(u"flash"_s).toObject().value(u"ttft_ms"_s).toObject().value(u"p50"_s).toDouble());
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM results"_s), 2 * n);
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM attempts WHERE ttft_ms IS NULL"_s), 0);
    }

    void nonStreamingRunRecordsNoTimeToFirstToken()
    {
        QTemporaryDir dir;
        SimProcess sim(kBin);
        QCOMPARE(sim.start({ u"--time-scale"_s, u"0.02"_s }), QString());
        const QString db = dir.filePath(u"t.db"_s);
        const QString summaryPath = dir.filePath(u"summary.json"_s);
        const CliResult r = cli(runArgs(db, sim.url(), { u"--no-stream"_s, u"--summary"_s, summaryPath }));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject summary = readJson(summaryPath);
        const QJsonObject simStats = sim.stats().value(u"models"_s).toObject();
        const QJsonObject flash = summary.value(u"models"_s).toObject().value(u"flash"_s).toObject();
        QCOMPARE(flash.value(u"items"_s).toInt(), sampleSize());
        QVERIFY(flash.value(u"ttft_ms"_s).toObject().value(u"p50"_s).isNull());
        compareTokens(flash, simStats.value(kFlash).toObject());
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM attempts WHERE ttft_ms IS NOT NULL"_s), 0);
    }

    void injectedErrorsAreRetriedAndBilledOnce()
    {
        QTemporaryDir dir;
        SimProcess sim(kBin);
        QCOMPARE(sim.start({ u"--time-scale"_s, u"0.01"_s, u"--error-rate"_s, kFlash + u"=0.3"_s }), QString());
        const QString db = dir.filePath(u"t.db"_s);
        const QString summaryPath = dir.filePath(u"summary.json"_s);
        const CliResult r = cli(runArgs(db, sim.url(), { u"--max-attempts"_s, u"12"_s, u"--summary"_s, summaryPath }));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject summary = readJson(summaryPath);
        const QJsonObject flash = summary.value(u"models"_s).toObject().value(u"flash"_s).toObject();
        const QJsonObject simFlash = sim.stats().value(u"models"_s).toObject().value(kFlash).toObject();
        QCOMPARE(flash.value(u"items"_s).toInt(), sampleSize());
        QVERIFY2(flash.value(u"retries"_s).toInt() > 0, "an error rate of 30% caused no retry");
        QCOMPARE(flash.value(u"retries"_s).toInt(),
                 flash.value(u"attempts"_s).toInt() - flash.value(u"items"_s).toInt());
        QCOMPARE(flash.value(u"attempts"_s).toInt(), simFlash.value(u"requests"_s).toInt());
        QVERIFY(flash.value(u"errors"_s).toObject().isEmpty());
        compareTokens(flash, simFlash);
        // Every attempt is a row; the item's result is its last attempt.
        QCOMPARE(scalar(db,
                        u"SELECT COUNT(*) FROM attempts a JOIN run_models m ON m.id = a.run_model_id "
                        "WHERE m.label = 'flash'"_s),
                 flash.value(u"attempts"_s).toInt());
        QCOMPARE(scalar(db,
                        u"SELECT COUNT(*) FROM results r JOIN attempts a ON a.id = r.final_attempt_id "
                        "WHERE a.attempt_no <> r.attempt_count"_s),
                 0);
    }

    void concurrencyBeyondTheServersLimitIsRetried()
    {
        QTemporaryDir dir;
        SimProcess sim(kBin);
        QCOMPARE(sim.start({ u"--time-scale"_s, u"0.01"_s, u"--concurrency"_s, kPro + u"=3"_s }), QString());
        const QString summaryPath = dir.filePath(u"summary.json"_s);
        const CliResult r = cli(
            runArgs(dir.filePath(u"t.db"_s), sim.url(),
                    { u"--concurrency"_s, u"pro=12"_s, u"--max-attempts"_s, u"50"_s, u"--summary"_s, summaryPath }));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject pro = readJson(summaryPath).value(u"models"_s).toObject().value(u"pro"_s).toObject();
        QCOMPARE(pro.value(u"items"_s).toInt(), sampleSize());
        QVERIFY(pro.value(u"retries"_s).toInt() > 0);
        QVERIFY(pro.value(u"errors"_s).toObject().isEmpty());
    }

    void killedRunResumesWithoutResending()
    {
        QTemporaryDir dir;
        SimProcess sim(kBin);
        QCOMPARE(sim.start({ u"--time-scale"_s, u"0.05"_s }), QString());
        const QString db = dir.filePath(u"t.db"_s);
        const int total = 2 * 2 * sampleSize();

        QProcess run;
        run.start(
            kBin + u"/tierlens-cli"_s,
            runArgs(db, sim.url(),
                    { u"--repeat"_s, u"2"_s, u"--concurrency"_s, u"flash=12"_s, u"--concurrency"_s, u"pro=12"_s }));
        QVERIFY(run.waitForStarted());
        qint64 done = 0;
        for (int i = 0; i < 600 && done < total / 4; ++i) {
            QTest::qWait(50);
            done = scalar(db, u"SELECT COUNT(*) FROM results"_s);
        }
        QVERIFY2(done >= total / 4 && done < total, "the run did not get a quarter of the way");
        run.kill(); // SIGKILL: no chance to clean up
        run.waitForFinished();

        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"_s), 0);
        const qint64 committed = scalar(db, u"SELECT COUNT(*) FROM results"_s);
        QVERIFY(committed >= done);
        QCOMPARE(scalar(db, u"SELECT status = 'running' FROM runs"_s), 1);
        const qint64 runId = scalar(db, u"SELECT id FROM runs"_s);

        sim.resetStats();
        const CliResult r = cli({ u"run"_s, u"--db"_s, db, u"--resume"_s, QString::number(runId), u"--quiet"_s });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM results"_s), total);
        QCOMPARE(scalar(db, u"SELECT status = 'completed' FROM runs"_s), 1);
        // Only what had no result was sent again: the requests in flight at the kill and those never sent.
        const QJsonObject simStats = sim.stats().value(u"models"_s).toObject();
        const qint64 resent = simStats.value(kFlash).toObject().value(u"requests"_s).toInteger()
            + simStats.value(kPro).toObject().value(u"requests"_s).toInteger();
        QCOMPARE(resent, total - committed);
    }

    void cancelledRunRecordsInFlightAttemptsAndResumes()
    {
        QTemporaryDir dir;
        SimProcess sim(kBin);
        QCOMPARE(sim.start({ u"--time-scale"_s, u"0.05"_s }), QString());
        const QString db = dir.filePath(u"t.db"_s);
        const int total = 2 * 2 * sampleSize();

        QProcess run;
        run.start(
            kBin + u"/tierlens-cli"_s,
            runArgs(db, sim.url(),
                    { u"--repeat"_s, u"2"_s, u"--concurrency"_s, u"flash=12"_s, u"--concurrency"_s, u"pro=12"_s }));
        QVERIFY(run.waitForStarted());
        qint64 done = 0;
        for (int i = 0; i < 600 && done < total / 4; ++i) {
            QTest::qWait(50);
            done = scalar(db, u"SELECT COUNT(*) FROM results"_s);
        }
        QVERIFY2(done >= total / 4 && done < total, "the run did not get a quarter of the way");
        run.terminate(); // SIGTERM, handled like Ctrl-C: a clean cancel
        QVERIFY(run.waitForFinished(30000));
        QCOMPARE(run.exitStatus(), QProcess::NormalExit);
        QCOMPARE(run.exitCode(), 1);
        QVERIFY2(run.readAllStandardError().contains("--resume"), "the message does not say how to continue");

        QCOMPARE(scalar(db, u"SELECT status = 'cancelled' FROM runs"_s), 1);
        // The requests in flight were aborted: recorded as cancelled attempts, never as an item's result.
        QVERIFY(scalar(db, u"SELECT COUNT(*) FROM attempts WHERE error_class = 'cancelled'"_s) > 0);
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM results WHERE error_class = 'cancelled'"_s), 0);
        const qint64 committed = scalar(db, u"SELECT COUNT(*) FROM results"_s);

        sim.resetStats();
        const CliResult r = cli({ u"run"_s, u"--db"_s, db, u"--resume"_s, u"1"_s, u"--quiet"_s });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM results"_s), total);
        const QJsonObject simStats = sim.stats().value(u"models"_s).toObject();
        QCOMPARE(simStats.value(kFlash).toObject().value(u"requests"_s).toInteger()
                     + simStats.value(kPro).toObject().value(u"requests"_s).toInteger(),
                 total - committed);
        // Attempt numbers continue after the cancelled ones: no (item, attempt_no) twice.
        QCOMPARE(scalar(db,
                        u"SELECT COUNT(*) FROM (SELECT 1 FROM attempts GROUP BY run_model_id, prompt_id, "
                        "repeat_index, attempt_no HAVING COUNT(*) > 1)"_s),
                 0);
    }

    void badPromptFileIsRefusedWithFileAndLine()
    {
        QTemporaryDir dir;
        const QString bad = dir.filePath(u"bad.jsonl"_s);
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"id\": \"a\", \"prompt\": \"hello\"}\n{\"id\": \"b\", \"prompt\": 42}\n");
        f.close();
        const QString db = dir.filePath(u"t.db"_s);
        const CliResult r
            = cli({ u"run"_s, u"--db"_s, db, u"--prompts"_s, bad, u"--model"_s, u"x=http://127.0.0.1:9#m"_s });
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("bad.jsonl:2"), r.err.constData());
        // Refused before the database was opened: nothing is left behind.
        QVERIFY(!QFile::exists(db));
    }

    void usageErrorsExitWithTwo()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"t.db"_s);
        QCOMPARE(cli({ u"run"_s, u"--db"_s, db, u"--prompts"_s, kSample }).exitCode, 2);
        QCOMPARE(cli({ u"run"_s, u"--db"_s, db, u"--prompts"_s, kSample, u"--model"_s, u"nohash"_s }).exitCode, 2);
        QCOMPARE(cli({ u"run"_s, u"--db"_s, db, u"--prompts"_s, kSample, u"--model"_s, u"a=http://127.0.0.1:9#m"_s,
                       u"--concurrency"_s, u"b=3"_s })
                     .exitCode,
                 2);
        QCOMPARE(cli({ u"frobnicate"_s }).exitCode, 2);
        QCOMPARE(cli({ u"report"_s, u"--db"_s, db }).exitCode, 2);
    }

    void helpIsAnAnswerAndNamesTheCommand()
    {
        const CliResult top = cli({ u"--help"_s });
        QCOMPARE(top.exitCode, 0);
        QVERIFY2(top.out.contains("usage: tierlens-cli COMMAND") && top.err.isEmpty(), top.err.constData());
        const CliResult run = cli({ u"run"_s, u"--help"_s });
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith("Usage: tierlens-cli run [options]"), run.out.constData());
        QVERIFY(run.out.contains("--prompts"));
        QVERIFY2(run.out.contains("promptfoo"), run.out.constData());
        QVERIFY(run.err.isEmpty());
        const CliResult judge = cli({ u"judge"_s, u"-h"_s });
        QVERIFY2(judge.out.startsWith("Usage: tierlens-cli judge [options] RUN_ID"), judge.out.constData());
        // A mistake is not an answer: the usage goes with the error, to stderr.
        const CliResult wrong = cli({ u"frobnicate"_s });
        QCOMPARE(wrong.exitCode, 2);
        QVERIFY(wrong.out.isEmpty() && wrong.err.contains("unknown command"));
    }

    void promptsThatAreNotAPromptSetFileSaySo()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"t.db"_s);
        CliResult r
            = cli({ u"run"_s, u"--db"_s, db, u"--prompts"_s, dir.path(), u"--model"_s, u"x=http://127.0.0.1:9#m"_s });
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("is a folder") && r.err.contains(".yaml"), r.err.constData());
        const QString text = dir.filePath(u"prompts.txt"_s);
        QFile f(text);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("What is 2+2?\n");
        f.close();
        r = cli({ u"run"_s, u"--db"_s, db, u"--prompts"_s, text, u"--model"_s, u"x=http://127.0.0.1:9#m"_s });
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("unsupported file type \"txt\"") && r.err.contains(".jsonl") && r.err.contains(".csv")
                     && r.err.contains(".yaml"),
                 r.err.constData());
        QVERIFY(!QFile::exists(db));
    }

    void missingKeyForARemoteModelStopsBeforeSending()
    {
        QTemporaryDir dir;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"TIERLENS_TEST_UNSET_KEY"_s);
        const CliResult r = cli({ u"run"_s, u"--db"_s, dir.filePath(u"t.db"_s), u"--prompts"_s, kSample, u"--model"_s,
                                  u"remote=https://api.deepseek.com#deepseek-v4-flash"_s, u"--api-key-env"_s,
                                  u"remote=TIERLENS_TEST_UNSET_KEY"_s },
                                env);
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("TIERLENS_TEST_UNSET_KEY"), r.err.constData());
    }

    void theApiKeyIsNeverWritten()
    {
        QTemporaryDir dir;
        const QString key = u"sk-tierlens-test-4b1d9c7e2f"_s;
        SimProcess sim(kBin);
        QCOMPARE(sim.start({ u"--time-scale"_s, u"0.01"_s, u"--api-key"_s, key }), QString());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"TIERLENS_TEST_KEY"_s, key);
        const QString db = dir.filePath(u"t.db"_s);
        CliResult r = cli(runArgs(db, sim.url(),
                                  { u"--api-key-env"_s, u"flash=TIERLENS_TEST_KEY"_s, u"--api-key-env"_s,
                                    u"pro=TIERLENS_TEST_KEY"_s, u"--summary"_s, dir.filePath(u"summary.json"_s) }),
                          env);
        QVERIFY2(r.exitCode == 0, r.err.constData()); // the simulator refuses any other key: it was sent
        QByteArray printed = r.out + r.err;
        for (const QString& cmd : { u"runs"_s, u"report"_s }) {
            const CliResult o = cli(cmd == u"runs"_s ? QStringList { cmd, u"--db"_s, db }
                                                     : QStringList { cmd, u"1"_s, u"--db"_s, db });
            QCOMPARE(o.exitCode, 0);
            printed += o.out + o.err;
        }
        QCOMPARE(
            cli({ u"export"_s, u"1"_s, u"--db"_s, db, u"--format"_s, u"jsonl"_s, u"-o"_s, dir.filePath(u"e.jsonl"_s) })
                .exitCode,
            0);
        QCOMPARE(cli({ u"export"_s, u"1"_s, u"--db"_s, db, u"--format"_s, u"csv"_s, u"-o"_s, dir.filePath(u"e.csv"_s) })
                     .exitCode,
                 0);
        QVERIFY(!printed.contains(key.toUtf8()));
        QDirIterator it(dir.path(), QDir::Files, QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains(key.toUtf8()), qPrintable(f.fileName()));
            ++files;
        }
        QVERIFY(files >= 4);
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM run_models WHERE api_key_env = 'TIERLENS_TEST_KEY'"_s), 2);
    }

    void historyReportAndExport()
    {
        QTemporaryDir dir;
        SimProcess sim(kBin);
        QCOMPARE(sim.start({ u"--time-scale"_s, u"0.01"_s }), QString());
        const QString db = dir.filePath(u"t.db"_s);
        QCOMPARE(cli(runArgs(db, sim.url())).exitCode, 0);
        QCOMPARE(cli(runArgs(db, sim.url())).exitCode, 0);

        const CliResult runs = cli({ u"runs"_s, u"--db"_s, db });
        QCOMPARE(runs.exitCode, 0);
        const QList<QByteArray> lines = runs.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines.at(0).startsWith("2\t")); // newest first, id first
        QVERIFY(lines.at(1).startsWith("1\t"));

        const CliResult report = cli({ u"report"_s, u"2"_s, u"--db"_s, db });
        QCOMPARE(report.exitCode, 0);
        for (const char* category : { "reasoning", "factual", "tool-use", "extraction" })
            QVERIFY2(report.out.contains(category), report.out.constData());

        const CliResult jsonl = cli({ u"export"_s, u"2"_s, u"--db"_s, db, u"--format"_s, u"jsonl"_s });
        QCOMPARE(jsonl.exitCode, 0);
        const QList<QByteArray> rows = jsonl.out.trimmed().split('\n');
        QCOMPARE(rows.size(), 2 * sampleSize());
        for (const QByteArray& row : rows) {
            QJsonParseError e;
            QJsonDocument::fromJson(row, &e);
            QCOMPARE(e.error, QJsonParseError::NoError);
        }
        QCOMPARE(cli({ u"export"_s, u"99"_s, u"--db"_s, db }).exitCode, 3);
    }

    // promptset-from-run: up to N prompts of each category the run answered, the same ones for a seed, written as
    // a prompt set file that a run takes again.
    void aRunsPromptsDrawnIntoAPromptSet()
    {
        QTemporaryDir dir;
        SimProcess sim(kBin);
        QCOMPARE(sim.start({ u"--time-scale"_s, u"0.01"_s }), QString());
        const QString db = dir.filePath(u"t.db"_s);
        QCOMPARE(cli(runArgs(db, sim.url())).exitCode, 0);
        const QString out = dir.filePath(u"drawn.jsonl"_s);
        const CliResult r = cli({ u"promptset-from-run"_s, u"1"_s, u"--db"_s, db, u"--per-category"_s, u"2"_s,
                                  u"--out"_s, out });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("reasoning: 2 of "), r.err.constData());

        // Read as the sample file is read: each category of the sample, min(2, its size) times.
        QHash<QString, int> inSample, drawn;
        QHash<QString, QJsonObject> sampleById;
        QFile sampleFile(kSample);
        QVERIFY(sampleFile.open(QIODevice::ReadOnly));
        for (const QByteArray& line : sampleFile.readAll().split('\n')) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (o.contains(u"id"_s)) {
                ++inSample[o.value(u"category"_s).toString()];
                sampleById.insert(o.value(u"id"_s).toString(), o);
            }
        }
        QFile drawnFile(out);
        QVERIFY(drawnFile.open(QIODevice::ReadOnly));
        const QByteArray written = drawnFile.readAll();
        for (const QByteArray& line : written.split('\n')) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (!o.contains(u"id"_s))
                continue;
            ++drawn[o.value(u"category"_s).toString()];
            QVERIFY2(sampleById.contains(o.value(u"id"_s).toString()), line.constData()); // a prompt of the run
        }
        QCOMPARE(drawn.keys().size(), inSample.keys().size());
        for (auto it = inSample.cbegin(); it != inSample.cend(); ++it)
            QCOMPARE(drawn.value(it.key()), std::min(2, it.value()));

        // The same seed draws the same file; the file is a prompt set a run takes.
        const QString again = dir.filePath(u"again.jsonl"_s);
        QCOMPARE(cli({ u"promptset-from-run"_s, u"1"_s, u"--db"_s, db, u"--per-category"_s, u"2"_s, u"--out"_s, again })
                     .exitCode,
                 0);
        QFile againFile(again);
        QVERIFY(againFile.open(QIODevice::ReadOnly));
        QCOMPARE(againFile.readAll(), written);
        QStringList rerun = runArgs(db, sim.url());
        rerun[rerun.indexOf(kSample)] = out;
        const CliResult second = cli(rerun);
        QVERIFY2(second.exitCode == 0, second.err.constData());
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM results WHERE run_id = 2"_s),
                 qint64(2 * std::accumulate(drawn.cbegin(), drawn.cend(), 0)));

        // What is wrong says so, with the usage exit code or the input one.
        QCOMPARE(cli({ u"promptset-from-run"_s, u"1"_s, u"--db"_s, db, u"--out"_s, out }).exitCode, 2);
        QCOMPARE(cli({ u"promptset-from-run"_s, u"1"_s, u"--db"_s, db, u"--per-category"_s, u"0"_s, u"--out"_s, out })
                     .exitCode,
                 2);
        const CliResult missing = cli({ u"promptset-from-run"_s, u"99"_s, u"--db"_s, db, u"--per-category"_s, u"2"_s,
                                        u"--out"_s, out });
        QCOMPARE(missing.exitCode, 3);
        QVERIFY2(missing.err.contains("99"), missing.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliRun)
#include "tst_clirun.moc"
