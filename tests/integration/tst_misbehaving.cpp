// tierlens-cli against servers that misbehave in ways tierlens-sim does not: each answer is scripted byte for byte
// (ScriptedServer). A refused key or a wrong model id stops the run at once and says why; answers that are whole
// but unusual (no [DONE], bytes that are not UTF-8, a short body) are kept once, flagged, and billed once; usage
// beyond what a model can produce is kept raw and not billed; answers over the size cap are refused; a key the
// server echoes is stored and printed nowhere.

#include "../support/CliProcess.h"
#include "../support/ScriptedServer.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tierlens::testing;

namespace {

const QByteArray kKey = "sk-tierlens-scripted-0123456789abcdef";

QByteArray completion(const QByteArray& content, const QByteArray& usage)
{
    return R"({"id":"x","object":"chat.completion","model":"deepseek-v4-flash","choices":[{"index":0,"message":)"
           R"({"role":"assistant","content":")"
        + content + R"("},"finish_reason":"stop"}],"usage":)" + usage + "}";
}

QByteArray usage(qint64 prompt, qint64 completion)
{
    return R"({"prompt_tokens":)" + QByteArray::number(prompt) + R"(,"completion_tokens":)"
        + QByteArray::number(completion) + R"(,"total_tokens":)" + QByteArray::number(prompt + completion)
        + R"(,"prompt_cache_hit_tokens":0,"prompt_cache_miss_tokens":)" + QByteArray::number(prompt) + "}";
}

QByteArray chunk(const QByteArray& deltaOrFinish)
{
    return R"({"id":"x","object":"chat.completion.chunk","model":"deepseek-v4-flash","choices":[{"index":0,)"
        + deltaOrFinish + "}]}";
}

QByteArray contentChunk(const QByteArray& text)
{
    return chunk(R"("delta":{"content":")" + text + R"("},"finish_reason":null)");
}

// A whole stream but for [DONE]: role, content pieces, finish_reason, usage.
QList<QByteArray> streamEvents(const QByteArray& content, const QByteArray& usageJson)
{
    return { chunk(R"("delta":{"role":"assistant","content":""},"finish_reason":null)"),
             chunk(R"("delta":{"content":")" + content + R"("},"finish_reason":null)"),
             chunk(R"("delta":{},"finish_reason":"stop")"),
             R"({"id":"x","object":"chat.completion.chunk","model":"deepseek-v4-flash","choices":[],"usage":)"
                 + usageJson + "}" };
}

bool isStream(const ScriptedRequest& r)
{
    return QJsonDocument::fromJson(r.body).object().value(u"stream"_s).toBool();
}

// Whether bytes occur in any file under folder; names the first.
QString fileWith(const QString& folder, const QByteArray& bytes)
{
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(bytes))
            return f.fileName();
    }
    return {};
}

QByteArray promptLines(int n)
{
    QByteArray out;
    for (int i = 0; i < n; ++i)
        out += R"({"id": "q)" + QByteArray::number(i) + R"(", "category": "misc", "prompt": "question )"
            + QByteArray::number(i) + "\"}\n";
    return out;
}

// Error bodies as DeepSeek words them; KEY is replaced with the Authorization header that came in.
QByteArray errorBody(const QByteArray& message, const QByteArray& type)
{
    return R"({"error":{"message":")" + message + R"(","type":")" + type + R"("}})";
}

} // namespace

