// End to end on a team database (PostgreSQL): two tierlens-cli runs writing into one database at once against
// tierlens-sim, and a personal SQLite history copied into it with tierlens-cli migrate, its run summaries compared
// before and after. Needs the server TIERLENS_TEST_PG_URL names (tools/dev.sh test starts one); skips without.

#include "../support/CliProcess.h"
#include "../support/SimProcess.h"
#include "../support/TestDatabases.h"

#include "report/RunSummary.h"
#include "store/Store.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace tierlens;
using namespace tierlens::testing;

namespace {

QStringList runArgs(const QString& db, const QString& url, const QString& summary)
{
    return { u"run"_s,
             u"--db"_s,
             db,
             u"--prompts"_s,
             kSample,
             u"--model"_s,
             u"flash="_s + url + u"#"_s + kFlash,
             u"--model"_s,
             u"pro="_s + url + u"#"_s + kPro,
             u"--repeat"_s,
             u"2"_s,
             u"--backoff-ms"_s,
             u"20"_s,
             u"--summary"_s,
             summary,
             u"--quiet"_s };
}

QJsonObject summaryOf(const QString& location, qint64 runId)
{
    QString error;
    auto store = Store::open(location, &error);
    if (!store)
        qFatal("%s", qPrintable(error));
    const auto summary = RunSummary::build(*store, runId, &error);
    if (!summary)
        qFatal("%s", qPrintable(error));
    QJsonObject s = *summary;
    // The ids are the target's own; everything else must be the same.
    s.remove(u"run_id"_s);
    s.remove(u"judged_run_id"_s);
    return s;
}

// Equal JSON, numbers to 1e-9 relative: the two databases may add the same costs in another order.
QString differences(const QJsonValue& a, const QJsonValue& b, const QString& at = u"$"_s)
{
    if (a.isDouble() && b.isDouble()) {
        const double x = a.toDouble(), y = b.toDouble();
        return std::fabs(x - y) <= 1e-9 * std::max(1.0, std::fabs(y)) ? QString()
                                                                      : u"%1: %2 vs %3\n"_s.arg(at).arg(x).arg(y);
    }
    if (a.isObject() && b.isObject()) {
        const QJsonObject x = a.toObject(), y = b.toObject();
        if (x.keys() != y.keys())
            return u"%1: keys %2 vs %3\n"_s.arg(at, x.keys().join(u','), y.keys().join(u','));
        QString out;
        for (const QString& k : x.keys())
            out += differences(x.value(k), y.value(k), at + u'.' + k);
        return out;
    }
    if (a.isArray() && b.isArray()) {
        const QJsonArray x = a.toArray(), y = b.toArray();
        if (x.size() != y.size())
            return u"%1: %2 vs %3 elements\n"_s.arg(at).arg(x.size()).arg(y.size());
        QString out;
        for (qsizetype i = 0; i < x.size(); ++i)
            out += differences(x.at(i), y.at(i), at + u'[' + QString::number(i) + u']');
        return out;
    }
    return a == b ? QString() : u"%1: %2 vs %3\n"_s.arg(at, a.toVariant().toString(), b.toVariant().toString());
}

// "run 1 -> run 7" lines of tierlens-cli migrate: source id -> target id.
QMap<qint64, qint64> copiedRuns(const QByteArray& out, const QString& pattern)
{
    QMap<qint64, qint64> ids;
    const QRegularExpression re(pattern);
    for (const QString& line : QString::fromUtf8(out).split(u'\n')) {
        const auto m = re.match(line);
        if (m.hasMatch())
            ids.insert(m.captured(1).toLongLong(), m.captured(2).toLongLong());
    }
    return ids;
}

} // namespace

