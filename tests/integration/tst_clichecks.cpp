// End to end for the checks: assertions decided as results arrive, re-checked later without calling the models,
// the LLM judge's calls going through the same engine against tierlens-sim, its verdicts, and its agreement with
// people's ratings.

#include "../support/CliProcess.h"
#include "../support/SimProcess.h"

#include "checks/jsonschema/JsonSchema.h"
#include "report/RunSummary.h"
#include "store/Store.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace tierlens;
using namespace tierlens::testing;

namespace {

QStringList runArgs(const QString& db, const QString& url, const QString& prompts = kSample)
{
    return { u"run"_s,
             u"--db"_s,
             db,
             u"--prompts"_s,
             prompts,
             u"--model"_s,
             u"flash="_s + url + u"#"_s + kFlash,
             u"--model"_s,
             u"pro="_s + url + u"#"_s + kPro,
             u"--backoff-ms"_s,
             u"20"_s,
             u"--quiet"_s };
}

QJsonObject summaryOf(const QString& dbPath, qint64 runId)
{
    QString error;
    auto store = Store::open(dbPath, &error);
    if (!store)
        qFatal("%s", qPrintable(error));
    const auto summary = RunSummary::build(*store, runId, &error);
    if (!summary)
        qFatal("%s", qPrintable(error));
    return *summary;
}

// How many llm-rubric assertions the sample set carries, counted from the file, not from the code under test.
int rubricAssertionsInSample()
{
    QFile f(kSample);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    int n = 0;
    for (const QByteArray& line : f.readAll().split('\n')) {
        for (const auto& a : QJsonDocument::fromJson(line).object().value(u"assert"_s).toArray())
            n += a.toObject().value(u"type"_s).toString() == u"llm-rubric"_s ? 1 : 0;
    }
    return n;
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

class TestCliChecks : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SimProcess m_sim { kBin };
    QString m_db;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCOMPARE(m_sim.start({ u"--time-scale"_s, u"0.02"_s, u"--seed"_s, u"11"_s }), QString());
        m_db = m_dir.filePath(u"checks.db"_s);
        qputenv("DEEPSEEK_API_KEY", "sk-checks-test");
        const CliResult r = cli(runArgs(m_db, m_sim.url()));
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void assertionsAreDecidedAsResultsArrive()
    {
        const int n = sampleSize();
        // Every result is checked; those with an llm-rubric wait for the judge and stay out of the rates.
        const QJsonObject models = summaryOf(m_db, 1).value(u"models"_s).toObject();
        for (const QString& label : { u"flash"_s, u"pro"_s }) {
            const QJsonObject q = models.value(label).toObject().value(u"quality"_s).toObject();
            QCOMPARE(q.value(u"items"_s).toInt() + q.value(u"awaiting_judge"_s).toInt(), n);
            QVERIFY(q.value(u"awaiting_judge"_s).toInt() > 0);
            QCOMPARE(q.value(u"sources"_s).toObject().value(u"judge"_s).toInt(), 0);
        }

        // Independently of the evaluator: an answer passes its only icontains assertion exactly when it contains the
        // expected text, whatever the case.
        const auto answers = rows(m_db,
                                  u"SELECT p.expected, a.content, rc.passed, rc.score FROM results r "
                                  "JOIN attempts a ON a.id = r.final_attempt_id JOIN prompts p ON p.id = r.prompt_id "
                                  "JOIN result_checks rc ON rc.attempt_id = a.id "
                                  "WHERE p.category IN ('easy', 'factual', 'long-context', 'failure-prone')"_s);
        QVERIFY(answers.size() >= 20);
        int failed = 0;
        for (const QVariantList& row : answers) {
            const bool contains = row.at(1).toString().contains(row.at(0).toString(), Qt::CaseInsensitive);
            QCOMPARE(row.at(2).toBool(), contains);
            QCOMPARE(row.at(3).toDouble(), contains ? 1.0 : 0.0);
            failed += contains ? 0 : 1;
        }
        QVERIFY2(failed > 0, "the simulator's weaker answers should fail some checks");
        // Every assertion of every checked result has its verdict and reason.
        QCOMPARE(scalar(m_db, u"SELECT COUNT(*) FROM assertion_checks WHERE reason IS NULL OR reason = ''"_s), 0);
        // llm-rubric assertions wait for the judge.
        QCOMPARE(scalar(m_db, u"SELECT SUM(pending_count) FROM result_checks"_s), 2 * rubricAssertionsInSample());
    }

    void judgeComparesBothOrdersAndGrades()
    {
        const QJsonObject before = summaryOf(m_db, 1);
        m_sim.resetStats();
        const CliResult r = cli({ u"judge"_s, u"1"_s, u"--db"_s, m_db, u"--backoff-ms"_s, u"20"_s, u"--quiet"_s });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(scalar(m_db, u"SELECT COUNT(*) FROM runs WHERE kind = 'judge' AND parent_run_id = 1"_s), 1);
        const qint64 judgeRun = scalar(m_db, u"SELECT id FROM runs WHERE kind = 'judge'"_s);

        // Two calls per pair (both orders) and one per graded answer, all to the judge (Pro by default), as the
        // simulator counted them.
        const int n = sampleSize();
        const int expectedCalls = 2 * n + 2 * rubricAssertionsInSample();
        QCOMPARE(scalar(m_db, u"SELECT COUNT(*) FROM results WHERE run_id = %1"_s.arg(judgeRun)), expectedCalls);
        const QJsonObject served = m_sim.stats().value(u"models"_s).toObject();
        QCOMPARE(served.value(kPro).toObject().value(u"requests"_s).toInt(), expectedCalls);
        QCOMPARE(served.value(kFlash).toObject().value(u"requests"_s).toInt(), 0);

        QCOMPARE(scalar(m_db, u"SELECT COUNT(*) FROM judge_verdicts WHERE kind = 'pairwise'"_s), n);
        QCOMPARE(scalar(m_db, u"SELECT COUNT(*) FROM judge_verdicts WHERE kind = 'rubric'"_s),
                 2 * rubricAssertionsInSample());
        QCOMPARE(scalar(m_db, u"SELECT SUM(pending_count) FROM result_checks"_s), 0);
        for (const QString& label : { u"flash"_s, u"pro"_s }) {
            const QJsonObject q = summaryOf(m_db, 1)
                                      .value(u"models"_s)
                                      .toObject()
                                      .value(label)
                                      .toObject()
                                      .value(u"quality"_s)
                                      .toObject();
            QCOMPARE(q.value(u"items"_s).toInt(), n);
            QCOMPARE(q.value(u"awaiting_judge"_s).toInt(), 0);
            // Every verdict has its source: people, the assertions, the judge's rubric (the sample's rubrics come
            // with a deterministic assertion, which comes first in the default precedence) or an error.
            qint64 sources = 0;
            const QJsonObject bySource = q.value(u"sources"_s).toObject();
            for (auto it = bySource.begin(); it != bySource.end(); ++it)
                sources += it.value().toInteger();
            QCOMPARE(sources, qint64(n));
        }

        // The judge's cost is its own: the compared models' figures do not move.
        const QJsonObject after = summaryOf(m_db, 1);
        for (const QString& label : { u"flash"_s, u"pro"_s }) {
            QCOMPARE(after.value(u"models"_s).toObject().value(label).toObject().value(u"cost_usd"_s).toDouble(),
                     before.value(u"models"_s).toObject().value(label).toObject().value(u"cost_usd"_s).toDouble());
        }
        const QJsonObject judge = after.value(u"judge"_s).toObject();
        QCOMPARE(judge.value(u"judge_model"_s).toString(), kPro);
        QVERIFY(judge.value(u"cost_usd"_s).toDouble() > 0);
        QCOMPARE(judge.value(u"cost_usd"_s).toDouble(),
                 summaryOf(m_db, judgeRun)
                     .value(u"models"_s)
                     .toObject()
                     .value(u"judge"_s)
                     .toObject()
                     .value(u"cost_usd"_s)
                     .toDouble());
        QCOMPARE(judge.value(u"pairwise"_s).toArray().size(), 1); // two models: one pair
        const QJsonObject pairwise = judge.value(u"pairwise"_s).toArray().at(0).toObject();
        QCOMPARE(pairwise.value(u"first"_s).toString(), u"flash"_s);
        QCOMPARE(pairwise.value(u"second"_s).toString(), u"pro"_s);
        const QJsonObject wins = pairwise.value(u"wins"_s).toObject();
        QCOMPARE(pairwise.value(u"pairs"_s).toInt(), n);
        QCOMPARE(wins.value(u"flash"_s).toInt() + wins.value(u"pro"_s).toInt() + pairwise.value(u"ties"_s).toInt(), n);
        QCOMPARE(judge.value(u"rubric"_s).toObject().value(u"pro"_s).toObject().value(u"scored"_s).toInt(),
                 rubricAssertionsInSample());

        // The report shows it.
        const CliResult report = cli({ u"report"_s, u"1"_s, u"--db"_s, m_db });
        QCOMPARE(report.exitCode, 0);
        QVERIFY(report.out.contains("LLM judge"));
        QVERIFY(report.out.contains("awaiting the judge"));
    }

    void aJudgeRunNeverReadIsReadNotPaidAgain()
    {
        // As if the process had died between the judge's last reply and reading the replies.
        const qint64 verdicts = scalar(m_db, u"SELECT COUNT(*) FROM judge_verdicts"_s);
        QVERIFY(verdicts > 0);
        QVERIFY(rows(m_db, u"DELETE FROM judge_verdicts RETURNING id"_s).size() == verdicts);
        m_sim.resetStats();
        const CliResult r = cli({ u"judge"_s, u"1"_s, u"--db"_s, m_db, u"--quiet"_s });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(scalar(m_db, u"SELECT COUNT(*) FROM runs WHERE kind = 'judge'"_s), 1);
        QCOMPARE(scalar(m_db, u"SELECT COUNT(*) FROM judge_verdicts"_s), verdicts);
        const QJsonObject served = m_sim.stats().value(u"models"_s).toObject();
        QCOMPARE(served.value(kPro).toObject().value(u"requests"_s).toInt(), 0);
    }

    void judgingAgainIsAskedFor()
    {
        // Run 1 was judged and its replies read: judging it again pays for every call again, so it takes --again.
        m_sim.resetStats();
        CliResult r = cli({ u"judge"_s, u"1"_s, u"--db"_s, m_db, u"--quiet"_s });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("judged already") && r.err.contains("--again") && r.err.contains("$"),
                 r.err.constData());
        QCOMPARE(m_sim.stats().value(u"models"_s).toObject().value(kPro).toObject().value(u"requests"_s).toInt(), 0);
        QCOMPARE(scalar(m_db, u"SELECT COUNT(*) FROM runs WHERE kind = 'judge'"_s), 1);
    }

