#pragma once
// Writes an eval history through the Store API, as the engine, the checker, the judge and people would: a prompt set
// with categories, runs of several models and repeats, attempts (retries, errors, costs), assertion and judge
// verdicts, ratings. For tests that need the figures of a history they can work out by hand. Failures are fatal: a
// fixture that cannot be written is a broken test, not a finding.

#include "store/Store.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>

#include <optional>

namespace tierlens::test {

class HistoryBuilder
{
public:
    explicit HistoryBuilder(Store& store)
        : m_store(store)
    { }

    // A prompt with its own text (each prompt of a set is a distinct prompt to the statistics). Returns its index.
    int addPrompt(const QString& category, const QJsonObject& options = {})
    {
        Prompt p;
        p.id = QStringLiteral("p%1").arg(m_set.prompts.size() + 1);
        p.category = category;
        p.messages
            = QJsonArray { QJsonObject { { QStringLiteral("role"), QStringLiteral("user") },
                                         { QStringLiteral("content"), QString(QStringLiteral("question ") + p.id) } } };
        p.options = options;
        m_set.prompts.append(p);
        return int(m_set.prompts.size()) - 1;
    }
    // `count` prompts of a category; returns their indexes.
    QVector<int> addPrompts(const QString& category, int count)
    {
        QVector<int> out;
        for (int i = 0; i < count; ++i)
            out.append(addPrompt(category));
        return out;
    }

    qint64 savePromptSet(const QString& name = QStringLiteral("set"))
    {
        m_set.name = name;
        m_set.sourcePath = QStringLiteral("/sets/") + name + QStringLiteral(".jsonl");
        m_set.sourceSha256 = QStringLiteral("%1").arg(qHash(name) + quint64(m_set.prompts.size()), 0, 16);
        QString error;
        const auto id = m_store.savePromptSet(m_set, &error);
        if (!id)
            qFatal("HistoryBuilder: %s", qPrintable(error));
        return *id;
    }
    const PromptSet& promptSet() const { return m_set; }

    // A shadow run of the saved set with models of these labels (model id "model-<label>").
    qint64 createRun(const QStringList& labels, int repeats = 1, const QDateTime& createdAt = {})
    {
        RunRow run;
        run.promptSetId = m_set.dbId;
        run.repeatCount = repeats;
        run.maxAttempts = 3;
        run.createdAt = createdAt;
        for (const QString& label : labels) {
            RunModelRow m;
            m.label = label;
            m.modelId = QStringLiteral("model-") + label;
            m.baseUrl = QStringLiteral("http://127.0.0.1:1");
            m.provider = QStringLiteral("deepseek");
            run.models.append(m);
        }
        QString error;
        const auto id = m_store.createRun(run, &error);
        if (!id)
            qFatal("HistoryBuilder: %s", qPrintable(error));
        for (const RunModelRow& m : run.models)
            m_modelIds.insert({ *id, m.label }, m.id);
        return *id;
    }

    void finishRun(qint64 runId, const QString& status = QStringLiteral("completed"))
    {
        QString error;
        if (!m_store.finishRun(runId, status, QDateTime::currentDateTimeUtc(), &error))
            qFatal("HistoryBuilder: %s", qPrintable(error));
    }

    // One item: its attempts' error classes in order (ErrorClass::None is an answer), the last being the final one.
    // Every attempt that answered costs `costPerAnswer`; an attempt that failed costs nothing (no usage).
    struct Answer
    {
        QVector<ErrorClass> attempts { ErrorClass::None };
        std::optional<double> costPerAnswer = 0.001;
        double latencyMs = 100;
        QString content = QStringLiteral("answer");
    };

