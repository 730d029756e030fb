// EvalStatistics and the store's analytics queries: a small history written through the Store API, every figure
// compared with a value worked out by hand in the comments (or, for percentiles, with Percentiles::at). On SQLite, or
// on PostgreSQL as tst_evalstatistics_pg.
#include "../../support/TestDatabases.h"
#include "analysis/EvalStatistics.h"
#include "analysis/FigureTableModel.h"
#include "stats/Percentiles.h"
#include "store/Store.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace tierlens;
using namespace Qt::StringLiterals;

namespace {

struct Item
{
    int prompt = 0; // index into the set
    QString label;
    QVector<ErrorClass> attempts; // one per attempt; the last is the final one
    double latencyMs = 0;
    std::optional<double> cost; // of the final attempt
    QString content = u"answer"_s;
    QVector<ToolCall> toolCalls;
};

Item item(int prompt, const QString& label, const QVector<ErrorClass>& attempts, double latencyMs,
          std::optional<double> cost, const QString& content = u"answer"_s, const QVector<ToolCall>& toolCalls = {})
{
    return Item { prompt, label, attempts, latencyMs, cost, content, toolCalls };
}

ToolCall toolCall(const QString& arguments)
{
    ToolCall c;
    c.id = u"call"_s;
    c.name = u"f"_s;
    c.arguments = arguments;
    return c;
}

} // namespace

class TestEvalStatistics : public QObject
{
    Q_OBJECT

    test::TestDatabases m_dbs;
    std::unique_ptr<Store> m_store;
    PromptSet m_set;
    qint64 m_run1 = 0;
    qint64 m_run2 = 0;
    QHash<std::pair<qint64, QString>, qint64> m_modelIds; // (run, label) -> run model id
    QMap<std::tuple<qint64, QString, int>, std::pair<qint64, qint64>> m_results; // -> (result id, attempt id)

    qint64 createRun()
    {
        RunRow run;
        run.promptSetId = m_set.dbId;
        run.maxAttempts = 3;
        for (const char* label : { "flash", "pro" }) {
            RunModelRow m;
            m.label = QString::fromLatin1(label);
            m.modelId = u"deepseek-v4-"_s + m.label;
            m.baseUrl = u"http://127.0.0.1:1"_s;
            run.models.append(m);
        }
        QString error;
        const auto id = m_store->createRun(run, &error);
        if (!id)
            qFatal("%s", qPrintable(error));
        for (const RunModelRow& m : run.models)
            m_modelIds.insert({ *id, m.label }, m.id);
        return *id;
    }

    void record(qint64 runId, const Item& item)
    {
        QVector<AttemptRow> batch;
        for (int i = 0; i < item.attempts.size(); ++i) {
            AttemptRow a;
            a.runId = runId;
            a.runModelId = m_modelIds.value({ runId, item.label });
            a.promptId = m_set.prompts.at(item.prompt).dbId;
            a.attemptNo = i + 1;
            a.startedAt = QDateTime::currentDateTimeUtc();
            a.outcome.error = item.attempts.at(i);
            a.isFinal = i == item.attempts.size() - 1;
            a.latencyMs = a.isFinal ? item.latencyMs : 50;
            a.httpStatus = a.outcome.ok() ? 200 : 500;
            if (a.outcome.ok()) {
                a.outcome.content = item.content;
                a.outcome.toolCalls = item.toolCalls;
                a.outcome.finishReason = u"stop"_s;
                a.ttftMs = item.latencyMs / 10;
                a.outputTps = 1000.0 / item.latencyMs;
                a.outcome.usage.promptTokens = 10;
                a.outcome.usage.completionTokens = 20;
                a.outcome.usage.cacheHitTokens = 4;
                a.outcome.usage.cacheMissTokens = 6;
                a.outcome.usage.reasoningTokens = 5;
                a.costUsd = item.cost;
            } else {
                a.outcome.errorMessage = u"HTTP 500"_s;
            }
            batch.append(a);
        }
        QString error;
        if (!m_store->recordAttempts(batch, &error))
            qFatal("%s", qPrintable(error));
        // The result's id: the one whose final attempt is the batch's last.
        qint64 resultId = 0;
        m_store->forEachResult(
            runId,
            [&](const ResultExportRow& r) {
                if (r.finalAttempt.id == batch.last().id)
                    resultId = r.resultId;
                return true;
            },
            &error);
        m_results.insert({ runId, item.label, item.prompt }, { resultId, batch.last().id });
    }