// moc reads the class body: the JSON literals (raw strings) live in the functions above.
class TestMisbehaving : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_db = 0;

    QString prompts(int n)
    {
        const QString path = m_dir.filePath(u"prompts-%1.jsonl"_s.arg(n));
        QFile f(path);
        if (!f.exists() && f.open(QIODevice::WriteOnly))
            f.write(promptLines(n));
        return path;
    }

    QString newDb() { return m_dir.filePath(u"run-%1/w.db"_s.arg(++m_db)); }

    static QProcessEnvironment withKey()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"DEEPSEEK_API_KEY"_s, QString::fromLatin1(kKey));
        return env;
    }

    CliResult run(const QString& db, const QStringList& models, int n, const QStringList& more = {})
    {
        QStringList args {
            u"run"_s, u"--db"_s, db, u"--prompts"_s, prompts(n), u"--backoff-ms"_s, u"5"_s, u"--quiet"_s
        };
        for (const QString& m : models)
            args << u"--model"_s << m;
        return cli(args + more, withKey());
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // Errors that say the model cannot be used as configured: one request (the first goes alone) for a refused key
    // or an empty account; five for an error every prompt gets (a model id that does not exist). The run says which
    // model, what the server said, and exits 1; nothing of the refused items counts as a result.
    void modelStops_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("requests");
        QTest::addColumn<QString>("said");
        QTest::addColumn<int>("results");
        QTest::newRow("401, the key echoed")
            << 401 << errorBody("Authentication Fails, your api key: KEY is invalid", "authentication_error") << 1
            << u"stopped at the first auth"_s << 0;
        QTest::newRow("402") << 402 << errorBody("Insufficient Balance", "unknown_error") << 1
                             << u"Insufficient Balance"_s << 0;
        QTest::newRow("400, no such model")
            << 400 << errorBody("Model Not Exist", "invalid_request_error") << 5
            << u"5 results in a row failed the same way (bad_request: HTTP 400: Model Not Exist"_s << 5;
        QTest::newRow("422") << 422 << errorBody("Invalid max_tokens", "invalid_request_error") << 5
                             << u"Invalid max_tokens"_s << 5;
    }

    void modelStops()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(int, requests);
        QFETCH(QString, said);
        QFETCH(int, results);
        ScriptedServer server([&](const ScriptedRequest& r) {
            // As some servers do: the key that came in, in the error message.
            QByteArray b = body;
            b.replace("KEY", r.headers.value("authorization"));
            return httpResponse(status, "application/json", b);
        });
        const QString db = newDb();
        const CliResult r = run(db, { u"flash="_s + server.url() + u"#deepseek-v4-flash"_s }, 200);
        QCOMPARE(r.exitCode, 1);
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.contains(u"\"flash\""_s) && err.contains(said), r.err.constData());
        QCOMPARE(server.requests(), requests);
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM attempts"_s), requests);
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM results"_s), results);
        QCOMPARE(rows(db, u"SELECT status FROM runs"_s).value(0).value(0).toString(), u"failed"_s);
        // The echoed key went nowhere: not into the database (its -wal included), not onto the terminal.
        QVERIFY(!r.err.contains(kKey) && !r.out.contains(kKey));
        QCOMPARE(fileWith(QFileInfo(db).absolutePath(), kKey), QString());
        if (status == 401)
            QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM attempts WHERE error_message LIKE '%[key redacted]%'"_s), 1);
    }

    // A second model that answers normally does not keep the run going after the first is refused, and what the
    // good server echoed of the key (into an answer) is masked in the results and their exports.
    void keyEchoedInAnswersIsMasked()
    {
        ScriptedServer good([](const ScriptedRequest& r) {
            const QByteArray auth = r.headers.value("authorization");
            return httpResponse(200, "application/json", completion("I was called with " + auth, usage(10, 5)));
        });
        const QString db = newDb();
        const CliResult r = run(db, { u"pro="_s + good.url() + u"#deepseek-v4-pro"_s }, 6, { u"--no-stream"_s });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM results WHERE status = 'ok'"_s), 6);
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM attempts WHERE content LIKE '%[key redacted]%'"_s), 6);
        for (const QString& format : { u"csv"_s, u"jsonl"_s }) {
            const QString out = m_dir.filePath(u"export.%1"_s.arg(format));
            const CliResult e = cli({ u"export"_s, u"1"_s, u"--db"_s, db, u"--format"_s, format, u"-o"_s, out });
            QVERIFY2(e.exitCode == 0, e.err.constData());
        }
        QCOMPARE(fileWith(m_dir.path(), kKey), QString());
    }

    // Some OpenAI-compatible servers end a stream after its usage without "data: [DONE]". The answer is whole: kept
    // at the first attempt and flagged, not retried four times and counted as an error.
    void streamWithoutDoneIsComplete()
    {
        ScriptedServer server([](const ScriptedRequest&) { return sseResponse(streamEvents("Paris.", usage(12, 3))); });
        const QString db = newDb();
        const QString summary = m_dir.filePath(u"nodone.json"_s);
        const CliResult r
            = run(db, { u"flash="_s + server.url() + u"#deepseek-v4-flash"_s }, 10, { u"--summary"_s, summary });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(server.requests(), 10);
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM attempts"_s), 10);
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM results WHERE status = 'ok'"_s), 10);
        QCOMPARE(scalar(db,
                        u"SELECT COUNT(*) FROM attempts WHERE flags = 'no_done' AND cost_usd > 0 AND "
                        "content = 'Paris.'"_s),
                 10);
        const QJsonObject flash = readJson(summary).value(u"models"_s).toObject().value(u"flash"_s).toObject();
        QCOMPARE(flash.value(u"flagged"_s).toObject().value(u"no_done"_s).toInt(), 10);
    }

    // Bytes that are not UTF-8, streamed or whole: kept with U+FFFD in their place, at the first attempt, usage and
    // all.
    void invalidUtf8IsKeptOnce_data()
    {
        QTest::addColumn<bool>("stream");
        QTest::newRow("streamed") << true;
        QTest::newRow("whole body") << false;
    }

    void invalidUtf8IsKeptOnce()
    {
        QFETCH(bool, stream);
        const QByteArray bad = "caf\xc3 au lait \xff\xfe done";
        ScriptedServer server([&](const ScriptedRequest& r) {
            return isStream(r) ? sseResponse(streamEvents(bad, usage(20, 7)) << "[DONE]")
                               : httpResponse(200, "application/json", completion(bad, usage(20, 7)));
        });
        const QString db = newDb();
        const CliResult r = run(db, { u"flash="_s + server.url() + u"#deepseek-v4-flash"_s }, 5,
                                stream ? QStringList() : QStringList { u"--no-stream"_s });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(server.requests(), 5);
        const QList<QVariantList> got
            = rows(db, u"SELECT content, flags, prompt_tokens, completion_tokens, cost_usd FROM attempts"_s);
        QCOMPARE(got.size(), 5);
        for (const QVariantList& row : got) {
            QVERIFY2(row.at(0).toString().startsWith(u"caf\ufffd au lait \ufffd"_s), qPrintable(row.at(0).toString()));
            QCOMPARE(row.at(1).toString(), u"invalid_utf8"_s);
            QCOMPARE(row.at(2).toLongLong(), 20);
            QCOMPARE(row.at(3).toLongLong(), 7);
            QVERIFY(row.at(4).toDouble() > 0);
        }
    }

    // A whole JSON answer with its usage, but Content-Length promised 100 bytes more and the connection closed:
    // the usage is kept (the provider billed it), once.
    void shortBodyKeepsItsUsage()
    {
        ScriptedServer server([](const ScriptedRequest&) -> QByteArray {
            const QByteArray body = completion("forty-two", usage(30, 4));
            return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + QByteArray::number(body.size() + 100) + "\r\nConnection: close\r\n\r\n" + body;
        });
        const QString db = newDb();
        const CliResult r = run(db, { u"flash="_s + server.url() + u"#deepseek-v4-flash"_s }, 4, { u"--no-stream"_s });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(server.requests(), 4);
        QCOMPARE(scalar(db,
                        u"SELECT COUNT(*) FROM attempts WHERE flags = 'short_body' AND prompt_tokens = 30 AND "
                        "completion_tokens = 4 AND cost_usd > 0 AND content = 'forty-two'"_s),
                 4);
    }

    // Usage no model can produce (DeepSeek V4: 1M context + 384K output) is kept as sent and flagged, and neither
    // billed nor summed: one such attempt used to cost $210 M, and 9e15 tokens overflowed the totals.
    void implausibleUsageIsNotBilled()
    {
        ScriptedServer server([](const ScriptedRequest& r) {
            const qint64 prompt = r.index % 3 == 0 ? 1000000000000000LL : r.index % 3 == 1 ? 9000000000000000LL : 50;
            return httpResponse(200, "application/json", completion("ok", usage(prompt, 5)));
        });
        const QString db = newDb();
        const QString summary = m_dir.filePath(u"absurd.json"_s);
        const CliResult r = run(db, { u"flash="_s + server.url() + u"#deepseek-v4-flash"_s }, 9,
                                { u"--no-stream"_s, u"--summary"_s, summary });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(scalar(db,
                        u"SELECT COUNT(*) FROM attempts WHERE flags = 'implausible_usage' AND cost_usd IS NULL "
                        "AND prompt_tokens IS NULL AND raw_usage LIKE '%\"prompt_tokens\":%000000000000000%'"_s),
                 6);
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM attempts WHERE flags IS NULL AND prompt_tokens = 50"_s), 3);
        const QJsonObject flash = readJson(summary).value(u"models"_s).toObject().value(u"flash"_s).toObject();
        QCOMPARE(flash.value(u"prompt_tokens"_s).toInteger(), 150);
        QVERIFY(flash.value(u"cost_usd"_s).toDouble() < 0.001);
        QCOMPARE(flash.value(u"flagged"_s).toObject().value(u"implausible_usage"_s).toInt(), 6);
        for (const QString& format : { u"text"_s, u"html"_s }) {
            const CliResult rep = cli({ u"report"_s, u"1"_s, u"--db"_s, db, u"--format"_s, format });
            QVERIFY2(rep.exitCode == 0, rep.err.constData());
            // The charts' PNG data is base64, where "e+15" can occur by chance: only the page's text counts.
            const QString text = QString::fromUtf8(rep.out).remove(QRegularExpression(u"base64,[A-Za-z0-9+/=]+"_s));
            QVERIFY2(!text.contains(u"-446"_s) && !text.contains(u"e+15"_s) && !text.contains(u"210,000,000"_s),
                     qPrintable(text.left(2000)));
        }
        const CliResult listed = cli({ u"runs"_s, u"--db"_s, db });
        QVERIFY2(listed.exitCode == 0 && listed.out.contains("completed"), listed.err.constData());
    }

    // One cap on an answer's size, streamed or not: such an answer is an error of its own class, at its first
    // attempt (another would be as large), and nothing of it is stored.
    void oversizedAnswersAreRefused_data()
    {
        QTest::addColumn<bool>("stream");
        QTest::newRow("streamed") << true;
        QTest::newRow("whole body") << false;
    }

    void oversizedAnswersAreRefused()
    {
        QFETCH(bool, stream);
        const QByteArray big(1024 * 1024, 'x');
        ScriptedServer server([&](const ScriptedRequest& r) -> QByteArray {
            if (r.index % 2 == 1)
                return isStream(r) ? sseResponse(streamEvents("small", usage(5, 1)) << "[DONE]")
                                   : httpResponse(200, "application/json", completion("small", usage(5, 1)));
            if (!isStream(r))
                return httpResponse(200, "application/json",
                                    completion(QByteArray(70 * 1024 * 1024, 'y'), usage(5, 1)));
            QList<QByteArray> events;
            for (int i = 0; i < 70; ++i)
                events.append(contentChunk(big));
            return sseResponse(events << "[DONE]");
        });
        const QString db = newDb();
        const CliResult r = run(db, { u"flash="_s + server.url() + u"#deepseek-v4-flash"_s }, 4,
                                stream ? QStringList() : QStringList { u"--no-stream"_s });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(server.requests(), 4);
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM results WHERE error_class = 'too_large'"_s), 2);
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM results WHERE status = 'ok'"_s), 2);
        QVERIFY(scalar(db, u"SELECT MAX(LENGTH(COALESCE(content, ''))) FROM attempts"_s) < 100);
        QVERIFY2(rows(db, u"SELECT error_message FROM attempts WHERE error_class = 'too_large'"_s)
                     .value(0)
                     .value(0)
                     .toString()
                     .contains(u"64 MiB"_s),
                 "the error names the cap");
    }
};

QTEST_GUILESS_MAIN(TestMisbehaving)
#include "tst_misbehaving.moc"
