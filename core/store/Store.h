#pragma once
// The run history database: prompt sets, runs, every attempt and its result, ratings, and the aggregates reports read.

#include "AnalyticsTypes.h"
#include "StoreTypes.h"
#include "promptsets/Prompt.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>
#include <QVector>

#include <functional>
#include <memory>
#include <optional>

class QSqlQuery;
class QSqlError;
class QThread;

namespace tierlens {

class SqlDialect;
class StoreLocation;
class WriteStatement;

// A Store is used only from the thread that opened it (the run engine's, or the GUI's with a Store of its own).
// Writes return false with a message that says what was being done; reads that fail return nothing and leave the
// reason in lastError().
class Store
{
    Q_DECLARE_TR_FUNCTIONS(Store)

public:
    enum class OpenMode {
        Read, // an existing workspace, for reading: nothing is created
        Write, // an existing workspace that will be written: refused before anything is opened when the file
               // system would not let this process write it (read-only file or folder), so nothing is left behind
        Create, // as Write, and a workspace that does not exist yet is created
    };

    // Opens the database and migrates it to the latest schema. location is a file path, "sqlite:FILE", or
    // "postgresql://USER@HOST:PORT/DATABASE" (the database must exist; see StoreLocation for the password).
    // Refused untouched, with a message that says which and why: a folder, a file that is not a database, another
    // application's database (anything not empty that does not carry Tierlens's mark, PRAGMA application_id, and is
    // not a workspace of an older Tierlens), a workspace written by a newer build.
    static std::unique_ptr<Store> open(const QString& location, QString* error, OpenMode mode = OpenMode::Create);
    // Migrates a connection the caller opened to exactly targetVersion: lets tests build old databases.
    static bool migrateForTest(QSqlDatabase& db, int targetVersion, QString* error);
    static int latestSchemaVersion();

    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    QString path() const { return m_path; } // the location as given to open(): reopens the same store
    bool isPostgres() const;
    // Transactions run again after a serialization failure or a deadlock (PostgreSQL), since this Store opened.
    int retriedTransactions() const { return m_retries; }
    // Before a run writes: false with a message naming the store and, for a SQLite file where the file system says
    // why (a read-only file, a folder where SQLite cannot create its -wal and -shm files), the reason; or when the
    // database is damaged (a whole-file check on SQLite). Reading may still work.
    bool checkWritable(QString* error);
    // Whether the database is sound, from a check of the whole file (SQLite's quick_check: every page read once,
    // about 3 s per GB; once per Store): false with a message that says what is damaged and where. A damaged file
    // can otherwise look like an empty or a shorter history, depending on which pages a read touches.
    bool checkIntegrity(QString* error);
    int schemaVersion();
    QString lastError() const { return m_lastError; }
    // The database answered a read or a write with "damaged" (SQLite: the file is malformed). From then on this
    // Store refuses every write, and damageMessage() says what and where.
    bool isDamaged() const { return !m_damage.isEmpty(); }
    QString damageMessage() const { return m_damage; }

    // Prompt sets. A set with the same name and source hash as a stored one is reused, ids filled from it.
    std::optional<qint64> savePromptSet(PromptSet& set, QString* error);
    // Adds prompts to a stored set (a live run's captured prompts), their places numbered on from firstOrdinal;
    // fills their ids. Their ids must be new to the set.
    bool appendPrompts(qint64 setId, int firstOrdinal, QVector<Prompt>& prompts, QString* error);
    std::optional<PromptSet> loadPromptSet(qint64 id);
    // The prompt set a run was sent: nothing, with error saying it is missing or why it could not be read.
    std::optional<PromptSet> requirePromptSet(const RunRow& run, QString* error);
    std::optional<QVector<PromptSetInfo>> promptSets();

    // Runs. createRun fills the ids of the run and its models; runs() is the history, newest first.
    // Every read that returns nothing has failed, with the reason in lastError(); loadRun's lastError() is empty when
    // there simply is no such run. A run whose process is gone reads with status "interrupted" (RunLease).
    std::optional<qint64> createRun(RunRow& run, QString* error);
    std::optional<RunRow> loadRun(qint64 id);
    // loadRun for a caller that needs the run: nothing, with error saying "there is no run N in DB" or why the
    // database could not be read.
    std::optional<RunRow> requireRun(qint64 id, QString* error);
    std::optional<QVector<RunRow>> runs();
    bool finishRun(qint64 runId, const QString& status, const QDateTime& at, QString* error);
    bool setRunLag(qint64 runId, double p95Ms, double maxMs, bool flagged, QString* error);
    bool deleteRun(qint64 runId, QString* error);

    // Attempts, written in one transaction per batch; rows with isFinal also write their item's result. On failure
    // nothing of the batch is kept and its ids are reset to 0.
    bool recordAttempts(QVector<AttemptRow>& batch, QString* error);
    std::optional<QVector<AttemptRow>> attempts(qint64 runId); // in insertion order; isFinal for results' attempts

