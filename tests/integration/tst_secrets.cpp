// API keys stay secret end to end: tierlens-cli run, judge, report (text, JSON, HTML), export, check, policy (JSON and
// LiteLLM), policy-diff and whatif with a distinctive key, against tierlens-sim set to demand that key; then every file
// under the test's folder (the database with its -wal and -shm, the exports, the summary, the policies, HOME and the
// temporary files) and everything the commands printed are searched for it. And a plain http:// base URL on another
// host is refused before anything is sent, unless --allow-insecure-http.

#include "../support/CliProcess.h"
#include "../support/SimProcess.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tierlens::testing;

namespace {

const QByteArray kKey = "sk-tierlens-SECRET-5b1e0c9d7f3a4e28";

// The ways a key could be written: as it is, as UTF-16 (QString dumps), base64 (an Authorization header kept
// whole) and percent-encoded.
QList<QByteArray> keyForms()
{
    const QString key = QString::fromLatin1(kKey);
    return { kKey, QByteArray(reinterpret_cast<const char*>(key.utf16()), key.size() * 2),
             QByteArray("Bearer " + kKey).toBase64(), QUrl::toPercentEncoding(key) };
}

bool containsKey(const QByteArray& bytes)
{
    for (const QByteArray& form : keyForms()) {
        if (bytes.contains(form))
            return true;
    }
    return false;
}

// Every regular file under dir (hidden ones too) that holds the key, and how many files were read.
QStringList filesWithKey(const QString& dir, QStringList* searched)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            out.append(path + u" (unreadable)"_s);
            continue;
        }
        searched->append(QDir(dir).relativeFilePath(path));
        if (containsKey(f.readAll()))
            out.append(path);
    }
    return out;
}

} // namespace

