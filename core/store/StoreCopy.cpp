#include "StoreCopy.h"

#include "SqlUtil.h"
#include "Store.h"

#include <QHash>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

// What identifies an attempt across stores: model label, prompt id in its set, repeat, attempt number.
using AttemptKey = QString;

AttemptKey attemptKey(const QString& label, const QString& extId, int repeat, int attemptNo)
{
    return label + u'\x1f' + extId + u'\x1f' + QString::number(repeat) + u'\x1f' + QString::number(attemptNo);
}

struct RunMaps
{
    QHash<qint64, qint64> attempts; // source attempt id -> target attempt id
    QHash<qint64, qint64> results; // source result id -> target result id
    QHash<qint64, qint64> prompts; // source prompt id -> target prompt id
};

class Copier
{
public:
    Copier(Store& from, Store& to, QString* error)
        : m_from(from)
        , m_to(to)
        , m_error(error)
    { }

    bool run(const RunRow& source, CopiedRun* copied);
    QHash<QString, qint64> targetRuns;

private:
    bool fail(const QString& message)
    {
        setError(m_error, message);
        return false;
    }
    std::optional<PromptSet> promptSet(Store& store, qint64 id);
    bool copyAttempts(const RunRow& source, const RunRow& target);
    bool mapRun(const RunRow& source, const RunRow& target);
    bool copyChecksAndRatings(const RunRow& source);
    bool copyVerdicts(const RunRow& sourceJudge, const RunRow& targetJudge);
    std::optional<QHash<AttemptKey, qint64>> attemptsByKey(Store& store, const RunRow& run,
                                                           QHash<qint64, qint64>* finalToResult);

    Store& m_from;
    Store& m_to;
    QString* m_error;
    QHash<qint64, qint64> m_runs; // source run id -> target run id
    QHash<qint64, qint64> m_sets; // source prompt set id -> target prompt set id
    RunMaps m_maps; // every run copied or found so far (ratings may compare results of two runs)
};

std::optional<PromptSet> Copier::promptSet(Store& store, qint64 id)
{
    std::optional<PromptSet> set = store.loadPromptSet(id);
    if (!set)
        fail(store.lastError());
    return set;
}

std::optional<QHash<AttemptKey, qint64>> Copier::attemptsByKey(Store& store, const RunRow& run,
                                                               QHash<qint64, qint64>* finalToResult)
{
    QHash<qint64, QString> labels;
    for (const RunModelRow& m : run.models)
        labels.insert(m.id, m.label);
    QHash<qint64, QString> extIds;
    const std::optional<PromptSet> set = store.loadPromptSet(run.promptSetId);
    const std::optional<QVector<AttemptRow>> attempts = store.attempts(run.id);
    QString why;
    if (!set || !attempts) {
        fail(store.lastError());
        return std::nullopt;
    }
    for (const Prompt& p : set->prompts)
        extIds.insert(p.dbId, p.id);
    QHash<AttemptKey, qint64> out;
    for (const AttemptRow& a : *attempts)
        out.insert(attemptKey(labels.value(a.runModelId), extIds.value(a.promptId), a.repeatIndex, a.attemptNo), a.id);
    const bool read = store.forEachResult(
        run.id,
        [&](const ResultExportRow& r) {
            finalToResult->insert(r.finalAttempt.id, r.resultId);
            return true;
        },
        &why);
    if (!read) {
        fail(why);
        return std::nullopt;
    }
    return out;
}

// Fills the id maps from the runs' contents, matched by natural keys: for a run just copied and for one the
// target already had alike.
bool Copier::mapRun(const RunRow& source, const RunRow& target)
{
    QHash<qint64, qint64> sourceResults, targetResults;
    const auto sourceAttempts = attemptsByKey(m_from, source, &sourceResults);
    const auto targetAttempts = sourceAttempts ? attemptsByKey(m_to, target, &targetResults) : std::nullopt;
    if (!sourceAttempts || !targetAttempts)
        return false;
    for (auto it = sourceAttempts->cbegin(); it != sourceAttempts->cend(); ++it) {
        const qint64 targetId = targetAttempts->value(it.key());
        if (targetId == 0)
            continue; // the target's copy has lost nothing it had; an attempt it lacks has nothing to map to
        m_maps.attempts.insert(it.value(), targetId);
        if (sourceResults.contains(it.value()))
            m_maps.results.insert(sourceResults.value(it.value()), targetResults.value(targetId));
    }
    return true;
}