    // Resume: items that have a result, and attempts already made by items that have none.
    std::optional<QSet<ItemKey>> completedItems(qint64 runId);
    std::optional<QHash<ItemKey, int>> attemptCounts(qint64 runId);
    // Of each item, its model's answers turn by turn (a conversation's; a one-turn item has one): a resumed run
    // carries on at the next turn on top of them (unfinishedOnly), the judge and Compare show them.
    std::optional<QHash<ItemKey, QStringList>> turnAnswers(qint64 runId, bool unfinishedOnly);
    // One item's answers turn by turn, as turnAnswers() reads them (an empty list for an item of one turn).
    std::optional<QStringList> turnAnswers(qint64 runId, const ItemKey& item);
    // Of each item without a result: its attempts per turn and their cost so far.
    std::optional<QHash<ItemKey, ItemProgress>> unfinishedProgress(qint64 runId);

    // The run lease: one process sends a run at a time. acquire takes it when no living process holds it (another
    // host's lease lives until its heartbeat is RunLease::kExpiryMs old; this host's until its process is gone) and
    // says who holds it otherwise. renew is the heartbeat: false when the lease was lost (taken over after it
    // expired). release lets the run go, as finishRun does.
    bool acquireRunLease(qint64 runId, const QString& owner, const QDateTime& now, QString* error);
    bool renewRunLease(qint64 runId, const QString& owner, const QDateTime& now, QString* error);
    bool releaseRunLease(qint64 runId, const QString& owner, QString* error);

    // A run's items and attempts per model, for the engine's progress after a resume and the judge run's cost.
    // Quality and cost figures come from EvalStatistics.
    std::optional<QVector<ModelTotals>> modelTotals(qint64 runId);
    // Mean completion tokens (reasoning included) of a model's ok final results in runs of a kind: over runs of the
    // prompt set when there are some, else over every run; the count says how many results the mean is of (0:
    // nothing measured).
    std::pair<double, qint64> measuredOutputTokens(const QString& modelId, qint64 promptSetId,
                                                   const QString& runKind = QStringLiteral("shadow"));
    // One call per result, ordered by model, prompt and repeat, streamed from the database. The callback returns
    // false to stop early (not an error).
    bool forEachResult(qint64 runId, const std::function<bool(const ResultExportRow&)>& fn, QString* error);
    // One result with its final attempt, answer included; empty with the reason when there is no such result.
    std::optional<ResultExportRow> result(qint64 resultId, QString* error);
    // What tells a run's results apart without reading their attempts (a list of a million pairs): ids, item,
    // status and the automatic check's verdict. Unordered; the callback returns false to stop early.
    bool forEachResultKey(qint64 runId, const std::function<bool(const ResultKeyRow&)>& fn, QString* error);

    // Automatic checks of final results, keyed by the final attempt. One transaction replaces the earlier
    // verdicts of every result in the batch.
    bool saveChecks(const QVector<CheckRow>& rows, QString* error);
    std::optional<CheckRow> check(qint64 attemptId);
    // Every result's checks in one read, by final attempt id.
    std::optional<QHash<qint64, CheckRow>> checksOfRun(qint64 runId);
    // Replaces a stored prompt set's defaults and its prompts' assertions, transform and vars (matched by id), so a
    // run's results can be checked again after the checks changed. Prompts the new set lacks keep theirs.
    bool updateAssertions(qint64 promptSetId, const PromptSet& from, QString* error);

    // The newest judge run of a run, or 0.
    std::optional<qint64> latestJudgeRun(qint64 runId);
    // The judge's verdicts about a run's results (its own calls are in the judge run).
    // One transaction replaces every earlier verdict of the judge run.
    bool saveJudgeVerdicts(qint64 judgeRunId, QVector<JudgeVerdictRow>& rows, QString* error);
    std::optional<QVector<JudgeVerdictRow>> judgeVerdicts(qint64 runId);
    // Whether a judge run wrote verdicts about the run's results (without reading them).
    std::optional<bool> hasJudgeVerdicts(qint64 runId, qint64 judgeRunId);

    // Analytics over one or several runs (StoreAnalytics.cpp). Nothing (false), with the reason in lastError(), when
    // the database cannot be read.
    // Every item of the scope with its verdict: the one place where the precedence of the verdict's sources is
    // applied. Ordered by run, model, prompt and repeat; streamed.
    bool forEachItem(const AnalyticsScope& scope, const std::function<void(const ItemVerdict&)>& fn, QString* error);
    // Every attempt's tokens and cost, per run, model and category (items still without a result included).
    std::optional<QVector<GroupUsage>> groupUsage(const AnalyticsScope& scope);
    std::optional<QHash<qint64, QDateTime>> runCreationTimes(const QVector<qint64>& runIds);
    std::optional<QVector<ItemScore>> itemScores(const AnalyticsScope& scope);
    std::optional<QVector<PreferenceCounts>> preferences(const AnalyticsScope& scope, const QString& first,
                                                         const QString& second);

