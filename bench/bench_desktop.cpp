// Does the desktop stay responsive with thousands of requests in flight? The real Run page (offscreen) starts a
// run of 2500 streamed requests at a 2500 cap against tierlens-sim, and a 10 ms timer on the window's thread
// measures how late it fires: the delay a person would feel on a click or a repaint. Prints figures; never
// fails on timing.

#include "../tests/support/SimProcess.h"

#include "run/RunPage.h"
#include "store/Store.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace tierlens;

namespace {

double at(std::vector<double> v, double q)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[size_t(q * double(v.size() - 1))];
}

} // namespace

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    constexpr int kRequests = 2500;
    QTemporaryDir dir;
    qputenv("XDG_CONFIG_HOME", dir.filePath(u"config"_s).toUtf8()); // never the user's settings

    // 2 s to the first token, then a slow stream: every request stays open for seconds, all at once.
    const QString profiles = dir.filePath(u"profiles.json"_s);
    QFile f(profiles);
    f.open(QIODevice::WriteOnly);
    f.write(QJsonDocument(QJsonObject { { u"*"_s,
                                          QJsonObject { { u"ttft_ms"_s, 2000 },
                                                        { u"tokens_per_second"_s, 60 },
                                                        { u"verbosity"_s, 0.3 },
                                                        { u"concurrency_limit"_s, 100000 } } } })
                .toJson());
    f.close();
    testing::SimProcess sim(QStringLiteral(TIERLENS_BIN_DIR));
    if (const QString e = sim.start({ u"--profiles"_s, profiles }); !e.isEmpty())
        return std::fprintf(stderr, "%s\n", qPrintable(e)), 1;

    const QString dbPath = dir.filePath(u"bench.db"_s);
    QString error;
    auto store = Store::open(dbPath, &error);
    if (!store)
        return std::fprintf(stderr, "%s\n", qPrintable(error)), 1;
    PromptSet set;
    set.name = u"desktop-bench"_s;
    set.sourceSha256 = set.name;
    for (int i = 0; i < kRequests; ++i) {
        Prompt p;
        p.id = QString::number(i);
        p.category = u"general"_s;
        p.messages = QJsonArray { QJsonObject { { u"role"_s, u"user"_s },
                                                { u"content"_s, u"Say hello, number %1."_s.arg(i) } } };
        set.prompts.append(p);
    }
    if (!store->savePromptSet(set, &error))
        return std::fprintf(stderr, "%s\n", qPrintable(error)), 1;

    RunPage page(*store, dbPath);
    page.resize(1400, 900);
    page.show();
    page.reloadPromptSets();
    page.selectPromptSet(set.dbId);
    ModelConfig flash;
    flash.label = u"flash"_s;
    flash.baseUrl = sim.url();
    flash.modelId = u"deepseek-v4-flash"_s;
    flash.concurrency = kRequests;
    flash.options.thinking = false;
    page.setModelRow(0, flash);
    page.removeModel(1);

    std::vector<double> lateness;
    QElapsedTimer clock;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    qint64 last = 0;
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (last > 0)
            lateness.push_back(std::max(0.0, double(now - last) / 1e6 - 10.0));
        last = now;
    });
    QString status;
    QObject::connect(&page, &RunPage::runFinished, &app, [&](qint64, const QString& s, const QString& message) {
        status = message.isEmpty() ? s : s + u": "_s + message;
        app.quit();
    });
    clock.start();
    probe.start(10);
    if (!page.startNewRun(&error))
        return std::fprintf(stderr, "%s\n", qPrintable(error)), 1;
    app.exec();
    const double wallS = double(clock.nsecsElapsed()) / 1e9;
    const qint64 serverMax = sim.stats()
                                 .value(u"models"_s)
                                 .toObject()
                                 .value(u"deepseek-v4-flash"_s)
                                 .toObject()
                                 .value(u"max_in_flight"_s)
                                 .toInteger();
    std::printf("desktop with %d streamed requests in flight (server saw %lld at once), run %s in %.1f s: the window's "
                "event loop was late by p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.1f ms over %zu 10 ms ticks "
                "(target: p95 < 16 ms, one frame)\n",
                kRequests, serverMax, qPrintable(status), wallS, at(lateness, 0.5), at(lateness, 0.95),
                at(lateness, 0.99), lateness.empty() ? 0.0 : *std::max_element(lateness.begin(), lateness.end()),
                lateness.size());
    return 0;
}
