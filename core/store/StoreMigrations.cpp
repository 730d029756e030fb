#include "StoreMigrations.h"

#include "SqlDialect.h"
#include "SqlUtil.h"
#include "StoreSchema.h"

#include <QScopeGuard>
#include <QSqlQuery>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

using db::Name;

QString createTable(Name table, const QStringList& definitions)
{
    return u"CREATE TABLE "_s + table + u" (\n    "_s + definitions.join(u",\n    "_s) + u"\n)"_s;
}

QString column(Name name, const QString& typeAndConstraints)
{
    return name + u' ' + typeAndConstraints;
}

QString references(Name table, QLatin1StringView onDelete = {})
{
    QString s = u" REFERENCES "_s + table + u'(' + db::id + u')';
    if (!onDelete.isEmpty())
        s += u" ON DELETE "_s + onDelete;
    return s;
}

QString unique(std::initializer_list<Name> columns)
{
    return u"UNIQUE ("_s + columnList(columns) + u')';
}

QString createIndex(Name name, Name table, std::initializer_list<Name> columns)
{
    return u"CREATE INDEX "_s + name + u" ON "_s + table + u" ("_s + columnList(columns) + u')';
}

bool execAll(QSqlDatabase& database, const QStringList& statements, QString* error)
{
    for (const QString& sql : statements) {
        QSqlQuery q(database);
        if (!q.exec(sql)) {
            setError(error, sqlErrorText(q.lastError()));
            return false;
        }
    }
    return true;
}

constexpr QLatin1StringView kCascade { "CASCADE" };

} // namespace

bool StoreMigrations::migrate(QSqlDatabase& database, const SqlDialect& dialect, int targetVersion, QString* error)
{
    QString why;
    std::optional<int> version = dialect.schemaVersion(database, &why);
    if (!version) {
        setError(error, tr("reading the schema version: %1").arg(why));
        return false;
    }
    if (*version > latestVersion) {
        setError(error,
                 tr("the database has schema version %1, newer than this build knows (%2); use a newer Tierlens")
                     .arg(*version)
                     .arg(latestVersion));
        return false;
    }
    targetVersion = qMin(targetVersion, latestVersion);
    if (*version >= targetVersion)
        return true;

    // Two processes opening a new workspace at once: the second waits here for the first's migration, then reads
    // the version that one reached and has nothing left to do. The version is read again once the lock is held
    // (SQLite: inside a transaction that holds the write lock from its start; PostgreSQL: after an advisory lock).
    if (!dialect.lockSchema(database, &why)) {
        setError(error, tr("starting the migration: %1").arg(why));
        return false;
    }
    const auto unlock = qScopeGuard([&] { dialect.unlockSchema(database); });
    if (!dialect.beginMigration(database, &why)) {
        setError(error, tr("starting the migration: %1").arg(why));
        return false;
    }
    version = dialect.schemaVersion(database, &why);
    if (!version || *version >= targetVersion) {
        database.rollback();
        if (!version)
            setError(error, tr("reading the schema version: %1").arg(why));
        return version.has_value();
    }
    // Each step leaves the version it reached, so a later build continues from there.
    using Step = bool (*)(QSqlDatabase&, const SqlDialect&, QString*);
    const Step steps[]
        = { &StoreMigrations::createVersion1, &StoreMigrations::createVersion2, &StoreMigrations::createVersion3,
            &StoreMigrations::createVersion4, &StoreMigrations::createVersion5, &StoreMigrations::createVersion6,
            &StoreMigrations::createVersion7 };
    for (int next = *version + 1; next <= targetVersion; ++next) {
        if (!steps[next - 1](database, dialect, &why) || !execAll(database, dialect.migrationExtras(next), &why)
            || !dialect.setSchemaVersion(database, next, &why)) {
            database.rollback();
            setError(error, tr("migrating to schema version %1: %2").arg(next).arg(why));
            return false;
        }
    }
    if (!database.commit()) {
        const QString commitError = sqlErrorText(database.lastError());
        database.rollback();
        setError(error, tr("committing the migration: %1").arg(commitError));
        return false;
    }
    return true;
}

