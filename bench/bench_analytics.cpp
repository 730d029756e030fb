// The dashboard on a large history: a workspace of N results (default 1,000,000: two models, 20 categories, a
// third of the results with assertion checks, some rated by people), written through the Store as the engine
// writes them. Prints how long EvalStatistics::compute takes (the SQL aggregation the dashboard, the report and
// the policy read), how late the window's event loop runs while the real Dashboard page computes and redraws
// its charts, and while the real Compare page reads the run's pairs (and what they take in memory). Prints figures;
// never fails on timing.
//   bench_analytics [RESULTS] [--keep DIR]   (--keep reuses / keeps the generated database)

#include "analysis/EvalStatistics.h"
#include "compare/ComparePage.h"
#include "dashboard/ChartPanel.h"
#include "dashboard/DashboardPage.h"
#include "engine/LagMonitor.h"
#include "store/Store.h"
#include "util/Memory.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <cmath>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace tierlens;

namespace {

constexpr int kCategories = 20;

// This process's resident memory now (VmRSS), in KiB.
qint64 residentKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}
constexpr int kPrompts = 1000;

qint64 generate(const QString& path, qint64 results)
{
    QString error;
    auto store = Store::open(path, &error);
    if (!store)
        qFatal("%s", qPrintable(error));
    PromptSet set;
    set.name = u"bench"_s;
    set.sourcePath = u"/bench.jsonl"_s;
    set.sourceSha256 = u"bench"_s;
    for (int i = 0; i < kPrompts; ++i) {
        Prompt p;
        p.id = u"p%1"_s.arg(i);
        p.category = u"category-%1"_s.arg(i % kCategories, 2, 10, QLatin1Char('0'));
        p.messages = QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"question %1"_s.arg(i) } } };
        set.prompts.append(p);
    }
    if (!store->savePromptSet(set, &error))
        qFatal("%s", qPrintable(error));
    RunRow run;
    run.promptSetId = set.dbId;
    run.maxAttempts = 3;
    // As many repeats as the results written below: Compare pairs every repeat the run says it has.
    run.repeatCount = int(std::max<qint64>(1, results / 2 / kPrompts));
    for (const char* label : { "flash", "pro" }) {
        RunModelRow m;
        m.label = QString::fromLatin1(label);
        m.modelId = u"deepseek-v4-"_s + m.label;
        m.baseUrl = u"http://127.0.0.1:1"_s;
        run.models.append(m);
    }
    const auto runId = store->createRun(run, &error);
    if (!runId)
        qFatal("%s", qPrintable(error));

    QRandomGenerator rng(2026);
    const qint64 repeats = std::max<qint64>(1, results / 2 / kPrompts);
    QVector<AttemptRow> batch;
    QVector<CheckRow> checks;
    QElapsedTimer timer;
    timer.start();
    qint64 written = 0;
    for (qint64 rep = 0; rep < repeats; ++rep) {
        for (int p = 0; p < kPrompts; ++p) {
            for (int m = 0; m < 2; ++m) {
                const bool pro = m == 1;
                AttemptRow a;
                a.runId = *runId;
                a.runModelId = run.models.at(m).id;
                a.promptId = set.prompts.at(p).dbId;
                a.repeatIndex = int(rep);
                a.startedAt = QDateTime::currentDateTimeUtc();
                const bool retried = rng.bounded(100) < 3;
                if (retried) {
                    AttemptRow first = a;
                    first.outcome.error = ErrorClass::RateLimited;
                    first.httpStatus = 429;
                    first.latencyMs = 20;
                    batch.append(first);
                    a.attemptNo = 2;
                }
                const bool failed = rng.bounded(1000) < 5;
                a.isFinal = true;
                a.latencyMs = (pro ? 500 : 120) * (0.5 + rng.generateDouble()) + (p % kCategories) * 5;
                a.ttftMs = a.latencyMs / 4;
                a.outputTps = pro ? 40 + rng.bounded(20) : 120 + rng.bounded(60);
                if (failed) {
                    a.outcome.error = ErrorClass::ServerError;
                    a.httpStatus = 500;
                } else {
                    a.httpStatus = 200;
                    a.outcome.content = u"answer"_s;
                    a.outcome.finishReason = u"stop"_s;
                    a.outcome.usage.promptTokens = 200;
                    a.outcome.usage.completionTokens = pro ? 400 : 250;
                    a.outcome.usage.cacheHitTokens = 120;
                    a.outcome.usage.cacheMissTokens = 80;
                    a.outcome.usage.reasoningTokens = pro ? 200 : 50;
                    a.costUsd = pro ? 0.0011 : 0.00007;
                }
                batch.append(a);
            }
        }
        if (!store->recordAttempts(batch, &error))
            qFatal("%s", qPrintable(error));
        // A third of the items have assertion checks; pro passes more often.
        for (const AttemptRow& a : std::as_const(batch)) {
            if (!a.isFinal || !a.outcome.ok() || rng.bounded(3) != 0)
                continue;
            CheckRow c;
            c.attemptId = a.id;
            c.passed = rng.bounded(100) < (a.runModelId == run.models.at(1).id ? 85 : 72);
            c.score = c.passed ? 1 : 0;
            AssertionCheckRow ac;
            ac.type = u"contains"_s;
            ac.passed = c.passed;
            ac.score = c.score;
            c.assertions.append(ac);
            checks.append(c);
        }
        if (!store->saveChecks(checks, &error))
            qFatal("%s", qPrintable(error));
        written += 2 * kPrompts;
        batch.clear();
        checks.clear();
    }
    std::printf("generated %lld results in %.1f s (%.0f results/s through Store::recordAttempts)\n",
                static_cast<long long>(written), timer.elapsed() / 1000.0, written / (timer.elapsed() / 1000.0));
    return *runId;
}

} // namespace

