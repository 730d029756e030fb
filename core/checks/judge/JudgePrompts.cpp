#include "JudgePrompts.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

// Prompts to the judge are English only and must stay byte-stable: the provider's prefix cache and the
// simulator both depend on the exact text, so none of it goes through tr().
QString pairwiseSystem()
{
    return JudgePrompts::pairwiseSystemFirstLine() + u'\n'
        + u"Judge correctness first, then completeness and clarity. When a reference answer is given, treat it as "
          u"correct.\n"
          u"Do not let the order of the answers, their length or their style sway you. Answer \"tie\" when neither "
          u"is better.\n"
          u"Reply with a JSON object only: {\"winner\": \"A\" | \"B\" | \"tie\", \"reason\": \"<one sentence>\"}."_s;
}

QString rubricSystem()
{
    return JudgePrompts::rubricSystemFirstLine() + u'\n'
        + u"Score 5 when the answer meets every point of the rubric, 1 when it meets none, and between for "
          u"partial answers.\n"
          u"When a reference answer is given, treat it as correct. Do not reward length or style the rubric does "
          u"not ask for.\n"
          u"Reply with a JSON object only: {\"score\": <integer 1-5>, \"reason\": \"<one sentence>\"}."_s;
}

QString section(const QString& title, const QString& body)
{
    return u'[' + title + u"]\n"_s + body;
}

Prompt judgePrompt(const Prompt& original, const QString& idSuffix, const QString& system, const QString& user)
{
    Prompt p;
    p.id = original.id + idSuffix;
    p.category = original.category;
    p.system = system;
    p.messages.append(QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, user } });
    p.options.insert(u"response_format"_s, QJsonObject { { u"type"_s, u"json_object"_s } });
    return p;
}

} // namespace

QString JudgePrompts::pairwiseSystemFirstLine()
{
    return u"You are an impartial judge comparing two answers to the same question."_s;
}

QString JudgePrompts::rubricSystemFirstLine()
{
    return u"You are a strict grader scoring an answer against a rubric."_s;
}

QString JudgePrompts::questionText(const Prompt& original)
{
    const QString text = lastUserText(original);
    // The importers reject a prompt without messages, but a conversation may end on an assistant turn.
    return text.isEmpty()
            && std::none_of(original.messages.cbegin(), original.messages.cend(),
                            [](const QJsonValue& m) { return m.toObject().value(u"role"_s).toString() == u"user"_s; })
        ? u"(no question)"_s
        : text;
}

QString JudgePrompts::answerText(const ChatOutcome& answer)
{
    QStringList lines;
    // Trailing blank lines would only push the tool calls away; whitespace-only content (which JSON mode can
    // return) is no answer at all.
    QString content = answer.content;
    while (!content.isEmpty() && content.back().isSpace())
        content.chop(1);
    if (!content.isEmpty())
        lines.append(content);
    for (const ToolCall& call : answer.toolCalls)
        lines.append(u"tool call: "_s + call.name + u'(' + call.arguments + u')');
    return lines.isEmpty() ? u"(no answer)"_s : lines.join(u'\n');
}

namespace {
// The turns before the last, each with the answers given to it ("Answer A" and "Answer B", or "Answer"), and the
// system prompt: what a conversation's judge reads before its [Question]. Empty for a prompt of one turn.
QString conversationSoFar(const Prompt& original, const QStringList& a, const QStringList& b, bool pair)
{
    const QStringList turns = conversationTurns(original);
    if (turns.size() < 2)
        return QString();
    QStringList lines;
    if (!original.system.isEmpty())
        lines.append(u"System: "_s + original.system);
    const QJsonArray reference = original.metadata.value(u"reference"_s).toArray();
    for (qsizetype k = 0; k + 1 < turns.size(); ++k) {
        lines.append(u"Turn %1, user: %2"_s.arg(k + 1).arg(turns.at(k)));
        // MT-Bench's reference of that turn, when the line gives one per turn.
        if (reference.size() == turns.size() && !reference.at(k).toString().isEmpty())
            lines.append(u"Turn %1, reference answer: %2"_s.arg(k + 1).arg(reference.at(k).toString()));
        lines.append(u"Turn %1, %2: %3"_s.arg(k + 1).arg(pair ? u"Answer A"_s : u"Answer"_s, a.value(k)));
        if (pair)
            lines.append(u"Turn %1, Answer B: %2"_s.arg(k + 1).arg(b.value(k)));
    }
    return section(u"Conversation so far"_s, lines.join(u'\n'));
}
} // namespace

Prompt JudgePrompts::pairwise(const Prompt& original, const ChatOutcome& first, const ChatOutcome& second,
                              PairOrder order, const QStringList& firstEarlier, const QStringList& secondEarlier)
{
    const bool firstAsA = order == PairOrder::FirstAsA;
    QStringList parts;
    if (const QString earlier = conversationSoFar(original, firstAsA ? firstEarlier : secondEarlier,
                                                  firstAsA ? secondEarlier : firstEarlier, true);
        !earlier.isEmpty())
        parts.append(earlier);
    parts.append(section(u"Question"_s, questionText(original)));
    if (!original.expected.isEmpty())
        parts.append(section(u"Reference answer"_s, original.expected));
    parts.append(section(u"Answer A"_s, answerText(firstAsA ? first : second)));
    parts.append(section(u"Answer B"_s, answerText(firstAsA ? second : first)));
    parts.append(u"Which answer is better? Reply in JSON."_s);
    return judgePrompt(original, firstAsA ? u"#pair-ab"_s : u"#pair-ba"_s, pairwiseSystem(), parts.join(u"\n\n"_s));
}

Prompt JudgePrompts::rubric(const Prompt& original, const QString& rubric, const ChatOutcome& answer, int index,
                            const QStringList& earlier)
{
    QStringList parts;
    if (const QString before = conversationSoFar(original, earlier, {}, false); !before.isEmpty())
        parts.append(before);
    parts.append(section(u"Rubric"_s, rubric));
    parts.append(section(u"Question"_s, questionText(original)));
    if (!original.expected.isEmpty())
        parts.append(section(u"Reference answer"_s, original.expected));
    parts.append(section(u"Answer"_s, answerText(answer)));
    parts.append(u"Score the answer in JSON."_s);
    return judgePrompt(original, u"#rubric-"_s + QString::number(index), rubricSystem(), parts.join(u"\n\n"_s));
}

} // namespace tierlens
