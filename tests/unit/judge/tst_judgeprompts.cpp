#include "checks/judge/JudgePrompts.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tierlens;

namespace {

Prompt capitalPrompt()
{
    Prompt p;
    p.dbId = 42;
    p.id = u"geo-1"_s;
    p.category = u"geography"_s;
    p.system = u"Answer briefly."_s;
    p.messages.append(QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"What is the capital of France?"_s } });
    p.options.insert(u"thinking"_s, QJsonObject { { u"type"_s, u"disabled"_s } });
    p.expected = u"Paris"_s;
    return p;
}

ChatOutcome answer(const QString& content, const QVector<ToolCall>& calls = {})
{
    ChatOutcome o;
    o.content = content;
    o.toolCalls = calls;
    return o;
}

ToolCall call(const QString& name, const QString& arguments)
{
    ToolCall c;
    c.id = u"call_1"_s;
    c.name = name;
    c.arguments = arguments;
    return c;
}

QString userText(const Prompt& p)
{
    if (p.messages.size() != 1)
        return u"<%1 messages>"_s.arg(p.messages.size());
    const QJsonObject m = p.messages.first().toObject();
    if (m.value(u"role"_s).toString() != u"user"_s)
        return u"<role %1>"_s.arg(m.value(u"role"_s).toString());
    return m.value(u"content"_s).toString();
}

const QString pairwiseSystem = uR"(You are an impartial judge comparing two answers to the same question.
Judge correctness first, then completeness and clarity. When a reference answer is given, treat it as correct.
Do not let the order of the answers, their length or their style sway you. Answer "tie" when neither is better.
Reply with a JSON object only: {"winner": "A" | "B" | "tie", "reason": "<one sentence>"}.)"_s;

const QString rubricSystem = uR"(You are a strict grader scoring an answer against a rubric.
Score 5 when the answer meets every point of the rubric, 1 when it meets none, and between for partial answers.
When a reference answer is given, treat it as correct. Do not reward length or style the rubric does not ask for.
Reply with a JSON object only: {"score": <integer 1-5>, "reason": "<one sentence>"}.)"_s;

} // namespace

class TestJudgePrompts : public QObject
{
    Q_OBJECT

private slots:
    void aConversationIsJudgedWhole();
    void pairwiseWithReference()
    {
        const Prompt p = JudgePrompts::pairwise(capitalPrompt(), answer(u"Paris."_s), answer(u"Lyon.\n\n"_s));
        QCOMPARE(p.id, u"geo-1#pair-ab"_s);
        QCOMPARE(p.category, u"geography"_s);
        QCOMPARE(p.dbId, 0);
        QVERIFY(p.expected.isEmpty());
        QCOMPARE(p.system, pairwiseSystem);
        QVERIFY(p.system.startsWith(u"You are an impartial judge comparing two answers to the same question.\n"_s));
        QCOMPARE(userText(p), uR"([Question]
What is the capital of France?

[Reference answer]
Paris

[Answer A]
Paris.

[Answer B]
Lyon.

Which answer is better? Reply in JSON.)"_s);
        // JSON mode only: the original's thinking option belongs to the models under test, not to the judge.
        QCOMPARE(QJsonDocument(p.options).toJson(QJsonDocument::Compact),
                 R"({"response_format":{"type":"json_object"}})"_ba);
    }