bool StoreMigrations::createVersion1(QSqlDatabase& database, const SqlDialect& d, QString* error)
{
    const QString pk = d.primaryKeyColumn();
    const QString integer = d.integerType();
    const QString real = d.realType();
    const QString text = d.textColumnType();
    const QString notNull = u" NOT NULL"_s;
    namespace S = db::promptSets;
    namespace P = db::prompts;
    namespace R = db::runs;
    namespace M = db::runModels;
    namespace A = db::attempts;
    namespace Res = db::results;

    const QStringList statements = {
        createTable(S::table,
                    { column(db::id, pk), column(S::name, text + notNull), column(S::sourcePath, text),
                      column(S::sourceSha256, text), column(S::createdAt, text + notNull) }),
        createTable(P::table,
                    { column(db::id, pk), column(P::promptSetId, integer + notNull + references(S::table, kCascade)),
                      column(P::ordinal, integer + notNull), column(P::extId, text + notNull),
                      column(P::category, text + notNull), column(P::systemPrompt, text), column(P::messagesJson, text),
                      column(P::optionsJson, text), column(P::expected, text), column(P::metadataJson, text),
                      unique({ P::promptSetId, P::extId }) }),
        createTable(R::table,
                    { column(db::id, pk), column(R::promptSetId, integer + notNull + references(S::table)),
                      column(R::createdAt, text + notNull), column(R::finishedAt, text),
                      column(R::status,
                             text + notNull + u" CHECK ("_s + R::status
                                 + u" IN ('running', 'completed', 'cancelled', 'failed'))"_s),
                      column(R::repeatCount, integer + notNull), column(R::maxAttempts, integer + notNull),
                      column(R::configJson, text), column(R::priceBookVersion, text), column(R::priceBookJson, text),
                      column(R::clientLagP95Ms, real), column(R::clientLagMaxMs, real),
                      column(R::clientLagFlagged, integer + notNull + u" DEFAULT 0"_s), column(R::toolVersion, text) }),
        createTable(M::table,
                    { column(db::id, pk), column(M::runId, integer + notNull + references(R::table, kCascade)),
                      column(M::label, text + notNull), column(M::provider, text), column(M::baseUrl, text),
                      column(M::modelId, text + notNull), column(M::apiKeyEnv, text),
                      column(M::concurrency, integer + notNull), column(M::optionsJson, text),
                      unique({ M::runId, M::label }) }),
        createTable(A::table,
                    { column(db::id, pk),
                      column(A::runId, integer + notNull + references(R::table, kCascade)),
                      column(A::runModelId, integer + notNull + references(M::table, kCascade)),
                      column(A::promptId, integer + notNull + references(P::table)),
                      column(A::repeatIndex, integer + notNull),
                      column(A::attemptNo, integer + notNull),
                      column(A::startedAt, text + notNull),
                      column(A::queueWaitMs, real),
                      column(A::headersMs, real),
                      column(A::ttftMs, real),
                      column(A::ttfatMs, real),
                      column(A::latencyMs, real + notNull),
                      column(A::outputTps, real),
                      column(A::httpStatus, integer + notNull),
                      column(A::finishReason, text),
                      column(A::errorClass, text + notNull),
                      column(A::errorMessage, text),
                      column(A::retryAfterMs, integer),
                      column(A::content, text),
                      column(A::reasoning, text),
                      column(A::toolCallsJson, text),
                      column(A::promptTokens, integer),
                      column(A::completionTokens, integer),
                      column(A::totalTokens, integer),
                      column(A::cacheHitTokens, integer),
                      column(A::cacheMissTokens, integer),
                      column(A::reasoningTokens, integer),
                      column(A::costUsd, real),
                      unique({ A::runModelId, A::promptId, A::repeatIndex, A::attemptNo }) }),
        createTable(Res::table,
                    { column(db::id, pk), column(Res::runId, integer + notNull + references(R::table, kCascade)),
                      column(Res::runModelId, integer + notNull + references(M::table, kCascade)),
                      column(Res::promptId, integer + notNull + references(P::table)),
                      column(Res::repeatIndex, integer + notNull),
                      column(Res::finalAttemptId, integer + notNull + references(A::table, kCascade)),
                      column(Res::attemptCount, integer + notNull),
                      column(Res::status, text + notNull + u" CHECK ("_s + Res::status + u" IN ('ok', 'error'))"_s),
                      column(Res::errorClass, text + notNull), column(Res::costUsd, real),
                      column(Res::completedAt, text + notNull),
                      unique({ Res::runModelId, Res::promptId, Res::repeatIndex }) }),
    };
    return execAll(database, statements, error);
}