bool Copier::copyAttempts(const RunRow& source, const RunRow& target)
{
    QHash<qint64, qint64> models; // by label
    for (const RunModelRow& m : source.models) {
        for (const RunModelRow& t : target.models) {
            if (t.label == m.label)
                models.insert(m.id, t.id);
        }
    }
    // In insertion order, so that each result is written after every attempt of its item (its cost sums them).
    const std::optional<QVector<AttemptRow>> read = m_from.attempts(source.id);
    if (!read)
        return fail(m_from.lastError());
    const QVector<AttemptRow>& all = *read;
    constexpr qsizetype kBatch = 500;
    for (qsizetype start = 0; start < all.size(); start += kBatch) {
        QVector<AttemptRow> batch = all.mid(start, kBatch);
        for (AttemptRow& a : batch) {
            a.runId = target.id;
            a.runModelId = models.value(a.runModelId);
            a.promptId = m_maps.prompts.value(a.promptId);
        }
        QString why;
        if (!m_to.recordAttempts(batch, &why))
            return fail(why);
    }
    return true;
}

bool Copier::copyChecksAndRatings(const RunRow& source)
{
    QVector<CheckRow> checks;
    const std::optional<QHash<qint64, CheckRow>> sourceChecks = m_from.checksOfRun(source.id);
    const std::optional<QVector<RatingRow>> sourceRatings = m_from.runRatings(source.id);
    if (!sourceChecks || !sourceRatings)
        return fail(m_from.lastError());
    for (CheckRow c : *sourceChecks) {
        c.attemptId = m_maps.attempts.value(c.attemptId);
        if (c.attemptId != 0)
            checks.append(c);
    }
    std::sort(checks.begin(), checks.end(),
              [](const CheckRow& a, const CheckRow& b) { return a.attemptId < b.attemptId; });
    QString why;
    if (!m_to.saveChecks(checks, &why))
        return fail(why);
    for (RatingRow r : *sourceRatings) {
        r.resultId = m_maps.results.value(r.resultId);
        if (r.comparedResultId)
            r.comparedResultId = m_maps.results.value(*r.comparedResultId);
        if (r.comparedResultId && *r.comparedResultId == 0)
            r.comparedResultId.reset(); // compared with a result of a run not copied
        if (r.resultId == 0)
            continue;
        if (!m_to.addRating(r, &why))
            return fail(why);
    }
    return true;
}

bool Copier::copyVerdicts(const RunRow& sourceJudge, const RunRow& targetJudge)
{
    QVector<JudgeVerdictRow> rows;
    const std::optional<QVector<JudgeVerdictRow>> verdicts = m_from.judgeVerdicts(sourceJudge.parentRunId);
    if (!verdicts)
        return fail(m_from.lastError());
    for (JudgeVerdictRow v : *verdicts) {
        if (v.judgeRunId != sourceJudge.id)
            continue;
        v.runId = m_runs.value(v.runId);
        v.promptId = m_maps.prompts.value(v.promptId);
        v.firstAttemptId = m_maps.attempts.value(v.firstAttemptId);
        if (v.secondAttemptId)
            v.secondAttemptId = m_maps.attempts.value(*v.secondAttemptId);
        if (v.runId == 0 || v.promptId == 0 || v.firstAttemptId == 0 || (v.secondAttemptId && *v.secondAttemptId == 0))
            return fail(StoreCopy::tr("judge run %1: a verdict names an attempt the copy of run %2 lacks")
                            .arg(sourceJudge.id)
                            .arg(sourceJudge.parentRunId));
        rows.append(v);
    }
    QString why;
    if (!rows.isEmpty() && !m_to.saveJudgeVerdicts(targetJudge.id, rows, &why))
        return fail(why);
    return true;
}

