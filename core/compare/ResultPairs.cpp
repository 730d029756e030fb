#include "ResultPairs.h"

#include "store/Store.h"

#include <QCryptographicHash>

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

// One line per assertion, "type verdict: reason".
QStringList reasonLines(const CheckRow& check)
{
    QStringList out;
    for (const AssertionCheckRow& a : check.assertions) {
        const QString verdict
            = !a.passed ? ResultPairs::tr("pending") : (*a.passed ? ResultPairs::tr("pass") : ResultPairs::tr("fail"));
        out.append(u"%1 %2: %3"_s.arg(a.type, verdict, a.reason));
    }
    return out;
}

} // namespace

std::optional<PairIndex> ResultPairs::index(Store& store, qint64 runId, QString* error, int first, int second)
{
    PairIndex out;
    const std::optional<RunRow> run = store.requireRun(runId, error);
    if (!run)
        return std::nullopt;
    out.run = *run;
    if (run->models.size() < 2) {
        *error = tr("run %1 has one model: there is nothing to compare").arg(runId);
        return std::nullopt;
    }
    if (first == second || std::min(first, second) < 0 || std::max(first, second) >= run->models.size()) {
        *error = tr("run %1 has no models %2 and %3 to compare").arg(runId).arg(first + 1).arg(second + 1);
        return std::nullopt;
    }
    out.first = first;
    out.second = second;
    std::optional<PromptSet> set = store.requirePromptSet(*run, error);
    if (!set)
        return std::nullopt;
    out.set = std::move(*set);
    const qint64 firstModel = run->models.at(first).id;
    const qint64 secondModel = run->models.at(second).id;
    QHash<qint64, qint32> promptIndex;
    promptIndex.reserve(out.set.prompts.size());
    for (qint32 i = 0; i < out.set.prompts.size(); ++i)
        promptIndex.insert(out.set.prompts.at(i).dbId, i);
    // One slot per prompt and repeat, in the order the pairs are listed; the two models fill in their halves.
    const qint64 repeats = std::max(1, run->repeatCount);
    QVector<PairKey> grid(out.set.prompts.size() * repeats);
    const bool ok = store.forEachResultKey(
        runId,
        [&](const ResultKeyRow& r) {
            if (r.runModelId != firstModel && r.runModelId != secondModel)
                return true;
            const auto prompt = promptIndex.constFind(r.promptId);
            if (prompt == promptIndex.cend() || r.repeatIndex < 0 || r.repeatIndex >= repeats)
                return true; // not an item of the run's set (the run says what it holds)
            PairKey& slot = grid[*prompt * repeats + r.repeatIndex];
            slot.promptIndex = *prompt;
            slot.repeatIndex = r.repeatIndex;
            if (r.runModelId == firstModel) {
                slot.firstResult = r.resultId;
                slot.firstOk = r.ok;
                slot.firstCheck = r.checkPassed;
            } else {
                slot.secondResult = r.resultId;
                slot.secondOk = r.ok;
                slot.secondCheck = r.checkPassed;
            }
            return true;
        },
        error);
    if (!ok)
        return std::nullopt;
    out.pairs.reserve(std::count_if(grid.cbegin(), grid.cend(),
                                    [](const PairKey& k) { return k.firstResult != 0 && k.secondResult != 0; }));
    for (const PairKey& k : std::as_const(grid)) {
        if (k.firstResult != 0 && k.secondResult != 0)
            out.pairs.append(k);
    }
    return out;
}