    // Records an item; returns the final attempt's id.
    qint64 record(qint64 runId, const QString& label, int prompt, int repeat, const Answer& answer)
    {
        QVector<AttemptRow> batch;
        for (int i = 0; i < answer.attempts.size(); ++i) {
            AttemptRow a;
            a.runId = runId;
            a.runModelId = m_modelIds.value({ runId, label });
            if (a.runModelId == 0)
                qFatal("HistoryBuilder: run %lld has no model %s", runId, qPrintable(label));
            a.promptId = m_set.prompts.at(prompt).dbId;
            a.repeatIndex = repeat;
            a.attemptNo = i + 1;
            a.startedAt = QDateTime::currentDateTimeUtc();
            a.outcome.error = answer.attempts.at(i);
            a.isFinal = i == answer.attempts.size() - 1;
            a.latencyMs = answer.latencyMs;
            a.httpStatus = a.outcome.ok() ? 200 : 500;
            if (a.outcome.ok()) {
                a.outcome.content = answer.content;
                a.outcome.finishReason = QStringLiteral("stop");
                a.ttftMs = answer.latencyMs / 10;
                a.outputTps = 20000.0 / answer.latencyMs;
                if (answer.costPerAnswer) {
                    a.outcome.usage.promptTokens = 10;
                    a.outcome.usage.completionTokens = 20;
                    a.outcome.usage.cacheHitTokens = 4;
                    a.outcome.usage.cacheMissTokens = 6;
                    a.outcome.usage.reasoningTokens = 5;
                    a.costUsd = answer.costPerAnswer;
                }
            } else {
                a.outcome.errorMessage = QStringLiteral("HTTP 500");
            }
            batch.append(a);
        }
        QString error;
        if (!m_store.recordAttempts(batch, &error))
            qFatal("HistoryBuilder: %s", qPrintable(error));
        m_finalAttempts.insert(key(runId, label, prompt, repeat), batch.last().id);
        return batch.last().id;
    }
    // Shorthands: an answer, an answer after retries, an item that ended in an error.
    qint64 answer(qint64 runId, const QString& label, int prompt, int repeat = 0, std::optional<double> cost = 0.001)
    {
        Answer a;
        a.costPerAnswer = cost;
        return record(runId, label, prompt, repeat, a);
    }
    qint64 error(qint64 runId, const QString& label, int prompt, int repeat = 0, int attempts = 1)
    {
        Answer a;
        a.attempts = QVector<ErrorClass>(attempts, ErrorClass::ServerError);
        return record(runId, label, prompt, repeat, a);
    }

    // Verdicts on an item's final answer: assertions of these types (all pass or all fail), the judge's rubric
    // ("llm-rubric"), a person's rating.
    void assertion(qint64 runId, const QString& label, int prompt, int repeat, bool passed,
                   const QStringList& types = { QStringLiteral("contains") })
    {
        CheckRow row;
        row.attemptId = finalAttempt(runId, label, prompt, repeat);
        row.passed = passed;
        row.score = passed ? 1 : 0;
        for (const QString& type : types) {
            AssertionCheckRow a;
            a.index = int(row.assertions.size());
            a.type = type;
            a.passed = passed;
            a.score = row.score;
            row.assertions.append(a);
        }
        QString error;
        if (!m_store.saveChecks({ row }, &error))
            qFatal("HistoryBuilder: %s", qPrintable(error));
    }
    void judge(qint64 runId, const QString& label, int prompt, int repeat, bool passed)
    {
        assertion(runId, label, prompt, repeat, passed, { QStringLiteral("llm-rubric") });
    }
    void rate(qint64 runId, const QString& label, int prompt, int repeat, std::optional<bool> passed,
              std::optional<int> score = std::nullopt)
    {
        RatingRow r;
        r.resultId = resultId(runId, label, prompt, repeat);
        r.rater = QStringLiteral("ann");
        r.passed = passed;
        r.score = score;
        QString error;
        if (!m_store.addRating(r, &error))
            qFatal("HistoryBuilder: %s", qPrintable(error));
    }

    // An answer with an assertion verdict: the common case of a checked result.
    qint64 verdict(qint64 runId, const QString& label, int prompt, int repeat, bool passed,
                   std::optional<double> cost = 0.001)
    {
        const qint64 id = answer(runId, label, prompt, repeat, cost);
        assertion(runId, label, prompt, repeat, passed);
        return id;
    }

    qint64 finalAttempt(qint64 runId, const QString& label, int prompt, int repeat) const
    {
        const qint64 id = m_finalAttempts.value(key(runId, label, prompt, repeat));
        if (id == 0)
            qFatal("HistoryBuilder: no item %lld/%s/%d/%d", runId, qPrintable(label), prompt, repeat);
        return id;
    }
    qint64 resultId(qint64 runId, const QString& label, int prompt, int repeat)
    {
        const qint64 attempt = finalAttempt(runId, label, prompt, repeat);
        qint64 id = 0;
        QString error;
        m_store.forEachResult(
            runId,
            [&](const ResultExportRow& r) {
                if (r.finalAttempt.id == attempt)
                    id = r.resultId;
                return id == 0;
            },
            &error);
        if (id == 0)
            qFatal("HistoryBuilder: no result for attempt %lld: %s", attempt, qPrintable(error));
        return id;
    }

private:
    static QString key(qint64 runId, const QString& label, int prompt, int repeat)
    {
        return QStringLiteral("%1/%2/%3/%4").arg(runId).arg(label).arg(prompt).arg(repeat);
    }

    Store& m_store;
    PromptSet m_set;
    QMap<std::pair<qint64, QString>, qint64> m_modelIds;
    QHash<QString, qint64> m_finalAttempts;
};

} // namespace tierlens::test
