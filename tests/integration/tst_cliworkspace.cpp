// tierlens-cli on workspaces that are not what they should be, and on one workspace shared by several processes:
// a damaged file is reported (exit 3) and never written; another application's database is refused untouched;
// five runs creating one new workspace at once all succeed; a run being sent is not sent a second time by another
// process, and one whose process died reads "interrupted" and resumes.

#include "../support/CliProcess.h"
#include "../support/SimProcess.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace tierlens::testing;

namespace {

QByteArray digest(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256)
                                       : QByteArray();
}

// A prompt set of n distinct prompts, for runs long enough to find the run going.
QString writePrompts(const QString& path, int n)
{
    QFile f(path);
    if (f.open(QIODevice::WriteOnly)) {
        for (int i = 0; i < n; ++i)
            f.write(QStringLiteral("{\"id\": \"p%1\", \"category\": \"misc\", \"prompt\": \"What is %1 plus %1?\"}\n")
                        .arg(i)
                        .toUtf8());
    }
    return path;
}

} // namespace

class TestCliWorkspace : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SimProcess m_sim { kBin };

    QStringList runArgs(const QString& db, const QString& prompts, int concurrency = 4) const
    {
        return { u"run"_s,
                 u"--db"_s,
                 db,
                 u"--prompts"_s,
                 prompts,
                 u"--model"_s,
                 u"flash="_s + m_sim.url() + u"#"_s + kFlash,
                 u"--model"_s,
                 u"pro="_s + m_sim.url() + u"#"_s + kPro,
                 u"--concurrency"_s,
                 u"flash=%1"_s.arg(concurrency),
                 u"--concurrency"_s,
                 u"pro=%1"_s.arg(concurrency),
                 u"--quiet"_s };
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCOMPARE(m_sim.start({ u"--time-scale"_s, u"0.02"_s, u"--seed"_s, u"11"_s }), QString());
    }

    // Twenty pages in the middle of a finished run overwritten: "runs", "report" and "export" say the file is
    // damaged and exit 3 (they printed nothing, or "there is no run 1", and exited 0); a new run is refused before
    // anything is written.
    void damagedWorkspace()
    {
        const QString db = m_dir.filePath(u"damaged.db"_s);
        const CliResult first = cli(runArgs(db, writePrompts(m_dir.filePath(u"p400.jsonl"_s), 400), 50));
        QVERIFY2(first.exitCode == 0, first.err.constData());
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM results"_s), 800);
        const qint64 pageSize = scalar(db, u"PRAGMA page_size"_s);
        {
            QFile f(db);
            QVERIFY(f.open(QIODevice::ReadWrite));
            const qint64 pages = f.size() / pageSize;
            f.seek(pages / 2 * pageSize);
            f.write(QByteArray(20 * pageSize, '\0'));
        }
        const QByteArray damaged = digest(db);
        for (const QStringList& args : { QStringList { u"runs"_s }, QStringList { u"report"_s, u"1"_s },
                                         QStringList { u"export"_s, u"1"_s, u"--format"_s, u"jsonl"_s } }) {
            const CliResult r = cli(args + QStringList { u"--db"_s, db });
            QVERIFY2(r.exitCode == 3, qPrintable(args.join(u' ') + u": "_s + QString::fromUtf8(r.err)));
            QVERIFY2(r.err.contains("is damaged") && r.err.contains(db.toUtf8()), r.err.constData());
        }
        const CliResult again = cli(runArgs(db, m_dir.filePath(u"p400.jsonl"_s)));
        QCOMPARE(again.exitCode, 3);
        QVERIFY2(again.err.contains("is damaged"), again.err.constData());
        QVERIFY(!again.out.contains("run 2"));
        QCOMPARE(digest(db), damaged);
    }

    // Someone else's SQLite file is neither taken over (ten tables and a run added) nor switched to WAL.
    void foreignDatabaseIsLeftAlone()
    {
        const QString db = m_dir.filePath(u"crm.sqlite"_s);
        {
            QSqlDatabase c = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"crm"_s);
            c.setDatabaseName(db);
            QVERIFY(c.open());
            QSqlQuery q(c);
            QVERIFY(q.exec(u"CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)"_s));
            QVERIFY(q.exec(u"INSERT INTO contacts (name) VALUES ('ann'), ('bo')"_s));
            QVERIFY(q.exec(u"PRAGMA user_version = 53"_s));
        }
        QSqlDatabase::removeDatabase(u"crm"_s);
        const QByteArray before = digest(db);
        for (const QStringList& args : { runArgs(db, kSample), QStringList { u"runs"_s, u"--db"_s, db } }) {
            const CliResult r = cli(args);
            QCOMPARE(r.exitCode, 3);
            QVERIFY2(r.err.contains("is not a Tierlens workspace") && r.err.contains("contacts")
                         && !r.err.contains("newer version"),
                     r.err.constData());
        }
        QCOMPARE(digest(db), before);
        QVERIFY(!QFile::exists(db + u"-wal"_s) && !QFile::exists(db + u"-shm"_s));
    }

    void folderIsNotAWorkspace()
    {
        const CliResult r = cli({ u"runs"_s, u"--db"_s, m_dir.path() });
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("it is a folder"), r.err.constData());
    }

    // Five runs start at once on a workspace that does not exist yet: every one of them runs and completes (3 of 5
    // used to fail "migrating to schema version 1: table prompt_sets already exists").
    void fiveRunsCreateOneWorkspace()
    {
        const QString db = m_dir.filePath(u"shared/new.db"_s);
        QList<QProcess*> runs;
        for (int i = 0; i < 5; ++i) {
            auto* p = new QProcess(this);
            p->start(kBin + u"/tierlens-cli"_s, runArgs(db, kSample));
            runs.append(p);
        }
        for (QProcess* p : runs) {
            QVERIFY(p->waitForFinished(240000));
            QVERIFY2(p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0,
                     p->readAllStandardError().constData());
        }
        qDeleteAll(runs);
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM runs WHERE status = 'completed'"_s), 5);
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM results"_s), 5 * 2 * sampleSize());
        QCOMPARE(rows(db, u"PRAGMA integrity_check"_s).value(0).value(0).toString(), u"ok"_s);
    }

    // While a run is being sent, a resume of it from another process is refused (it sent the same prompts again and
    // could mark the run failed). Killed, the run reads "interrupted", and resumes to exactly one result per item.
    void oneProcessSendsARun()
    {
        const QString db = m_dir.filePath(u"lease.db"_s);
        QProcess first;
        first.start(kBin + u"/tierlens-cli"_s, runArgs(db, writePrompts(m_dir.filePath(u"p60.jsonl"_s), 60), 1));
        QVERIFY(first.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(scalar(db, u"SELECT COUNT(*) FROM results"_s) >= 4, 60000);

        const CliResult second = cli({ u"run"_s, u"--db"_s, db, u"--resume"_s, u"1"_s, u"--quiet"_s });
        QCOMPARE(second.exitCode, 1);
        QVERIFY2(second.err.contains("being sent by another process")
                     && second.err.contains(QByteArray::number(first.processId())),
                 second.err.constData());
        const CliResult listed = cli({ u"runs"_s, u"--db"_s, db });
        QVERIFY2(listed.out.contains("\trunning\t"), listed.out.constData());

        ::kill(pid_t(first.processId()), SIGKILL);
        QVERIFY(first.waitForFinished());
        const CliResult afterKill = cli({ u"runs"_s, u"--db"_s, db });
        QVERIFY2(afterKill.out.contains("\tinterrupted\t"), afterKill.out.constData());

        const CliResult resumed = cli({ u"run"_s, u"--db"_s, db, u"--resume"_s, u"1"_s, u"--quiet"_s },
                                      QProcessEnvironment::systemEnvironment());
        QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM results"_s), 120);
        QCOMPARE(scalar(db,
                        u"SELECT COUNT(*) FROM (SELECT 1 FROM results GROUP BY run_model_id, prompt_id, repeat_index "
                        "HAVING COUNT(*) > 1)"_s),
                 0);
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM runs WHERE status = 'completed' AND lease_owner IS NULL"_s), 1);
    }
};

QTEST_GUILESS_MAIN(TestCliWorkspace)
#include "tst_cliworkspace.moc"
