#pragma once
// A real store (a temporary SQLite file, or a fresh PostgreSQL database in the *_pg variants) holding two hand-made
// runs whose every figure the report tests work out by hand.

#include "../../support/TestDatabases.h"
#include "store/Store.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>

namespace tierlens::test {

inline bool near(double a, double b)
{
    return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b));
}

// Content that needs every CSV escape: a comma, doubled quotes, CRLF and LF.
inline QString trickyContent()
{
    return QStringLiteral("He said \"hi\", then\r\nleft\nfor good");
}

struct ReportFixture
{
    TestDatabases dbs;
    std::unique_ptr<Store> store;
    PromptSet set;
    RunRow run; // run "main": flash and the second label, every case below
    RunRow bare; // run "bare": nothing reported usage, the second model has no ok item

    // Prompts: p1 coding, p2 coding, p3 extraction.
    bool init(const QString& secondLabel = QStringLiteral("pro"))
    {
        QString error;
        store = Store::open(dbs.newLocation(QStringLiteral("runs")), &error);
        if (!store) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        set.name = QStringLiteral("report-sample");
        set.sourcePath = QStringLiteral("/data/report.jsonl");
        set.sourceSha256 = QStringLiteral("feed");
        const char* const categories[] = { "coding", "coding", "extraction" };
        for (int i = 0; i < 3; ++i) {
            Prompt p;
            p.id = QStringLiteral("p%1").arg(i + 1);
            p.category = QString::fromLatin1(categories[i]);
            p.messages = QJsonArray { QJsonObject { { QStringLiteral("role"), QStringLiteral("user") },
                                                    { QStringLiteral("content"), QStringLiteral("q%1").arg(i) } } };
            set.prompts.append(p);
        }
        if (!store->savePromptSet(set, &error)) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        run = makeRun(secondLabel, QDateTime(QDate(2026, 6, 1), QTime(10, 0, 0, 123), Qt::UTC));
        bare = makeRun(secondLabel, QDateTime(QDate(2026, 6, 2), QTime(8, 0), Qt::UTC));
        if (!store->createRun(run, &error) || !store->createRun(bare, &error)) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        QVector<AttemptRow> batch = mainAttempts();
        QVector<AttemptRow> bareBatch = bareAttempts();
        if (!store->recordAttempts(batch, &error) || !store->recordAttempts(bareBatch, &error)
            || !store->setRunLag(run.id, 7.5, 12.0, true, &error)
            || !store->finishRun(run.id, QStringLiteral("completed"),
                                 QDateTime(QDate(2026, 6, 1), QTime(10, 5, 0), Qt::UTC), &error)) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        return true;
    }

    RunRow makeRun(const QString& secondLabel, const QDateTime& createdAt) const
    {
        RunRow r;
        r.promptSetId = set.dbId;
        r.createdAt = createdAt;
        r.maxAttempts = 3;
        r.priceBookVersion = QStringLiteral("deepseek-2026-06");
        r.priceBookJson = "{\"models\":[]}";
        r.toolVersion = QStringLiteral("0.1.0");
        for (const QString& label : { QStringLiteral("flash"), secondLabel }) {
            RunModelRow m;
            m.label = label;
            m.provider = QStringLiteral("deepseek");
            m.baseUrl = QStringLiteral("https://api.deepseek.com");
            m.modelId = label == QStringLiteral("flash") ? QStringLiteral("deepseek-v4-flash")
                                                         : QStringLiteral("deepseek-v4-pro");
            m.apiKeyEnv = QStringLiteral("DEEPSEEK_API_KEY");
            r.models.append(m);
        }
        return r;
    }

    static AttemptRow attempt(const RunRow& r, int model, const Prompt& p, int attemptNo, double latencyMs,
                              bool isFinal)
    {
        AttemptRow a;
        a.runId = r.id;
        a.runModelId = r.models.at(model).id;
        a.promptId = p.dbId;
        a.attemptNo = attemptNo;
        a.startedAt = r.createdAt.addSecs(60 * attemptNo);
        a.latencyMs = latencyMs;
        a.httpStatus = 200;
        a.outcome.content = QStringLiteral("answer");
        a.outcome.finishReason = QStringLiteral("stop");
        a.isFinal = isFinal;
        return a;
    }

