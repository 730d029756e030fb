// End to end for tierlens-cli report: two runs of the sample against tierlens-sim pooled into one report, its JSON
// figures recounted from the database with the test's own SQL, the text tables, the HTML page with its charts, and
// the errors for bad options.

#include "../support/CliProcess.h"
#include "../support/SimProcess.h"

#include <QImage>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;
using namespace tierlens::testing;

namespace {

QJsonObject groupOf(const QJsonObject& statistics, const QString& model, const QString& category = {})
{
    for (const QJsonValue& v : statistics.value(u"groups"_s).toArray()) {
        const QJsonObject g = v.toObject();
        const bool all = g.value(u"category"_s).isNull();
        if (g.value(u"model"_s).toString() == model
            && (category.isEmpty() ? all : g.value(u"category"_s).toString() == category))
            return g;
    }
    return {};
}

// Linear interpolation between closest ranks, as numpy's default: the test's own percentile.
double percentile(QVector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    const double rank = p / 100.0 * double(v.size() - 1);
    const auto lo = qsizetype(std::floor(rank));
    const qsizetype hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (v[hi] - v[lo]) * (rank - double(lo));
}

} // namespace

class TestCliReport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SimProcess m_sim { kBin };
    QString m_db;
    const QByteArray m_key = "sk-report-test-secret-4711";

    CliResult runSample(const QString& prompts)
    {
        return cli({ u"run"_s, u"--db"_s, m_db, u"--prompts"_s, prompts, u"--model"_s,
                     u"flash="_s + m_sim.url() + u"#"_s + kFlash, u"--model"_s, u"pro="_s + m_sim.url() + u"#"_s + kPro,
                     u"--backoff-ms"_s, u"20"_s, u"--quiet"_s });
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCOMPARE(m_sim.start({ u"--time-scale"_s, u"0.02"_s, u"--seed"_s, u"31"_s }), QString());
        m_db = m_dir.filePath(u"report.db"_s);
        qputenv("DEEPSEEK_API_KEY", m_key);
        for (int i = 0; i < 2; ++i) {
            const CliResult r = runSample(kSample);
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
        // A third run of another prompt set.
        QFile other(m_dir.filePath(u"other.jsonl"_s));
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.write("{\"id\": \"a\", \"prompt\": \"What is 2+2?\", \"category\": \"math\"}\n");
        other.close();
        const CliResult r = runSample(other.fileName());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(scalar(m_db, u"SELECT COUNT(*) FROM runs"_s), 3);
    }

    void jsonFiguresRecountedFromTheDatabase()
    {
        const QString out = m_dir.filePath(u"report.json"_s);
        const CliResult r = cli({ u"report"_s, u"1"_s, u"--db"_s, m_db, u"--runs"_s, u"2"_s, u"--quality"_s,
                                  u"assertions"_s, u"--format"_s, u"json"_s, u"-o"_s, out });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject doc = readJson(out);
        QCOMPARE(doc.value(u"summary"_s).toObject().value(u"run_id"_s).toInteger(), 1);
        const QJsonObject stats = doc.value(u"statistics"_s).toObject();
        QCOMPARE(stats.value(u"runs"_s).toArray(), QJsonArray({ 1, 2 }));
        QCOMPARE(stats.value(u"trends"_s).toArray().size(), 4);

        for (const QString& model : { u"flash"_s, u"pro"_s }) {
            const QJsonObject g = groupOf(stats, model);
            QVERIFY2(!g.isEmpty(), qPrintable(model));
            const QString inRuns
                = u"FROM results r JOIN run_models m ON m.id = r.run_model_id WHERE r.run_id IN (1, 2) "
                  "AND m.label = '%1'"_s.arg(model);
            QCOMPARE(g.value(u"items"_s).toInteger(), scalar(m_db, u"SELECT COUNT(*) "_s + inRuns));
            QCOMPARE(g.value(u"items"_s).toInteger(), 2 * sampleSize());
            // Assertions only: an error fails; an ok result has the verdict of all its assertions together once
            // none waits for the judge (these runs were not judged: the rubrics' results have none).
            const QString decided = u"EXISTS (SELECT 1 FROM result_checks rc JOIN assertion_checks ac ON "
                                    "ac.result_check_id = rc.id WHERE rc.attempt_id = r.final_attempt_id AND "
                                    "rc.pending_count = 0"_s;
            const QString verdict = u"CASE WHEN r.status <> 'ok' THEN 0 ELSE (SELECT rc.passed FROM result_checks rc "
                                    "WHERE rc.attempt_id = r.final_attempt_id) END"_s;
            const QString judgedItems = inRuns + u" AND (r.status <> 'ok' OR "_s + decided + u"))"_s;
            const qint64 judged = scalar(m_db, u"SELECT COUNT(*) "_s + judgedItems);
            const qint64 passed = scalar(m_db, u"SELECT COALESCE(SUM("_s + verdict + u"), 0) "_s + judgedItems);
            QCOMPARE(g.value(u"judged_items"_s).toInteger(), judged);
            QCOMPARE(g.value(u"passed_items"_s).toInteger(), passed);
            QVERIFY(judged > 10);
            // The prompt is the unit: both runs asked the same prompts, each prompt's two items are one share, and
            // the pass rate is the mean of the shares.
            const auto shares = rows(m_db,
                                     u"SELECT AVG(1.0 * ("_s + verdict
                                         + u")) FROM results r JOIN run_models m ON m.id = r.run_model_id JOIN prompts "
                                           "p ON p.id = r.prompt_id WHERE r.run_id IN (1, 2) AND m.label = '%1' AND "
                                           "(r.status <> 'ok' OR "_s.arg(model)
                                         + decided + u")) GROUP BY p.system_prompt, p.messages_json, p.options_json"_s);
            double sum = 0;
            for (const QVariantList& row : shares)
                sum += row.value(0).toDouble();
            QCOMPARE(g.value(u"prompts"_s).toInteger(), shares.size());
            QVERIFY(shares.size() < judged); // repeats of a prompt are not more prompts
            const QJsonObject rate = g.value(u"pass_rate"_s).toObject();
            QVERIFY(std::abs(rate.value(u"estimate"_s).toDouble() - sum / double(shares.size())) < 1e-12);
            QCOMPARE(rate.value(u"n"_s).toInteger(), shares.size());

            // Latency percentiles of the ok results' final attempts.
            QVector<double> latencies;
            for (const QVariantList& row :
                 rows(m_db,
                      u"SELECT a.latency_ms FROM results r JOIN attempts a ON a.id = r.final_attempt_id JOIN "
                      "run_models m ON m.id = r.run_model_id WHERE r.run_id IN (1, 2) AND m.label = '%1' AND "
                      "r.status = 'ok'"_s.arg(model)))
                latencies << row.value(0).toDouble();
            const QJsonObject latency = g.value(u"latency_ms"_s).toObject();
            QCOMPARE(latency.value(u"n"_s).toInteger(), latencies.size());
            for (const auto& [key, p] : { std::pair { u"p50"_s, 50.0 }, { u"p90"_s, 90.0 }, { u"p99"_s, 99.0 } })
                QVERIFY(std::abs(latency.value(key).toDouble() - percentile(latencies, p)) < 1e-9);

            // Cost per item: every attempt's cost over the items.
            const double cost = rows(m_db,
                                     u"SELECT SUM(a.cost_usd) FROM attempts a JOIN run_models m ON m.id = "
                                     "a.run_model_id WHERE a.run_id IN (1, 2) AND m.label = '%1'"_s.arg(model))
                                    .value(0)
                                    .value(0)
                                    .toDouble();
            QVERIFY(std::abs(g.value(u"cost_per_item_usd"_s).toDouble() - cost / (2 * sampleSize())) < 1e-12);
        }
        // Paired: the McNemar pairs are the prompts where both models have a verdict.
        const QJsonArray paired = stats.value(u"paired"_s).toArray();
        QVERIFY(!paired.isEmpty());
        const QJsonObject all = paired.last().toObject();
        QVERIFY(all.value(u"category"_s).isNull());
        const QJsonObject v = all.value(u"prompts"_s).toObject();
        const qint64 pairs = v.value(u"first_better"_s).toInteger() + v.value(u"second_better"_s).toInteger()
            + v.value(u"both_passed"_s).toInteger() + v.value(u"tied_otherwise"_s).toInteger();
        QCOMPARE(all.value(u"mcnemar"_s).toObject().value(u"pairs"_s).toInteger(), pairs);
        QVERIFY(pairs <= groupOf(stats, u"flash"_s).value(u"prompts"_s).toInteger());
        QVERIFY(pairs <= groupOf(stats, u"pro"_s).value(u"prompts"_s).toInteger());
        QVERIFY(pairs > 10);
        QCOMPARE(all.value(u"difference"_s).toObject().value(u"n"_s).toInteger(), pairs);
    }

    void runsOfOtherPromptSetsPoolByPrompt()
    {
        // Run 3 asked another prompt set: pooled with run 1, its prompt is one more prompt, its category one more.
        const QString out = m_dir.filePath(u"pooled.json"_s);
        const CliResult r = cli(
            { u"report"_s, u"1"_s, u"--db"_s, m_db, u"--runs"_s, u"3"_s, u"--format"_s, u"json"_s, u"-o"_s, out });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject stats = readJson(out).value(u"statistics"_s).toObject();
        QVERIFY(stats.value(u"categories"_s).toArray().contains(u"math"_s));
        QCOMPARE(groupOf(stats, u"flash"_s).value(u"items"_s).toInteger(), sampleSize() + 1);
    }

    void textTablesAndCategoryFilter()
    {
        CliResult r = cli({ u"report"_s, u"1"_s, u"--db"_s, m_db });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString text = QString::fromUtf8(r.out);
        QVERIFY2(text.contains(u"Models over every category"_s) && text.contains(u"Per category"_s)
                     && text.contains(u"Every two models on the same prompts"_s) && text.contains(u"flash - pro"_s),
                 r.out.constData());
        r = cli({ u"report"_s, u"1"_s, u"--db"_s, m_db, u"--category"_s, u"factual"_s });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString factual = QString::fromUtf8(r.out);
        // Category rows start with the category's name, then the model's.
        const QRegularExpression reasoningRow(u"\n  reasoning +(flash|pro) "_s);
        QVERIFY(factual.contains(QRegularExpression(u"\n  factual +(flash|pro) "_s)));
        QVERIFY(text.contains(reasoningRow));
        QVERIFY(!factual.contains(reasoningRow));
        QVERIFY(factual.contains(u"Models over the categories factual"_s));
        QVERIFY(factual.contains(u"Models (the whole run, every category)"_s));
    }

    void htmlWithChartsAndNoKey()
    {
        const QString out = m_dir.filePath(u"report.html"_s);
        const CliResult r = cli(
            { u"report"_s, u"1"_s, u"--db"_s, m_db, u"--runs"_s, u"2"_s, u"--format"_s, u"html"_s, u"-o"_s, out });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray html = f.readAll();
        QVERIFY(html.startsWith("<!DOCTYPE html>"));
        QVERIFY(html.contains("<table>"));
        QVERIFY(!html.contains(m_key));
        const QRegularExpression image(u"data:image/png;base64,([A-Za-z0-9+/=]+)"_s);
        int images = 0;
        for (const QRegularExpressionMatch& m : image.globalMatch(QString::fromLatin1(html))) {
            const QImage chart = QImage::fromData(QByteArray::fromBase64(m.captured(1).toLatin1()), "PNG");
            QCOMPARE(chart.size(), QSize(960, 540));
            ++images;
        }
        QCOMPARE(images, 10);
    }

    void badOptionsSayWhat_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("says");
        QTest::newRow("format") << QStringList { u"--format"_s, u"pdf"_s } << u"pdf"_s;
        QTest::newRow("confidence") << QStringList { u"--confidence"_s, u"1.5"_s } << u"1.5"_s;
        QTest::newRow("no such run") << QStringList { u"--runs"_s, u"99"_s } << u"99"_s;
        QTest::newRow("quality source") << QStringList { u"--quality"_s, u"vibes"_s } << u"vibes"_s;
    }
    void badOptionsSayWhat()
    {
        QFETCH(QStringList, extra);
        QFETCH(QString, says);
        const CliResult r = cli(QStringList { u"report"_s, u"1"_s, u"--db"_s, m_db } + extra);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(QString::fromUtf8(r.err).contains(says), r.err.constData());
    }

    void cleanupTestCase() { m_sim.stop(); }
};

QTEST_GUILESS_MAIN(TestCliReport)
#include "tst_clireport.moc"
