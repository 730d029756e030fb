// Tests of the store's API on temporary SQLite files, or on fresh PostgreSQL databases when run as tst_store_pg.
#include "StoreTestUtil.h"
#include "store/RunLease.h"
#include "store/StoreLocation.h"

#include <QRegularExpression>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUrl>

#include <array>
#include <cmath>

using namespace tierlens;
using namespace Qt::StringLiterals;
using namespace tierlens::test;

namespace {
bool near(std::optional<double> v, double expected)
{
    return v.has_value() && qAbs(*v - expected) < 1e-9;
}
} // namespace

class TestStore : public QObject
{
    Q_OBJECT

private:
    TestDatabases m_dbs;

    QString newPath() { return m_dbs.newLocation(); }
    std::unique_ptr<Store> openNew(QString* path = nullptr)
    {
        const QString p = newPath();
        if (path)
            *path = p;
        QString error;
        auto store = Store::open(p, &error);
        if (!store)
            qWarning("%s", qPrintable(error));
        return store;
    }

    // A run of two models over the sample set with the attempts the totals tests compute by hand.
    struct Fixture
    {
        std::unique_ptr<Store> store;
        PromptSet set;
        RunRow run;
    };
    Fixture filledStore()
    {
        Fixture f;
        f.store = openNew();
        f.set = samplePromptSet();
        f.store->savePromptSet(f.set, nullptr);
        f.run = sampleRun(f.set.dbId);
        f.store->createRun(f.run, nullptr);
        const qint64 p1 = f.set.prompts[0].dbId, p2 = f.set.prompts[1].dbId, p3 = f.set.prompts[2].dbId;
        QVector<AttemptRow> b;
        AttemptRow a = makeAttempt(f.run, 0, p1, 0, 1, 50, false);
        a.httpStatus = 429;
        a.outcome.error = ErrorClass::RateLimited;
        a.outcome.content.clear();
        a.retryAfterMs = 1500;
        b.append(a);
        a = makeAttempt(f.run, 0, p1, 0, 2, 1000, true);
        a.ttftMs = 200;
        a.outcome.usage = { 100, 50, 150, 60, 40, 10 };
        a.costUsd = 0.001;
        b.append(a);
        a = makeAttempt(f.run, 0, p2, 0, 1, 3000, true);
        a.ttftMs = 400;
        a.outcome.usage = { 200, 0, 200, 0, 200, 0 };
        a.costUsd = 0.0;
        b.append(a);
        a = makeAttempt(f.run, 0, p3, 0, 1, 60000, true);
        a.httpStatus = 0;
        a.outcome.error = ErrorClass::Timeout;
        a.outcome.errorMessage = QStringLiteral("no answer within 60 s");
        b.append(a);
        a = makeAttempt(f.run, 0, p1, 1, 1, 20, false);
        a.httpStatus = 500;
        a.outcome.error = ErrorClass::ServerError;
        b.append(a);
        b.append(makeAttempt(f.run, 0, p2, 1, 1, 500, true));
        a = makeAttempt(f.run, 1, p1, 0, 1, 2000, true);
        a.outcome.usage.promptTokens = 100;
        a.outcome.usage.completionTokens = 80;
        a.costUsd = 0.005;
        b.append(a);
        QString error;
        if (!f.store->recordAttempts(b, &error))
            qWarning("%s", qPrintable(error));
        return f;
    }

private slots:
    void initTestCase()
    {
        if (const QString why = TestDatabases::skipReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
    }

    void openConfiguresConnection()
    {
        QString path;
        auto store = openNew(&path);
        QVERIFY(store);
        QCOMPARE(store->schemaVersion(), Store::latestSchemaVersion());
        QCOMPARE(store->isPostgres(), m_dbs.isPostgres());
        RawConnection raw(path);
        QCOMPARE(raw.schemaVersion(), Store::latestSchemaVersion());
        if (!raw.isPostgres())
            QCOMPARE(raw.scalar(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
    }

    void twoStoresOnOneFile()
    {
        QString path;
        auto a = openNew(&path);
        QString error;
        auto b = Store::open(path, &error);
        QVERIFY2(b, qPrintable(error));
        PromptSet set = samplePromptSet();
        QVERIFY(a->savePromptSet(set, &error));
        QCOMPARE(b->promptSets().value().size(), 1);
    }

    void promptSetRoundTrip()
    {
        auto store = openNew();
        PromptSet set = samplePromptSet();
        QString error;
        const auto id = store->savePromptSet(set, &error);
        QVERIFY2(id, qPrintable(error));
        QCOMPARE(set.dbId, *id);
        for (const Prompt& p : set.prompts)
            QVERIFY(p.dbId > 0);

        const auto loaded = store->loadPromptSet(*id);
        QVERIFY(loaded);
        QCOMPARE(loaded->name, set.name);
        QCOMPARE(loaded->sourceSha256, set.sourceSha256);
        QCOMPARE(loaded->prompts.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(loaded->prompts[i].dbId, set.prompts[i].dbId);
            QCOMPARE(loaded->prompts[i].id, set.prompts[i].id);
            QCOMPARE(loaded->prompts[i].category, set.prompts[i].category);
            QCOMPARE(loaded->prompts[i].system, set.prompts[i].system);
            QCOMPARE(loaded->prompts[i].messages, set.prompts[i].messages);
            QCOMPARE(loaded->prompts[i].options, set.prompts[i].options);
            QCOMPARE(loaded->prompts[i].expected, set.prompts[i].expected);
        }

        // Same name and hash: reused, ids filled from the stored set.
        PromptSet again = samplePromptSet();
        QCOMPARE(store->savePromptSet(again, &error), id);
        QCOMPARE(again.prompts[2].dbId, set.prompts[2].dbId);
        QCOMPARE(store->promptSets().value().size(), 1);
        QCOMPARE(store->promptSets().value().first().promptCount, 3);

        PromptSet changed = samplePromptSet(QStringLiteral("sample"), QStringLiteral("def456"));
        const auto otherId = store->savePromptSet(changed, &error);
        QVERIFY(otherId && *otherId != *id);
        QCOMPARE(store->promptSets().value().size(), 2);

        PromptSet dup = samplePromptSet(QStringLiteral("dup"), QStringLiteral("x"));
        dup.prompts[2].id = dup.prompts[0].id;
        QVERIFY(!store->savePromptSet(dup, &error));
        QVERIFY2(error.contains(QStringLiteral("'p1' appears twice (prompts 1 and 3)")), qPrintable(error));
        QCOMPARE(store->promptSets().value().size(), 2);
        // Not there is not a failure: lastError() stays empty, and requirePromptSet names the run.
        QVERIFY(!store->loadPromptSet(9999));
        QVERIFY2(store->lastError().isEmpty(), qPrintable(store->lastError()));
        RunRow orphan;
        orphan.id = 42;
        orphan.promptSetId = 9999;
        QVERIFY(!store->requirePromptSet(orphan, &error));
        QVERIFY2(error.contains(QStringLiteral("run 42")), qPrintable(error));
    }

    void runRoundTrip()
    {
        auto store = openNew();
        PromptSet set = samplePromptSet();
        QString error;
        QVERIFY(store->savePromptSet(set, &error));
        RunRow run = sampleRun(set.dbId);
        const auto id = store->createRun(run, &error);
        QVERIFY2(id, qPrintable(error));
        QVERIFY(run.models[0].id > 0 && run.models[1].id > run.models[0].id);

        // Nobody sends it: a run that says "running" without a living process holding it was interrupted.
        auto loaded = store->loadRun(*id);
        QVERIFY(loaded);
        QCOMPARE(loaded->status, QStringLiteral("interrupted"));
        QVERIFY2(store->acquireRunLease(*id, RunLease::ownerForThisProcess(), QDateTime::currentDateTimeUtc(), &error),
                 qPrintable(error));
        loaded = store->loadRun(*id);
        QVERIFY(loaded);
        QCOMPARE(loaded->status, QStringLiteral("running"));
        QCOMPARE(loaded->createdAt, run.createdAt);
        QVERIFY(!loaded->finishedAt.isValid());
        QCOMPARE(loaded->promptSetName, set.name);
        QCOMPARE(loaded->config, run.config);
        QCOMPARE(loaded->priceBookJson, run.priceBookJson);
        QCOMPARE(loaded->repeatCount, 2);
        QCOMPARE(loaded->maxAttempts, 3);
        QVERIFY(!loaded->clientLagP95Ms);
        QCOMPARE(loaded->models.size(), 2);
        QCOMPARE(loaded->models[1].modelId, QStringLiteral("deepseek-v4-pro"));
        QCOMPARE(loaded->models[1].options, run.models[1].options);
        QCOMPARE(loaded->promptCount, 3);
        QCOMPARE(loaded->resultCount, 0);
        QVERIFY(!loaded->costUsd);

        const QDateTime end(QDate(2026, 6, 1), QTime(11, 0, 0, 5), Qt::UTC);
        QVERIFY(store->finishRun(*id, QStringLiteral("completed"), end, &error));
        QVERIFY(store->setRunLag(*id, 3.5, 42.25, true, &error));
        loaded = store->loadRun(*id);
        QCOMPARE(loaded->status, QStringLiteral("completed"));
        QCOMPARE(loaded->finishedAt, end);
        QVERIFY(near(loaded->clientLagP95Ms, 3.5) && near(loaded->clientLagMaxMs, 42.25));
        QVERIFY(loaded->clientLagFlagged);

        QVERIFY(!store->finishRun(*id, QStringLiteral("done"), end, &error));
        QVERIFY(error.contains(QStringLiteral("'done'")));
        QVERIFY(!store->finishRun(777, QStringLiteral("failed"), end, &error));
        QVERIFY2(error.contains(QStringLiteral("no such run")), qPrintable(error));

        RunRow later = sampleRun(set.dbId);
        later.createdAt = run.createdAt.addSecs(60);
        QVERIFY(store->createRun(later, &error));
        const QVector<RunRow> history = store->runs().value();
        QCOMPARE(history.size(), 2);
        QCOMPARE(history[0].id, later.id);
        QCOMPARE(history[1].models.size(), 2);

        RunRow dupLabels = sampleRun(set.dbId);
        dupLabels.models[1].label = dupLabels.models[0].label;
        QVERIFY(!store->createRun(dupLabels, &error));
        QVERIFY2(error.contains(QStringLiteral("unique constraint"), Qt::CaseInsensitive), qPrintable(error));
        QCOMPARE(dupLabels.id, 0);
        QCOMPARE(store->runs().value().size(), 2);
    }

    void usageUnknownIsNotZero()
    {
        Fixture f = filledStore();
        const QVector<AttemptRow> rows = f.store->attempts(f.run.id).value();
        QCOMPARE(rows.size(), 7);
        QCOMPARE(rows[0].outcome.error, ErrorClass::RateLimited);
        QVERIFY(!rows[0].isFinal);
        QVERIFY(!rows[0].outcome.usage.promptTokens);
        QVERIFY(!rows[0].costUsd);
        QCOMPARE(rows[0].retryAfterMs, std::optional<qint64>(1500));
        QVERIFY(rows[1].isFinal);
        QCOMPARE(rows[1].outcome.usage.cacheHitTokens, std::optional<qint64>(60));
        QCOMPARE(rows[1].ttftMs, std::optional<double>(200));
        QCOMPARE(rows[2].outcome.usage.completionTokens, std::optional<qint64>(0));
        QCOMPARE(rows[2].outcome.usage.reasoningTokens, std::optional<qint64>(0));
        QVERIFY(near(rows[2].costUsd, 0.0));
        QCOMPARE(rows[3].outcome.errorMessage, QStringLiteral("no answer within 60 s"));
        QCOMPARE(rows[3].startedAt, QDateTime(QDate(2026, 6, 1), QTime(10, 1, 1), Qt::UTC));
        QVERIFY(!rows[6].outcome.usage.cacheHitTokens);
    }

    void toolCallsRoundTrip()
    {
        Fixture f = filledStore();
        AttemptRow a = makeAttempt(f.run, 1, f.set.prompts[1].dbId, 0, 1, 10, true);
        a.outcome.toolCalls = { ToolCall { QStringLiteral("call_1"), QStringLiteral("function"),
                                           QStringLiteral("get_weather"), QStringLiteral("{\"city\":\"Par") } };
        a.outcome.finishReason = QStringLiteral("tool_calls");
        QVector<AttemptRow> batch { a };
        QString error;
        QVERIFY2(f.store->recordAttempts(batch, &error), qPrintable(error));
        const AttemptRow back = f.store->attempts(f.run.id).value().last();
        QCOMPARE(back.outcome.toolCalls.size(), 1);
        QCOMPARE(back.outcome.toolCalls[0].name, QStringLiteral("get_weather"));
        QCOMPARE(back.outcome.toolCalls[0].arguments, QStringLiteral("{\"city\":\"Par"));
    }

    // What the write path binds, read back in SQL: an empty text is '' and a missing one NULL, on every backend.
    void emptyAndMissingTextsStayApart()
    {
        Fixture f = filledStore();
        AttemptRow a = makeAttempt(f.run, 1, f.set.prompts[2].dbId, 0, 1, 10, true);
        a.outcome.content = u""_s;
        a.outcome.reasoning = QString();
        a.outcome.errorMessage = u""_s;
        a.outcome.finishReason = QString();
        a.outcome.usage.reasoningTokens = 0;
        a.queueWaitMs = 0.25;
        QVector<AttemptRow> batch { a };
        QString error;
        QVERIFY2(f.store->recordAttempts(batch, &error), qPrintable(error));
        CheckRow check;
        check.attemptId = batch[0].id;
        check.passed = true;
        check.score = 0.5;
        check.assertions = { AssertionCheckRow { 0, u"contains"_s, 2.0, std::nullopt, 0.0, u""_s },
                             AssertionCheckRow { 1, u"equals"_s, 1.0, false, 0.0, QString() } };
        QVERIFY2(f.store->saveChecks({ check }, &error), qPrintable(error));

        RawConnection raw(f.store->path());
        const QString id = QString::number(batch[0].id);
        const auto text = [&](const QString& sql) {
            const QVariant v = raw.scalar(sql);
            return v.isNull() ? u"NULL"_s : u"'"_s + v.toString() + u"'"_s;
        };
        QCOMPARE(text(u"SELECT content FROM attempts WHERE id = "_s + id), u"''"_s);
        QCOMPARE(text(u"SELECT reasoning FROM attempts WHERE id = "_s + id), u"NULL"_s);
        QCOMPARE(text(u"SELECT error_message FROM attempts WHERE id = "_s + id), u"''"_s);
        QCOMPARE(text(u"SELECT finish_reason FROM attempts WHERE id = "_s + id), u"NULL"_s);
        QCOMPARE(text(u"SELECT tool_calls_json FROM attempts WHERE id = "_s + id), u"NULL"_s);
        QCOMPARE(text(u"SELECT reasoning_tokens FROM attempts WHERE id = "_s + id), u"'0'"_s);
        QVERIFY(near(raw.scalar(u"SELECT queue_wait_ms FROM attempts WHERE id = "_s + id).toDouble(), 0.25));
        QCOMPARE(text(u"SELECT status FROM results WHERE final_attempt_id = "_s + id), u"'ok'"_s);
        QCOMPARE(text(u"SELECT reason FROM assertion_checks WHERE assertion_index = 0"_s), u"''"_s);
        QCOMPARE(text(u"SELECT reason FROM assertion_checks WHERE assertion_index = 1"_s), u"NULL"_s);
        QCOMPARE(text(u"SELECT passed FROM assertion_checks WHERE assertion_index = 0"_s), u"NULL"_s);
        QCOMPARE(text(u"SELECT passed FROM assertion_checks WHERE assertion_index = 1"_s), u"'0'"_s);
        QCOMPARE(text(u"SELECT weight FROM assertion_checks WHERE assertion_index = 0"_s), u"'2'"_s);

        const AttemptRow back = f.store->attempts(f.run.id).value().last();
        QVERIFY(!back.outcome.content.isNull() && back.outcome.content.isEmpty());
        QVERIFY(back.outcome.reasoning.isNull());
    }

    void failingBatchRollsBackWhole()
    {
        Fixture f = filledStore();
        const qint64 p3 = f.set.prompts[2].dbId;
        QVector<AttemptRow> batch { makeAttempt(f.run, 1, p3, 0, 1, 10, false),
                                    makeAttempt(f.run, 1, p3, 0, 2, 10, true),
                                    makeAttempt(f.run, 1, p3, 0, 1, 10, false) }; // same key as the first
        QString error;
        QVERIFY(!f.store->recordAttempts(batch, &error));
        QVERIFY2(error.contains(QStringLiteral("recording 3 attempts of run %1: row 3").arg(f.run.id)),
                 qPrintable(error));
        // SQLite: "UNIQUE constraint failed", PostgreSQL: "duplicate key value violates unique constraint".
        QVERIFY2(error.contains(QStringLiteral("unique constraint"), Qt::CaseInsensitive), qPrintable(error));
        for (const AttemptRow& a : batch)
            QCOMPARE(a.id, 0);
        QCOMPARE(f.store->attempts(f.run.id).value().size(), 7);
        QCOMPARE(f.store->completedItems(f.run.id).value().size(), 5);

        // The caller keeps the batch and can write it once fixed.
        batch.removeLast();
        QVERIFY2(f.store->recordAttempts(batch, &error), qPrintable(error));
        QVERIFY(batch[0].id > 0 && batch[1].id > batch[0].id);

        QVector<AttemptRow> invalid { makeAttempt(f.run, 1, p3, 1, 0, 10, false) };
        QVERIFY(!f.store->recordAttempts(invalid, &error));
        QVERIFY2(error.contains(QStringLiteral("attempt_no is 0")), qPrintable(error));
    }

    void foreignKeysEnforced()
    {
        Fixture f = filledStore();
        AttemptRow a = makeAttempt(f.run, 0, f.set.prompts[0].dbId, 5, 1, 10, false);
        a.runModelId = 9999;
        QVector<AttemptRow> batch { a };
        QString error;
        QVERIFY(!f.store->recordAttempts(batch, &error));
        QVERIFY2(error.contains(QStringLiteral("foreign key constraint"), Qt::CaseInsensitive), qPrintable(error));

        RatingRow r;
        r.resultId = 123456;
        QVERIFY(!f.store->addRating(r, &error));
        QVERIFY2(error.contains(QStringLiteral("foreign key"), Qt::CaseInsensitive), qPrintable(error));
    }

    void resumeSets()
    {
        Fixture f = filledStore();
        const qint64 flash = f.run.models[0].id, pro = f.run.models[1].id;
        const qint64 p1 = f.set.prompts[0].dbId, p2 = f.set.prompts[1].dbId, p3 = f.set.prompts[2].dbId;
        const QSet<ItemKey> done = f.store->completedItems(f.run.id).value();
        const QSet<ItemKey> expected {
            { flash, p1, 0 }, { flash, p2, 0 }, { flash, p3, 0 }, { flash, p2, 1 }, { pro, p1, 0 }
        };
        QCOMPARE(done, expected);
        const QHash<ItemKey, int> counts = f.store->attemptCounts(f.run.id).value();
        QCOMPARE(counts.size(), 1);
        QCOMPARE(counts.value(ItemKey { flash, p1, 1 }), 1);

        // The resumed item finishes on its second attempt.
        QVector<AttemptRow> batch { makeAttempt(f.run, 0, p1, 1, 2, 700, true) };
        QString error;
        QVERIFY2(f.store->recordAttempts(batch, &error), qPrintable(error));
        QVERIFY(f.store->attemptCounts(f.run.id).value().isEmpty());
        QCOMPARE(f.store->completedItems(f.run.id).value().size(), 6);
    }

    void modelTotalsByHand()
    {
        Fixture f = filledStore();
        const QVector<ModelTotals> totals = f.store->modelTotals(f.run.id).value();
        QCOMPARE(totals.size(), 2);
        const ModelTotals& flash = totals[0];
        QCOMPARE(flash.label, QStringLiteral("flash"));
        QCOMPARE(flash.items, 4);
        QCOMPARE(flash.okItems, 3);
        QCOMPARE(flash.attempts, 6);
        QCOMPARE(flash.retries, 1);
        QCOMPARE(flash.errorsByClass, (QMap<QString, qint64> { { QStringLiteral("timeout"), 1 } }));
        QCOMPARE(flash.attemptsWithUsage, 2);
        QCOMPARE(flash.promptTokens, std::optional<qint64>(300));
        QCOMPARE(flash.completionTokens, std::optional<qint64>(50));
        QCOMPARE(flash.cacheHitTokens, std::optional<qint64>(60));
        QCOMPARE(flash.cacheMissTokens, std::optional<qint64>(240));
        QCOMPARE(flash.reasoningTokens, std::optional<qint64>(10));
        QVERIFY(near(flash.costUsd, 0.001));
        const ModelTotals& pro = totals[1];
        QCOMPARE(pro.items, 1);
        QCOMPARE(pro.attempts, 1);
        QVERIFY(pro.errorsByClass.isEmpty());
        QCOMPARE(pro.attemptsWithUsage, 1);
        QCOMPARE(pro.completionTokens, std::optional<qint64>(80));
        QVERIFY(!pro.cacheHitTokens); // never reported: unknown, not 0
        QVERIFY(near(pro.costUsd, 0.005));

        const RunRow run = *f.store->loadRun(f.run.id);
        QCOMPARE(run.resultCount, 5);
        QVERIFY(near(run.costUsd, 0.006));
    }

    // The item stream every figure is computed from: one row per result, its cost over all its attempts, the
    // final attempt's measurements for answers only, an error as a failed verdict from "error".
    void itemsWithVerdicts()
    {
        Fixture f = filledStore();
        AnalyticsScope scope;
        scope.runIds = { f.run.id };
        scope.precedence = { u"human"_s, u"assertions"_s, u"judge"_s };
        QVector<ItemVerdict> items;
        QString error;
        QVERIFY2(f.store->forEachItem(
                     scope, [&](const ItemVerdict& i) { items.append(i); }, &error),
                 qPrintable(error));
        QCOMPARE(items.size(), 5);
        int errors = 0;
        for (const ItemVerdict& i : std::as_const(items)) {
            QCOMPARE(i.runId, f.run.id);
            QCOMPARE(i.promptKey, i.promptId); // every prompt of the fixture sends something else
            if (!i.ok) {
                ++errors;
                QCOMPARE(i.errorClass, u"timeout"_s);
                QCOMPARE(i.passed, std::optional<bool>(false));
                QCOMPARE(i.source, u"error"_s);
                QCOMPARE(i.triggers, QStringList { u"final_error"_s });
                QVERIFY(std::isnan(i.latencyMs));
            } else {
                QVERIFY(!i.passed); // nothing rated or checked them
                QVERIFY(i.source.isEmpty());
                QVERIFY(!std::isnan(i.latencyMs));
            }
        }
        QCOMPARE(errors, 1);
        const ItemVerdict& retried = items.constFirst(); // flash, p1, repeat 0: a 429 then an answer
        QCOMPARE(retried.label, u"flash"_s);
        QCOMPARE(retried.attemptCount, 2);
        QVERIFY(near(retried.costUsd, 0.001));
        QCOMPARE(retried.latencyMs, 1000.0);
        QCOMPARE(retried.ttftMs, 200.0);
    }

    void exportStreamsResults()
    {
        Fixture f = filledStore();
        QVector<ResultExportRow> rows;
        QString error;
        QVERIFY(f.store->forEachResult(
            f.run.id, [&](const ResultExportRow& r) { return rows.append(r), true; }, &error));
        QCOMPARE(rows.size(), 5);
        QCOMPARE(rows[0].modelLabel, QStringLiteral("flash"));
        QCOMPARE(rows[0].promptExtId, QStringLiteral("p1"));
        QCOMPARE(rows[0].attemptCount, 2);
        QVERIFY(near(rows[0].costUsd, 0.001)); // NULL + 0.001
        QCOMPARE(rows[0].finalAttempt.attemptNo, 2);
        QCOMPARE(rows[0].completedAt, rows[0].finalAttempt.startedAt.addMSecs(1000));
        QCOMPARE(rows[1].promptExtId, QStringLiteral("p2"));
        QVERIFY(near(rows[1].costUsd, 0.0)); // reported zero stays zero
        QCOMPARE(rows[3].promptExtId, QStringLiteral("p3"));
        QCOMPARE(rows[3].status, QStringLiteral("error"));
        QCOMPARE(rows[3].errorClass, ErrorClass::Timeout);
        QVERIFY(!rows[3].costUsd); // no attempt reported usage
        QCOMPARE(rows[4].modelLabel, QStringLiteral("pro"));

        int seen = 0;
        QVERIFY(f.store->forEachResult(
            f.run.id, [&](const ResultExportRow&) { return ++seen < 2; }, &error));
        QCOMPARE(seen, 2);
    }

    // A list of a run's results without their attempts (Compare on a million results), then one result read whole
    // by its id: the same as the export reads.
    void resultKeysThenOneResult()
    {
        Fixture f = filledStore();
        QVector<ResultExportRow> full;
        QHash<qint64, ResultKeyRow> keys;
        QString error;
        QVERIFY(f.store->forEachResult(
            f.run.id, [&](const ResultExportRow& r) { return full.append(r), true; }, &error));
        QVERIFY(f.store->forEachResultKey(
            f.run.id, [&](const ResultKeyRow& k) { return keys.insert(k.resultId, k), true; }, &error));
        QCOMPARE(keys.size(), full.size());
        int answered = 0, failed = 0;
        for (const ResultExportRow& a : std::as_const(full)) {
            const ResultKeyRow k = keys.value(a.resultId);
            QCOMPARE(k.resultId, a.resultId);
            QCOMPARE(k.runModelId, a.finalAttempt.runModelId);
            QCOMPARE(k.promptId, a.finalAttempt.promptId);
            QCOMPARE(k.repeatIndex, a.finalAttempt.repeatIndex);
            QCOMPARE(k.ok, a.status == u"ok"_s);
            QVERIFY(!k.checkPassed); // the fixture's results have no automatic check
            failed += k.ok ? 0 : 1;
            const std::optional<ResultExportRow> b = f.store->result(a.resultId, &error);
            QVERIFY2(b, qPrintable(error));
            QCOMPARE(b->modelLabel, a.modelLabel);
            QCOMPARE(b->promptExtId, a.promptExtId);
            QCOMPARE(b->attemptCount, a.attemptCount);
            QCOMPARE(b->costUsd, a.costUsd);
            QCOMPARE(b->finalAttempt.id, a.finalAttempt.id);
            QCOMPARE(b->finalAttempt.latencyMs, a.finalAttempt.latencyMs);
            QCOMPARE(b->finalAttempt.outcome.content, a.finalAttempt.outcome.content);
            QCOMPARE(b->finalAttempt.outcome.reasoning, a.finalAttempt.outcome.reasoning);
            answered += a.finalAttempt.outcome.content.isEmpty() ? 0 : 1;
        }
        QVERIFY(answered > 0 && failed > 0); // the fixture has answers and an error to tell apart
        QVERIFY(!f.store->result(999999, &error));
        QVERIFY2(error.contains(u"999999"_s), qPrintable(error));
    }

    void ratings()
    {
        Fixture f = filledStore();
        QVector<qint64> resultIds;
        f.store->forEachResult(
            f.run.id, [&](const ResultExportRow& r) { return resultIds.append(r.resultId), true; }, nullptr);
        RatingRow r;
        r.resultId = resultIds[0];
        r.rater = QStringLiteral("ana");
        r.ratedAt = QDateTime(QDate(2026, 6, 2), QTime(9, 0), Qt::UTC);
        r.passed = true;
        r.score = 4;
        r.preference = QStringLiteral("left");
        r.comparedResultId = resultIds[4];
        r.blind = true;
        r.note = QStringLiteral("clearer");
        QString error;
        const auto id = f.store->addRating(r, &error);
        QVERIFY2(id, qPrintable(error));
        RatingRow plain;
        plain.resultId = resultIds[0];
        QVERIFY(f.store->addRating(plain, &error));
        const QVector<RatingRow> back = f.store->ratings(resultIds[0]).value();
        QCOMPARE(back.size(), 2);
        QCOMPARE(back[0].id, *id);
        QCOMPARE(back[0].passed, std::optional<bool>(true));
        QCOMPARE(back[0].score, std::optional<int>(4));
        QCOMPARE(back[0].comparedResultId, std::optional<qint64>(resultIds[4]));
        QVERIFY(back[0].blind);
        QVERIFY(!back[1].passed && !back[1].score && back[1].preference.isEmpty());

        RatingRow bad = plain;
        bad.score = 6;
        QVERIFY(!f.store->addRating(bad, &error));
        QVERIFY2(error.contains(QStringLiteral("between 1 and 5")), qPrintable(error));
        bad.score.reset();
        bad.preference = QStringLiteral("both");
        QVERIFY(!f.store->addRating(bad, &error));
    }

    void deleteRunCascades()
    {
        Fixture f = filledStore();
        QString error;
        QVERIFY2(f.store->deleteRun(f.run.id, &error), qPrintable(error));
        QVERIFY(f.store->attempts(f.run.id).value().isEmpty());
        QVERIFY(f.store->completedItems(f.run.id).value().isEmpty());
        QVERIFY(f.store->runs().value().isEmpty());
        QVERIFY(f.store->loadPromptSet(f.set.dbId)); // the prompt set outlives its runs
        QVERIFY(!f.store->deleteRun(f.run.id, &error));
    }

    void neverStoresApiKeys()
    {
        QString path;
        auto store = openNew(&path);
        PromptSet set = samplePromptSet();
        QString error;
        store->savePromptSet(set, &error);
        RunRow run = sampleRun(set.dbId);
        QVERIFY2(store->createRun(run, &error), qPrintable(error));
        QCOMPARE(store->loadRun(run.id)->models[0].apiKeyEnv, QStringLiteral("DEEPSEEK_API_KEY"));

        const QString key = QStringLiteral("sk-0123456789abcdef0123456789abcdef");
        RunRow leaky = sampleRun(set.dbId);
        leaky.config.insert(QStringLiteral("api_key"), key);
        QVERIFY(!store->createRun(leaky, &error));
        QVERIFY2(error.contains(QStringLiteral("config.api_key")), qPrintable(error));
        leaky = sampleRun(set.dbId);
        leaky.models[1].options.insert(
            QStringLiteral("headers"),
            QJsonObject { { QStringLiteral("Authorization"), QString(QStringLiteral("Bearer ") + key) } });
        QVERIFY(!store->createRun(leaky, &error));
        QVERIFY2(error.contains(QStringLiteral("models[1].options.headers.Authorization")), qPrintable(error));
        leaky = sampleRun(set.dbId);
        leaky.models[0].apiKeyEnv = key;
        QVERIFY(!store->createRun(leaky, &error));
        QVERIFY2(error.contains(QStringLiteral("api_key_env")), qPrintable(error));

        // Nothing in any text column of any table looks like a key.
        RawConnection raw(path);
        const QStringList tables = raw.tables();
        QVERIFY(tables.size() >= 10);
        const QRegularExpression secret(QStringLiteral("sk-[A-Za-z0-9]{16,}|Bearer "));
        int cells = 0;
        for (const QString& table : tables) {
            QSqlQuery rows(raw.db());
            QVERIFY(rows.exec(QStringLiteral("SELECT * FROM ") + table));
            while (rows.next()) {
                for (int c = 0; c < rows.record().count(); ++c, ++cells)
                    QVERIFY2(!secret.match(rows.value(c).toString()).hasMatch(), qPrintable(rows.value(c).toString()));
            }
        }
        QVERIFY(cells > 20);
    }

    void notADatabaseIsRefusedUntouched()
    {
        if (m_dbs.isPostgres()) {
            // A database that does not exist is not created: the team's administrator creates it.
            QUrl missing(TestDatabases::serverUrl());
            missing.setPath(QStringLiteral("/tierlens_no_such_database"));
            QString error;
            QVERIFY(!Store::open(missing.toString(), &error));
            QVERIFY2(error.contains(missing.toString()) && error.contains(QStringLiteral("tierlens_no_such_database")),
                     qPrintable(error));
            return;
        }
        const QString path = m_dbs.tempPath(QStringLiteral("not-a-database.db"));
        QVERIFY(QFile::copy(QStringLiteral(TIERLENS_TEST_DATA "/store/not-a-database.db"), path));
        const QByteArray before = fileHash(path);
        QString error;
        QVERIFY(!Store::open(path, &error));
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("not a database")), qPrintable(error));
        QCOMPARE(fileHash(path), before);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));