    void check(qint64 runId, const QString& label, int prompt, bool passed, const QString& type = u"contains"_s)
    {
        CheckRow row;
        row.attemptId = m_results.value({ runId, label, prompt }).second;
        row.passed = passed;
        row.score = passed ? 1 : 0;
        AssertionCheckRow a;
        a.type = type;
        a.passed = passed;
        a.score = row.score;
        row.assertions.append(a);
        QString error;
        if (!m_store->saveChecks({ row }, &error))
            qFatal("%s", qPrintable(error));
    }

    void rate(qint64 runId, const QString& label, int prompt, std::optional<bool> passed, std::optional<int> score)
    {
        RatingRow r;
        r.resultId = m_results.value({ runId, label, prompt }).first;
        r.rater = u"ann"_s;
        r.passed = passed;
        r.score = score;
        QString error;
        if (!m_store->addRating(r, &error))
            qFatal("%s", qPrintable(error));
    }

    EvalStatistics compute(QVector<qint64> runs, QStringList categories = {}, QStringList precedence = {})
    {
        StatisticsSettings s;
        s.scope.runIds = runs;
        s.scope.categories = categories;
        s.scope.precedence = precedence;
        QString error;
        const auto stats = EvalStatistics::compute(*m_store, s, &error);
        if (!stats)
            qFatal("%s", qPrintable(error));
        return *stats;
    }

private slots:
    void initTestCase()
    {
        if (const QString why = test::TestDatabases::skipReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        QString error;
        m_store = Store::open(m_dbs.newLocation(u"h"_s), &error);
        QVERIFY2(m_store, qPrintable(error));
        m_set.name = u"set"_s;
        m_set.sourcePath = u"/set.jsonl"_s;
        m_set.sourceSha256 = u"aa"_s;
        for (const char* cat : { "math", "math", "chat", "chat" }) {
            Prompt p;
            p.id = u"p%1"_s.arg(m_set.prompts.size() + 1);
            p.category = QString::fromLatin1(cat);
            p.messages
                = QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, QString(u"q"_s + p.id) } } };
            m_set.prompts.append(p);
        }
        // The fourth prompt asks for a JSON answer.
        m_set.prompts[3].options.insert(u"response_format"_s, QJsonObject { { u"type"_s, u"json_object"_s } });
        QVERIFY2(m_store->savePromptSet(m_set, &error), qPrintable(error));

        const auto ok = ErrorClass::None;
        const auto e500 = ErrorClass::ServerError;
        m_run1 = createRun();
        record(m_run1, item(0, u"flash"_s, { ok }, 100, 0.001));
        record(m_run1, item(1, u"flash"_s, { ok }, 300, 0.001, u"answer"_s, { toolCall(u"{\"x\": 1}"_s) }));
        record(m_run1, item(2, u"flash"_s, { e500, e500 }, 900, std::nullopt));
        record(m_run1, item(3, u"flash"_s, { ok }, 200, 0.002, u"{\"a\": 1}"_s, { toolCall(u"{oops"_s) }));
        record(m_run1, item(0, u"pro"_s, { ok }, 400, 0.004));
        record(m_run1, item(1, u"pro"_s, { ok }, 500, 0.004));
        record(m_run1, item(2, u"pro"_s, { e500, ok }, 600, 0.004));
        record(m_run1, item(3, u"pro"_s, { ok }, 700, 0.004, u"not json"_s));

        // Verdicts. flash: p1 passed (a person), p2 passed, p3 error, p4 failed -> math 2/2, chat 0/2.
        // pro: p1 failed (a person, over a passed assertion), p2, p3, p4 passed -> math 1/2, chat 2/2.
        rate(m_run1, u"flash"_s, 0, true, 4);
        rate(m_run1, u"pro"_s, 0, false, 2);
        check(m_run1, u"pro"_s, 0, true);
        check(m_run1, u"flash"_s, 1, true);
        check(m_run1, u"pro"_s, 1, true);
        check(m_run1, u"pro"_s, 2, true);
        check(m_run1, u"flash"_s, 3, false);
        check(m_run1, u"pro"_s, 3, true, u"llm-rubric"_s); // the judge's verdict

        // A second run of the same set, later: p1 only, both ok, nothing judged.
        m_run2 = createRun();
        record(m_run2, item(0, u"flash"_s, { ok }, 1000, 0.001));
        record(m_run2, item(0, u"pro"_s, { ok }, 2000, 0.004));
    }

    void passRatesFollowPrecedence()
    {
        const EvalStatistics s = compute({ m_run1 });
        QCOMPARE(s.labels(), QStringList({ u"flash"_s, u"pro"_s }));
        QCOMPARE(s.categories(), QStringList({ u"chat"_s, u"math"_s }));
        const GroupFigures* flashMath = s.group(u"flash"_s, u"math"_s);
        const GroupFigures* flashChat = s.group(u"flash"_s, u"chat"_s);
        const GroupFigures* proMath = s.group(u"pro"_s, u"math"_s);
        const GroupFigures* proAll = s.group(u"pro"_s);
        QVERIFY(flashMath && flashChat && proMath && proAll);
        QCOMPARE(flashMath->counts.passed, 2);
        QCOMPARE(flashMath->counts.judged, 2);
        QCOMPARE(flashChat->counts.passed, 0);
        QCOMPARE(flashChat->counts.judged, 2); // the error counts as a failed item
        QCOMPARE(proMath->counts.passed, 1);
        QCOMPARE(proAll->counts.passed, 3);
        QCOMPARE(proAll->counts.judged, 4);
        // Wilson 95% for 3 of 4: centre (0.75 + 1.9208/4) / (1 + 3.8415/4) = 0.6277, half width
        // 1.96 / 1.9604 * sqrt(0.1875 / 4 + 3.8415 / 64) = 0.3274 -> [0.3006, 0.9544].
        QVERIFY(proAll->passRate);
        QCOMPARE(proAll->passRate->estimate, 0.75);
        QVERIFY(qAbs(proAll->passRate->low - 0.3006) < 1e-3);
        QVERIFY(qAbs(proAll->passRate->high - 0.9544) < 1e-3);

        // Assertions before people: pro's p1 now passes on its assertion.
        const EvalStatistics a = compute({ m_run1 }, {}, { u"assertions"_s, u"human"_s, u"judge"_s });
        QCOMPARE(a.group(u"pro"_s, u"math"_s)->counts.passed, 2);
        // The judge alone: only pro's p4 has a rubric verdict; flash's p3 error still counts as failed.
        const EvalStatistics j = compute({ m_run1 }, {}, { u"judge"_s });
        QCOMPARE(j.group(u"pro"_s)->counts.judged, 1);
        QCOMPARE(j.group(u"flash"_s)->counts.judged, 1);
        QCOMPARE(j.group(u"flash"_s)->counts.passed, 0);
    }

    void retriesErrorsTokensAndCost()
    {
        const EvalStatistics s = compute({ m_run1 });
        const GroupFigures* flash = s.group(u"flash"_s);
        QVERIFY(flash);
        QCOMPARE(flash->counts.items, 4);
        QCOMPARE(flash->counts.okItems, 3);
        QCOMPARE(flash->usage.attempts, 5);
        QCOMPARE(*flash->retryRate, 0.25); // 5 attempts for 4 items
        QCOMPARE(*flash->errorRate, 0.25);
        QCOMPARE(flash->counts.errorsByClass.value(errorClassName(ErrorClass::ServerError)), 1);
        // Usage was reported by the three ok attempts.
        QCOMPARE(flash->usage.promptTokens, std::optional<qint64>(30));
        QCOMPARE(flash->usage.cacheHitTokens, std::optional<qint64>(12));
        QCOMPARE(flash->usage.reasoningTokens, std::optional<qint64>(15));
        // $0.004 over 4 items; 2 passed items.
        QVERIFY(qAbs(*flash->costPerItemUsd - 0.001) < 1e-12);
        QVERIFY(qAbs(*flash->costPerSuccessUsd - 0.002) < 1e-12);
        // Format validity: flash's p4 asked for JSON and got it, its tool call's arguments do not parse; p2's do.
        QCOMPARE(flash->counts.jsonExpected, 1);
        QCOMPARE(flash->counts.jsonValid, 1);
        QCOMPARE(flash->counts.toolCallItems, 2);
        QCOMPARE(flash->counts.toolCallsValid, 1);
        const GroupFigures* pro = s.group(u"pro"_s);
        QCOMPARE(pro->counts.jsonExpected, 1);
        QCOMPARE(pro->counts.jsonValid, 0);
        QCOMPARE(pro->usage.attempts, 5);
        QCOMPARE(*pro->retryRate, 0.25);
    }

    void latencyPercentilesOverOkResults()
    {
        const EvalStatistics s = compute({ m_run1 });
        const GroupFigures* flash = s.group(u"flash"_s);
        // ok final attempts 100, 200, 300: rank p (n - 1) -> p25 150, p50 200, p90 280, p99 298.
        QCOMPARE(flash->latencyMs.n, 3);
        QCOMPARE(*flash->latencyMs.min, 100.0);
        QCOMPARE(*flash->latencyMs.p25, 150.0);
        QCOMPARE(*flash->latencyMs.p50, 200.0);
        QCOMPARE(*flash->latencyMs.p90, 280.0);
        QCOMPARE(*flash->latencyMs.p99, 298.0);
        QCOMPARE(*flash->latencyMs.max, 300.0);
        QCOMPARE(*flash->ttftMs.p50, 20.0);
        const GroupFigures* proChat = s.group(u"pro"_s, u"chat"_s);
        QCOMPARE(proChat->latencyMs.n, 2);
        QCOMPARE(*proChat->latencyMs.p50, 650.0);
    }

    void percentilesMatchPercentilesAt()
    {
        // A run of 101 random latencies: every ok result's measurement comes back once, and the spreads are the
        // order statistics of the sorted values (min, middle, max exactly; the rest interpolated as reports do).
        QString error;
        auto store = Store::open(m_dbs.newLocation(u"p"_s), &error);
        QVERIFY2(store, qPrintable(error));
        std::swap(store, m_store);
        PromptSet set = m_set;
        std::swap(set, m_set);
        const auto modelIds = m_modelIds;
        m_set.sourceSha256 = u"bb"_s;
        for (Prompt& p : m_set.prompts)
            p.dbId = 0;
        QVERIFY(m_store->savePromptSet(m_set, &error));
        const qint64 run = createRun();
        QVector<double> values;
        QRandomGenerator rng(42);
        for (int i = 0; i < 101; ++i) {
            const double v = 50 + rng.bounded(5000.0);
            values.append(v);
            // Different repeats of prompt 0 of flash.
            QVector<AttemptRow> batch(1);
            AttemptRow& a = batch[0];
            a.runId = run;
            a.runModelId = m_modelIds.value({ run, u"flash"_s });
            a.promptId = m_set.prompts.at(0).dbId;
            a.repeatIndex = i;
            a.startedAt = QDateTime::currentDateTimeUtc();
            a.latencyMs = v;
            a.httpStatus = 200;
            a.outcome.finishReason = u"stop"_s;
            a.isFinal = true;
            QVERIFY2(m_store->recordAttempts(batch, &error), qPrintable(error));
        }
        std::sort(values.begin(), values.end());
        AnalyticsScope scope;
        scope.runIds = { run };
        StatisticsSettings settings;
        settings.scope = scope;
        const auto stats = EvalStatistics::compute(*m_store, settings, &error);
        QVector<ItemVerdict> measured;
        const bool read = m_store->forEachItem(
            scope, [&](const ItemVerdict& i) { measured.append(i); }, &error);
        std::swap(store, m_store);
        std::swap(set, m_set);
        m_modelIds = modelIds;
        QVERIFY2(stats && read, qPrintable(error));
        QCOMPARE(measured.size(), 101);
        QVERIFY(std::isnan(measured.constFirst().ttftMs)); // none recorded
        // 101 repeats of one prompt: one prompt, whatever the number of items.
        QVERIFY(std::all_of(measured.cbegin(), measured.cend(),
                            [&](const ItemVerdict& i) { return i.promptKey == measured.constFirst().promptKey; }));
        const Distribution& d = stats->group(u"flash"_s)->latencyMs;
        QCOMPARE(d.n, 101);
        QCOMPARE(*d.min, values.first());
        QCOMPARE(*d.max, values.last());
        QCOMPARE(*d.p1, *Percentiles::at(values, 1));
        QCOMPARE(*d.p50, values.at(50)); // the middle sample of 101
        QCOMPARE(*d.p90, *Percentiles::at(values, 90));
        QCOMPARE(*d.p99, *Percentiles::at(values, 99));
        QCOMPARE(stats->group(u"flash"_s)->ttftMs.n, 0);
    }

    void pairedTestsOnTheSamePrompts()
    {
        const EvalStatistics s = compute({ m_run1 });
        const PairedFigures* all = nullptr;
        const PairedFigures* math = nullptr;
        for (const PairedFigures& p : s.paired()) {
            if (p.category.isEmpty())
                all = &p;
            if (p.category == u"math"_s)
                math = &p;
        }
        QVERIFY(all && math);
        QCOMPARE(all->first, u"flash"_s);
        // Per prompt: p1 flash only, p2 both, p3 and p4 pro only.
        QCOMPARE(all->prompts.tiedPassed, 1);
        QCOMPARE(all->prompts.firstBetter, 1);
        QCOMPARE(all->prompts.secondBetter, 2);
        QCOMPARE(all->prompts.tiedOther, 0);
        // flash - pro = 2/4 - 3/4 over the 4 prompts both answered.
        QVERIFY(all->difference);
        QCOMPARE(all->difference->n, 4);
        QCOMPARE(all->difference->estimate, -0.25);
        QVERIFY(all->difference->low < -0.25 && all->difference->high > 0);
        // Exact McNemar, b = 1, c = 2: 2 P(X <= 1 | 3, 1/2) = 2 (1 + 3) / 8 = 1.
        QCOMPARE(all->mcnemar.pairs, 4);
        QCOMPARE(all->mcnemar.method, u"mcnemar-exact"_s);
        QCOMPARE(all->mcnemar.pValue, 1.0);
        QCOMPARE(math->prompts.firstBetter, 1);
        QCOMPARE(math->prompts.tiedPassed, 1);
        // Scores: p1 only, 4 vs 2.
        QCOMPARE(all->wilcoxon.pairs, 1);
        QCOMPARE(all->wilcoxon.statistic, 1.0);
        const GroupFigures* flash = s.group(u"flash"_s);
        QVERIFY(flash->meanScore);
        QCOMPARE(flash->meanScore->estimate, 4.0);
        QCOMPARE(flash->meanScore->n, 1);
    }

    void preferencesFromPeople()
    {
        RatingRow r;
        r.resultId = m_results.value({ m_run1, u"pro"_s, 1 }).first;
        r.comparedResultId = m_results.value({ m_run1, u"flash"_s, 1 }).first;
        r.rater = u"ann"_s;
        r.preference = u"left"_s; // pro's answer, on the left, preferred
        QString error;
        QVERIFY(m_store->addRating(r, &error));
        // Re-rated from the other side later: a tie replaces it.
        std::swap(r.resultId, *r.comparedResultId);
        r.preference = u"tie"_s;
        r.ratedAt = QDateTime::currentDateTimeUtc().addSecs(5);
        QVERIFY(m_store->addRating(r, &error));
        AnalyticsScope scope;
        scope.runIds = { m_run1 };
        const auto prefs = m_store->preferences(scope, u"flash"_s, u"pro"_s);
        QVERIFY(prefs);
        QCOMPARE(prefs->size(), 1);
        QCOMPARE(prefs->first().source, u"human"_s);
        QCOMPARE(prefs->first().category, u"math"_s);
        QCOMPARE(prefs->first().ties, 1);
        QCOMPARE(prefs->first().firstWins + prefs->first().secondWins, 0);

        // p1: pro on the left, flash on the right, the right one preferred: a win for flash (the first model).
        RatingRow p1;
        p1.resultId = m_results.value({ m_run1, u"pro"_s, 0 }).first;
        p1.comparedResultId = m_results.value({ m_run1, u"flash"_s, 0 }).first;
        p1.rater = u"bo"_s;
        p1.preference = u"right"_s;
        QVERIFY(m_store->addRating(p1, &error));
        const auto again = m_store->preferences(scope, u"flash"_s, u"pro"_s);
        QVERIFY(again);
        QCOMPARE(again->first().firstWins, 1);
        QCOMPARE(again->first().secondWins, 0);
        QCOMPARE(again->first().ties, 1);
        // Asked the other way round, the same rating is a win for the second model.
        const auto swapped = m_store->preferences(scope, u"pro"_s, u"flash"_s);
        QCOMPARE(swapped->first().secondWins, 1);
        QCOMPARE(swapped->first().firstWins, 0);
    }

    void categoryFilterAndSeveralRuns()
    {
        const EvalStatistics chat = compute({ m_run1 }, { u"chat"_s });
        QCOMPARE(chat.categories(), QStringList { u"chat"_s });
        QCOMPARE(chat.group(u"flash"_s)->counts.items, 2);

        const EvalStatistics both = compute({ m_run1, m_run2 });
        QCOMPARE(both.group(u"flash"_s)->counts.items, 5);
        QCOMPARE(both.group(u"flash"_s, u"math"_s)->latencyMs.n, 3);
        // The trend: one row per run and model, oldest run first.
        QCOMPARE(both.trends().size(), 4);
        QCOMPARE(both.trends().at(0).key.runId, m_run1);
        QCOMPARE(both.trends().at(3).key.runId, m_run2);
        QCOMPARE(*both.trends().at(3).latencyMs.p50, 2000.0);
        QVERIFY(!both.trends().at(3).passRate); // nothing judged in run 2

        const QJsonObject json = both.toJson();
        QCOMPARE(json.value(u"runs"_s).toArray().size(), 2);
        QCOMPARE(json.value(u"groups"_s).toArray().size(), both.groups().size());
    }

    void figuresFeedTheTables()
    {
        const EvalStatistics s = compute({ m_run1, m_run2 });
        const QVector<FigureTable> figures = StatisticsFigures::build(s, { { u"policy"_s, { 0.002, 0.9 } } });
        QCOMPARE(figures.size(), 10);
        const FigureTable& quality = figures.at(0);
        QCOMPARE(quality.id, u"quality"_s);
        QCOMPARE(quality.columns, s.labels());
        QCOMPARE(quality.rows.size(), 3); // chat, math, all categories
        QCOMPARE(quality.rows.last(), StatisticsFigures::allCategories());
        // pro over everything: 3 of 4 (run 2 has no verdicts).
        QCOMPARE(*quality.cells.at(2).at(1).value, 0.75);
        QVERIFY2(quality.cells.at(2).at(1).text.contains(u"n=4"_s), qPrintable(quality.cells.at(2).at(1).text));

        FigureTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (const FigureTable& f : figures)
            model.setFigure(f);
        model.setFigure(quality);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), 2);
        QCOMPARE(model.data(model.index(2, 1), FigureTableModel::ValueRole).toDouble(), 0.75);
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), u"pro"_s);
        QVERIFY(model.toCsv().startsWith(quality.title));

        // Box plots: p1, p25, median, p75, p99 of flash over everything (100, 200, 300, 1000 across both runs).
        const FigureTable& box = figures.at(3);
        QCOMPARE(box.kind, FigureTable::Kind::Box);
        const QVector<double> five = box.cells.at(2).at(0).box;
        QCOMPARE(five.size(), 5);
        QCOMPARE(five.at(2), 250.0);
        // The scatter has the extra point last.
        const FigureTable& scatter = figures.at(6);
        QCOMPARE(scatter.rows.last(), u"policy"_s);
        QCOMPARE(*scatter.cells.last().at(0).value, 0.002);
        // The trend: one row per run.
        QCOMPARE(figures.at(7).rows.size(), 2);
    }

    void unknownRunIsAnError()
    {
        StatisticsSettings s;
        s.scope.runIds = { 999 };
        QString error;
        QVERIFY(!EvalStatistics::compute(*m_store, s, &error));
        QVERIFY2(error.contains(u"999"_s), qPrintable(error));
        s.scope.runIds = { m_run1 };
        s.scope.precedence = { u"vibes"_s };
        QVERIFY(!EvalStatistics::compute(*m_store, s, &error));
        QVERIFY2(error.contains(u"vibes"_s), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestEvalStatistics)
#include "tst_evalstatistics.moc"