class TestCliPostgres : public QObject
{
    Q_OBJECT

private:
    test::TestDatabases m_dbs;
    SimProcess m_sim { kBin };

private slots:
    void initTestCase()
    {
        if (const QString why = test::TestDatabases::skipReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        if (!m_dbs.isPostgres())
            QSKIP("a PostgreSQL-only test: ctest runs it with TIERLENS_TEST_BACKEND=postgresql");
        QCOMPARE(m_sim.start({ u"--time-scale"_s, u"0.02"_s, u"--seed"_s, u"31"_s }), QString());
    }

    // Two desktops' runs written into one new database at the same time: both complete, neither loses a result,
    // the prompt set is stored once, and the ids do not collide.
    void twoRunsAtOnce()
    {
        const QString url = m_dbs.newLocation();
        QVERIFY(!url.isEmpty());
        QProcess a, b;
        const QString sa = m_dbs.tempPath(u"a.json"_s), sb = m_dbs.tempPath(u"b.json"_s);
        a.start(kBin + u"/tierlens-cli"_s, runArgs(url, m_sim.url(), sa));
        b.start(kBin + u"/tierlens-cli"_s, runArgs(url, m_sim.url(), sb));
        QVERIFY(a.waitForFinished(600000) && b.waitForFinished(600000));
        QVERIFY2(a.exitStatus() == QProcess::NormalExit && a.exitCode() == 0, a.readAllStandardError().constData());
        QVERIFY2(b.exitStatus() == QProcess::NormalExit && b.exitCode() == 0, b.readAllStandardError().constData());

        const QJsonObject first = readJson(sa), second = readJson(sb);
        const qint64 runA = first.value(u"run_id"_s).toInteger(), runB = second.value(u"run_id"_s).toInteger();
        QVERIFY(runA > 0 && runB > 0 && runA != runB);
        QString error;
        auto store = Store::open(url, &error);
        QVERIFY2(store, qPrintable(error));
        QCOMPARE(store->promptSets().value().size(), 1);
        const int items = sampleSize() * 2; // repeats
        qint64 attempts = 0;
        QSet<qint64> ids;
        for (qint64 run : { runA, runB }) {
            const auto row = store->loadRun(run);
            QVERIFY(row);
            QCOMPARE(row->status, u"completed"_s);
            QCOMPARE(row->resultCount, items * 2); // two models
            QCOMPARE(store->completedItems(run).value().size(), items * 2);
            const QVector<AttemptRow> rows = store->attempts(run).value();
            attempts += rows.size();
            for (const AttemptRow& r : rows)
                ids.insert(r.id);
            // What each process summarised is what the database holds.
            QCOMPARE(differences(summaryOf(url, run),
                                 [&] {
                                     QJsonObject s = run == runA ? first : second;
                                     s.remove(u"run_id"_s);
                                     return s;
                                 }()),
                     QString());
        }
        QCOMPARE(ids.size(), attempts);
    }

    void migrateCopiesPersonalHistory()
    {
        // A personal history: a shadow run and the judge's run over it.
        const QString file = m_dbs.tempPath(u"personal.db"_s);
        CliResult r = cli(runArgs(file, m_sim.url(), m_dbs.tempPath(u"p.json"_s)));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = cli({ u"judge"_s, u"1"_s, u"--db"_s, file, u"--backoff-ms"_s, u"20"_s, u"--quiet"_s });
        QVERIFY2(r.exitCode == 0, r.err.constData());

        // The team database already holds a run of the same prompt set, so every copied id is a new one.
        const QString url = m_dbs.newLocation();
        r = cli(runArgs(url, m_sim.url(), m_dbs.tempPath(u"t.json"_s)));
        QVERIFY2(r.exitCode == 0, r.err.constData());

        r = cli({ u"migrate"_s, u"--from"_s, u"sqlite:"_s + file, u"--to"_s, url });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QMap<qint64, qint64> copied = copiedRuns(r.out, uR"(^run (\d+) -> run (\d+)$)"_s);
        QCOMPARE(copied.keys(), (QList<qint64> { 1, 2 }));
        QVERIFY(copied.value(1) != 1 && copied.value(2) != 2);

        QString error;
        auto source = Store::open(file, &error);
        auto target = Store::open(url, &error);
        QVERIFY2(source && target, qPrintable(error));
        // The sample set the team database had is reused (same name and hash); the judge's prompts come along.
        QCOMPARE(target->promptSets().value().size(), source->promptSets().value().size());
        QVERIFY(source->promptSets().value().size() >= 1);
        QCOMPARE(target->runs().value().size(), 3);
        const auto judged = target->loadRun(copied.value(2));
        QVERIFY(judged);
        QCOMPARE(judged->kind, u"judge"_s);
        QCOMPARE(judged->parentRunId, copied.value(1));
        for (auto it = copied.cbegin(); it != copied.cend(); ++it) {
            QJsonObject before = summaryOf(file, it.key());
            QJsonObject after = summaryOf(url, it.value());
            QVERIFY(!before.isEmpty());
            // The judged run names its judge run: by the target's id.
            if (before.contains(u"judge"_s)) {
                QJsonObject b = before.value(u"judge"_s).toObject(), a = after.value(u"judge"_s).toObject();
                QCOMPARE(a.value(u"judge_run_id"_s).toInteger(),
                         copied.value(b.value(u"judge_run_id"_s).toInteger(), -1));
                b.remove(u"judge_run_id"_s);
                a.remove(u"judge_run_id"_s);
                before.insert(u"judge"_s, b);
                after.insert(u"judge"_s, a);
            }
            QCOMPARE(differences(after, before), QString());
            QCOMPARE(target->attempts(it.value()).value().size(), source->attempts(it.key()).value().size());
            QCOMPARE(target->checksOfRun(it.value()).value().size(), source->checksOfRun(it.key()).value().size());
        }
        QCOMPARE(target->judgeVerdicts(copied.value(1)).value().size(), source->judgeVerdicts(1).value().size());
        QVERIFY(!source->judgeVerdicts(1).value().isEmpty());

        // Again: nothing is copied twice.
        r = cli({ u"migrate"_s, u"--from"_s, u"sqlite:"_s + file, u"--to"_s, url });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(copiedRuns(r.out, uR"(^run (\d+) -> run (\d+)$)"_s).size(), 0);
        QCOMPARE(copiedRuns(r.out, uR"(^run (\d+): already there as run (\d+)$)"_s), copied);
        QCOMPARE(target->runs().value().size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestCliPostgres)
#include "tst_clipostgres.moc"