int main(int argc, char* argv[])
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // figures appear as they are measured, also into a file
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    qint64 results = 1000000;
    QString keep;
    for (int i = 1; i < args.size(); ++i) {
        if (args.at(i) == u"--keep"_s && i + 1 < args.size())
            keep = args.at(++i);
        else
            results = args.at(i).toLongLong();
    }
    QTemporaryDir tmp;
    qputenv("XDG_CONFIG_HOME", tmp.filePath(u"config"_s).toUtf8()); // never the user's settings
    const QString dir = keep.isEmpty() ? tmp.path() : keep;
    QDir().mkpath(dir);
    const QString path = dir + u"/bench-analytics-%1.db"_s.arg(results);
    if (!QFileInfo::exists(path))
        generate(path, results);
    else
        std::printf("reusing %s\n", qPrintable(path));
    std::printf("database: %.0f MiB\n", QFileInfo(path).size() / 1048576.0);

    QString error;
    auto store = Store::open(path, &error);
    if (!store)
        qFatal("%s", qPrintable(error));
    const qint64 runId = store->runs().value().constFirst().id;
    StatisticsSettings settings;
    settings.scope.runIds = { runId };
    for (int round = 1; round <= 2; ++round) {
        QElapsedTimer t;
        t.start();
        const auto stats = EvalStatistics::compute(*store, settings, &error);
        if (!stats)
            qFatal("%s", qPrintable(error));
        std::printf("EvalStatistics::compute, every category (%s): %lld ms, %lld results of flash\n",
                    round == 1 ? "first" : "again", static_cast<long long>(t.elapsed()),
                    static_cast<long long>(stats->group(u"flash"_s)->counts.items));
    }
    settings.scope.categories = { u"category-03"_s };
    {
        QElapsedTimer t;
        t.start();
        const auto stats = EvalStatistics::compute(*store, settings, &error);
        std::printf("EvalStatistics::compute, one category: %lld ms (%lld results of flash)\n",
                    static_cast<long long>(t.elapsed()),
                    static_cast<long long>(stats ? stats->group(u"flash"_s)->counts.items : -1));
    }

    // The run list every page starts from (counts and cost sums per run): each page read it on the window's thread
    // before the desktop had one Workspace; now it is read once per change, on a worker.
    std::unique_ptr<Workspace> workspace = Workspace::open(path, Store::OpenMode::Read, &error);
    if (!workspace)
        qFatal("%s", qPrintable(error));
    {
        QElapsedTimer t;
        t.start();
        const auto runs = store->runs();
        std::printf("Store::runs (the run list, read once per page before): %lld ms\n",
                    static_cast<long long>(t.elapsed()));
        LagMonitor lag;
        lag.start();
        t.restart();
        workspace->refresh();
        while (workspace->isRefreshing())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        lag.stop();
        std::printf("Workspace::refresh (the lists on a worker): %lld ms; window event loop lateness p95 %.1f ms, "
                    "max %.1f ms\n",
                    static_cast<long long>(t.elapsed()), lag.quantileMs(0.95), lag.maxMs());
    }

    // The real Dashboard page: how late a 10 ms timer on the window's thread fires while it computes and redraws.
    DashboardPage page(*workspace);
    page.resize(1400, 900);
    LagMonitor lag;
    lag.start();
    QElapsedTimer t;
    t.start();
    page.show();
    while (page.isComputing() || !page.statistics())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    const qint64 shown = t.elapsed();
    lag.stop();
    std::printf("Dashboard page: %s\n", qPrintable(page.statusText()));
    std::printf("Dashboard page: figures of %lld results shown after %lld ms; window event loop lateness "
                "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (%lld samples)\n",
                static_cast<long long>(results), static_cast<long long>(shown), lag.quantileMs(0.5),
                lag.quantileMs(0.95), lag.quantileMs(0.99), lag.maxMs(), static_cast<long long>(lag.samples()));
    page.hide();

    // The real Compare page on the same run: its pairs are read on a worker; how late the window runs meanwhile,
    // how long until the first pair shows, and what the pairs take in memory.
    const qint64 rssBefore = residentKiB();
    ComparePage compare(*workspace);
    compare.resize(1400, 900);
    compare.show();
    QCoreApplication::processEvents();
    LagMonitor compareLag;
    compareLag.start();
    QElapsedTimer c;
    c.start();
    compare.openRun(runId);
    while (compare.isLoading())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    const qint64 compareShown = c.elapsed();
    compareLag.stop();
    // The page's workers hand freed memory back (releaseFreeMemory); what is left after another trim is what the
    // pairs hold.
    const qint64 rssRead = residentKiB();
    releaseFreeMemory();
    const qint64 rssHeld = residentKiB();
    std::printf("Compare page (%s): %d pairs shown after %lld ms, resident memory +%lld MiB (+%lld MiB held once the "
                "allocator is asked again); window event loop lateness p50 %.1f ms, p95 %.1f ms, p99 "
                "%.1f ms, max %.1f ms (%lld samples)\n",
                qPrintable(compare.findChild<QLabel*>(u"ratedCount"_s)->text()), compare.visibleCount(),
                static_cast<long long>(compareShown),
                static_cast<long long>((rssRead - rssBefore) / 1024),
                static_cast<long long>((rssHeld - rssBefore) / 1024), compareLag.quantileMs(0.5),
                compareLag.quantileMs(0.95), compareLag.quantileMs(0.99), compareLag.maxMs(),
                static_cast<long long>(compareLag.samples()));
    return 0;
}