    static void usage(AttemptRow& a, qint64 prompt, qint64 completion, double cost)
    {
        a.outcome.usage.promptTokens = prompt;
        a.outcome.usage.completionTokens = completion;
        a.outcome.usage.totalTokens = prompt + completion;
        a.costUsd = cost;
    }

    static void fail(AttemptRow& a, ErrorClass c, int status, const QString& message)
    {
        a.outcome = ChatOutcome();
        a.outcome.error = c;
        a.outcome.errorMessage = message;
        a.httpStatus = status;
    }

    QVector<AttemptRow> mainAttempts() const
    {
        const Prompt& p1 = set.prompts.at(0);
        const Prompt& p2 = set.prompts.at(1);
        const Prompt& p3 = set.prompts.at(2);
        QVector<AttemptRow> b;

        // flash p1: ok at once, streamed, full DeepSeek usage, content that needs escaping and a tool call.
        AttemptRow a = attempt(run, 0, p1, 1, 100, true);
        a.ttftMs = 40;
        a.ttfatMs = 50;
        a.queueWaitMs = 2.5;
        a.outputTps = 50;
        usage(a, 100, 20, 0.001);
        a.outcome.usage.cacheHitTokens = 60;
        a.outcome.usage.cacheMissTokens = 40;
        a.outcome.usage.reasoningTokens = 5;
        a.outcome.content = trickyContent();
        a.outcome.reasoning = QStringLiteral("think, then \"answer\"");
        a.outcome.finishReason = QStringLiteral("tool_calls");
        a.outcome.toolCalls.append(ToolCall { QStringLiteral("call_1"), QStringLiteral("function"),
                                              QStringLiteral("lookup"), QStringLiteral("{\"q\": \"a,b\"}") });
        b.append(a);

        // flash p2: rate limited without usage, then ok.
        a = attempt(run, 0, p2, 1, 10, false);
        fail(a, ErrorClass::RateLimited, 429, QStringLiteral("slow down"));
        b.append(a);
        a = attempt(run, 0, p2, 2, 200, true);
        a.ttftMs = 80;
        a.ttfatMs = 90;
        a.outputTps = 30;
        usage(a, 200, 30, 0.002);
        a.outcome.usage.cacheHitTokens = 0;
        a.outcome.usage.cacheMissTokens = 200;
        a.outcome.usage.reasoningTokens = 10;
        b.append(a);

        // flash p3: ok, not streamed (no ttft), and the server sent no usage at all.
        a = attempt(run, 0, p3, 1, 300, true);
        a.outputTps = 25;
        b.append(a);

        // second model p1: a 500 then a final 503, neither with usage.
        a = attempt(run, 1, p1, 1, 50, false);
        fail(a, ErrorClass::ServerError, 500, QStringLiteral("internal"));
        b.append(a);
        a = attempt(run, 1, p1, 2, 60, true);
        fail(a, ErrorClass::Overloaded, 503, QStringLiteral("overloaded, try \"later\""));
        b.append(a);

        // second model p2, p3: ok with only the OpenAI subset of usage (no cache or reasoning counts).
        a = attempt(run, 1, p2, 1, 400, true);
        a.ttftMs = 150;
        a.outputTps = 20;
        usage(a, 200, 100, 0.0005);
        b.append(a);
        a = attempt(run, 1, p3, 1, 500, true);
        a.ttftMs = 250;
        a.outputTps = 10;
        usage(a, 50, 10, 0.0001);
        b.append(a);
        return b;
    }

    QVector<AttemptRow> bareAttempts() const
    {
        QVector<AttemptRow> b;
        b.append(attempt(bare, 0, set.prompts.at(0), 1, 700, true));
        AttemptRow a = attempt(bare, 1, set.prompts.at(0), 1, 30000, true);
        fail(a, ErrorClass::Timeout, 0, QStringLiteral("no answer within 30 s"));
        b.append(a);
        return b;
    }
};

} // namespace tierlens::test