    void agreementWithPeopleIsCohensKappa()
    {
        // Two ties, a Flash win and a Pro win as the judge saw them.
        auto pick = [this](const QString& outcome, int count) {
            return rows(m_db,
                        u"SELECT rf.id, rs.id FROM judge_verdicts v "
                        "JOIN results rf ON rf.final_attempt_id = v.first_attempt_id "
                        "JOIN results rs ON rs.final_attempt_id = v.second_attempt_id "
                        "WHERE v.kind = 'pairwise' AND v.outcome = '%1' ORDER BY v.id LIMIT %2"_s.arg(outcome)
                            .arg(count));
        };
        const auto ties = pick(u"tie"_s, 2);
        const auto flashWins = pick(u"first"_s, 1);
        const auto proWins = pick(u"second"_s, 1);
        if (ties.size() < 2 || flashWins.isEmpty() || proWins.isEmpty())
            QFAIL("seed 11 should give the judge two ties and a win each way; pick another seed");

        QString error;
        auto store = Store::open(m_db, &error);
        QVERIFY2(store, qPrintable(error));
        auto rate = [&](qint64 left, qint64 right, const QString& preference) {
            RatingRow r;
            r.resultId = left;
            r.comparedResultId = right;
            r.preference = preference;
            r.rater = u"tester"_s;
            r.blind = true;
            QVERIFY2(store->addRating(r, &error), qPrintable(error));
        };
        // Judge: tie, tie, first, second. People: tie, first (Flash shown left), first, second (Pro shown left).
        rate(ties[0][0].toLongLong(), ties[0][1].toLongLong(), u"tie"_s);
        rate(ties[1][0].toLongLong(), ties[1][1].toLongLong(), u"left"_s);
        rate(flashWins[0][0].toLongLong(), flashWins[0][1].toLongLong(), u"left"_s);
        rate(proWins[0][1].toLongLong(), proWins[0][0].toLongLong(), u"left"_s);
        store.reset();

        // By hand: observed 3/4; chance = .5 x .25 (tie) + .25 x .5 (first) + .25 x .25 (second) = .3125;
        // kappa = (.75 - .3125) / (1 - .3125) = 0.636363...
        const QJsonObject kappa = summaryOf(m_db, 1)
                                      .value(u"judge"_s)
                                      .toObject()
                                      .value(u"agreement"_s)
                                      .toObject()
                                      .value(u"pairwise"_s)
                                      .toObject();
        QCOMPARE(kappa.value(u"n"_s).toInt(), 4);
        QCOMPARE(kappa.value(u"observed"_s).toDouble(), 0.75);
        QVERIFY2(std::abs(kappa.value(u"kappa"_s).toDouble() - 0.4375 / 0.6875) < 1e-12,
                 qPrintable(QString::number(kappa.value(u"kappa"_s).toDouble())));
        QVERIFY(cli({ u"report"_s, u"1"_s, u"--db"_s, m_db }).out.contains("n = 4"));
    }

