// Fault suite: tierlens-sim in one fault mode per row, tierlens-cli run against it, and the database checked
// against what the simulator says it served: every item final or classified, retries within bounds, tokens
// and cost equal to what was billed, nothing billed twice.

#include "../support/CliProcess.h"
#include "../support/SimProcess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tierlens::testing;

namespace {

constexpr int kMaxAttempts = 4;
// Flat prices (no periods, no peak hours), so the cost follows from the simulator's token counts alone.
constexpr double kMissPrice = 0.5;
constexpr double kHitPrice = 0.05;
constexpr double kOutputPrice = 2.0;

const QStringList kRetryable = { u"rate_limited"_s, u"server_error"_s, u"overloaded"_s, u"timeout"_s,
                                 u"connection"_s,   u"truncated"_s,    u"malformed"_s };

// Every fifth prompt of the sample: all its categories, a fraction of its size.
bool writePromptSubset(const QString& path, int* count)
{
    QFile in(kSample);
    QFile out(path);
    if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly))
        return false;
    int index = 0;
    *count = 0;
    for (const QByteArray& line : in.readAll().split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        if (index++ % 5 == 0) {
            out.write(line + '\n');
            ++*count;
        }
    }
    return *count > 0;
}

bool writeFlatPriceBook(const QString& dir)
{
    QJsonArray models;
    for (const QString& id : { kFlash, kPro }) {
        models.append(QJsonObject { { u"model"_s, id },
                                    { u"concurrency_limit"_s, 16 },
                                    { u"periods"_s,
                                      QJsonArray { QJsonObject { { u"from"_s, QJsonValue() },
                                                                 { u"until"_s, QJsonValue() },
                                                                 { u"input_cache_miss"_s, kMissPrice },
                                                                 { u"input_cache_hit"_s, kHitPrice },
                                                                 { u"output"_s, kOutputPrice } } } } });
    }
    const QJsonObject book { { u"format"_s, u"tierlens-price-book"_s },
                             { u"format_version"_s, 1 },
                             { u"provider"_s, u"deepseek"_s },
                             { u"version"_s, u"test-flat"_s },
                             { u"currency"_s, u"USD"_s },
                             { u"unit"_s, u"per_1m_tokens"_s },
                             { u"models"_s, models } };
    QFile f(dir + u"/deepseek.json"_s);
    return f.open(QIODevice::WriteOnly) && f.write(QJsonDocument(book).toJson()) > 0;
}