class TestSecrets : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SimProcess m_sim { kBin };
    QProcessEnvironment m_env;
    QByteArray m_printed; // stdout and stderr of every command

    QString file(const QString& name) const { return m_dir.filePath(name); }

    CliResult run(const QStringList& args)
    {
        const CliResult r = cli(args, m_env);
        m_printed += r.out + r.err;
        return r;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // The simulator answers only requests that carry this key (401 otherwise).
        QCOMPARE(m_sim.start(
                     { u"--time-scale"_s, u"0.02"_s, u"--seed"_s, u"5"_s, u"--api-key"_s, QString::fromLatin1(kKey) }),
                 QString());
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.insert(u"DEEPSEEK_API_KEY"_s, QString::fromLatin1(kKey));
        m_env.insert(u"PRO_SECRET"_s, QString::fromLatin1(kKey));
        // Whatever the programs write besides the files named on their command lines lands here too.
        for (const auto& [var, sub] : { std::pair { u"HOME"_s, u"home"_s },
                                        { u"XDG_CONFIG_HOME"_s, u"home/.config"_s },
                                        { u"XDG_DATA_HOME"_s, u"home/.local/share"_s },
                                        { u"XDG_CACHE_HOME"_s, u"home/.cache"_s },
                                        { u"TMPDIR"_s, u"tmp"_s } }) {
            QVERIFY(QDir().mkpath(file(sub)));
            m_env.insert(var, file(sub));
        }
    }

    // The searcher finds a key where there is one, in each form.
    void searchFindsTheKey()
    {
        QTemporaryDir dir;
        for (int i = 0; i < keyForms().size(); ++i) {
            QFile f(dir.filePath(u"canary%1"_s.arg(i)));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("before " + keyForms().at(i) + " after");
        }
        QStringList searched;
        QCOMPARE(filesWithKey(dir.path(), &searched).size(), keyForms().size());
    }

    void keyIsWrittenNowhere()
    {
        const QString db = file(u"secrets.db"_s);
        // A read-only command creates nothing: "runs" on a file that does not exist says so.
        const CliResult missing = run({ u"runs"_s, u"--db"_s, db });
        QCOMPARE(missing.exitCode, 3);
        QVERIFY2(missing.err.contains("there is no such file"), missing.err.constData());
        QVERIFY(!QFile::exists(db));
        // An empty database file, which "runs" takes as a new workspace; a connection held open below keeps SQLite from
        // removing the -wal and -shm files when the commands exit, so what they wrote there is searched too.
        {
            QSqlDatabase create = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"create"_s);
            create.setDatabaseName(db);
            QVERIFY(create.open());
        }
        QSqlDatabase::removeDatabase(u"create"_s);
        QCOMPARE(run({ u"runs"_s, u"--db"_s, db }).exitCode, 0);
        {
            QSqlDatabase probe = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"hold"_s);
            probe.setDatabaseName(db);
            QVERIFY(probe.open());
            QSqlQuery q(probe);
            QVERIFY(q.exec(u"SELECT COUNT(*) FROM runs"_s) && q.next());
        }

        const QString url = m_sim.url();
        CliResult r
            = run({ u"run"_s, u"--db"_s, db, u"--prompts"_s, kSample, u"--model"_s, u"flash="_s + url + u"#"_s + kFlash,
                    u"--model"_s, u"pro="_s + url + u"/v1#"_s + kPro, u"--api-key-env"_s, u"pro=PRO_SECRET"_s,
                    u"--backoff-ms"_s, u"20"_s, u"--summary"_s, file(u"summary.json"_s) });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // The simulator refuses any other key: no attempt failed on it, so the key was sent.
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM results WHERE run_id = 1"_s), qint64(2 * sampleSize()));
        QVERIFY(scalar(db, u"SELECT COUNT(*) FROM results WHERE run_id = 1 AND status = 'ok'"_s) > 0);
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM attempts WHERE error_class = 'auth'"_s), 0);

        r = run({ u"judge"_s, u"1"_s, u"--db"_s, db, u"--backoff-ms"_s, u"20"_s, u"--quiet"_s });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(run({ u"report"_s, u"1"_s, u"--db"_s, db }).exitCode, 0);
        QCOMPARE(run({ u"report"_s, u"1"_s, u"--db"_s, db, u"--format"_s, u"json"_s, u"-o"_s, file(u"report.json"_s) })
                     .exitCode,
                 0);
        // The report to share: a page with the runs' models and addresses, drawn offscreen.
        QCOMPARE(run({ u"report"_s, u"1"_s, u"--db"_s, db, u"--format"_s, u"html"_s, u"-o"_s, file(u"report.html"_s) })
                     .exitCode,
                 0);
        QVERIFY(QFileInfo(file(u"report.html"_s)).size() > 10000);
        QCOMPARE(run({ u"runs"_s, u"--db"_s, db }).exitCode, 0);
        QCOMPARE(run({ u"check"_s, u"1"_s, u"--db"_s, db }).exitCode, 0);
        QCOMPARE(run({ u"export"_s, u"1"_s, u"--db"_s, db, u"--format"_s, u"csv"_s, u"-o"_s, file(u"results.csv"_s) })
                     .exitCode,
                 0);
        QCOMPARE(
            run({ u"export"_s, u"1"_s, u"--db"_s, db, u"--format"_s, u"jsonl"_s, u"-o"_s, file(u"results.jsonl"_s) })
                .exitCode,
            0);
        QCOMPARE(run({ u"export"_s, u"1"_s, u"--db"_s, db, u"--format"_s, u"jsonl"_s }).exitCode, 0);
        r = run({ u"policy"_s, u"1"_s, u"--db"_s, db, u"--min-prompts"_s, u"1"_s, u"-o"_s, file(u"policy.json"_s) });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = run({ u"policy"_s, u"1"_s, u"--db"_s, db, u"--min-prompts"_s, u"1"_s, u"--format"_s, u"litellm"_s, u"-o"_s,
                  file(u"litellm.yaml"_s) });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(run({ u"policy-diff"_s, file(u"policy.json"_s), file(u"policy.json"_s) }).exitCode, 0);
        r = run(
            { u"whatif"_s, u"1"_s, u"--db"_s, db, u"--policy"_s, file(u"policy.json"_s), u"--format"_s, u"json"_s });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // Failures print too: a run that cannot be resumed, a judge of a run that does not exist.
        QCOMPARE(run({ u"run"_s, u"--db"_s, db, u"--resume"_s, u"99"_s }).exitCode, 3);
        QCOMPARE(run({ u"judge"_s, u"99"_s, u"--db"_s, db }).exitCode, 3);

        // The LiteLLM file names the key's variable, as the policy does, and never the key.
        QFile yaml(file(u"litellm.yaml"_s));
        QVERIFY(yaml.open(QIODevice::ReadOnly));
        QVERIFY(yaml.readAll().contains("os.environ/PRO_SECRET"));

        QStringList searched;
        const QStringList leaks = filesWithKey(m_dir.path(), &searched);
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u", "_s)));
        for (const QString& expected : { u"secrets.db"_s, u"secrets.db-wal"_s, u"secrets.db-shm"_s, u"summary.json"_s,
                                         u"results.csv"_s, u"results.jsonl"_s, u"policy.json"_s, u"litellm.yaml"_s }) {
            QVERIFY2(searched.contains(expected), qPrintable(u"not searched: "_s + expected));
        }
        QVERIFY2(!containsKey(m_printed), m_printed.constData());
        QSqlDatabase::removeDatabase(u"hold"_s);
    }

    // http:// to another host: refused before anything is sent (exit 2, nothing stored), with a warning naming the
    // model, its URL and the key's variable; --allow-insecure-http sends it after the same warning.
    void plainHttpToAnotherHostIsRefused()
    {
        const QString db = file(u"insecure.db"_s);
        // 192.0.2.1 is TEST-NET-1: nothing answers there, so an allowed run fails on the connection, not the key.
        const QStringList args { u"run"_s,
                                 u"--db"_s,
                                 db,
                                 u"--prompts"_s,
                                 kSample,
                                 u"--model"_s,
                                 u"far=http://192.0.2.1:9#m"_s,
                                 u"--model"_s,
                                 u"near="_s + m_sim.url() + u"#"_s + kFlash,
                                 u"--quiet"_s,
                                 u"--max-attempts"_s,
                                 u"1"_s,
                                 u"--timeout-ms"_s,
                                 u"2000"_s };
        CliResult r = run(args);
        QCOMPARE(r.exitCode, 2);
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.contains(u"\"far\""_s) && err.contains(u"http://192.0.2.1:9"_s)
                     && err.contains(u"DEEPSEEK_API_KEY"_s) && err.contains(u"--allow-insecure-http"_s),
                 r.err.constData());
        QVERIFY2(!err.contains(u"\"near\""_s), r.err.constData()); // loopback is fine
        QVERIFY(!QFile::exists(db)); // refused before the database was opened: nothing left behind

        r = run(QStringList(args) << u"--allow-insecure-http"_s);
        QVERIFY2(QString::fromUtf8(r.err).contains(u"http://192.0.2.1:9"_s), r.err.constData());
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM runs"_s), 1);
        QVERIFY(scalar(db, u"SELECT COUNT(*) FROM attempts"_s) > 0);
        // Resuming the run it made asks again.
        r = run({ u"run"_s, u"--db"_s, db, u"--resume"_s, u"1"_s, u"--quiet"_s });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(QString::fromUtf8(r.err).contains(u"--allow-insecure-http"_s), r.err.constData());
        QVERIFY2(!containsKey(m_printed), m_printed.constData());
    }
};

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