    void checkCommandRechecksWithoutCallingTheModels()
    {
        // The same prompts with one assertion no answer can pass.
        QFile f(kSample);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray changed;
        for (const QByteArray& line : f.readAll().split('\n')) {
            if (line.trimmed().isEmpty())
                continue;
            QJsonObject o = QJsonDocument::fromJson(line).object();
            o.insert(u"assert"_s,
                     QJsonArray { QJsonObject { { u"type"_s, u"contains"_s }, { u"value"_s, u"\u2603 never"_s } } });
            changed += QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
        }
        const QString strict = m_dir.filePath(u"strict.jsonl"_s);
        QVERIFY(writeFile(strict, changed));
        m_sim.resetStats();
        const CliResult r = cli({ u"check"_s, u"1"_s, u"--db"_s, m_db, u"--prompts"_s, strict });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("run 1: 90 result"), r.out.constData());
        QCOMPARE(scalar(m_db,
                        u"SELECT COUNT(*) FROM result_checks rc JOIN results r ON r.final_attempt_id = rc.attempt_id "
                        "WHERE r.run_id = 1 AND rc.passed = 1"_s),
                 0);
        const QJsonObject served = m_sim.stats().value(u"models"_s).toObject();
        QCOMPARE(served.value(kPro).toObject().value(u"requests"_s).toInt()
                     + served.value(kFlash).toObject().value(u"requests"_s).toInt(),
                 0);

