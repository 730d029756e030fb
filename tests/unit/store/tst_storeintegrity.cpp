// What the store refuses and how it fails: another application's database (left byte for byte as it was), a
// workspace of an older build (adopted and marked), a damaged file (reported, never written), two processes at the
// first migration of one new file, the run lease that keeps two processes from sending one run, and attempt flags.
// On SQLite files, and (as tst_storeintegrity_pg) on PostgreSQL where the store is involved.

#include "StoreTestUtil.h"
#include "store/RunLease.h"
#include "store/SqliteDialect.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace tierlens;
using namespace tierlens::test;

namespace {

QByteArray fileDigest(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
}

// A finished run of n prompts x 2 models, one attempt each, big enough answers to fill many pages.
qint64 fillRun(Store& store, int n)
{
    PromptSet set = samplePromptSet(u"big"_s, u"h-big"_s);
    set.prompts.clear();
    for (int i = 0; i < n; ++i) {
        Prompt p;
        p.id = u"p%1"_s.arg(i);
        p.category = i % 2 ? u"coding"_s : u"facts"_s;
        p.messages = QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"question %1"_s.arg(i) } } };
        set.prompts.append(p);
    }
    QString error;
    if (!store.savePromptSet(set, &error))
        qWarning("%s", qPrintable(error));
    RunRow run = sampleRun(set.dbId);
    store.createRun(run, &error);
    QVector<AttemptRow> batch;
    for (int m = 0; m < 2; ++m) {
        for (const Prompt& p : std::as_const(set.prompts)) {
            AttemptRow a = makeAttempt(run, m, p.dbId, 0, 1, 300, true);
            a.outcome.content = QString(400, QChar(u'a' + m));
            a.outcome.usage = { 100, 50, 150, 0, 100, 0 };
            a.costUsd = 0.0001;
            batch.append(a);
        }
    }
    if (!store.recordAttempts(batch, &error))
        qWarning("%s", qPrintable(error));
    store.finishRun(run.id, u"completed"_s, QDateTime::currentDateTimeUtc(), &error);
    return run.id;
}

} // namespace

