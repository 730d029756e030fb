// Tests of the store's schema migrations and of the databases it refuses, on SQLite files, or on fresh PostgreSQL
// databases when run as tst_storemigrations_pg.
#include "StoreTestUtil.h"

#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace tierlens;
using namespace tierlens::test;

class TestStoreMigrations : public QObject
{
    Q_OBJECT

private:
    TestDatabases m_dbs;
    QString newPath() { return m_dbs.newLocation(QStringLiteral("migrate")); }

    static bool tableExists(RawConnection& raw, const QString& table) { return raw.tables().contains(table); }

    static bool insert(RawConnection& raw, const QString& sql, const QVariantList& values)
    {
        QSqlQuery q(raw.db());
        q.prepare(sql);
        for (const QVariant& v : values)
            q.addBindValue(v);
        if (!q.exec()) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
            return false;
        }
        return true;
    }

private slots:
    void initTestCase()
    {
        if (const QString why = TestDatabases::skipReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
    }

    void migrateFromEmpty()
    {
        const QString path = newPath();
        RawConnection raw(path);
        QString error;
        QVERIFY2(Store::migrateForTest(raw.db(), Store::latestSchemaVersion(), &error), qPrintable(error));
        QCOMPARE(raw.schemaVersion(), Store::latestSchemaVersion());
        for (const char* t : { "prompt_sets", "prompts", "runs", "run_models", "attempts", "results", "ratings",
                               "result_checks", "assertion_checks", "judge_verdicts" })
            QVERIFY2(tableExists(raw, QString::fromLatin1(t)), t);
        const QHash<QString, QString> indexes = raw.indexes();
        QCOMPARE(indexes.size(), 10);
        // Version 4: the judge's rubric scores are found by the result's final attempt.
        QCOMPARE(indexes.value(QStringLiteral("idx_judge_verdicts_first_attempt")), QStringLiteral("judge_verdicts"));
        // Migrating again is a no-op.
        QVERIFY(Store::migrateForTest(raw.db(), Store::latestSchemaVersion(), &error));
    }

    void version1StopsBeforeRatings()
    {
        RawConnection raw(newPath());
        QString error;
        QVERIFY2(Store::migrateForTest(raw.db(), 1, &error), qPrintable(error));
        QCOMPARE(raw.schemaVersion(), 1);
        QVERIFY(tableExists(raw, QStringLiteral("attempts")));
        QVERIFY(!tableExists(raw, QStringLiteral("ratings")));
    }

    void filledVersion1IsMigratedIntact()
    {
        const QString path = newPath();
        {
            RawConnection raw(path);
            QString error;
            QVERIFY2(Store::migrateForTest(raw.db(), 1, &error), qPrintable(error));
            const QString t = QStringLiteral("2026-05-30T08:00:00.000Z");
            QVERIFY(insert(raw,
                           QStringLiteral("INSERT INTO prompt_sets (id, name, source_path, source_sha256, "
                                          "created_at) VALUES (?, ?, ?, ?, ?)"),
                           { 1, QStringLiteral("old set"), QStringLiteral("/old.jsonl"), QStringLiteral("aa"), t }));
            QVERIFY(insert(raw,
                           QStringLiteral("INSERT INTO prompts (id, prompt_set_id, ordinal, ext_id, category, "
                                          "messages_json) VALUES (?, ?, ?, ?, ?, ?)"),
                           { 10, 1, 0, QStringLiteral("q1"), QStringLiteral("general"),
                             QStringLiteral("[{\"role\":\"user\",\"content\":\"hi\"}]") }));
            QVERIFY(insert(raw,
                           QStringLiteral("INSERT INTO runs (id, prompt_set_id, created_at, status, repeat_count, "
                                          "max_attempts, config_json) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                           { 5, 1, t, QStringLiteral("completed"), 1, 2, QStringLiteral("{\"concurrency\":2}") }));
            QVERIFY(insert(raw,
                           QStringLiteral("INSERT INTO run_models (id, run_id, label, base_url, model_id, "
                                          "api_key_env, concurrency) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                           { 7, 5, QStringLiteral("flash"), QStringLiteral("https://api.deepseek.com"),
                             QStringLiteral("deepseek-v4-flash"), QStringLiteral("DEEPSEEK_API_KEY"), 2 }));
            QVERIFY(insert(
                raw,
                QStringLiteral("INSERT INTO attempts (id, run_id, run_model_id, prompt_id, "
                               "repeat_index, attempt_no, started_at, latency_ms, http_status, "
                               "error_class, content, prompt_tokens, completion_tokens, cost_usd) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                { 100, 5, 7, 10, 0, 1, t, 812.5, 200, QStringLiteral("none"), QStringLiteral("hello"), 12, 3, 0.25 }));
            QVERIFY(insert(raw,
                           QStringLiteral("INSERT INTO results (id, run_id, run_model_id, prompt_id, "
                                          "repeat_index, final_attempt_id, attempt_count, status, error_class, "
                                          "cost_usd, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                           { 200, 5, 7, 10, 0, 100, 1, QStringLiteral("ok"), QStringLiteral("none"), 0.25, t }));
        }
        QString error;
        auto store = Store::open(path, &error);
        QVERIFY2(store, qPrintable(error));
        QCOMPARE(store->schemaVersion(), Store::latestSchemaVersion());
        const auto run = store->loadRun(5);
        QVERIFY(run);
        QCOMPARE(run->status, QStringLiteral("completed"));
        QCOMPARE(run->config.value(QStringLiteral("concurrency")).toInt(), 2);
        QCOMPARE(run->models.size(), 1);
        QCOMPARE(run->resultCount, 1);
        const QVector<AttemptRow> attempts = store->attempts(5).value();
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts[0].outcome.content, QStringLiteral("hello"));
        QCOMPARE(attempts[0].latencyMs, 812.5);
        QVERIFY(attempts[0].isFinal);
        QVERIFY(!attempts[0].outcome.usage.cacheHitTokens);
        QCOMPARE(store->loadPromptSet(1)->prompts[0].messages.size(), 1);

        RatingRow r;
        r.resultId = 200;
        r.score = 5;
        QVERIFY2(store->addRating(r, &error), qPrintable(error));
        QCOMPARE(store->ratings(200).value().size(), 1);
    }

    void version2GainsChecksWithDefaults()
    {
        const QString path = newPath();
        {
            RawConnection raw(path);
            QString error;
            QVERIFY2(Store::migrateForTest(raw.db(), 2, &error), qPrintable(error));
            QVERIFY(!tableExists(raw, QStringLiteral("result_checks")));
            const QString t = QStringLiteral("2026-06-01T08:00:00.000Z");
            QVERIFY(insert(raw,
                           QStringLiteral("INSERT INTO prompt_sets (id, name, source_path, source_sha256, "
                                          "created_at) VALUES (?, ?, ?, ?, ?)"),
                           { 1, QStringLiteral("v2 set"), QStringLiteral("/v2.jsonl"), QStringLiteral("bb"), t }));
            QVERIFY(insert(raw,
                           QStringLiteral("INSERT INTO runs (id, prompt_set_id, created_at, status, repeat_count, "
                                          "max_attempts, config_json) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                           { 3, 1, t, QStringLiteral("completed"), 1, 2, QStringLiteral("{}") }));
        }
        QString error;
        auto store = Store::open(path, &error);
        QVERIFY2(store, qPrintable(error));
        QCOMPARE(store->schemaVersion(), Store::latestSchemaVersion());
        const auto run = store->loadRun(3);
        QVERIFY(run);
        // Runs from before the checks are shadow runs without a parent; sets have no defaults.
        QCOMPARE(run->kind, QStringLiteral("shadow"));
        QCOMPARE(run->parentRunId, qint64(0));
        QVERIFY(store->loadPromptSet(1)->defaults.isEmpty());
        QCOMPARE(store->checksOfRun(3).value().size(), 0);
    }

    void failedStepRollsBack()
    {
        const QString path = newPath();
        RawConnection raw(path);
        QString error;
        QVERIFY(Store::migrateForTest(raw.db(), 1, &error));
        // A table in the way of step 2 makes it fail half-way.
        QVERIFY(raw.exec(QStringLiteral("CREATE TABLE ratings (x INTEGER)")));
        QVERIFY(!Store::migrateForTest(raw.db(), 2, &error));
        QVERIFY2(error.contains(QStringLiteral("migrating to schema version 2")), qPrintable(error));
        QCOMPARE(raw.schemaVersion(), 1);
        QCOMPARE(raw.indexes().size(), 0);
    }

    void newerSchemaIsRefusedUntouched()
    {
        const QString path = newPath();
        {
            RawConnection raw(path);
            QString error;
            QVERIFY(Store::migrateForTest(raw.db(), Store::latestSchemaVersion(), &error));
            QVERIFY(raw.setSchemaVersion(99));
        }
        const QByteArray before = m_dbs.isPostgres() ? QByteArray() : fileHash(path);
        QString error;
        QVERIFY(!Store::open(path, &error));
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("newer version")) && error.contains(QStringLiteral("99")),
                 qPrintable(error));
        RawConnection raw(path);
        if (!m_dbs.isPostgres()) {
            QCOMPARE(fileHash(path), before);
            QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
        }
        QCOMPARE(raw.schemaVersion(), 99);
        QVERIFY(!Store::migrateForTest(raw.db(), Store::latestSchemaVersion(), &error));
        QVERIFY2(error.contains(QStringLiteral("newer")), qPrintable(error));
    }

    void reopenKeepsData()
    {
        const QString path = newPath();
        QString error;
        {
            auto store = Store::open(path, &error);
            QVERIFY2(store, qPrintable(error));
            PromptSet set = samplePromptSet();
            QVERIFY(store->savePromptSet(set, &error));
        }
        auto store = Store::open(path, &error);
        QVERIFY2(store, qPrintable(error));
        QCOMPARE(store->promptSets().value().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestStoreMigrations)
#include "tst_storemigrations.moc"
