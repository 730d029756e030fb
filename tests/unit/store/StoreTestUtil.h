#pragma once
// Fixtures shared by the store tests: a raw connection that cleans up after itself, and sample rows.

#include "../../support/TestDatabases.h"
#include "store/SqlDialect.h"
#include "store/Store.h"

#include <QCryptographicHash>
#include <QFile>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

namespace tierlens::test {

// A QSqlDatabase connection of its own to a store location (file or PostgreSQL URL), removed when it goes out of
// scope.
class RawConnection
{
public:
    explicit RawConnection(const QString& location)
        : m_name(QStringLiteral("raw-%1").arg(++counter()))
        , m_postgres(location.startsWith(QStringLiteral("postgresql://")))
    {
        m_db = TestDatabases::openUrl(location, m_name);
    }
    ~RawConnection()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase& db() { return m_db; }
    bool isPostgres() const { return m_postgres; }
    QVariant scalar(const QString& sql)
    {
        QSqlQuery q(m_db);
        if (!q.exec(sql) || !q.next())
            return QVariant();
        return q.value(0);
    }
    bool exec(const QString& sql)
    {
        QSqlQuery q(m_db);
        return q.exec(sql);
    }
    // What SQLite keeps in PRAGMA user_version and PostgreSQL in the tierlens_schema table.
    int schemaVersion()
    {
        return scalar(m_postgres ? QStringLiteral("SELECT version FROM tierlens_schema")
                                 : QStringLiteral("PRAGMA user_version"))
            .toInt();
    }
    bool setSchemaVersion(int v)
    {
        return exec(m_postgres ? QStringLiteral("UPDATE tierlens_schema SET version = %1").arg(v)
                               : QStringLiteral("PRAGMA user_version = %1").arg(v));
    }
    QStringList tables()
    {
        QSqlQuery q(m_db);
        q.exec(m_postgres ? QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                                           "current_schema() AND table_type = 'BASE TABLE'")
                          : QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'"));
        QStringList out;
        while (q.next())
            out.append(q.value(0).toString());
        return out;
    }
    // The store's own indexes (idx_...), with the table each is on.
    QHash<QString, QString> indexes()
    {
        QSqlQuery q(m_db);
        q.exec(m_postgres ? QStringLiteral("SELECT indexname, tablename FROM pg_indexes WHERE schemaname = "
                                           "current_schema() AND indexname LIKE 'idx_%'")
                          : QStringLiteral("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND name "
                                           "LIKE 'idx_%'"));
        QHash<QString, QString> out;
        while (q.next())
            out.insert(q.value(0).toString(), q.value(1).toString());
        return out;
    }

private:
    static int& counter()
    {
        static int c = 0;
        return c;
    }
    QString m_name;
    bool m_postgres = false;
    QSqlDatabase m_db;
};

inline QByteArray fileHash(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QByteArray();
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

inline PromptSet samplePromptSet(const QString& name = QStringLiteral("sample"),
                                 const QString& sha = QStringLiteral("abc123"))
{
    PromptSet set;
    set.name = name;
    set.sourcePath = QStringLiteral("/data/sample.jsonl");
    set.sourceSha256 = sha;
    const char* const categories[] = { "coding", "coding", "extraction" };
    for (int i = 0; i < 3; ++i) {
        Prompt p;
        p.id = QStringLiteral("p%1").arg(i + 1);
        p.category = QString::fromLatin1(categories[i]);
        p.system = i == 0 ? QStringLiteral("You are terse.") : QString();
        p.messages
            = QJsonArray { QJsonObject { { QStringLiteral("role"), QStringLiteral("user") },
                                         { QStringLiteral("content"), QStringLiteral("question %1").arg(i + 1) } } };
        if (i == 2)
            p.options = QJsonObject { { QStringLiteral("response_format"),
                                        QJsonObject { { QStringLiteral("type"), QStringLiteral("json_object") } } } };
        p.expected = i == 1 ? QStringLiteral("42") : QString();
        set.prompts.append(p);
    }
    return set;
}

inline RunRow sampleRun(qint64 promptSetId)
{
    RunRow run;
    run.promptSetId = promptSetId;
    run.createdAt = QDateTime(QDate(2026, 6, 1), QTime(10, 0, 0, 123), Qt::UTC);
    run.repeatCount = 2;
    run.maxAttempts = 3;
    run.config = QJsonObject { { QStringLiteral("concurrency"), 4 }, { QStringLiteral("timeoutMs"), 60000 } };
    run.priceBookVersion = QStringLiteral("deepseek-2026-06");
    run.priceBookJson = "{\"models\":[]}";
    run.toolVersion = QStringLiteral("0.1.0");
    for (const char* label : { "flash", "pro" }) {
        RunModelRow m;
        m.label = QString::fromLatin1(label);
        m.provider = QStringLiteral("deepseek");
        m.baseUrl = QStringLiteral("https://api.deepseek.com");
        m.modelId = QStringLiteral("deepseek-v4-") + m.label;
        m.apiKeyEnv = QStringLiteral("DEEPSEEK_API_KEY");
        m.concurrency = 4;
        m.options = QJsonObject { { QStringLiteral("thinking"),
                                    QJsonObject { { QStringLiteral("type"), QStringLiteral("disabled") } } } };
        run.models.append(m);
    }
    return run;
}

inline AttemptRow makeAttempt(const RunRow& run, int model, qint64 promptId, int repeat, int attemptNo,
                              double latencyMs, bool isFinal)
{
    AttemptRow a;
    a.runId = run.id;
    a.runModelId = run.models.at(model).id;
    a.promptId = promptId;
    a.repeatIndex = repeat;
    a.attemptNo = attemptNo;
    a.startedAt = QDateTime(QDate(2026, 6, 1), QTime(10, 1, 0), Qt::UTC).addSecs(attemptNo);
    a.latencyMs = latencyMs;
    a.httpStatus = 200;
    a.outcome.content = QStringLiteral("answer");
    a.outcome.finishReason = QStringLiteral("stop");
    a.isFinal = isFinal;
    return a;
}

} // namespace tierlens::test
