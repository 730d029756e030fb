#include "AnswerEngine.h"

#include "AnswerFamilies.h"
#include "TokenText.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

// Closing sentences a chatty model adds; free of digits and names so they never change a check's verdict.
const char* const kClosings[] = {
    "I hope this helps.",
    "Let me know if you would like more detail on any part of this.",
    "If anything is unclear, feel free to ask a follow-up question.",
    "This is the standard way to approach this kind of question.",
    "I double-checked the key step before answering.",
};

const char* const kGeneric[] = {
    "That is a good question, and it is worth looking at from a few angles.",
    "The short answer depends on the context you have in mind.",
    "In most practical situations the simplest option works well.",
    "It helps to start from the goal and work backwards to the constraints.",
    "A common mistake is to optimise too early, before the requirements are clear.",
    "Trade-offs usually come down to cost, speed and reliability.",
    "Measuring the current situation first gives a baseline to compare against.",
    "Small, reversible steps make it easier to learn what actually works.",
    "Documentation and examples tend to save more time than they cost.",
    "It is also worth considering how the choice will age over the next few years.",
    "Different teams weigh these factors differently, and that is fine.",
    "Overall, a balanced approach tends to give the most predictable results.",
};

const char* const kReasoning[] = {
    "Let me think about %1 step by step.",
    "First, I restate what is being asked so I do not miss a detail.",
    "The question is about %1, so I should focus on the relevant facts.",
    "I will identify the key quantities and constraints before answering.",
    "Let me check whether there is a trick in the wording.",
    "Now I work through the main step carefully.",
    "Hmm, wait, let me double-check that step against the question.",
    "That looks consistent with what was asked.",
    "I should also consider whether the format of the answer matters here.",
    "Another way to see it is to approach %1 from the other direction.",
    "Both approaches agree, which gives me more confidence.",
    "So the answer should follow directly from this.",
};

QString genericText(const QString& question, double verbosity, SimRandom& rng)
{
    const int words = qMax(12, static_cast<int>(std::lround(70 * verbosity * rng.jitter(0.3))));
    QString text;
    int count = 0;
    while (count < words) {
        const QString sentence = QString::fromLatin1(kGeneric[rng.bounded(std::size(kGeneric))]);
        text += (text.isEmpty() ? QString() : u" "_s) + sentence;
        count += static_cast<int>(sentence.count(u' ')) + 1;
    }
    Q_UNUSED(question);
    return text;
}

} // namespace

std::optional<SimAnswer> answerTaskFamily(AnswerContext& ctx)
{
    using Family = std::optional<SimAnswer> (*)(AnswerContext&);
    // Order matters: the more specific families first (a word problem mentioning "days" is not a simple fact).
    static const Family families[]
        = { answerToolResult, answerToolUse, answerNeedle,  answerExtraction, answerCoding,  answerTrick,
            answerArithmetic, answerFactual, answerCapital, answerSimpleFact, answerGreeting };
    for (Family f : families) {
        if (auto a = f(ctx))
            return a;
    }
    return std::nullopt;
}

SimAnswer AnswerEngine::answer(const ChatRequest& request, const ModelProfile& profile, quint64 seed)
{
    AnswerContext ctx { request, profile, SimRandom(seed) };
    // A judge prompt quotes a task question, so it must be recognised before the task families see it.
    std::optional<SimAnswer> recognised = answerJudge(ctx);
    if (!recognised)
        recognised = answerTaskFamily(ctx);
    SimAnswer a;
    if (recognised) {
        a = *recognised;
        const bool structured = !a.toolCalls.isEmpty() || (request.jsonMode && a.family == "extraction"_L1)
            || a.family == "tool-none"_L1 || a.category == "judge"_L1;
        if (!structured) {
            const int closings = static_cast<int>(std::floor(profile.verbosity * 1.2 + ctx.rng.uniform()));
            const int first = ctx.rng.bounded(std::size(kClosings));
            for (int i = 0; i < closings; ++i)
                a.content += (i == 0 ? u"\n\n"_s : u" "_s)
                    + QString::fromLatin1(kClosings[(first + i) % std::size(kClosings)]);
        }
    } else {
        a.category = u"general"_s;
        a.correct = ctx.decide(a.category);
        a.topic = request.lastUserText.simplified().left(60);
        a.content = genericText(request.lastUserText, profile.verbosity, ctx.rng);
    }
    // JSON mode wraps free text into an object, as a model told to answer in JSON would.
    if (request.jsonMode && a.toolCalls.isEmpty() && a.family != "extraction"_L1 && a.category != "judge"_L1)
        a.content = QString::fromUtf8(
            QJsonDocument(QJsonObject { { u"answer"_s, a.content } }).toJson(QJsonDocument::Compact));
    return a;
}

QStringList AnswerEngine::reasoningPieces(const SimAnswer& answer, int tokens, quint64 seed)
{
    if (tokens <= 0)
        return {};
    SimRandom rng(seed);
    const QString topic = answer.topic.isEmpty() ? u"this request"_s : answer.topic;
    QStringList pieces;
    while (pieces.size() < tokens) {
        const QString sentence
            = QString::fromLatin1(kReasoning[rng.bounded(std::size(kReasoning))]).replace(u"%1"_s, topic);
        // Sentences end in punctuation, so cutting each separately gives the pieces of the whole text.
        pieces += TokenText::pieces(pieces.isEmpty() ? sentence : u" "_s + sentence);
    }
    return pieces.mid(0, tokens);
}

} // namespace tierlens