    void pairwiseSwappedWithToolCallsAndArrayContent()
    {
        Prompt original;
        original.id = u"w7"_s;
        original.category = u"tools"_s;
        original.messages.append(QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"Earlier question"_s } });
        original.messages.append(QJsonObject { { u"role"_s, u"assistant"_s }, { u"content"_s, u"Earlier answer"_s } });
        original.messages.append(QJsonObject {
            { u"role"_s, u"user"_s },
            { u"content"_s,
              QJsonArray { QJsonObject { { u"type"_s, u"text"_s }, { u"text"_s, u"What is the weather in Oslo?"_s } },
                           QJsonObject { { u"type"_s, u"image_url"_s }, { u"image_url"_s, u"http://x/y.png"_s } },
                           QJsonObject { { u"type"_s, u"text"_s }, { u"text"_s, u"Use the tool."_s } } } } });
        const ChatOutcome flash = answer(u"Let me check."_s, { call(u"get_weather"_s, uR"({"city":"Oslo"})"_s) });
        const ChatOutcome pro = answer(
            {},
            { call(u"get_weather"_s, uR"({"city": "Oslo"})"_s), call(u"get_time"_s, uR"({"tz":"Europe/Oslo"})"_s) });
        const Prompt p = JudgePrompts::pairwise(original, flash, pro, JudgePrompts::PairOrder::SecondAsA);
        QCOMPARE(p.id, u"w7#pair-ba"_s);
        QCOMPARE(p.category, u"tools"_s);
        QCOMPARE(p.system, pairwiseSystem);
        QCOMPARE(userText(p), uR"([Question]
What is the weather in Oslo?
Use the tool.

[Answer A]
tool call: get_weather({"city": "Oslo"})
tool call: get_time({"tz":"Europe/Oslo"})

[Answer B]
Let me check.
tool call: get_weather({"city":"Oslo"})

Which answer is better? Reply in JSON.)"_s);
        // The same pair asked in the first order differs only in the id and the letters.
        const Prompt ab = JudgePrompts::pairwise(original, flash, pro);
        QCOMPARE(ab.id, u"w7#pair-ab"_s);
        QVERIFY(userText(ab).contains(u"[Answer A]\nLet me check.\n"_s));
    }

    void rubricWithReference()
    {
        const Prompt p = JudgePrompts::rubric(capitalPrompt(), u"Names Paris.\nNo extra facts."_s,
                                              answer(u"Paris, on the Seine."_s), 1);
        QCOMPARE(p.id, u"geo-1#rubric-1"_s);
        QCOMPARE(p.category, u"geography"_s);
        QCOMPARE(p.system, rubricSystem);
        QCOMPARE(userText(p), uR"([Rubric]
Names Paris.
No extra facts.

[Question]
What is the capital of France?

[Reference answer]
Paris

[Answer]
Paris, on the Seine.

Score the answer in JSON.)"_s);
        QCOMPARE(QJsonDocument(p.options).toJson(QJsonDocument::Compact),
                 R"({"response_format":{"type":"json_object"}})"_ba);
    }

    void rubricWithoutReferenceAndNoAnswer()
    {
        Prompt original = capitalPrompt();
        original.expected.clear();
        ChatOutcome failed;
        failed.error = ErrorClass::Timeout;
        const Prompt p = JudgePrompts::rubric(original, u"Names Paris."_s, failed);
        QCOMPARE(p.id, u"geo-1#rubric-0"_s);
        QCOMPARE(userText(p), uR"([Rubric]
Names Paris.

[Question]
What is the capital of France?

[Answer]
(no answer)

Score the answer in JSON.)"_s);
    }

    void answerText_data()
    {
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QString() << u"(no answer)"_s;
        QTest::newRow("whitespace only") << u" \n\t\n"_s << u"(no answer)"_s;
        QTest::newRow("kept inside") << u"  line 1\n\nline 2\n"_s << u"  line 1\n\nline 2"_s;
    }

    void answerText()
    {
        QFETCH(QString, content);
        QFETCH(QString, expected);
        QCOMPARE(JudgePrompts::answerText(answer(content)), expected);
    }

    void toolCallWithoutArguments()
    {
        QCOMPARE(JudgePrompts::answerText(answer(u"  \n"_s, { call(u"ping"_s, {}) })), u"tool call: ping()"_s);
    }

    void questionWithoutUserMessage()
    {
        Prompt p;
        p.messages.append(QJsonObject { { u"role"_s, u"assistant"_s }, { u"content"_s, u"Hello"_s } });
        QCOMPARE(JudgePrompts::questionText(p), u"(no question)"_s);
        QCOMPARE(JudgePrompts::questionText(Prompt {}), u"(no question)"_s);
    }

    void systemFirstLines()
    {
        // Byte-exact: the simulator recognises judge requests by these lines.
        QCOMPARE(JudgePrompts::pairwiseSystemFirstLine().toUtf8(),
                 "You are an impartial judge comparing two answers to the same question."_ba);
        QCOMPARE(JudgePrompts::rubricSystemFirstLine().toUtf8(),
                 "You are a strict grader scoring an answer against a rubric."_ba);
        QCOMPARE(JudgePrompts::rubric(capitalPrompt(), u"r"_s, answer(u"x"_s)).system.section(u'\n', 0, 0),
                 JudgePrompts::rubricSystemFirstLine());
    }
};

// A conversation: the judge reads the system prompt and every earlier turn with both models' own answers to it (in
// this prompt's A/B order), then the last turn as the question; the simulator's parser skips what precedes
// [Question] and [Rubric].
void TestJudgePrompts::aConversationIsJudgedWhole()
{
    Prompt original;
    original.id = u"81"_s;
    original.category = u"writing"_s;
    original.system = u"Be brief."_s;
    const QStringList turns { u"Write a haiku about rain."_s, u"Now about snow."_s };
    original.metadata.insert(u"turns"_s, QJsonArray::fromStringList(turns));
    for (const QString& t : turns)
        original.messages.append(QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, t } });
    const Prompt ba
        = JudgePrompts::pairwise(original, answer(u"first snow"_s), answer(u"second snow"_s),
                                 JudgePrompts::PairOrder::SecondAsA, { u"first rain"_s }, { u"second rain"_s });
    QCOMPARE(userText(ba),
             u"[Conversation so far]\nSystem: Be brief.\nTurn 1, user: Write a haiku about rain.\n"
             u"Turn 1, Answer A: second rain\nTurn 1, Answer B: first rain\n\n[Question]\nNow about snow."
             u"\n\n[Answer A]\nsecond snow\n\n[Answer B]\nfirst snow\n\nWhich answer is better? Reply in "
             u"JSON."_s);
    const Prompt graded
        = JudgePrompts::rubric(original, u"Mentions snow."_s, answer(u"first snow"_s), 0, { u"first rain"_s });
    QVERIFY2(userText(graded).startsWith(u"[Conversation so far]\nSystem: Be brief.\nTurn 1, user: Write a haiku "
                                         u"about rain.\nTurn 1, Answer: first rain\n\n[Rubric]\nMentions snow."_s),
             qPrintable(userText(graded)));
    // A prompt of one turn is judged as before.
    QVERIFY(
        !userText(JudgePrompts::pairwise(capitalPrompt(), answer(u"a"_s), answer(u"b"_s))).contains(u"Conversation"_s));
}

QTEST_GUILESS_MAIN(TestJudgePrompts)
#include "tst_judgeprompts.moc"