        // A file with a bad assertion is refused with where it is, and the stored checks stay as they were.
        QVERIFY(
            writeFile(m_dir.filePath(u"bad.jsonl"_s),
                      R"({"id": "easy-capital-france", "prompt": "x", "assert": [{"type": "python", "value": "1"}]})"));
        const CliResult bad
            = cli({ u"check"_s, u"1"_s, u"--db"_s, m_db, u"--prompts"_s, m_dir.filePath(u"bad.jsonl"_s) });
        QCOMPARE(bad.exitCode, 3);
        QVERIFY2(bad.err.contains("bad.jsonl:1:") && bad.err.contains("assert[0].type"), bad.err.constData());
        QCOMPARE(scalar(m_db,
                        u"SELECT COUNT(*) FROM assertion_checks ac JOIN result_checks rc ON rc.id = ac.result_check_id "
                        "JOIN results r ON r.final_attempt_id = rc.attempt_id WHERE r.run_id = 1"_s),
                 90);

        // A rewritten rubric is not the one the judge graded: its scores do not carry over, the answers wait again.
        QFile sample(kSample);
        QVERIFY(sample.open(QIODevice::ReadOnly));
        QByteArray rewritten = sample.readAll();
        rewritten.replace("handles edge cases", "handles every edge case");
        rewritten.replace("working shown is short", "working shown is very short");
        const QString newRubrics = m_dir.filePath(u"new-rubrics.jsonl"_s);
        QVERIFY(writeFile(newRubrics, rewritten));
        const CliResult again = cli({ u"check"_s, u"1"_s, u"--db"_s, m_db, u"--prompts"_s, newRubrics });
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QCOMPARE(scalar(m_db, u"SELECT SUM(pending_count) FROM result_checks"_s), 2 * rubricAssertionsInSample());

