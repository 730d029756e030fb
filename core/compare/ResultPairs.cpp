#include "ResultPairs.h"

#include "store/Store.h"

#include <QCryptographicHash>

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace tierlens {

bool ResultPair::checksDisagree() const
{
    return first.checkPassed && second.checkPassed && *first.checkPassed != *second.checkPassed;
}

bool ResultPair::anyCheckFailed() const
{
    return (first.checkPassed && !*first.checkPassed) || (second.checkPassed && !*second.checkPassed);
}

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

std::optional<QVector<ResultPair>> ResultPairs::load(Store& store, qint64 runId, QString* error,
                                                     Store::AnswerTexts texts)
{
    const std::optional<RunRow> run = store.requireRun(runId, error);
    if (!run)
        return std::nullopt;
    if (run->models.size() < 2) {
        *error = tr("run %1 has one model: there is nothing to compare").arg(runId);
        return std::nullopt;
    }
    const std::optional<PromptSet> set = store.requirePromptSet(*run, error);
    if (!set)
        return std::nullopt;
    const qint64 firstModel = run->models.at(0).id;
    const qint64 secondModel = run->models.at(1).id;
    QHash<QPair<qint64, int>, PairSide> firsts;
    QHash<QPair<qint64, int>, PairSide> seconds;
    const bool ok = store.forEachResult(
        runId,
        [&](const ResultExportRow& r) {
            const qint64 model = r.finalAttempt.runModelId;
            if (model != firstModel && model != secondModel)
                return true;
            PairSide side;
            side.resultId = r.resultId;
            // One copy of each model's label and of each finish reason for every result (a million pairs).
            side.label = model == firstModel ? run->models.at(0).label : run->models.at(1).label;
            side.attempt = r.finalAttempt;
            side.attemptCount = r.attemptCount;
            side.costUsd = r.costUsd;
            side.answerRead = texts == Store::AnswerTexts::Read;
            (model == firstModel ? firsts : seconds)
                .insert({ r.finalAttempt.promptId, r.finalAttempt.repeatIndex }, side);
            return true;
        },
        error, texts);
    if (!ok)
        return std::nullopt;

    const std::optional<QHash<qint64, CheckRow>> checksRead = store.checksOfRun(runId);
    if (!checksRead) {
        *error = store.lastError();
        return std::nullopt;
    }
    const QHash<qint64, CheckRow>& checks = *checksRead;
    // A conversation is shown turn by turn: each model's own answers to the turns before the last.
    QHash<ItemKey, QStringList> turnAnswers;
    if (std::any_of(set->prompts.cbegin(), set->prompts.cend(),
                    [](const Prompt& p) { return conversationTurns(p).size() > 1; })) {
        const std::optional<QHash<ItemKey, QStringList>> read = store.turnAnswers(runId, false);
        if (!read) {
            *error = store.lastError();
            return std::nullopt;
        }
        turnAnswers = *read;
    }
    QVector<ResultPair> pairs;
    pairs.reserve(std::min(firsts.size(), seconds.size()));
    for (const Prompt& p : set->prompts) {
        // Once per prompt, shared by its repeats' pairs (implicitly shared strings).
        const QString question = lastUserText(p);
        const QStringList turns = conversationTurns(p);
        const QStringList earlierTurns = turns.mid(0, std::max<qsizetype>(0, turns.size() - 1));
        for (int repeat = 0; repeat < run->repeatCount; ++repeat) {
            const QPair<qint64, int> key { p.dbId, repeat };
            if (!firsts.contains(key) || !seconds.contains(key))
                continue;
            ResultPair pair;
            pair.promptId = p.dbId;
            pair.promptExtId = p.id;
            pair.category = p.category;
            pair.question = question;
            pair.system = p.system;
            pair.expected = p.expected;
            pair.repeatIndex = repeat;
            // Taken, not copied: what was read is held once while the pairs are built.
            pair.first = firsts.take(key);
            pair.second = seconds.take(key);
            pair.earlierTurns = earlierTurns;
            for (PairSide* side : { &pair.first, &pair.second }) {
                side->earlierAnswers = turnAnswers.value(ItemKey { side->attempt.runModelId, p.dbId, repeat })
                                           .mid(0, pair.earlierTurns.size());
            }
            for (PairSide* side : { &pair.first, &pair.second }) {
                if (const auto check = checks.constFind(side->attempt.id); check != checks.cend()) {
                    side->checkPassed = check->passed;
                    side->checkScore = check->score;
                    // Without the answers, without the reasons too: readAnswers() reads both for a shown pair.
                    if (texts == Store::AnswerTexts::Read)
                        side->checkReasons = reasonLines(*check);
                }
            }
            pairs.append(pair);
        }
    }
    return pairs;
}

bool ResultPairs::readAnswers(Store& store, ResultPair& pair, QString* error)
{
    for (PairSide* side : { &pair.first, &pair.second }) {
        if (side->answerRead)
            continue;
        if (!store.readAnswerTexts(side->attempt, error))
            return false;
        const std::optional<CheckRow> check = store.check(side->attempt.id);
        if (check) {
            side->checkReasons = reasonLines(*check);
        } else if (!store.lastError().isEmpty()) {
            *error = store.lastError();
            return false;
        }
        side->answerRead = true;
    }
    return true;
}

bool ResultPairs::firstOnRight(qint64 runId, const ResultPair& pair)
{
    const QByteArray key = QByteArray::number(runId) + '/' + QByteArray::number(pair.promptId) + '/'
        + QByteArray::number(pair.repeatIndex);
    return (QCryptographicHash::hash(key, QCryptographicHash::Sha256).at(0) & 1) != 0;
}

PairRatingState ResultPairs::rating(const ResultPair& pair, const QVector<RatingRow>& rows)
{
    PairRatingState state;
    const qint64 first = pair.first.resultId;
    const qint64 second = pair.second.resultId;
    for (const RatingRow& r : rows) {
        if (r.resultId != first && r.resultId != second)
            continue;
        const bool ofFirst = r.resultId == first;
        PairRatingState::Side& side = ofFirst ? state.first : state.second;
        side.passed = r.passed;
        side.score = r.score;
        // A preference counts for this pair only when it was given against the pair's other answer.
        const qint64 other = ofFirst ? second : first;
        if (!r.preference.isEmpty() && r.comparedResultId.value_or(other) == other) {
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

QString ResultPairs::ratingText(const ResultPair& pair, const PairRatingState& rating)
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
        parts << side(pair.first.label, rating.first);
    if (rating.second.score || rating.second.passed)
        parts << side(pair.second.label, rating.second);
    if (rating.preferred == u"tie"_s)
        parts << tr("tie");
    else if (!rating.preferred.isEmpty())
        parts << tr("%1 better").arg(rating.preferred == u"first"_s ? pair.first.label : pair.second.label);
    return parts.join(u" \u00b7 "_s);
}

} // namespace tierlens