qint64 sumOf(const QJsonObject& faults)
{
    qint64 n = 0;
    for (auto it = faults.begin(); it != faults.end(); ++it)
        n += it->toInteger();
    return n;
}

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(kBin + u"/tierlens-cli"_s), "tierlens-cli is not built");
        QVERIFY2(QFile::exists(kBin + u"/tierlens-sim"_s), "tierlens-sim is not built");
        QVERIFY(m_dir.isValid());
        QVERIFY(writePromptSubset(m_dir.filePath(u"prompts.jsonl"_s), &m_prompts));
        QVERIFY(QDir(m_dir.path()).mkpath(u"books"_s));
        QVERIFY(writeFlatPriceBook(m_dir.filePath(u"books"_s)));
    }

    void faultIsSurvived_data()
    {
        QTest::addColumn<QStringList>("faults"); // --fault values for tierlens-sim
        QTest::addColumn<QStringList>("cliArgs"); // more options for tierlens-cli run
        QTest::addColumn<QStringList>("errorClasses"); // the classes the mode may cause; empty: none at all
        QTest::addColumn<int>("exitCode"); // 1 where a model cannot answer anything: such a run says nothing of it

        struct Row
        {
            const char* name;
            QStringList faults;
            QStringList cliArgs;
            QStringList errorClasses;
            int exitCode = 0;
        };
        const QStringList none;
        const QStringList noStream { u"--no-stream"_s };
        const QList<Row> rows {
            { "429 storm, Retry-After", { u"*=rate-limit,rate=0.4,burst=3"_s }, none, { u"rate_limited"_s } },
            { "429 storm, no Retry-After", { u"*=rate-limit-bare,rate=0.4,burst=3"_s }, none, { u"rate_limited"_s } },
            { "500/503 burst", { u"*=server-error,rate=0.3,burst=4"_s }, none, { u"server_error"_s, u"overloaded"_s } },
            // Every attempt of one model fails: its items must end as classified errors after exactly N attempts.
            { "503 until the attempts run out",
              { kFlash + u"=server-error"_s },
              none,
              { u"server_error"_s, u"overloaded"_s },
              1 },
            { "reset mid-stream", { u"*=reset,rate=0.4"_s }, none, { u"truncated"_s, u"connection"_s } },
            { "reset mid-body", { u"*=reset,rate=0.4"_s }, noStream, { u"connection"_s } },
            { "stream cut before [DONE]", { u"*=cut,rate=0.5"_s }, none, { u"truncated"_s } },
            { "body cut short", { u"*=cut,rate=0.4"_s }, noStream, { u"connection"_s } },
            { "malformed SSE", { u"*=bad-sse,rate=0.5"_s }, none, { u"malformed"_s } },
            { "malformed JSON chunk", { u"*=bad-json,rate=0.5"_s }, none, { u"malformed"_s } },
            { "malformed JSON body", { u"*=bad-json,rate=0.4"_s }, noStream, { u"malformed"_s } },
            // Three simulated minutes of ": keep-alive" before the first token; 1.8 s at this time scale.
            { "keep-alive wait", { u"*=keepalive-wait,wait_ms=180000"_s }, none, none },
            { "keep-alive wait, whole body", { u"*=keepalive-wait,wait_ms=180000,rate=0.5"_s }, noStream, none },
            { "slow drip", { u"*=slow-drip,drip_ms=150"_s }, none, none },
            { "oversized answers", { u"*=oversized,tokens=6000,rate=0.5"_s }, none, none },
            { "a mode per model",
              { kFlash + u"=cut,rate=0.3"_s, kPro + u"=reset,rate=0.3"_s },
              none,
              { u"truncated"_s, u"connection"_s } },
        };
        // Every mode over HTTP/1.1 and over HTTP/2 with prior knowledge (h2c). On HTTP/2 a cut is RST_STREAM after
        // what was written, a reset closes the TCP connection with every stream on it.
        const QStringList h2 { u"--http2"_s, u"flash=prior-knowledge"_s, u"--http2"_s, u"pro=prior-knowledge"_s };
        for (const Row& row : rows) {
            QTest::newRow(row.name) << row.faults << row.cliArgs << row.errorClasses << row.exitCode;
            QTest::addRow("HTTP/2: %s", row.name) << row.faults << h2 + row.cliArgs << row.errorClasses << row.exitCode;
        }
    }

    void faultIsSurvived()
    {
        QFETCH(QStringList, faults);
        QFETCH(QStringList, cliArgs);
        QFETCH(QStringList, errorClasses);
        QFETCH(int, exitCode);

        QTemporaryDir dir;
        SimProcess sim(kBin);
        QStringList simArgs { u"--time-scale"_s, u"0.01"_s, u"--seed"_s, u"7"_s };
        for (const QString& f : faults)
            simArgs << u"--fault"_s << f;
        QCOMPARE(sim.start(simArgs), QString());
        const QString db = dir.filePath(u"t.db"_s);
        const QString summaryPath = dir.filePath(u"summary.json"_s);
        const QStringList args = QStringList { u"run"_s,
                                               u"--db"_s,
                                               db,
                                               u"--prompts"_s,
                                               m_dir.filePath(u"prompts.jsonl"_s),
                                               u"--model"_s,
                                               u"flash="_s + sim.url() + u"#"_s + kFlash,
                                               u"--model"_s,
                                               u"pro="_s + sim.url() + u"#"_s + kPro,
                                               u"--max-attempts"_s,
                                               QString::number(kMaxAttempts),
                                               u"--backoff-ms"_s,
                                               u"10"_s,
                                               u"--price-books"_s,
                                               m_dir.filePath(u"books"_s),
                                               u"--summary"_s,
                                               summaryPath,
                                               u"--quiet"_s }
            + cliArgs;
        const CliResult r = cli(args, QProcessEnvironment::systemEnvironment(), 120000);

        // No crash, and the exit code says the run completed: items that ended in an error are still counted; a
        // model that answered nothing at all makes the run exit 1, saying which.
        QVERIFY2(r.exitCode == exitCode, r.err.constData());
        if (exitCode == 1)
            QVERIFY2(r.err.contains("flash answered no item"), r.err.constData());
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM runs WHERE status = 'completed'"_s), 1);

        // Every item has exactly one result: the answer, or an error with its class.
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM results"_s), 2 * m_prompts);
        QCOMPARE(scalar(db,
                        u"SELECT COUNT(*) FROM (SELECT 1 FROM results GROUP BY run_model_id, prompt_id, "
                        "repeat_index HAVING COUNT(*) > 1)"_s),
                 0);
        QCOMPARE(scalar(db,
                        u"SELECT COUNT(*) FROM results WHERE NOT ((status = 'ok' AND error_class = 'none') "
                        "OR (status = 'error' AND error_class <> 'none'))"_s),
                 0);
        // Classified by what the mode does, and nothing else went wrong on any attempt.
        for (const QVariantList& row : rows(db, u"SELECT DISTINCT error_class FROM attempts"_s)) {
            const QString cls = row.constFirst().toString();
            QVERIFY2(cls == u"none"_s || errorClasses.contains(cls), qPrintable(u"unexpected class "_s + cls));
        }

        // Retries within bounds: attempts numbered 1..n without gaps or repeats, n <= --max-attempts, and an
        // item given up on a retryable error used every attempt it had.
        QCOMPARE(scalar(db, u"SELECT MAX(attempt_no) FROM attempts"_s) <= kMaxAttempts, true);
        QCOMPARE(scalar(db,
                        u"SELECT COUNT(*) FROM results r WHERE r.attempt_count <> (SELECT COUNT(*) FROM "
                        "attempts a WHERE a.run_model_id = r.run_model_id AND a.prompt_id = r.prompt_id AND "
                        "a.repeat_index = r.repeat_index) OR r.attempt_count <> (SELECT MAX(a.attempt_no) "
                        "FROM attempts a WHERE a.run_model_id = r.run_model_id AND a.prompt_id = r.prompt_id "
                        "AND a.repeat_index = r.repeat_index)"_s),
                 0);
        QCOMPARE(scalar(db,
                        u"SELECT COUNT(*) FROM results r JOIN attempts a ON a.id = r.final_attempt_id "
                        "WHERE a.attempt_no <> r.attempt_count"_s),
                 0);
        for (const QVariantList& row :
             rows(db, u"SELECT error_class, attempt_count FROM results WHERE status = 'error'"_s)) {
            QVERIFY2(kRetryable.contains(row.at(0).toString()), qPrintable(row.at(0).toString()));
            QCOMPARE(row.at(1).toInt(), kMaxAttempts);
        }
        // Only the last attempt of an item is final; the attempts before it all failed.
        QCOMPARE(scalar(db,
                        u"SELECT COUNT(*) FROM attempts a JOIN results r ON r.run_model_id = a.run_model_id "
                        "AND r.prompt_id = a.prompt_id AND r.repeat_index = a.repeat_index "
                        "WHERE a.id <> r.final_attempt_id AND a.error_class = 'none'"_s),
                 0);

        const QJsonObject simModels = sim.stats().value(u"models"_s).toObject();
        const QJsonObject summary = readJson(summaryPath).value(u"models"_s).toObject();
        qint64 errorsSeen = 0;
        for (const auto& [label, modelId] : { std::pair { u"flash"_s, kFlash }, std::pair { u"pro"_s, kPro } }) {
            const QJsonObject s = simModels.value(modelId).toObject();
            const QString where
                = u"FROM attempts a JOIN run_models m ON m.id = a.run_model_id WHERE m.label = '"_s + label + u"'"_s;
            // Every attempt reached the simulator once, and the simulator saw no request the store lacks.
            QCOMPARE(scalar(db, u"SELECT COUNT(*) "_s + where), s.value(u"requests"_s).toInteger());
            // The protocol asked for is the one the simulator saw, for every request.
            QCOMPARE(s.value(u"http2_requests"_s).toInteger(),
                     cliArgs.contains(u"--http2"_s) ? s.value(u"requests"_s).toInteger() : 0);
            // An attempt failed exactly when the simulator injected a fault into it.
            const qint64 failed = scalar(db, u"SELECT COUNT(*) "_s + where + u" AND a.error_class <> 'none'"_s);
            if (errorClasses.isEmpty())
                QCOMPARE(failed, 0);
            else
                QCOMPARE(failed, sumOf(s.value(u"faults_injected"_s).toObject()));
            errorsSeen += failed;

            // Tokens: what the store holds is what the simulator billed, each billed response once.
            QCOMPARE(scalar(db, u"SELECT COUNT(*) "_s + where + u" AND a.completion_tokens IS NOT NULL"_s),
                     s.value(u"billed"_s).toInteger());
            const QJsonObject m = summary.value(label).toObject();
            // The store's columns, the simulator's stats and the summary use the same names.
            for (const QString& c : { u"prompt_tokens"_s, u"completion_tokens"_s, u"cache_hit_tokens"_s,
                                      u"cache_miss_tokens"_s, u"reasoning_tokens"_s }) {
                const qint64 served = s.value(c).toInteger();
                QCOMPARE(scalar(db, u"SELECT COALESCE(SUM(a."_s + c + u"), 0) "_s + where), served);
                if (served > 0) // a total no attempt reported is null in the summary
                    QCOMPARE(m.value(c).toInteger(), served);
            }
            // Cost: the simulator's tokens at the flat prices, equal in attempts, in results and in the summary.
            const double expected = (s.value(u"cache_miss_tokens"_s).toDouble() * kMissPrice
                                     + s.value(u"cache_hit_tokens"_s).toDouble() * kHitPrice
                                     + s.value(u"completion_tokens"_s).toDouble() * kOutputPrice)
                / 1e6;
            const double attempts
                = rows(db, u"SELECT COALESCE(SUM(a.cost_usd), 0) "_s + where).constFirst().constFirst().toDouble();
            const double results = rows(db,
                                        u"SELECT COALESCE(SUM(r.cost_usd), 0) FROM results r JOIN run_models m "
                                        "ON m.id = r.run_model_id WHERE m.label = '"_s
                                            + label + u"'"_s)
                                       .constFirst()
                                       .constFirst()
                                       .toDouble();
            QVERIFY2(qAbs(attempts - expected) <= 1e-9 * qMax(1.0, expected),
                     qPrintable(u"%1: attempts cost %2, served %3"_s.arg(label).arg(attempts).arg(expected)));
            QVERIFY2(qAbs(results - expected) <= 1e-9 * qMax(1.0, expected),
                     qPrintable(u"%1: results cost %2, served %3"_s.arg(label).arg(results).arg(expected)));
            if (expected > 0) {
                QVERIFY(qAbs(m.value(u"cost_usd"_s).toDouble() - expected) <= 1e-9 * qMax(1.0, expected));
            }
            QCOMPARE(m.value(u"attempts"_s).toInteger(), s.value(u"requests"_s).toInteger());
        }
        // Each item's cost is the sum of its own attempts' costs: none counted twice, none left out.
        QCOMPARE(scalar(db,
                        u"SELECT COUNT(*) FROM results r WHERE ABS(COALESCE(r.cost_usd, 0) - (SELECT "
                        "COALESCE(SUM(a.cost_usd), 0) FROM attempts a WHERE a.run_model_id = r.run_model_id "
                        "AND a.prompt_id = r.prompt_id AND a.repeat_index = r.repeat_index)) > 1e-12"_s),
                 0);
        if (!errorClasses.isEmpty())
            QVERIFY2(errorsSeen > 0, "the fault mode caused no failed attempt: the row tests nothing");
    }

private:
    QTemporaryDir m_dir;
    int m_prompts = 0;
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
