// tierlens-cli run against a database it cannot write: a read-only file, and a writable file in a read-only folder
// (where SQLite cannot create the -wal file). The command stops with an error that names the file, and the runs
// already in the file are exactly as they were. Permissions do not bind root, so as root the command runs as the
// unprivileged user "nobody" (setpriv) instead.

#include "../support/CliProcess.h"
#include "../support/SimProcess.h"

#include <QCryptographicHash>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace tierlens::testing;

namespace {

constexpr uint kNobody = 65534;

bool asRoot()
{
    return ::geteuid() == 0;
}

// Every stored attempt and result, as one digest: equal digests, nothing changed or lost.
QByteArray digest(const QString& db)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString& sql : { u"SELECT * FROM attempts ORDER BY id"_s, u"SELECT * FROM results ORDER BY id"_s,
                                u"SELECT id, status FROM runs ORDER BY id"_s }) {
        for (const QVariantList& row : rows(db, sql)) {
            for (const QVariant& v : row)
                hash.addData(QByteArray(v.toString().toUtf8() + "\x1f"));
            hash.addData(QByteArrayView("\x1e"));
        }
    }
    return hash.result().toHex();
}

} // namespace

class TestReadOnlyDb : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SimProcess m_sim { kBin };
    QString m_folder; // holds the database
    QString m_db;
    QString m_prompts; // a copy of the sample the unprivileged user can read
    QByteArray m_before;
    qint64 m_results = 0;

    QStringList runArgs() const
    {
        return { u"run"_s,
                 u"--db"_s,
                 m_db,
                 u"--prompts"_s,
                 m_prompts,
                 u"--model"_s,
                 u"flash="_s + m_sim.url() + u"#"_s + kFlash,
                 u"--backoff-ms"_s,
                 u"20"_s,
                 u"--quiet"_s };
    }

    // tierlens-cli as a user file permissions bind.
    CliResult cliUnprivileged(const QStringList& args)
    {
        if (!asRoot())
            return cli(args);
        QProcess p;
        p.start(QStandardPaths::findExecutable(u"setpriv"_s),
                QStringList { u"--reuid=%1"_s.arg(kNobody), u"--regid=%1"_s.arg(kNobody), u"--clear-groups"_s,
                              kBin + u"/tierlens-cli"_s }
                    + args);
        CliResult r;
        if (!p.waitForFinished(240000)) {
            p.kill();
            p.waitForFinished();
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }

    void verifyUntouched()
    {
        QCOMPARE(rows(m_db, u"PRAGMA integrity_check"_s).value(0).value(0).toString(), u"ok"_s);
        QCOMPARE(scalar(m_db, u"SELECT COUNT(*) FROM results"_s), m_results);
        QCOMPARE(digest(m_db), m_before);
    }

private slots:
    void initTestCase()
    {
        if (asRoot() && QStandardPaths::findExecutable(u"setpriv"_s).isEmpty())
            QSKIP("running as root without setpriv: file permissions cannot be made to apply");
        QVERIFY(m_dir.isValid());
        // Reachable by "nobody": the temporary folder is 0700.
        QVERIFY(QFile::setPermissions(m_dir.path(),
                                      QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther
                                          | QFile::ExeOther | QFile::ReadGroup | QFile::ExeGroup));
        m_folder = m_dir.filePath(u"data"_s);
        QVERIFY(QDir().mkpath(m_folder));
        m_db = m_folder + u"/history.db"_s;
        // "nobody" must reach the program and the prompts: a checkout under /root, say, it could not.
        if (asRoot() && cliUnprivileged({ u"--version"_s }).exitCode != 0)
            QSKIP("as root, and the unprivileged user cannot run tierlens-cli from this folder: not testable here");
        m_prompts = m_dir.filePath(u"sample.jsonl"_s);
        QVERIFY(QFile::copy(kSample, m_prompts));
        QCOMPARE(m_sim.start({ u"--time-scale"_s, u"0.02"_s, u"--seed"_s, u"3"_s }), QString());
        const CliResult r = cli(runArgs());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        m_results = scalar(m_db, u"SELECT COUNT(*) FROM results"_s);
        QCOMPARE(m_results, qint64(sampleSize()));
        m_before = digest(m_db);
        // A clean exit leaves no -wal: the read-only folder case below must create one.
        QVERIFY(!QFile::exists(m_db + u"-wal"_s));
    }

    void readOnlyFile()
    {
        QVERIFY(QFile::setPermissions(m_db, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther)); // 0444
        // Only the file is read-only: its folder takes the -wal and -shm files (as root: "nobody" owns the folder).
        const QByteArray folder = QFile::encodeName(m_folder);
        if (asRoot())
            QVERIFY(::chown(folder.constData(), kNobody, kNobody) == 0);
        const CliResult r = cliUnprivileged(runArgs());
        if (asRoot())
            QVERIFY(::chown(folder.constData(), 0, 0) == 0);
        QVERIFY(
            QFile::setPermissions(m_db, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
        QCOMPARE(r.exitCode, 3);
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.contains(m_db) && err.contains(u"read-only"_s), r.err.constData());
        QVERIFY2(!r.out.contains("run "), r.out.constData()); // no run was created
        // Refused before SQLite opened the file: no read-only -wal or -shm is left to fail the next run after the
        // permissions are fixed.
        QVERIFY(!QFile::exists(m_db + u"-wal"_s));
        QVERIFY(!QFile::exists(m_db + u"-shm"_s));
        verifyUntouched();
        const CliResult fixed = cli(runArgs());
        QVERIFY2(fixed.exitCode == 0, fixed.err.constData());
        m_results = scalar(m_db, u"SELECT COUNT(*) FROM results"_s);
        m_before = digest(m_db);
    }

    void readOnlyFolder()
    {
        // The file can be written, its folder cannot: there is nowhere to put the write-ahead log.
        QVERIFY(!QFile::exists(m_db + u"-wal"_s) && !QFile::exists(m_db + u"-shm"_s));
        QFile::Permissions folderWas = QFile::permissions(m_folder);
        if (asRoot()) {
            QVERIFY(::chown(QFile::encodeName(m_db).constData(), kNobody, kNobody) == 0);
        } else {
            QVERIFY(QFile::setPermissions(m_folder,
                                          QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup
                                              | QFile::ReadOther | QFile::ExeOther));
        }
        const CliResult r = cliUnprivileged(runArgs());
        if (asRoot())
            QVERIFY(::chown(QFile::encodeName(m_db).constData(), 0, 0) == 0);
        QVERIFY(QFile::setPermissions(m_folder, folderWas));
        QCOMPARE(r.exitCode, 3);
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.contains(m_db) && err.contains(m_folder + u'/'), r.err.constData());
        verifyUntouched();
    }
};

QTEST_GUILESS_MAIN(TestReadOnlyDb)
#include "tst_readonlydb.moc"