class TestStoreIntegrity : public QObject
{
    Q_OBJECT

private:
    TestDatabases m_dbs;

private slots:
    void initTestCase()
    {
        if (const QString why = TestDatabases::skipReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
    }

    // Someone else's database: refused with a message that says so, and not one byte changes (no tables, no run, no
    // switch to WAL, no mark).
    void foreignDatabaseIsRefusedUntouched_data()
    {
        QTest::addColumn<QStringList>("setup");
        QTest::addColumn<QString>("expected");
        QTest::newRow("another application's tables")
            << QStringList { u"CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)"_s,
                             u"INSERT INTO customers (name) VALUES ('ann')"_s, u"CREATE TABLE orders (id INTEGER)"_s }
            << u"tables of another application (customers, orders)"_s;
        QTest::newRow("a newer-looking user_version on a foreign file")
            << QStringList { u"CREATE TABLE notes (body TEXT)"_s, u"PRAGMA user_version = 53"_s }
            << u"tables of another application (notes)"_s;
        QTest::newRow("Tierlens's table names beside foreign ones")
            << QStringList { u"CREATE TABLE runs (id INTEGER)"_s, u"CREATE TABLE settings (k TEXT)"_s }
            << u"tables of another application (settings)"_s;
        QTest::newRow("another application's mark")
            << QStringList { u"PRAGMA application_id = 1598903374"_s } << u"another application's database"_s;
        QTest::newRow("no tables, a user_version")
            << QStringList { u"PRAGMA user_version = 53"_s } << u"schema version is 53"_s;
    }

    void foreignDatabaseIsRefusedUntouched()
    {
        QFETCH(QStringList, setup);
        QFETCH(QString, expected);
        const QString location = m_dbs.newLocation(u"foreign"_s);
        const bool postgres = m_dbs.isPostgres();
        if (postgres) {
            // PRAGMAs are SQLite's: a PostgreSQL database has only its tables to tell.
            setup.removeIf([](const QString& sql) { return sql.startsWith(u"PRAGMA"_s); });
            if (setup.isEmpty())
                QSKIP("nothing of this case exists on PostgreSQL");
        }
        {
            RawConnection raw(location);
            for (const QString& sql : std::as_const(setup))
                QVERIFY2(
                    raw.exec(postgres ? QString(sql).replace(u"INTEGER PRIMARY KEY"_s, u"SERIAL PRIMARY KEY"_s) : sql),
                    qPrintable(sql));
        }
        const QByteArray before = postgres ? QByteArray() : fileDigest(location);
        const QStringList tablesBefore = RawConnection(location).tables();
        QString error;
        for (const auto mode : { Store::OpenMode::Read, Store::OpenMode::Write, Store::OpenMode::Create }) {
            QVERIFY(!Store::open(location, &error, mode));
            QVERIFY2(error.contains(u"is not a Tierlens workspace"_s) && error.contains(expected)
                         && error.contains(u"untouched"_s),
                     qPrintable(error));
            QVERIFY2(!error.contains(u"newer version"_s), qPrintable(error));
        }
        QCOMPARE(RawConnection(location).tables(), tablesBefore);
        if (!postgres) {
            QCOMPARE(fileDigest(location), before);
            QVERIFY(!QFile::exists(location + u"-wal"_s));
            QVERIFY(!QFile::exists(location + u"-shm"_s));
        }
    }

    // A new workspace carries the mark; one an older build wrote (schema 4, no mark) is adopted and marked.
    void workspacesAreMarked()
    {
        if (m_dbs.isPostgres())
            QSKIP("PostgreSQL's mark is the tierlens_schema table every version has had");
        const QString fresh = m_dbs.newLocation();
        QString error;
        QVERIFY2(Store::open(fresh, &error), qPrintable(error));
        QCOMPARE(RawConnection(fresh).scalar(u"PRAGMA application_id"_s).toLongLong(), SqliteDialect::kApplicationId);

        const QString old = m_dbs.newLocation(u"old"_s);
        {
            RawConnection raw(old);
            QVERIFY(Store::migrateForTest(raw.db(), 4, &error));
            QCOMPARE(raw.scalar(u"PRAGMA application_id"_s).toLongLong(), SqliteDialect::kApplicationId);
            QVERIFY(raw.exec(u"PRAGMA application_id = 0"_s)); // as builds before the mark left it
        }
        auto store = Store::open(old, &error);
        QVERIFY2(store, qPrintable(error));
        QCOMPARE(store->schemaVersion(), Store::latestSchemaVersion());
        store.reset();
        QCOMPARE(RawConnection(old).scalar(u"PRAGMA application_id"_s).toLongLong(), SqliteDialect::kApplicationId);
    }

    // A marked workspace from a newer build says so; an unmarked file with Tierlens's tables and a version no
    // build without the mark ever wrote is not taken for one.
    void newerWorkspaceSaysSo()
    {
        if (m_dbs.isPostgres())
            QSKIP("covered by tst_storemigrations on both backends");
        const QString location = m_dbs.newLocation();
        QString error;
        QVERIFY(Store::open(location, &error));
        RawConnection(location).setSchemaVersion(Store::latestSchemaVersion() + 1);
        QVERIFY(!Store::open(location, &error));
        QVERIFY2(error.contains(u"newer version of Tierlens"_s), qPrintable(error));
        {
            RawConnection raw(location);
            raw.exec(u"PRAGMA application_id = 0"_s);
        }
        QVERIFY(!Store::open(location, &error));
        QVERIFY2(error.contains(u"not a Tierlens workspace"_s) && !error.contains(u"newer"_s), qPrintable(error));
    }

    void readModesRefuseWhatIsNotThere()
    {
        if (m_dbs.isPostgres())
            QSKIP("files only");
        QTemporaryDir dir;
        QString error;
        const QString missing = dir.filePath(u"missing.db"_s);
        QVERIFY(!Store::open(missing, &error, Store::OpenMode::Read));
        QVERIFY2(error.contains(missing) && error.contains(u"no such file"_s), qPrintable(error));
        QVERIFY(!Store::open(missing, &error, Store::OpenMode::Write));
        QVERIFY(!QFile::exists(missing));
        QVERIFY(!Store::open(dir.path(), &error, Store::OpenMode::Create));
        QVERIFY2(error.contains(u"it is a folder"_s), qPrintable(error));
        QVERIFY(!Store::open(dir.filePath(u"no/such/folder/x.db"_s), &error, Store::OpenMode::Create));
        QVERIFY2(error.contains(u"does not exist"_s), qPrintable(error));
    }

    // Twenty pages in the middle of a finished run are overwritten. Reads say the file is damaged instead of
    // returning nothing, the store refuses to write, and the check before a run finds it even when the reads done so
    // far did not touch a damaged page.
    void damagedWorkspaceIsReportedAndNeverWritten()
    {
        if (m_dbs.isPostgres())
            QSKIP("a damaged PostgreSQL data file is the server's to report (XX001), not something a test can make");
        const QString location = m_dbs.newLocation(u"damaged"_s);
        QString error;
        {
            auto store = Store::open(location, &error);
            QVERIFY2(store, qPrintable(error));
            fillRun(*store, 2000);
        }
        const qint64 pageSize = RawConnection(location).scalar(u"PRAGMA page_size"_s).toLongLong();
        {
            QFile f(location);
            QVERIFY(f.open(QIODevice::ReadWrite));
            const qint64 pages = f.size() / pageSize;
            QVERIFY2(pages > 100, qPrintable(QString::number(pages)));
            f.seek((pages / 2) * pageSize);
            f.write(QByteArray(20 * pageSize, '\x5a'));
        }
        const QByteArray damaged = fileDigest(location);

        auto store = Store::open(location, &error, Store::OpenMode::Read);
        QVERIFY2(store, qPrintable(error)); // the header and the schema are readable
        // Some read meets a damaged page; whichever does says so, and from then on nothing is written.
        bool sawDamage = false;
        for (int round = 0; round < 2 && !sawDamage; ++round) {
            const auto runs = store->runs();
            const auto attempts = runs && !runs->isEmpty() ? store->attempts(runs->constFirst().id) : std::nullopt;
            const auto totals = runs && !runs->isEmpty() ? store->modelTotals(runs->constFirst().id) : std::nullopt;
            sawDamage = !runs || !attempts || !totals;
        }
        QVERIFY(sawDamage);
        QVERIFY2(store->lastError().contains(u"damaged"_s) && store->lastError().contains(u"malformed"_s),
                 qPrintable(store->lastError()));
        QVERIFY(store->isDamaged());
        PromptSet set = samplePromptSet(u"after"_s, u"h-after"_s);
        QVERIFY(!store->savePromptSet(set, &error));
        QVERIFY2(error.contains(u"damaged"_s), qPrintable(error));
        store.reset();

        // A fresh store that has read nothing yet: the check before writing finds the damage.
        store = Store::open(location, &error, Store::OpenMode::Read);
        QVERIFY(store);
        QVERIFY(!store->checkWritable(&error));
        QVERIFY2(error.contains(u"damaged"_s) && error.contains(location), qPrintable(error));
        QVERIFY(store->isDamaged());
        store.reset();
        QCOMPARE(fileDigest(location), damaged);
    }

    // Five processes create one new workspace at the same moment: each gets it, migrated once.
    void firstMigrationIsSafeUnderARace()
    {
        if (m_dbs.isPostgres())
            QSKIP("PostgreSQL's migration waits on an advisory lock: tst_store_pg concurrentWriters");
        const QString location = m_dbs.newLocation(u"race"_s);
        const QString self = QCoreApplication::applicationFilePath();
        QList<QProcess*> processes;
        for (int i = 0; i < 5; ++i) {
            auto* p = new QProcess(this);
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(u"TIERLENS_TEST_OPEN_ONLY"_s, location);
            p->setProcessEnvironment(env);
            processes.append(p);
        }
        for (QProcess* p : processes)
            p->start(self, {});
        for (QProcess* p : processes) {
            QVERIFY(p->waitForFinished(60000));
            QVERIFY2(p->exitCode() == 0, p->readAllStandardError().constData());
        }
        qDeleteAll(processes);
        RawConnection raw(location);
        QCOMPARE(raw.schemaVersion(), Store::latestSchemaVersion());
        QCOMPARE(raw.scalar(u"SELECT COUNT(*) FROM prompt_sets"_s).toInt(), 5);
    }

    // One process sends a run at a time: a second cannot take the lease while the holder lives; a holder on this
    // host that is gone, or one elsewhere that has not been heard of for RunLease::kExpiryMs, can be taken over. The
    // loser's heartbeat then fails.
    void runLease()
    {
        auto store = Store::open(m_dbs.newLocation(u"lease"_s), nullptr);
        QVERIFY(store);
        PromptSet set = samplePromptSet();
        QString error;
        QVERIFY(store->savePromptSet(set, &error));
        RunRow run = sampleRun(set.dbId);
        QVERIFY(store->createRun(run, &error));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QString me = RunLease::ownerForThisProcess();
        QVERIFY2(store->acquireRunLease(run.id, me, now, &error), qPrintable(error));
        QCOMPARE(store->loadRun(run.id)->status, u"running"_s);

        // While this process holds it, another of this host is refused, with the holder named.
        QProcess sleeper;
        sleeper.start(u"sleep"_s, { u"30"_s });
        QVERIFY(sleeper.waitForStarted());
        const QString alive = RunLease::ownerFor(sleeper.processId());
        QVERIFY(RunLease::isAlive(alive, QDateTime(), now));
        QVERIFY(!store->acquireRunLease(run.id, alive, now, &error));
        QVERIFY(!store->acquireRunLease(run.id, alive, now, &error)); // as often as asked
        QVERIFY2(error.contains(u"being sent by another process"_s)
                     && error.contains(u"process %1 "_s.arg(QCoreApplication::applicationPid())),
                 qPrintable(error));

        // Held by another living process of this host: this one is refused until that process is gone.
        QVERIFY(store->releaseRunLease(run.id, me, &error));
        QVERIFY2(store->acquireRunLease(run.id, alive, now, &error), qPrintable(error));
        QCOMPARE(store->loadRun(run.id)->status, u"running"_s);
        QVERIFY(!store->acquireRunLease(run.id, me, now, &error));
        QVERIFY2(error.contains(u"process %1 "_s.arg(sleeper.processId())), qPrintable(error));
        sleeper.kill();
        QVERIFY(sleeper.waitForFinished());
        QCOMPARE(store->loadRun(run.id)->status, u"interrupted"_s);
        QVERIFY2(store->acquireRunLease(run.id, me, now, &error), qPrintable(error));

        // A pid whose start time does not match is another process: the holder is gone.
        QVERIFY(store->releaseRunLease(run.id, me, &error));
        QCOMPARE(store->loadRun(run.id)->status, u"interrupted"_s);
        const QString ghost = RunLease::ownerForThisProcess().section(u'/', 0, -3) + u"/4194301/77"_s;
        QVERIFY(store->acquireRunLease(run.id, ghost, now, &error));
        QCOMPARE(store->loadRun(run.id)->status, u"interrupted"_s); // its process does not exist
        QVERIFY2(store->acquireRunLease(run.id, me, now, &error), qPrintable(error));
        QVERIFY(!store->renewRunLease(run.id, ghost, now, &error)); // the ghost lost it
        QVERIFY2(error.contains(u"taken over"_s), qPrintable(error));

        // Another host: alive while it keeps its heartbeat, taken over after the expiry.
        QVERIFY(store->releaseRunLease(run.id, me, &error));
        const QString elsewhere = u"build-box-7/1234/99"_s;
        QVERIFY(store->acquireRunLease(run.id, elsewhere, now, &error));
        QVERIFY(!store->acquireRunLease(run.id, me, now.addMSecs(RunLease::kExpiryMs - 1000), &error));
        QVERIFY2(error.contains(u"build-box-7"_s), qPrintable(error));
        QVERIFY2(store->acquireRunLease(run.id, me, now.addMSecs(RunLease::kExpiryMs + 1000), &error),
                 qPrintable(error));
        QVERIFY(store->renewRunLease(run.id, me, now.addMSecs(RunLease::kExpiryMs + 2000), &error));
    }

    // Flags and the raw usage of an answer that was not believed come back as they were written.
    void attemptFlagsRoundTrip()
    {
        auto store = Store::open(m_dbs.newLocation(u"flags"_s), nullptr);
        QVERIFY(store);
        PromptSet set = samplePromptSet();
        QString error;
        QVERIFY(store->savePromptSet(set, &error));
        RunRow run = sampleRun(set.dbId);
        QVERIFY(store->createRun(run, &error));
        QVector<AttemptRow> batch { makeAttempt(run, 0, set.prompts[0].dbId, 0, 1, 100, true),
                                    makeAttempt(run, 0, set.prompts[1].dbId, 0, 1, 100, true) };
        batch[0].outcome.flags = AttemptFlag::NoDone | AttemptFlag::InvalidUtf8;
        batch[1].outcome.flags = AttemptFlag::ImplausibleUsage;
        batch[1].outcome.rawUsage = R"({"prompt_tokens":9000000000000000})";
        QVERIFY2(store->recordAttempts(batch, &error), qPrintable(error));
        const QVector<AttemptRow> back = store->attempts(run.id).value();
        QCOMPARE(back.size(), 2);
        QCOMPARE(back[0].outcome.flags, AttemptFlag::NoDone | AttemptFlag::InvalidUtf8);
        QCOMPARE(back[1].outcome.flags, AttemptFlags(AttemptFlag::ImplausibleUsage));
        QCOMPARE(back[1].outcome.rawUsage, batch[1].outcome.rawUsage);
        const ModelTotals totals = store->modelTotals(run.id).value().constFirst();
        QCOMPARE(totals.flagged.value(u"no_done"_s), 1);
        QCOMPARE(totals.flagged.value(u"invalid_utf8"_s), 1);
        QCOMPARE(totals.flagged.value(u"implausible_usage"_s), 1);
    }
};

int main(int argc, char** argv)
{
    // As a child of firstMigrationIsSafeUnderARace: open (and so create and migrate) one workspace, save a set.
    if (const QString location = qEnvironmentVariable("TIERLENS_TEST_OPEN_ONLY"); !location.isEmpty()) {
        QCoreApplication app(argc, argv);
        QString error;
        auto store = Store::open(location, &error);
        PromptSet set = samplePromptSet(u"racer %1"_s.arg(QCoreApplication::applicationPid()),
                                        u"h%1"_s.arg(QCoreApplication::applicationPid()));
        if (!store || !store->savePromptSet(set, &error)) {
            fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        return 0;
    }
    QCoreApplication app(argc, argv);
    TestStoreIntegrity test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_storeintegrity.moc"