bool StoreMigrations::createVersion2(QSqlDatabase& database, const SqlDialect& d, QString* error)
{
    const QString pk = d.primaryKeyColumn();
    const QString integer = d.integerType();
    const QString text = d.textColumnType();
    const QString notNull = u" NOT NULL"_s;
    namespace Rt = db::ratings;
    namespace A = db::attempts;
    namespace Res = db::results;
    namespace R = db::runs;

    const QStringList statements = {
        createTable(
            Rt::table,
            { column(db::id, pk), column(Rt::resultId, integer + notNull + references(Res::table, kCascade)),
              column(Rt::rater, text), column(Rt::ratedAt, text + notNull),
              column(Rt::passed, integer + u" CHECK ("_s + Rt::passed + u" IN (0, 1))"_s),
              column(Rt::score, integer + u" CHECK ("_s + Rt::score + u" BETWEEN 1 AND 5)"_s),
              column(Rt::preference, text + u" CHECK ("_s + Rt::preference + u" IN ('left', 'right', 'tie'))"_s),
              column(Rt::comparedResultId, integer + references(Res::table, QLatin1StringView("SET NULL"))),
              column(Rt::blind, integer + notNull + u" DEFAULT 0 CHECK ("_s + Rt::blind + u" IN (0, 1))"_s),
              column(Rt::note, text) }),
        // What the reports filter and join on; the UNIQUE constraints already cover item lookups.
        createIndex(Name("idx_attempts_run"), A::table, { A::runId, A::runModelId }),
        createIndex(Name("idx_attempts_prompt"), A::table, { A::promptId }),
        createIndex(Name("idx_results_run"), Res::table, { Res::runId, Res::runModelId, Res::status }),
        createIndex(Name("idx_results_final_attempt"), Res::table, { Res::finalAttemptId }),
        createIndex(Name("idx_results_prompt"), Res::table, { Res::promptId }),
        createIndex(Name("idx_runs_created"), R::table, { R::createdAt }),
        createIndex(Name("idx_ratings_result"), Rt::table, { Rt::resultId }),
        createIndex(Name("idx_ratings_compared"), Rt::table, { Rt::comparedResultId }),
    };
    return execAll(database, statements, error);
}