        // Back to the sample's own checks: the judge's rubric scores are folded in again, nothing is pending.
        const CliResult back = cli({ u"check"_s, u"1"_s, u"--db"_s, m_db, u"--prompts"_s, kSample });
        QVERIFY2(back.exitCode == 0, back.err.constData());
        QCOMPARE(scalar(m_db, u"SELECT SUM(pending_count) FROM result_checks"_s), 0);
    }

    void promptfooConfigRunsAndNamesWhatItCannotMap()
    {
        const QString config = QStringLiteral(TIERLENS_TEST_DATA "/importers/promptfoo-inline/promptfooconfig.yaml");
        const QString db = m_dir.filePath(u"promptfoo.db"_s);
        const CliResult r = cli(runArgs(db, m_sim.url(), config));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("similar") && !r.err.contains("javascript"), r.err.constData());
        // Two prompts times three tests, to both models; every result checked against the mapped assertions.
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM results"_s), 12);
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM result_checks"_s), 12);
        // The JavaScript ran on every answer (defaultTest's on all 12, the third test's on its 4), without errors.
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM assertion_checks WHERE type = 'javascript'"_s), 16);
        QCOMPARE(scalar(db,
                        u"SELECT COUNT(*) FROM assertion_checks WHERE type = 'javascript' AND passed IS NOT NULL "
                        "AND reason NOT LIKE '%threw%'"_s),
                 16);
    }

    void policyFileFromTheRun()
    {
        const QString file = m_dir.filePath(u"policy.json"_s);
        // With a generous tolerance and one sample enough, every category goes to the cheaper model.
        CliResult r = cli({ u"policy"_s, u"1"_s, u"--db"_s, m_db, u"--tolerance"_s, u"1"_s, u"--min-prompts"_s, u"1"_s,
                            u"-o"_s, file });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QJsonObject policy = readJson(file);
        QCOMPARE(policy.value(u"default_model"_s).toString(), u"flash"_s);
        const QJsonArray routes = policy.value(u"routes"_s).toArray();
        QSet<QString> categories; // the sample's, read from the file
        QFile sample(kSample);
        QVERIFY(sample.open(QIODevice::ReadOnly));
        for (const QByteArray& line : sample.readAll().split('\n')) {
            if (!line.trimmed().isEmpty())
                categories.insert(QJsonDocument::fromJson(line).object().value(u"category"_s).toString());
        }
        QCOMPARE(routes.size(), categories.size());
        for (const auto& v : routes) {
            const QJsonObject route = v.toObject();
            QVERIFY(!route.value(u"category"_s).toString().isEmpty());
            QCOMPARE(route.value(u"model"_s).toString(), u"flash"_s);
        }

        // The evidence of one category, recounted from the database: items whose checks are all decided, by prompt.
        // Without people's ratings, an item's verdict is its assertions' (all must pass) unless its only assertion
        // is the judge's rubric, which is the judge's; both are the stored result_checks.passed.
        const QJsonObject easy = std::find_if(routes.begin(), routes.end(), [](const QJsonValue& v) {
                                     return v.toObject().value(u"category"_s).toString() == u"easy"_s;
                                 })->toObject();
        const QJsonObject flash = easy.value(u"evidence"_s).toObject().value(u"flash"_s).toObject();
        const auto counted
            = rows(m_db,
                   u"SELECT COUNT(*), SUM(rc.passed), COUNT(DISTINCT p.id) FROM results r JOIN prompts p ON p.id = "
                   "r.prompt_id JOIN run_models m ON m.id = r.run_model_id JOIN result_checks rc ON rc.attempt_id = "
                   "r.final_attempt_id WHERE r.run_id = 1 AND p.category = 'easy' AND m.label = 'flash' "
                   "AND rc.pending_count = 0"_s);
        const qint64 n = counted.at(0).at(0).toLongLong();
        const qint64 passed = counted.at(0).at(1).toLongLong();
        QCOMPARE(counted.at(0).at(2).toLongLong(), n); // one item per prompt: no repeats in this run
        QCOMPARE(flash.value(u"items"_s).toInteger(), n);
        QCOMPARE(flash.value(u"prompts"_s).toInteger(), n);
        QCOMPARE(flash.value(u"passed"_s).toInteger(), passed);
        // Wilson's lower bound by its formula, at the first look's 97.5% (z = 2.241403).
        const double z = 2.241403, p = double(passed) / double(n);
        const double low
            = (p + z * z / (2 * n) - z * std::sqrt(p * (1 - p) / n + z * z / (4.0 * n * n))) / (1 + z * z / n);
        const QJsonObject rate = flash.value(u"pass_rate"_s).toObject();
        QVERIFY2(std::abs(rate.value(u"low"_s).toDouble() - low) < 1e-4,
                 qPrintable(u"%1 vs %2"_s.arg(rate.value(u"low"_s).toDouble()).arg(low)));
        QCOMPARE(rate.value(u"prompts"_s).toInteger(), n);

        // Too few prompts everywhere: every category is undecided, follows the rule's side of the doubt (the cheaper
        // model), and says how many more distinct prompts would settle it.
        r = cli({ u"policy"_s, u"1"_s, u"--db"_s, m_db, u"--min-prompts"_s, u"1000"_s, u"-o"_s, file });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        policy = readJson(file);
        for (const auto& v : policy.value(u"routes"_s).toArray()) {
            const QJsonObject route = v.toObject();
            QCOMPARE(route.value(u"decision"_s).toString(), u"insufficient_evidence"_s);
            QCOMPARE(route.value(u"decided"_s).toBool(), false);
            QCOMPARE(route.value(u"model"_s).toString(), u"flash"_s);
            QVERIFY(route.value(u"extra_prompts_needed"_s).toInteger() > 0);
        }

        // The file matches the schema shipped in resources/, checked here with the validator the app uses.
        QFile schemaFile(QStringLiteral(TIERLENS_SOURCE_DIR "/resources/policy/tierlens-policy.schema.json"));
        QVERIFY(schemaFile.open(QIODevice::ReadOnly));
        QString error;
        const auto schema = JsonSchema::compile(QJsonDocument::fromJson(schemaFile.readAll()).object(),
                                                JsonSchema::Draft::Draft2020_12, &error);
        QVERIFY2(schema, qPrintable(error));
        QVERIFY(schema->validate(policy).valid);
        QJsonObject broken = policy;
        broken.remove(u"routes"_s);
        QVERIFY(!schema->validate(broken).valid);

        QCOMPARE(cli({ u"policy"_s, u"1"_s, u"--db"_s, m_db, u"--tolerance"_s, u"lots"_s }).exitCode, 2);
        QCOMPARE(cli({ u"policy"_s, u"2"_s, u"--db"_s, m_db }).exitCode, 3); // a judge run has no routes
    }

    void judgeComparesEveryTwoOfThreeModels()
    {
        // Four prompts without rubrics, three models (two of them the same Flash under two labels).
        QByteArray lines;
        for (int i = 0; i < 4; ++i)
            lines += QByteArray("{\"id\": \"q") + QByteArray::number(i)
                + "\", \"category\": \"easy\", \"prompt\": \"What is " + QByteArray::number(i) + " + 1?\"}\n";
        const QString prompts = m_dir.filePath(u"three.jsonl"_s);
        QVERIFY(writeFile(prompts, lines));
        const QString db = m_dir.filePath(u"three.db"_s);
        CliResult r
            = cli({ u"run"_s, u"--db"_s, db, u"--prompts"_s, prompts, u"--model"_s,
                    u"a="_s + m_sim.url() + u"#"_s + kFlash, u"--model"_s, u"b="_s + m_sim.url() + u"#"_s + kPro,
                    u"--model"_s, u"c="_s + m_sim.url() + u"#"_s + kFlash, u"--backoff-ms"_s, u"20"_s, u"--quiet"_s });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        m_sim.resetStats();
        r = cli({ u"judge"_s, u"1"_s, u"--db"_s, db, u"--backoff-ms"_s, u"20"_s, u"--quiet"_s });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // Three pairs (a-b, a-c, b-c) x 4 prompts, each asked in both orders.
        QCOMPARE(m_sim.stats().value(u"models"_s).toObject().value(kPro).toObject().value(u"requests"_s).toInt(), 24);
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM judge_verdicts WHERE kind = 'pairwise'"_s), 12);
        const QJsonArray pairwise = summaryOf(db, 1).value(u"judge"_s).toObject().value(u"pairwise"_s).toArray();
        QStringList pairs;
        for (const QJsonValue& v : pairwise) {
            const QJsonObject p = v.toObject();
            pairs.append(p.value(u"first"_s).toString() + u'-' + p.value(u"second"_s).toString());
            QCOMPARE(p.value(u"pairs"_s).toInt(), 4);
        }
        QCOMPARE(pairs, QStringList({ u"a-b"_s, u"a-c"_s, u"b-c"_s }));
        // The statistics' paired figures carry the judge's preferences for every pair.
        const CliResult report = cli({ u"report"_s, u"1"_s, u"--db"_s, db, u"--format"_s, u"json"_s });
        QCOMPARE(report.exitCode, 0);
        int withJudge = 0;
        for (const QJsonValue& v : QJsonDocument::fromJson(report.out)
                                       .object()
                                       .value(u"statistics"_s)
                                       .toObject()
                                       .value(u"paired"_s)
                                       .toArray()) {
            const QJsonObject p = v.toObject();
            if (!p.value(u"category"_s).isNull())
                continue;
            const QJsonObject judge = p.value(u"preference"_s).toObject().value(u"judge"_s).toObject();
            QCOMPARE(judge.value(u"n"_s).toInt(), 4);
            ++withJudge;
        }
        QCOMPARE(withJudge, 3);
    }

    void cleanupTestCase() { m_sim.stop(); }
};

QTEST_GUILESS_MAIN(TestCliChecks)
#include "tst_clichecks.moc"