    // Ratings of results by people.
    std::optional<qint64> addRating(const RatingRow& rating, QString* error);
    std::optional<QVector<RatingRow>> ratings(qint64 resultId);
    // Every rating of a run's results, oldest first.
    std::optional<QVector<RatingRow>> runRatings(qint64 runId);

private:
    // What the file system says against writing path (read-only file, read-only folder); empty when nothing.
    static QString accessProblem(const QString& path);
    explicit Store(const QString& path);
    bool openConnection(const StoreLocation& location, QString* error);
    // Whether the database may be taken as a Tierlens workspace: empty when yes, else why not.
    static QString identityProblem(const struct StoreIdentity& identity);
    // What the file system says against opening a SQLite file in mode, before SQLite touches it; empty when nothing.
    static QString fileProblem(const QString& path, OpenMode mode);
    // After the tries-th failed try of a transaction: true (after a short wait) when it should run again.
    bool retryAfter(const QSqlError& e, int tries);
    bool prepareStatements(QString* error);
    bool prepareCheckStatements(QString* error);
    bool checkThread(QString* error) const;
    // checkThread, and no write into a damaged database.
    bool checkWrite(QString* error) const;
    // After a loop over q.next(): true when it ended at the last row, false (lastError set) when a step failed.
    bool endOfRows(const QSqlQuery& q, const QString& doing);
    // Remembers that the database is damaged when e says so.
    void noteError(const QSqlError& e);
    void markDamaged(const QString& why);
    // Formats "<doing>: <database's words>" into error and returns false.
    bool fail(QString* error, const QString& doing, const QSqlError& e);
    // Runs a prepared-on-the-spot read; on failure records lastError and returns false.
    bool execRead(QSqlQuery& q, const QString& doing);
    std::optional<qint64> insertedId(QSqlQuery& q);
    // savePromptSet's parts: the id of a stored set with the same name and hash (0: none); the ids of a stored set
    // copied into set; one try of the insert's transaction (reuse: another connection stored it meanwhile).
    std::optional<qint64> findPromptSet(const PromptSet& set, QSqlError* e);
    bool reusePromptSet(PromptSet& set, qint64 setId, QString* error);
    std::optional<qint64> insertPromptSet(PromptSet& set, bool* reuse, QSqlError* e);
    bool insertPrompts(qint64 setId, int firstOrdinal, QVector<Prompt>& prompts, QSqlError* e);
    // One try of createRun's transaction.
    bool insertRun(RunRow& run, QSqlError* e);
    // One try of recordAttempts' transaction; on failure the batch row that failed (-1: the commit) and why.
    bool writeAttempts(QVector<AttemptRow>& batch, int* failedRow, QSqlError* e);

    // How often a transaction is run when PostgreSQL reports a serialization failure or a deadlock.
    static constexpr int kMaxTransactionTries = 10;

    static QString attemptColumns(QLatin1StringView alias);
    // SQL true for an attempt that retries its turn (not the first attempt of its item's turn): attempts are
    // numbered on across a conversation's turns, so a later turn's first attempt is no retry.
    static QString isRetry(QLatin1StringView alias);
    static AttemptRow attemptFromQuery(const QSqlQuery& q, int first);
    std::optional<QVector<RatingRow>> readRatings(const QString& where, qint64 key, const QString& doing);
    bool readResults(const QString& where, qint64 key, const QString& doing,
                     const std::function<bool(const ResultExportRow&)>& fn, QString* error);
    std::optional<QHash<ItemKey, QStringList>> readTurnAnswers(const QString& where, const QVector<QVariant>& values,
                                                               const QString& doing);
    std::optional<QHash<qint64, CheckRow>> readChecks(const QString& where, qint64 key, const QString& doing);

    QString m_path;
    QString m_connectionName;
    QThread* m_thread = nullptr;
    QSqlDatabase m_db;
    std::unique_ptr<SqlDialect> m_dialect;
    // Kept for the Store's lifetime: the engine writes every attempt through these.
    std::unique_ptr<WriteStatement> m_insertAttempt;
    std::unique_ptr<WriteStatement> m_insertResult;
    std::unique_ptr<WriteStatement> m_deleteCheck; // and saveChecks' (a batch every 50 ms while a run goes)
    std::unique_ptr<WriteStatement> m_insertCheck;
    std::unique_ptr<WriteStatement> m_insertAssertionCheck;
    QString m_lastError;
    QString m_damage;
    bool m_integrityChecked = false;
    QString m_guardedFile; // the SQLite file registered with GuardedFiles while this Store is open
    int m_retries = 0;
};

} // namespace tierlens