bool StoreMigrations::createVersion3(QSqlDatabase& database, const SqlDialect& d, QString* error)
{
    const QString pk = d.primaryKeyColumn();
    const QString integer = d.integerType();
    const QString real = d.realType();
    const QString text = d.textColumnType();
    const QString notNull = u" NOT NULL"_s;
    namespace S = db::promptSets;
    namespace R = db::runs;
    namespace P = db::prompts;
    namespace A = db::attempts;
    namespace C = db::resultChecks;
    namespace AC = db::assertionChecks;
    namespace J = db::judgeVerdicts;

    const QStringList statements = {
        u"ALTER TABLE "_s + S::table + u" ADD COLUMN "_s + column(S::defaultsJson, text),
        u"ALTER TABLE "_s + R::table + u" ADD COLUMN "_s
            + column(R::kind,
                     text + notNull + u" DEFAULT 'shadow' CHECK ("_s + R::kind + u" IN ('shadow', 'judge'))"_s),
        u"ALTER TABLE "_s + R::table + u" ADD COLUMN "_s
            + column(R::parentRunId, integer + references(R::table, kCascade)),
        createTable(C::table,
                    { column(db::id, pk),
                      column(C::attemptId, integer + notNull + u" UNIQUE"_s + references(A::table, kCascade)),
                      column(C::passed, integer + notNull), column(C::score, real + notNull),
                      column(C::pendingCount, integer + notNull), column(C::checkedAt, text + notNull) }),
        createTable(AC::table,
                    { column(db::id, pk), column(AC::resultCheckId, integer + notNull + references(C::table, kCascade)),
                      column(AC::assertionIndex, integer + notNull), column(AC::type, text + notNull),
                      column(AC::weight, real + notNull), column(AC::passed, integer),
                      column(AC::score, real + notNull), column(AC::reason, text),
                      unique({ AC::resultCheckId, AC::assertionIndex }) }),
        createTable(J::table,
                    { column(db::id, pk), column(J::runId, integer + notNull + references(R::table, kCascade)),
                      column(J::judgeRunId, integer + notNull + references(R::table, kCascade)),
                      column(J::kind, text + notNull + u" CHECK ("_s + J::kind + u" IN ('pairwise', 'rubric'))"_s),
                      column(J::promptId, integer + notNull + references(P::table)),
                      column(J::repeatIndex, integer + notNull),
                      column(J::firstAttemptId, integer + notNull + references(A::table, kCascade)),
                      column(J::secondAttemptId, integer + references(A::table, kCascade)), column(J::outcome, text),
                      column(J::score, integer), column(J::assertionIndex, integer), column(J::reason, text),
                      column(J::createdAt, text + notNull) }),
        createIndex(Name("idx_judge_verdicts_run"), J::table, { J::runId }),
    };
    return execAll(database, statements, error);
}

bool StoreMigrations::createVersion4(QSqlDatabase& database, const SqlDialect&, QString* error)
{
    namespace J = db::judgeVerdicts;
    // The judge's rubric score of a result is looked up by the result's final attempt.
    return execAll(database, { createIndex(Name("idx_judge_verdicts_first_attempt"), J::table, { J::firstAttemptId }) },
                   error);
}

bool StoreMigrations::createVersion5(QSqlDatabase& database, const SqlDialect& d, QString* error)
{
    const QString text = d.textColumnType();
    namespace A = db::attempts;
    namespace R = db::runs;
    return execAll(database,
                   { u"ALTER TABLE "_s + A::table + u" ADD COLUMN "_s + column(A::flags, text),
                     u"ALTER TABLE "_s + A::table + u" ADD COLUMN "_s + column(A::rawUsage, text),
                     u"ALTER TABLE "_s + R::table + u" ADD COLUMN "_s + column(R::leaseOwner, text),
                     u"ALTER TABLE "_s + R::table + u" ADD COLUMN "_s + column(R::leaseHeartbeatAt, text) },
                   error);
}

bool StoreMigrations::createVersion6(QSqlDatabase& database, const SqlDialect& d, QString* error)
{
    namespace A = db::attempts;
    // Conversations: each turn an item sends is an attempt of the item; every attempt before was turn 0.
    return execAll(database,
                   { u"ALTER TABLE "_s + A::table + u" ADD COLUMN "_s
                     + column(A::turnIndex, d.integerType() + u" NOT NULL DEFAULT 0"_s) },
                   error);
}

bool StoreMigrations::createVersion7(QSqlDatabase& database, const SqlDialect& d, QString* error)
{
    namespace R = db::runs;
    // Live shadow runs (tierlens-cli shadow): a run of kind shadow whose prompts were captured from an application's
    // traffic as it went by. Every run before was an offline one.
    return execAll(
        database,
        { u"ALTER TABLE "_s + R::table + u" ADD COLUMN "_s
          + column(R::origin,
                   d.textColumnType() + u" NOT NULL DEFAULT 'offline' CHECK (origin IN ('offline', 'live'))"_s) },
        error);
}

} // namespace tierlens
