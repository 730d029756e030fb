// The judge family: answers pairwise and rubric judge prompts the way a fallible, position-biased LLM judge does.
#include "AnswerFamilies.h"
#include "JudgePrompt.h"
#include "ReferenceMatch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

enum class Verdict {
    Correct,
    Wrong,
    Unknown, // neither a reference nor a task family says what the right answer is
};

const QString kCategory = QStringLiteral("judge");

QString jsonString(const QString& text)
{
    const QByteArray array = QJsonDocument(QJsonArray { text }).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

// What a right answer contains: the reference, else the simulator's own right answer to the question.
std::optional<QString> correctKey(const JudgePrompt& prompt, AnswerContext& ctx)
{
    // Drawn even when unused, so the judge's later draws do not depend on whether a reference was given.
    const quint64 innerSeed = ctx.rng.next();
    if (prompt.hasReference() && !prompt.reference().isEmpty())
        return prompt.reference();
    const QString question = prompt.question();
    if (question.isEmpty())
        return std::nullopt;
    ChatRequest request;
    request.requestedModel = ctx.request.requestedModel;
    request.profile = ctx.request.profile;
    request.thinking = false;
    // An extraction question asking for JSON has a JSON right answer, compared as a JSON subset.
    request.jsonMode = question.contains("json"_L1, Qt::CaseInsensitive);
    request.messages = QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, question } } };
    request.lastUserText = question;
    request.userText = question + u'\n';
    request.promptBytes = "user\n"_ba + question.toUtf8() + '\n';
    ModelProfile perfect = ctx.profile;
    perfect.quality = { { u"general"_s, 1.0 } };
    AnswerContext inner { request, perfect, SimRandom(innerSeed) };
    const std::optional<SimAnswer> truth = answerTaskFamily(inner);
    if (!truth || !truth->correct)
        return std::nullopt;
    const QString key = truth->key.isEmpty() ? truth->content : truth->key;
    if (key.trimmed().isEmpty())
        return std::nullopt;
    return key;
}

Verdict verdictOf(const QString& answer, const std::optional<QString>& key)
{
    if (!key)
        return Verdict::Unknown;
    return ReferenceMatch::matches(answer, *key) ? Verdict::Correct : Verdict::Wrong;
}

SimAnswer judgeAnswer(const QString& family, const QString& topic)
{
    SimAnswer a;
    a.family = family;
    a.category = kCategory;
    a.topic = topic;
    return a;
}

SimAnswer pairwise(const JudgePrompt& prompt, AnswerContext& ctx)
{
    SimAnswer a = judgeAnswer(u"judge-pairwise"_s, u"which of the two answers gets the question right"_s);
    QString winner = u"tie"_s;
    QString reason = u"could not read the answers"_s;
    if (prompt.readable()) {
        const std::optional<QString> key = correctKey(prompt, ctx);
        const Verdict first = verdictOf(prompt.answerA(), key);
        const Verdict second = verdictOf(prompt.answerB(), key);
        const QString right = prompt.hasReference() ? u"matches the reference answer"_s : u"gets it right"_s;
        if (first != second) {
            // Unknown applies to both answers at once, so differing verdicts mean exactly one answer is right.
            a.correct = ctx.rng.uniform() < ctx.profile.qualityFor(kCategory);
            const bool pickFirst = (first == Verdict::Correct) == a.correct;
            winner = pickFirst ? u"A"_s : u"B"_s;
            reason = u"Answer %1 %2 and Answer %3 does not."_s.arg(winner, right, pickFirst ? u"B"_s : u"A"_s);
        } else {
            const bool biased = ctx.rng.uniform() < ctx.profile.positionBias;
            a.correct = !biased;
            winner = biased ? u"A"_s : u"tie"_s;
            if (first == Verdict::Correct)
                reason = biased ? u"Both answers are correct, and Answer A puts it a little more clearly."_s
                                : u"Both answers are correct and equally complete."_s;
            else if (first == Verdict::Wrong)
                reason = biased ? u"Neither answer is correct, but Answer A comes a little closer."_s
                                : u"Neither answer is correct."_s;
            else
                reason = biased ? u"Both answers address the question, and Answer A reads a little better."_s
                                : u"Both answers address the question equally well."_s;
        }
    } else {
        a.correct = false;
    }
    a.content = u"{\"winner\":%1,\"reason\":%2}"_s.arg(jsonString(winner), jsonString(reason));
    return a;
}

SimAnswer rubric(const JudgePrompt& prompt, AnswerContext& ctx)
{
    SimAnswer a = judgeAnswer(u"judge-rubric"_s, u"how well the answer meets the rubric"_s);
    int score = 1;
    QString reason = u"could not read the answer"_s;
    if (prompt.readable()) {
        const Verdict verdict = verdictOf(prompt.answer(), correctKey(prompt, ctx));
        // An answer nothing can verify gets the middle score: a strict grader neither passes nor fails it.
        score = verdict == Verdict::Correct ? 5 : verdict == Verdict::Wrong ? 2 : 3;
        a.correct = ctx.rng.uniform() < ctx.profile.qualityFor(kCategory);
        if (!a.correct)
            score = qBound(1, score + (ctx.rng.bounded(2) == 0 ? -1 : 1), 5);
        if (verdict == Verdict::Correct)
            reason = prompt.hasReference() ? u"The answer matches the reference answer and meets the rubric."_s
                                           : u"The answer is correct and meets the rubric."_s;
        else if (verdict == Verdict::Wrong)
            reason = prompt.hasReference() ? u"The answer does not match the reference answer."_s
                                           : u"The answer gets the question wrong."_s;
        else
            reason = u"The answer is plausible, but nothing in it can be checked against a known result."_s;
    } else {
        a.correct = false;
    }
    a.content = u"{\"score\":%1,\"reason\":%2}"_s.arg(score).arg(jsonString(reason));
    return a;
}

} // namespace

std::optional<SimAnswer> answerJudge(AnswerContext& ctx)
{
    const JudgePrompt prompt = JudgePrompt::parse(ctx.request.systemText, ctx.request.lastUserText);
    switch (prompt.kind()) {
    case JudgePrompt::Kind::Pairwise:
        return pairwise(prompt, ctx);
    case JudgePrompt::Kind::Rubric:
        return rubric(prompt, ctx);
    case JudgePrompt::Kind::None:
        break;
    }
    return std::nullopt;
}

} // namespace tierlens