bool Copier::run(const RunRow& source, CopiedRun* copied)
{
    copied->sourceId = source.id;
    std::optional<PromptSet> set = promptSet(m_from, source.promptSetId);
    if (!set)
        return false;
    const QHash<qint64, QString> sourceExtIds = [&] {
        QHash<qint64, QString> ids;
        for (const Prompt& p : set->prompts)
            ids.insert(p.dbId, p.id);
        return ids;
    }();

    const QString key = StoreCopy::fingerprint(source);
    if (const qint64 existing = targetRuns.value(key); existing > 0) {
        const std::optional<RunRow> target = m_to.loadRun(existing);
        const std::optional<PromptSet> targetSet = target ? m_to.loadPromptSet(target->promptSetId) : std::nullopt;
        if (!target || !targetSet)
            return fail(m_to.lastError());
        for (const Prompt& p : targetSet->prompts) {
            for (auto it = sourceExtIds.cbegin(); it != sourceExtIds.cend(); ++it) {
                if (it.value() == p.id)
                    m_maps.prompts.insert(it.key(), p.dbId);
            }
        }
        m_runs.insert(source.id, existing);
        copied->targetId = existing;
        copied->alreadyThere = true;
        return mapRun(source, *target);
    }

    // The set: reused by name and hash when the target has it, else stored; once per source set in one copy.
    QString why;
    if (!m_sets.contains(source.promptSetId)) {
        PromptSet copy = *set;
        copy.dbId = 0;
        for (Prompt& p : copy.prompts)
            p.dbId = 0;
        const std::optional<qint64> id = m_to.savePromptSet(copy, &why);
        if (!id)
            return fail(why);
        m_sets.insert(source.promptSetId, *id);
        for (int i = 0; i < copy.prompts.size(); ++i)
            m_maps.prompts.insert(set->prompts.at(i).dbId, copy.prompts.at(i).dbId);
    }

    RunRow target = source;
    target.id = 0;
    if (target.status == u"interrupted"_s)
        target.status = u"running"_s; // no process holds the copy: it reads as interrupted there too
    target.promptSetId = m_sets.value(source.promptSetId);
    target.parentRunId = source.parentRunId > 0 ? m_runs.value(source.parentRunId) : 0;
    if (source.parentRunId > 0 && target.parentRunId == 0)
        return fail(
            StoreCopy::tr("run %1 judges run %2, which is not being copied").arg(source.id).arg(source.parentRunId));
    for (RunModelRow& m : target.models)
        m.id = 0;
    if (!m_to.createRun(target, &why))
        return fail(why);
    // From here on a failure takes the half-copied run out again, so that a later copy does not find it whole.
    const bool ok = copyAttempts(source, target) && mapRun(source, target) && copyChecksAndRatings(source)
        && (source.kind != u"judge"_s || copyVerdicts(source, target));
    if (!ok) {
        m_to.deleteRun(target.id, nullptr);
        return false;
    }
    m_runs.insert(source.id, target.id);
    targetRuns.insert(key, target.id);
    copied->targetId = target.id;
    return true;
}

} // namespace

QString StoreCopy::fingerprint(const RunRow& run)
{
    QStringList models;
    for (const RunModelRow& m : run.models)
        models.append(m.label + u'=' + m.modelId);
    models.sort();
    return run.createdAt.toUTC().toString(Qt::ISODateWithMs) + u'|' + run.kind + u'|' + run.promptSetName + u'|'
        + models.join(u',');
}

std::optional<QVector<CopiedRun>> StoreCopy::copy(Store& from, Store& to, const QVector<qint64>& runIds,
                                                  const std::function<void(const CopiedRun&)>& progress, QString* error)
{
    const std::optional<QVector<RunRow>> listed = from.runs();
    if (!listed) {
        setError(error, from.lastError());
        return std::nullopt;
    }
    QVector<RunRow> sources = *listed;
    // Oldest first: a judge run comes after the run it judged.
    std::sort(sources.begin(), sources.end(), [](const RunRow& a, const RunRow& b) { return a.id < b.id; });
    if (!runIds.isEmpty()) {
        QSet<qint64> wanted(runIds.cbegin(), runIds.cend());
        for (qint64 id : runIds) {
            if (std::none_of(sources.cbegin(), sources.cend(), [id](const RunRow& r) { return r.id == id; })) {
                setError(error, tr("there is no run %1 in %2").arg(id).arg(from.path()));
                return std::nullopt;
            }
        }
        // A judge run needs the run it judged, and a run brings its judge runs along.
        for (const RunRow& r : sources) {
            if (wanted.contains(r.id) && r.parentRunId > 0)
                wanted.insert(r.parentRunId);
        }
        for (const RunRow& r : sources) {
            if (r.parentRunId > 0 && wanted.contains(r.parentRunId))
                wanted.insert(r.id);
        }
        sources.erase(
            std::remove_if(sources.begin(), sources.end(), [&](const RunRow& r) { return !wanted.contains(r.id); }),
            sources.end());
    }

    Copier copier(from, to, error);
    const std::optional<QVector<RunRow>> existing = to.runs();
    if (!existing) {
        setError(error, to.lastError());
        return std::nullopt;
    }
    for (const RunRow& r : *existing)
        copier.targetRuns.insert(fingerprint(r), r.id);

    QVector<CopiedRun> out;
    for (const RunRow& summary : std::as_const(sources)) {
        const std::optional<RunRow> source = from.loadRun(summary.id);
        if (!source) {
            setError(error, from.lastError());
            return std::nullopt;
        }
        CopiedRun copied;
        if (!copier.run(*source, &copied)) {
            setError(error, tr("copying run %1: %2").arg(source->id).arg(error ? *error : QString()));
            return std::nullopt;
        }
        out.append(copied);
        if (progress)
            progress(copied);
    }
    return out;
}

} // namespace tierlens