        QVERIFY(!Store::open(m_dbs.tempPath(QStringLiteral("no/such/dir/x.db")), &error));
        QVERIFY2(error.contains(QStringLiteral("no/such/dir/x.db")), qPrintable(error));
    }

    void usedFromOneThreadOnly()
    {
        Fixture f = filledStore();
        QString error;
        bool ok = true;
        QVector<AttemptRow> batch { makeAttempt(f.run, 1, f.set.prompts[2].dbId, 0, 1, 10, true) };
        QThread* t = QThread::create([&] { ok = f.store->recordAttempts(batch, &error); });
        t->start();
        t->wait();
        delete t;
        QVERIFY(!ok);
        QVERIFY2(error.contains(QStringLiteral("thread")), qPrintable(error));
    }

    void dialectUpsert()
    {
        auto dialect = SqlDialect::forDriver(m_dbs.isPostgres() ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"));
        QVERIFY(dialect);
        RawConnection raw(newPath());
        QVERIFY(raw.exec(QStringLiteral("CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT, n INTEGER)")));
        const QString insert = QStringLiteral("INSERT INTO kv (k, v, n) VALUES (?, ?, ?)")
            + dialect->upsertClause({ QStringLiteral("k") }, { QStringLiteral("v") });
        for (const char* v : { "one", "two" }) {
            QSqlQuery q(raw.db());
            q.prepare(insert);
            q.addBindValue(QStringLiteral("a"));
            q.addBindValue(QString::fromLatin1(v));
            q.addBindValue(7);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
        QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM kv")).toInt(), 1);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT v FROM kv")).toString(), QStringLiteral("two"));
    }

    void locations()
    {
        QString error;
        auto file = StoreLocation::parse(QStringLiteral("/tmp/a.db"), &error);
        QVERIFY(file && file->backend() == StoreLocation::Backend::Sqlite);
        QCOMPARE(file->filePath(), QStringLiteral("/tmp/a.db"));
        file = StoreLocation::parse(QStringLiteral("sqlite:rel/b.db"), &error);
        QVERIFY(file && file->backend() == StoreLocation::Backend::Sqlite);
        QCOMPARE(file->filePath(), QStringLiteral("rel/b.db"));

        auto pg
            = StoreLocation::parse(QStringLiteral("postgresql://ann@db.example:6543/evals?sslmode=require"), &error);
        QVERIFY2(pg, qPrintable(error));
        QVERIFY(pg->backend() == StoreLocation::Backend::Postgresql);
        QCOMPARE(pg->user(), QStringLiteral("ann"));
        QCOMPARE(pg->host(), QStringLiteral("db.example"));
        QCOMPARE(pg->port(), 6543);
        QCOMPARE(pg->databaseName(), QStringLiteral("evals"));
        QCOMPARE(pg->connectOptions(), QStringLiteral("sslmode=require"));
        pg = StoreLocation::parse(QStringLiteral("postgres://localhost/evals"), &error);
        QVERIFY(pg && pg->port() == -1 && pg->user().isEmpty());

        // A password never sits in the URL, which is shown, logged and kept in the recent list.
        QVERIFY(!StoreLocation::parse(QStringLiteral("postgresql://ann:s3cret@db/evals"), &error));
        QVERIFY2(error.contains(QStringLiteral("PGPASSWORD")) && !error.contains(QStringLiteral("s3cret")),
                 qPrintable(error));
        QVERIFY(!StoreLocation::parse(QStringLiteral("postgresql://ann@db/evals?password=s3cret"), &error));
        QVERIFY(!StoreLocation::parse(QStringLiteral("postgresql://ann@db/"), &error));
        QVERIFY2(error.contains(QStringLiteral("DATABASE")), qPrintable(error));
        QVERIFY(!Store::open(QStringLiteral("postgresql://ann:s3cret@127.0.0.1:1/evals"), &error));
        QVERIFY(!error.contains(QStringLiteral("s3cret")));
    }

    // Desktops writing runs into one team database at once, each with its own connection: the first to open a new
    // database migrates it while the others wait; all save the same prompt set (stored once); every attempt lands
    // under a unique id. A database whose default isolation is SERIALIZABLE (where these batches would abort each
    // other) must not make writers fail either.
    void concurrentWriters_data()
    {
        QTest::addColumn<QString>("isolation");
        QTest::newRow("read committed") << QStringLiteral("read committed");
        QTest::newRow("serializable") << QStringLiteral("serializable");
    }

    void concurrentWriters()
    {
        if (!m_dbs.isPostgres())
            QSKIP("one writer per SQLite file: desktops that write at once share a PostgreSQL database "
                  "(tst_store_pg runs this)");
        QFETCH(QString, isolation);
        const QString location = newPath();
        QVERIFY(!location.isEmpty());
        QVERIFY(m_dbs.admin(QStringLiteral("ALTER DATABASE %1 SET default_transaction_isolation TO '%2'")
                                .arg(QUrl(location).path().mid(1), isolation)));

        constexpr int kWriters = 3, kBatches = 25, kPerBatch = 20;
        struct Writer
        {
            QString error;
            qint64 setId = 0;
            qint64 runId = 0;
            QVector<qint64> attemptIds;
            int retries = 0;
        };
        std::array<Writer, kWriters> writers;
        QSemaphore ready, go;
        std::vector<std::unique_ptr<QThread>> threads;
        for (int w = 0; w < kWriters; ++w) {
            threads.emplace_back(QThread::create([&, w] {
                Writer& me = writers[w];
                ready.release();
                go.acquire(); // every writer opens the new database at the same moment
                auto store = Store::open(location, &me.error);
                if (!store)
                    return;
                PromptSet set = samplePromptSet();
                const auto setId = store->savePromptSet(set, &me.error);
                if (!setId)
                    return;
                me.setId = *setId;
                RunRow run = sampleRun(*setId);
                run.repeatCount = kBatches * kPerBatch;
                if (!store->createRun(run, &me.error))
                    return;
                me.runId = run.id;
                for (int b = 0; b < kBatches; ++b) {
                    QVector<AttemptRow> batch;
                    for (int i = 0; i < kPerBatch; ++i) {
                        const int repeat = b * kPerBatch + i;
                        // Item (repeat) of model 0 takes two attempts, the first a retryable error.
                        AttemptRow first = makeAttempt(run, 0, set.prompts[repeat % 3].dbId, repeat, 1, 20, false);
                        first.outcome.error = ErrorClass::ServerError;
                        batch.append(first);
                        AttemptRow a = makeAttempt(run, 0, set.prompts[repeat % 3].dbId, repeat, 2, 900, true);
                        a.costUsd = 0.001;
                        batch.append(a);
                        batch.append(makeAttempt(run, 1, set.prompts[repeat % 3].dbId, repeat, 1, 700, true));
                    }
                    if (!store->recordAttempts(batch, &me.error))
                        return;
                    for (const AttemptRow& a : batch)
                        me.attemptIds.append(a.id);
                }
                if (!store->finishRun(run.id, QStringLiteral("completed"), QDateTime::currentDateTimeUtc(), &me.error))
                    return;
                me.retries = store->retriedTransactions();
            }));
            threads.back()->start();
        }
        for (int w = 0; w < kWriters; ++w)
            ready.acquire();
        go.release(kWriters);
        for (auto& t : threads)
            t->wait(); // a deadlock would hang here until ctest's timeout fails the test
        threads.clear();

        QSet<qint64> ids;
        QSet<qint64> runIds;
        int retries = 0;
        for (const Writer& w : writers) {
            QVERIFY2(w.error.isEmpty(), qPrintable(w.error));
            QCOMPARE(w.setId, writers[0].setId); // one prompt set, stored once
            runIds.insert(w.runId);
            QCOMPARE(w.attemptIds.size(), kBatches * kPerBatch * 3);
            for (qint64 id : w.attemptIds)
                ids.insert(id);
            retries += w.retries;
        }
        qInfo("%s: %d transaction(s) run again after a serialization failure or deadlock", qPrintable(isolation),
              retries);
        QCOMPARE(runIds.size(), kWriters);
        QCOMPARE(ids.size(), kWriters * kBatches * kPerBatch * 3);
        QVERIFY(!ids.contains(0));

        // What a reader sees afterwards, through a connection of its own.
        QString error;
        auto reader = Store::open(location, &error);
        QVERIFY2(reader, qPrintable(error));
        QCOMPARE(reader->promptSets().value().size(), 1);
        QCOMPARE(reader->runs().value().size(), kWriters);
        for (qint64 runId : std::as_const(runIds)) {
            QCOMPARE(reader->attempts(runId).value().size(), kBatches * kPerBatch * 3);
            QCOMPARE(reader->completedItems(runId).value().size(), kBatches * kPerBatch * 2);
            QVERIFY(reader->attemptCounts(runId).value().isEmpty());
            const QVector<ModelTotals> totals = reader->modelTotals(runId).value();
            QCOMPARE(totals.size(), 2);
            QCOMPARE(totals[0].retries, kBatches * kPerBatch);
            QVERIFY(near(totals[0].costUsd, 0.001 * kBatches * kPerBatch));
            QCOMPARE(reader->loadRun(runId)->status, QStringLiteral("completed"));
        }
        RawConnection raw(location);
        QCOMPARE(raw.schemaVersion(), Store::latestSchemaVersion());
        QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM tierlens_schema")).toInt(), 1);
    }

    // PostgreSQL may cancel a transaction for a serialization failure or a deadlock and says to run it again: the
    // store does, and the writer sees nothing of it. The failures here are PostgreSQL's own 40001 errors, raised by
    // a trigger for the first tries of each table (sequences do not roll back, so they count every try).
    void transientFailuresAreRetried()
    {
        if (!m_dbs.isPostgres())
            QSKIP("SQLite waits for a busy database (busy_timeout) instead: tst_store_pg runs this");
        auto store = openNew();
        QVERIFY(store);
        RawConnection raw(store->path());
        const auto failFirst = [&raw](const QString& table, int tries) {
            return raw.exec(QStringLiteral("CREATE SEQUENCE %1_tries").arg(table))
                && raw.exec(QStringLiteral("CREATE FUNCTION %1_fail() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN "
                                           "IF nextval('%1_tries') <= %2 THEN RAISE EXCEPTION 'injected conflict' "
                                           "USING ERRCODE = '40001'; END IF; RETURN NEW; END $f$")
                                .arg(table)
                                .arg(tries))
                && raw.exec(QStringLiteral("CREATE TRIGGER %1_fail BEFORE INSERT ON %1 FOR EACH ROW EXECUTE "
                                           "FUNCTION %1_fail()")
                                .arg(table));
        };
        QVERIFY(failFirst(QStringLiteral("prompt_sets"), 2));
        QVERIFY(failFirst(QStringLiteral("runs"), 1));
        QVERIFY(failFirst(QStringLiteral("attempts"), 3));

        QString error;
        PromptSet set = samplePromptSet();
        QVERIFY2(store->savePromptSet(set, &error), qPrintable(error));
        RunRow run = sampleRun(set.dbId);
        QVERIFY2(store->createRun(run, &error), qPrintable(error));
        QVector<AttemptRow> batch { makeAttempt(run, 0, set.prompts[0].dbId, 0, 1, 10, false),
                                    makeAttempt(run, 0, set.prompts[0].dbId, 0, 2, 10, true) };
        QVERIFY2(store->recordAttempts(batch, &error), qPrintable(error));
        QCOMPARE(store->retriedTransactions(), 2 + 1 + 3);
        QCOMPARE(store->promptSets().value().size(), 1);
        QCOMPARE(store->runs().value().size(), 1);
        QCOMPARE(store->attempts(run.id).value().size(), 2);
        QCOMPARE(store->completedItems(run.id).value().size(), 1);

        // A conflict that does not go away: the writer is told after the last try, and nothing of the batch stays.
        QVERIFY(raw.exec(QStringLiteral("ALTER SEQUENCE attempts_tries RESTART WITH 1")));
        QVERIFY(raw.exec(QStringLiteral("CREATE OR REPLACE FUNCTION attempts_fail() RETURNS trigger LANGUAGE plpgsql "
                                        "AS $f$ BEGIN RAISE EXCEPTION 'injected conflict' USING ERRCODE = '40001'; "
                                        "END $f$")));
        QVector<AttemptRow> doomed { makeAttempt(run, 1, set.prompts[1].dbId, 0, 1, 10, true) };
        QVERIFY(!store->recordAttempts(doomed, &error));
        QVERIFY2(error.contains(QStringLiteral("injected conflict")), qPrintable(error));
        QCOMPARE(doomed[0].id, 0);
        QCOMPARE(store->attempts(run.id).value().size(), 2);
    }

    void manyBatchesAllLand()
    {
        auto store = openNew();
        PromptSet set = samplePromptSet();
        store->savePromptSet(set, nullptr);
        RunRow run = sampleRun(set.dbId);
        run.repeatCount = 1000;
        store->createRun(run, nullptr);
        constexpr int kBatches = 40, kPerBatch = 50;
        for (int b = 0; b < kBatches; ++b) {
            QVector<AttemptRow> batch;
            for (int i = 0; i < kPerBatch; ++i) {
                AttemptRow a = makeAttempt(run, i % 2, set.prompts[i % 3].dbId, b * kPerBatch + i, 1, 900, true);
                a.outcome.usage = { 100, 50, 150, 60, 40, 10 };
                a.costUsd = 0.0001;
                batch.append(a);
            }
            QString error;
            QVERIFY2(store->recordAttempts(batch, &error), qPrintable(error));
        }
        // Write speed is measured by bench_engine (CPU per request with results stored), not here.
        QCOMPARE(store->completedItems(run.id).value().size(), kBatches * kPerBatch);
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