std::optional<ResultPair> ResultPairs::read(Store& store, const PairIndex& index, const PairKey& key, QString* error)
{
    const Prompt& p = index.prompt(key);
    ResultPair pair;
    pair.promptId = p.dbId;
    pair.promptExtId = p.id;
    pair.category = p.category;
    pair.question = lastUserText(p);
    const QStringList turns = conversationTurns(p);
    pair.earlierTurns = turns.mid(0, std::max<qsizetype>(0, turns.size() - 1));
    pair.system = p.system;
    pair.expected = p.expected;
    pair.repeatIndex = key.repeatIndex;
    const std::pair<PairSide*, qint64> sides[] = { { &pair.first, key.firstResult },
                                                   { &pair.second, key.secondResult } };
    for (const auto& [side, resultId] : sides) {
        const std::optional<ResultExportRow> r = store.result(resultId, error);
        if (!r)
            return std::nullopt;
        side->resultId = r->resultId;
        side->label = r->modelLabel;
        side->attempt = r->finalAttempt;
        side->attemptCount = r->attemptCount;
        side->costUsd = r->costUsd;
        if (const std::optional<CheckRow> check = store.check(r->finalAttempt.id)) {
            side->checkPassed = check->passed;
            side->checkScore = check->score;
            side->checkReasons = reasonLines(*check);
        } else if (!store.lastError().isEmpty()) {
            *error = store.lastError();
            return std::nullopt;
        }
        if (!pair.earlierTurns.isEmpty()) {
            const std::optional<QStringList> answers = store.turnAnswers(
                index.run.id, ItemKey { r->finalAttempt.runModelId, p.dbId, key.repeatIndex });
            if (!answers) {
                *error = store.lastError();
                return std::nullopt;
            }
            side->earlierAnswers = answers->mid(0, pair.earlierTurns.size());
        }
    }
    return pair;
}

std::optional<QVector<ResultPair>> ResultPairs::load(Store& store, qint64 runId, QString* error)
{
    const std::optional<PairIndex> index = ResultPairs::index(store, runId, error);
    if (!index)
        return std::nullopt;
    QVector<ResultPair> pairs;
    pairs.reserve(index->pairs.size());
    for (const PairKey& key : index->pairs) {
        std::optional<ResultPair> pair = read(store, *index, key, error);
        if (!pair)
            return std::nullopt;
        pairs.append(std::move(*pair));
    }
    return pairs;
}

bool ResultPairs::firstOnRight(qint64 runId, qint64 promptId, int repeatIndex)
{
    const QByteArray key
        = QByteArray::number(runId) + '/' + QByteArray::number(promptId) + '/' + QByteArray::number(repeatIndex);
    return (QCryptographicHash::hash(key, QCryptographicHash::Sha256).at(0) & 1) != 0;
}

PairRatingState ResultPairs::rating(qint64 first, qint64 second, const QVector<RatingRow>& rows)
{
    PairRatingState state;
    for (const RatingRow& r : rows) {
        if (r.resultId != first && r.resultId != second)
            continue;
        const bool ofFirst = r.resultId == first;
        // A row counts for this pair only when it was written beside the pair's other answer: an answer of a run
        // of three models rated against the third one is not rated here (and blind mode stays blind).
        const qint64 other = ofFirst ? second : first;
        if (r.comparedResultId.value_or(other) != other)
            continue;
        PairRatingState::Side& side = ofFirst ? state.first : state.second;
        side.passed = r.passed;
        side.score = r.score;
        if (!r.preference.isEmpty()) {
            if (r.preference == u"tie"_s)
                state.preferred = u"tie"_s;
            else
                state.preferred = (r.preference == u"left"_s) == ofFirst ? u"first"_s : u"second"_s;
        }
        if (!r.note.isEmpty())
            state.note = r.note;
    }
    return state;
}

QString ResultPairs::ratingText(const QString& firstLabel, const QString& secondLabel, const PairRatingState& rating)
{
    auto side = [](const QString& label, const PairRatingState::Side& s) {
        QString text = label;
        if (s.score)
            text += u' ' + QString::number(*s.score);
        if (s.passed)
            text += u' ' + (*s.passed ? tr("pass") : tr("fail"));
        return text;
    };
    QStringList parts;
    if (rating.first.score || rating.first.passed)
        parts << side(firstLabel, rating.first);
    if (rating.second.score || rating.second.passed)
        parts << side(secondLabel, rating.second);
    if (rating.preferred == u"tie"_s)
        parts << tr("tie");
    else if (!rating.preferred.isEmpty())
        parts << tr("%1 better").arg(rating.preferred == u"first"_s ? firstLabel : secondLabel);
    return parts.join(u" \u00b7 "_s);
}

} // namespace tierlens
