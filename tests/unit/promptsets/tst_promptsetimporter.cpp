// Prompt-set import: good JSONL and CSV files, every refusal with its exact message, and the JSONL round trip.

#include "promptsets/PromptSetImporter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using tierlens::ImportError;
using tierlens::Prompt;
using tierlens::PromptSet;
using tierlens::PromptSetImporter;

namespace {

QString dataPath(const QString& name)
{
    return QStringLiteral(TIERLENS_TEST_DATA "/promptsets/") + name;
}

QJsonObject message(const QString& role, const QString& content)
{
    return QJsonObject { { u"role"_s, role }, { u"content"_s, content } };
}

QByteArray manyTools(int count)
{
    QJsonArray tools;
    for (int i = 0; i < count; ++i) {
        tools.append(QJsonObject {
            { u"type"_s, u"function"_s },
            { u"function"_s, QJsonObject { { u"name"_s, u"t%1"_s.arg(i) }, { u"parameters"_s, QJsonObject {} } } } });
    }
    return "{\"id\":\"a\",\"prompt\":\"x\",\"options\":{\"tools\":"_ba
        + QJsonDocument(tools).toJson(QJsonDocument::Compact) + "}}\n"_ba;
}

void comparePrompts(const QVector<Prompt>& actual, const QVector<Prompt>& expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (int i = 0; i < actual.size(); ++i) {
        QCOMPARE(actual[i].id, expected[i].id);
        QCOMPARE(actual[i].category, expected[i].category);
        QCOMPARE(actual[i].system, expected[i].system);
        QCOMPARE(actual[i].messages, expected[i].messages);
        QCOMPARE(actual[i].options, expected[i].options);
        QCOMPARE(actual[i].expected, expected[i].expected);
        QCOMPARE(actual[i].metadata, expected[i].metadata);
    }
}

} // namespace

class TestPromptSetImporter : public QObject
{
    Q_OBJECT

private slots:
    void goodJsonl();
    void goodCsv();
    void errors_data();
    void errors();
    void fileErrors();
    void roundTrip_data();
    void roundTrip();
    void errorRendering();
    void defaultsLine();
    void csvAssertions();
    void mtBenchAsPublished();
    void scriptErrorsNameLineAndField();
    void readmeExamplesImport();
};

void TestPromptSetImporter::defaultsLine()
{
    const QByteArray bytes = "{\"defaults\": {\"assert\": [{\"type\": \"max-latency-ms\", \"value\": 30000}]}}\n"
                             "{\"id\": \"a\", \"prompt\": \"Capital of Peru?\", \"transform\": \"output.trim()\", "
                             "\"assert\": [{\"type\": \"javascript\", \"value\": \"output.includes('Lima')\"}]}\n";
    ImportError error;
    const std::optional<PromptSet> set
        = PromptSetImporter::parse(bytes, PromptSetImporter::Format::Jsonl, u"prompts.jsonl"_s, &error);
    QVERIFY2(set, qPrintable(error.toString()));
    QCOMPARE(set->defaults.value(u"assert"_s).toArray().size(), 1);
    QCOMPARE(set->prompts.size(), 1);
    QCOMPARE(set->prompts.first().metadata.value(u"transform"_s).toString(), u"output.trim()"_s);

    // Still one defaults line at most, and only "assert" in it.
    QVERIFY(!PromptSetImporter::parse("{\"defaults\": {\"assert\": []}}\n{\"defaults\": {\"assert\": []}}\n",
                                      PromptSetImporter::Format::Jsonl, u"prompts.jsonl"_s, &error));
    QCOMPARE(error.toString(), u"prompts.jsonl:2: field \"defaults\": a second defaults line (the first is line 1)"_s);
    QVERIFY(
        !PromptSetImporter::parse("{\"defaults\": {\"assert\": [], \"vars\": {}}}\n{\"id\": 1, \"prompt\": \"x\"}\n",
                                  PromptSetImporter::Format::Jsonl, u"prompts.jsonl"_s, &error));
    QCOMPARE(error.toString(),
             u"prompts.jsonl:1: field \"defaults.vars\": unknown default; only \"assert\" is known"_s);
}

// MT-Bench's question.jsonl lines as published: question_id, category, turns, and for some a reference per turn.
void TestPromptSetImporter::mtBenchAsPublished()
{
    const QByteArray bytes
        = "{\"question_id\": 81, \"category\": \"writing\", \"turns\": [\"Compose a travel blog post about Hawaii.\", "
          "\"Rewrite it starting every sentence with the letter A.\"]}\n"
          "{\"question_id\": 111, \"category\": \"math\", \"turns\": [\"What is 3 + 4?\", \"Double it.\"], "
          "\"reference\": [\"7\", \"14\"]}\n";
    ImportError error;
    const std::optional<PromptSet> set
        = PromptSetImporter::parse(bytes, PromptSetImporter::Format::Jsonl, u"question.jsonl"_s, &error);
    QVERIFY2(set, qPrintable(error.toString()));
    QCOMPARE(set->prompts.size(), 2);
    const Prompt& writing = set->prompts.at(0);
    QCOMPARE(writing.id, u"81"_s);
    QCOMPARE(writing.category, u"writing"_s);
    QCOMPARE(conversationTurns(writing).size(), 2);
    QCOMPARE(lastUserText(writing), u"Rewrite it starting every sentence with the letter A."_s);
    QVERIFY(writing.expected.isEmpty());
    QCOMPARE(set->prompts.at(1).expected, u"14"_s);
    // What is sent at the second turn: the first, this model's answer, the second.
    const Prompt second = conversationAt(set->prompts.at(1), 1, { u"Seven."_s });
    QCOMPARE(second.messages.size(), 3);
    QCOMPARE(second.messages.at(1).toObject().value(u"content"_s).toString(), u"Seven."_s);
    QCOMPARE(second.messages.at(2).toObject().value(u"content"_s).toString(), u"Double it."_s);
    // Exported and imported again, the same conversations.
    const std::optional<PromptSet> again = PromptSetImporter::parse(
        PromptSetImporter::toJsonl(*set), PromptSetImporter::Format::Jsonl, u"again.jsonl"_s, &error);
    QVERIFY2(again, qPrintable(error.toString()));
    QCOMPARE(conversationTurns(again->prompts.at(1)), conversationTurns(set->prompts.at(1)));
    QCOMPARE(again->prompts.at(1).messages, set->prompts.at(1).messages);
}

void TestPromptSetImporter::csvAssertions()
{
    // An "assert" column of JSON, and promptfoo's __expected columns (shorthand, or the expected text itself).
    const QByteArray bytes = "id,prompt,assert,__expected1,__expected2\r\n"
                             "1,Capital of Peru?,\"[{\"\"type\"\": \"\"max-latency-ms\"\", \"\"value\"\": 5000}]\","
                             "icontains: lima,javascript: output.length < 200\r\n"
                             "2,Say yes,,yes,\r\n";
    ImportError error;
    const std::optional<PromptSet> set
        = PromptSetImporter::parse(bytes, PromptSetImporter::Format::Csv, u"prompts.csv"_s, &error);
    QVERIFY2(set, qPrintable(error.toString()));
    const QJsonArray first = set->prompts.at(0).metadata.value(u"assert"_s).toArray();
    QCOMPARE(first.size(), 3);
    QCOMPARE(first.at(0).toObject().value(u"type"_s).toString(), u"max-latency-ms"_s);
    QCOMPARE(first.at(1).toObject(), (QJsonObject { { u"type"_s, u"icontains"_s }, { u"value"_s, u"lima"_s } }));
    QCOMPARE(first.at(2).toObject().value(u"type"_s).toString(), u"javascript"_s);
    QCOMPARE(set->prompts.at(1).metadata.value(u"assert"_s).toArray(),
             QJsonArray({ QJsonObject { { u"type"_s, u"equals"_s }, { u"value"_s, u"yes"_s } } }));

    struct Bad
    {
        QByteArray cells;
        QString error;
    };
    const QVector<Bad> bad {
        { "1,x,not json,", u"prompts.csv:2: field \"assert\": invalid JSON at column 1"_s },
        { "1,x,{},", u"prompts.csv:2: field \"assert\": expected an array of assertions"_s },
        { "1,x,,similar(0.8): Lima", u"prompts.csv:2: field \"__expected1\": \"similar\" is an assertion type"_s },
        { "1,x,,javascript: output.includes(", u"prompts.csv:2: field \"__expected1\": SyntaxError"_s },
        { "1,x,\"[{\"\"type\"\": \"\"contains\"\"}]\",", u"prompts.csv:2: field \"assert[0].value\""_s },
    };
    for (const Bad& b : bad) {
        QVERIFY(!PromptSetImporter::parse("id,prompt,assert,__expected1\n" + b.cells + '\n',
                                          PromptSetImporter::Format::Csv, u"prompts.csv"_s, &error));
        QVERIFY2(error.toString().startsWith(b.error), qPrintable(error.toString()));
    }
}

void TestPromptSetImporter::scriptErrorsNameLineAndField()
{
    struct Case
    {
        QByteArray line;
        QString field;
    };
    const QVector<Case> cases {
        { "{\"id\": 2, \"prompt\": \"x\", \"assert\": [{\"type\": \"contains\", \"value\": \"a\"}, "
          "{\"type\": \"javascript\", \"value\": \"output.includes('a'\"}]}",
          u"assert[1].value"_s },
        { "{\"id\": 2, \"prompt\": \"x\", \"transform\": \"JSON.parse(output\"}", u"transform"_s },
        { "{\"id\": 2, \"prompt\": \"x\", \"assert\": [{\"type\": \"equals\", \"value\": \"a\", \"transform\": "
          "\"output.(\"}]}",
          u"assert[0].transform"_s },
        { "{\"defaults\": {\"assert\": [{\"type\": \"javascript\", \"value\": \"return {\"}]}}",
          u"defaults.assert[0].value"_s },
    };
    for (const Case& c : cases) {
        ImportError error;
        const QByteArray bytes = "{\"id\": 1, \"prompt\": \"fine\"}\n" + c.line + '\n';
        QVERIFY(!PromptSetImporter::parse(bytes, PromptSetImporter::Format::Jsonl, u"prompts.jsonl"_s, &error));
        QCOMPARE(error.line, 2);
        QCOMPARE(error.field, c.field);
        QVERIFY2(error.message.contains(u"SyntaxError"_s), qPrintable(error.toString()));
    }
}

// Every ```jsonl block of the README imports as it is shown: the documentation cannot drift from the importer.
void TestPromptSetImporter::readmeExamplesImport()
{
    QFile readme(QStringLiteral(TIERLENS_SOURCE_DIR) + u"/README.md"_s);
    QVERIFY(readme.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines = QString::fromUtf8(readme.readAll()).split(u'\n');
    int blocks = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines.at(i).trimmed() != u"```jsonl"_s)
            continue;
        const qsizetype start = i + 1;
        QByteArray block;
        for (++i; i < lines.size() && !lines.at(i).trimmed().startsWith(u"```"_s); ++i)
            block += lines.at(i).toUtf8() + '\n';
        ImportError error;
        const std::optional<PromptSet> set
            = PromptSetImporter::parse(block, PromptSetImporter::Format::Jsonl, u"README.md"_s, &error);
        QVERIFY2(set, qPrintable(u"the block at README.md:%1: %2"_s.arg(start).arg(error.toString())));
        ++blocks;
    }
    QVERIFY2(blocks >= 2, "the README shows its JSONL examples in ```jsonl blocks");
}

void TestPromptSetImporter::goodJsonl()
{
    ImportError error;
    const std::optional<PromptSet> set = PromptSetImporter::load(dataPath(u"good.jsonl"_s), &error);
    QVERIFY2(set, qPrintable(error.toString()));
    QCOMPARE(set->name, u"good"_s);
    QCOMPARE(set->sourcePath, dataPath(u"good.jsonl"_s));
    QCOMPARE(set->sourceSha256, u"eee9350b474aa571ef3d98c2eef4d75880fb9dad3ffac86a0704ea9e7819a63f"_s);
    QCOMPARE(set->prompts.size(), 6);

    const Prompt& greet = set->prompts[0];
    QCOMPARE(greet.id, u"greet"_s);
    QCOMPARE(greet.category, u"easy"_s);
    QVERIFY(greet.system.isEmpty());
    QCOMPARE(greet.messages, QJsonArray { message(u"user"_s, u"Say hello in French."_s) });
    QVERIFY(greet.options.isEmpty());
    QVERIFY(greet.metadata.isEmpty());

    // A leading system message moves into `system`; a numeric id becomes its decimal text.
    const Prompt& math = set->prompts[1];
    QCOMPARE(math.id, u"42"_s);
    QCOMPARE(math.category, u"general"_s);
    QCOMPARE(math.system, u"You are terse."_s);
    QCOMPARE(math.messages, QJsonArray { message(u"user"_s, u"2+2?"_s) });
    QCOMPARE(math.expected, u"4"_s);

    const Prompt& json = set->prompts[2];
    QCOMPARE(json.system, u"Answer in json."_s);
    QCOMPARE(json.options.value(u"max_tokens"_s).toInt(), 256);
    QCOMPARE(json.options.value(u"response_format"_s).toObject().value(u"type"_s).toString(), u"json_object"_s);
    QCOMPARE(json.expected, u"{\"city\":\"Lyon\"}"_s);
    QCOMPARE(json.metadata.keys(), (QStringList { u"assert"_s, u"vars"_s }));
    QCOMPARE(json.metadata.value(u"vars"_s).toObject().value(u"lang"_s).toString(), u"fr"_s);

    const Prompt& tool = set->prompts[3];
    QCOMPARE(tool.messages.size(), 3);
    QCOMPARE(tool.messages[1].toObject().value(u"tool_calls"_s).toArray().size(), 1);
    QCOMPARE(tool.messages[2].toObject().value(u"tool_call_id"_s).toString(), u"c1"_s);

    QCOMPARE(set->prompts[4].category, u"general"_s);
    QCOMPARE(set->prompts[4].messages[0].toObject().value(u"content"_s).toString(),
             QString::fromUtf8("Traduis « bonjour » en 日本語 😀"));
    QCOMPARE(set->prompts[5].id, u"crlf"_s);
}

void TestPromptSetImporter::goodCsv()
{
    ImportError error;
    const std::optional<PromptSet> set = PromptSetImporter::load(dataPath(u"good.csv"_s), &error);
    QVERIFY2(set, qPrintable(error.toString()));
    QCOMPARE(set->name, u"good"_s);
    QCOMPARE(set->sourceSha256, u"3d6989fbfe7a39c56fda5b36cd6f4a5345a7645bc0595e9480dbecef6a6f2d84"_s);
    QCOMPARE(set->prompts.size(), 3);

    // The BOM is not part of the first column's name, or "id" would be an unknown column.
    const Prompt& a = set->prompts[0];
    QCOMPARE(a.id, u"a1"_s);
    QCOMPARE(a.category, u"coding"_s);
    QCOMPARE(a.messages, QJsonArray { message(u"user"_s, u"Write a function that returns \"hi\", nothing else."_s) });
    QCOMPARE(a.expected, u"hi"_s);
    QCOMPARE(a.options, (QJsonObject { { u"max_tokens"_s, 100 } }));
    QCOMPARE(a.metadata, (QJsonObject { { u"difficulty"_s, u"easy"_s } }));

    // Empty id: the row number; quoted CRLF and LF both become \n; an empty category means "general".
    const Prompt& b = set->prompts[1];
    QCOMPARE(b.id, u"2"_s);
    QCOMPARE(b.category, u"general"_s);
    QCOMPARE(b.messages[0].toObject().value(u"content"_s).toString(),
             u"Line one\nline two, with a comma\nline three"_s);
    QVERIFY(b.options.isEmpty());
    QVERIFY(b.metadata.isEmpty());

    QCOMPARE(set->prompts[2].id, u"c3"_s);
    QCOMPARE(set->prompts[2].metadata.value(u"difficulty"_s).toString(), u"hard"_s);
}

void TestPromptSetImporter::errors_data()
{
    QTest::addColumn<bool>("csv");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");

    const QString allowed
        = u"thinking, reasoning_effort, temperature, top_p, max_tokens, response_format, tools, "
          u"tool_choice, stop, presence_penalty, frequency_penalty, user_id, logprobs, top_logprobs"_s;
    auto jsonl = [](const char* name, const QByteArray& bytes, const QString& expected) {
        QTest::newRow(name) << false << bytes << expected;
    };
    auto csv = [](const char* name, const QByteArray& bytes, const QString& expected) {
        QTest::newRow(name) << true << bytes << expected;
    };

    jsonl("invalid utf-8", "{\"id\":\"a\",\"prompt\":\"ok\"}\n{\"id\":\"b\",\"prompt\":\"bad \xff\"}\n",
          u"prompts.jsonl:2: invalid UTF-8 at byte 25 of the line (save the file as UTF-8)"_s);
    jsonl("overlong utf-8", "{\"id\":\"a\",\"prompt\":\"\xc0\xaf\"}\n",
          u"prompts.jsonl:1: invalid UTF-8 at byte 21 of the line (save the file as UTF-8)"_s);
    jsonl("invalid json", "{\"id\":\"a\",\"prompt\":\"ok\"}\n\n{\"id\": \"b\" \"prompt\": \"x\"}\n",
          u"prompts.jsonl:3: invalid JSON at column 12: unterminated object"_s);
    jsonl("unterminated string", "{\"id\":\"a\",\"prompt\":\"x\n",
          u"prompts.jsonl:1: invalid JSON at column 21: unterminated string"_s);
    jsonl("scalar line", "{\"id\":\"a\",\"prompt\":\"x\"}\n42\n",
          u"prompts.jsonl:2: expected a JSON object on each line"_s);
    jsonl("array line", "[1, 2]\n", u"prompts.jsonl:1: expected a JSON object on each line, found an array"_s);
    jsonl("empty file", "", u"prompts.jsonl: the file is empty"_s);
    jsonl("blank lines only", "\n  \r\n\n", u"prompts.jsonl: the file is empty"_s);
    jsonl("bom only", "\xEF\xBB\xBF", u"prompts.jsonl: the file is empty"_s);
    jsonl("missing prompt", "{\"id\":\"a\"}\n",
          u"prompts.jsonl:1: field \"prompt\": missing: every line needs \"prompt\" (a string), \"messages\" (an "
          u"array) or \"turns\" (the user turns of a conversation)"_s);
    jsonl("empty prompt", "{\"id\":\"a\",\"prompt\":\"  \"}\n",
          u"prompts.jsonl:1: field \"prompt\": expected a non-empty string"_s);
    jsonl("prompt and messages", "{\"id\":\"a\",\"prompt\":\"x\",\"messages\":[]}\n",
          u"prompts.jsonl:1: field \"prompt\": give one of \"prompt\", \"messages\" or \"turns\", not several"_s);
    jsonl(
        "turns empty", "{\"id\": 1, \"turns\": []}\n",
        u"prompts.jsonl:1: field \"turns\": expected the user turns of a conversation, a non-empty array of strings"_s);
    jsonl("turn not text", "{\"id\": 1, \"turns\": [\"a\", 2]}\n",
          u"prompts.jsonl:1: field \"turns[1]\": expected a non-empty string"_s);
    jsonl("turns and prompt", "{\"id\": 1, \"prompt\": \"x\", \"turns\": [\"a\"]}\n",
          u"prompts.jsonl:1: field \"turns\": give one of \"prompt\", \"messages\" or \"turns\", not several"_s);
    jsonl("reference per turn", "{\"question_id\": 1, \"turns\": [\"a\", \"b\"], \"reference\": [\"x\"]}\n",
          u"prompts.jsonl:1: field \"reference\": expected one reference answer per turn: 2 turns, 1 references"_s);
    jsonl("reference not a list", "{\"question_id\": 1, \"turns\": [\"a\"], \"reference\": \"b\"}\n",
          u"prompts.jsonl:1: field \"reference\": expected one reference answer per turn, an array of strings"_s);
    jsonl("missing id", "{\"prompt\":\"x\"}\n",
          u"prompts.jsonl:1: field \"id\": missing: every line needs an id (a string or a number)"_s);
    jsonl("bool id", "{\"id\":true,\"prompt\":\"x\"}\n",
          u"prompts.jsonl:1: field \"id\": expected a string or a number"_s);
    jsonl("category not string", "{\"id\":\"a\",\"prompt\":\"x\",\"category\":3}\n",
          u"prompts.jsonl:1: field \"category\": expected a string"_s);
    jsonl("messages not array", "{\"id\":\"a\",\"messages\":\"hi\"}\n",
          u"prompts.jsonl:1: field \"messages\": expected an array of {role, content} objects"_s);
    jsonl("message not object", "{\"id\":\"a\",\"messages\":[\"hi\"]}\n",
          u"prompts.jsonl:1: field \"messages[0]\": expected a {role, content} object"_s);
    jsonl("unknown role",
          "{\"id\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"bot\","
          "\"content\":\"y\"}]}\n",
          u"prompts.jsonl:1: field \"messages[1].role\": unknown role \"bot\" (expected system, user, assistant or "
          u"tool)"_s);
    jsonl("content not string", "{\"id\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":[1]}]}\n",
          u"prompts.jsonl:1: field \"messages[0].content\": expected a string"_s);
    jsonl("tool without call id", "{\"id\":\"a\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}\n",
          u"prompts.jsonl:1: field \"messages[0].tool_call_id\": a tool message needs the id of the call it "
          u"answers"_s);
    jsonl("system twice",
          "{\"id\":\"a\",\"system\":\"s\",\"messages\":[{\"role\":\"system\",\"content\":\"t\"},"
          "{\"role\":\"user\",\"content\":\"x\"}]}\n",
          u"prompts.jsonl:1: field \"messages[0]\": a leading system message and a \"system\" field cannot both be "
          u"given"_s);
    jsonl("system only", "{\"id\":\"a\",\"messages\":[{\"role\":\"system\",\"content\":\"t\"}]}\n",
          u"prompts.jsonl:1: field \"messages\": needs at least one message besides the system prompt"_s);
    jsonl("options not object", "{\"id\":\"a\",\"prompt\":\"x\",\"options\":[1]}\n",
          u"prompts.jsonl:1: field \"options\": expected an object of request fields"_s);
    jsonl("unknown option", "{\"id\":\"a\",\"prompt\":\"x\",\"options\":{\"temprature\":1}}\n",
          u"prompts.jsonl:1: field \"options.temprature\": unknown option (allowed: "_s + allowed + u")"_s);
    jsonl("max_tokens zero", "{\"id\":\"a\",\"prompt\":\"x\",\"options\":{\"max_tokens\":0}}\n",
          u"prompts.jsonl:1: field \"options.max_tokens\": expected an integer from 1 to 393216"_s);
    jsonl("max_tokens too big", "{\"id\":\"a\",\"prompt\":\"x\",\"options\":{\"max_tokens\":393217}}\n",
          u"prompts.jsonl:1: field \"options.max_tokens\": expected an integer from 1 to 393216"_s);
    jsonl("max_tokens fraction", "{\"id\":\"a\",\"prompt\":\"x\",\"options\":{\"max_tokens\":1.5}}\n",
          u"prompts.jsonl:1: field \"options.max_tokens\": expected an integer from 1 to 393216"_s);
    jsonl("temperature", "{\"id\":\"a\",\"prompt\":\"x\",\"options\":{\"temperature\":2.5}}\n",
          u"prompts.jsonl:1: field \"options.temperature\": expected a number from 0 to 2"_s);
    jsonl("temperature string", "{\"id\":\"a\",\"prompt\":\"x\",\"options\":{\"temperature\":\"1\"}}\n",
          u"prompts.jsonl:1: field \"options.temperature\": expected a number from 0 to 2"_s);
    jsonl("thinking", "{\"id\":\"a\",\"prompt\":\"x\",\"options\":{\"thinking\":true}}\n",
          u"prompts.jsonl:1: field \"options.thinking\": expected {\"type\": \"enabled\"} or {\"type\": "
          u"\"disabled\"}"_s);
    jsonl("tools not array", "{\"id\":\"a\",\"prompt\":\"x\",\"options\":{\"tools\":{}}}\n",
          u"prompts.jsonl:1: field \"options.tools\": expected an array of {type: \"function\", function: {name, "
          u"parameters}} objects"_s);
    jsonl("tool type", "{\"id\":\"a\",\"prompt\":\"x\",\"options\":{\"tools\":[{\"type\":\"retrieval\"}]}}\n",
          u"prompts.jsonl:1: field \"options.tools[0]\": expected an object with \"type\": \"function\""_s);
    jsonl("tool name",
          "{\"id\":\"a\",\"prompt\":\"x\",\"options\":{\"tools\":[{\"type\":\"function\","
          "\"function\":{\"name\":\"get weather\",\"parameters\":{}}}]}}\n",
          u"prompts.jsonl:1: field \"options.tools[0].function.name\": expected 1 to 64 characters from a-z, A-Z, "
          u"0-9, _ and -"_s);
    jsonl("tool parameters",
          "{\"id\":\"a\",\"prompt\":\"x\",\"options\":{\"tools\":[{\"type\":\"function\","
          "\"function\":{\"name\":\"f\",\"parameters\":\"{}\"}}]}}\n",
          u"prompts.jsonl:1: field \"options.tools[0].function.parameters\": expected a JSON Schema object"_s);
    jsonl("too many tools", manyTools(129),
          u"prompts.jsonl:1: field \"options.tools\": 129 tools given; at most 128 are allowed"_s);
    jsonl("tool_choice unknown tool",
          "{\"id\":\"a\",\"prompt\":\"x\",\"options\":{\"tool_choice\":{\"type\":"
          "\"function\",\"function\":{\"name\":\"f\"}}}}\n",
          u"prompts.jsonl:1: field \"options.tool_choice\": names the tool \"f\", which \"tools\" does not define"_s);
    jsonl("duplicate id",
          "{\"id\":\"a\",\"prompt\":\"x\"}\n{\"id\":\"b\",\"prompt\":\"y\"}\n"
          "{\"id\":\"a\",\"prompt\":\"z\"}\n",
          u"prompts.jsonl:3: field \"id\": duplicate id \"a\" (first used on line 1)"_s);
    jsonl("duplicate numeric id", "{\"id\":\"7\",\"prompt\":\"x\"}\n\n{\"id\":7,\"prompt\":\"y\"}\n",
          u"prompts.jsonl:3: field \"id\": duplicate id \"7\" (first used on line 1)"_s);

    csv("csv ragged row", "id,prompt,category\n1,hello,easy\n2,world\n",
        u"prompts.csv:3: the row has 2 fields but the header has 3"_s);
    csv("csv unterminated quote", "id,prompt\n1,ok\n2,\"never closed\n3,more\n",
        u"prompts.csv:3: unterminated quoted field (the quote opens on this line)"_s);
    csv("csv quote inside field", "id,prompt\n1,say \"hi\"\n",
        u"prompts.csv:2: a quote inside an unquoted field (quote the whole field and write \"\" for a quote "
        u"inside it)"_s);
    csv("csv text after quote", "id,prompt\n1,\"hi\" there\n",
        u"prompts.csv:2: unexpected text after a closing quote"_s);
    csv("csv no prompt column", "id,question\n1,hello\n", u"prompts.csv:1: the header row needs a \"prompt\" column"_s);
    csv("csv duplicate column", "prompt,id,Prompt\nx,1,y\n",
        u"prompts.csv:1: field \"prompt\": the header names this column twice"_s);
    csv("csv unnamed column", "prompt,,id\nx,y,1\n", u"prompts.csv:1: column 2 of the header has no name"_s);
    csv("csv header only", "id,prompt\r\n", u"prompts.csv: the file has a header but no prompts"_s);
    csv("csv empty prompt", "id,prompt\n1,hello\n2,\"  \"\n",
        u"prompts.csv:3: field \"prompt\": empty: every row needs a prompt"_s);
    csv("csv bad options json", "prompt,options\nhello,\"{\"\"max_tokens\"\": }\"\n",
        u"prompts.csv:2: field \"options\": invalid JSON at column 16: object is missing after a comma"_s);
    csv("csv options not object", "prompt,options\nhello,[1]\n",
        u"prompts.csv:2: field \"options\": expected a JSON object of request fields"_s);
    csv("csv unknown option", "prompt,options\nhello,\"{\"\"colour\"\": 1}\"\n",
        u"prompts.csv:2: field \"options.colour\": unknown option (allowed: "_s + allowed + u")"_s);
    csv("csv duplicate id", "id,prompt\nx,a\n\"x\",b\n",
        u"prompts.csv:3: field \"id\": duplicate id \"x\" (first used on line 2)"_s);
    csv("csv default id collides", "id,prompt\n2,a\n,b\n",
        u"prompts.csv:3: field \"id\": duplicate id \"2\" (first used on line 2)"_s);
    csv("csv invalid utf-8", "id,prompt\n1,caf\xe9\n",
        u"prompts.csv:2: invalid UTF-8 at byte 6 of the line (save the "
        u"file as UTF-8)"_s);
    csv("csv empty", "\r\n", u"prompts.csv: the file is empty"_s);
}

void TestPromptSetImporter::errors()
{
    QFETCH(bool, csv);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    ImportError error;
    const auto format = csv ? PromptSetImporter::Format::Csv : PromptSetImporter::Format::Jsonl;
    const std::optional<PromptSet> set
        = PromptSetImporter::parse(bytes, format, csv ? u"prompts.csv"_s : u"prompts.jsonl"_s, &error);
    QVERIFY(!set); // never a partial set, even when earlier lines were fine
    QCOMPARE(error.toString(), expected);
}

void TestPromptSetImporter::fileErrors()
{
    ImportError error;
    QVERIFY(!PromptSetImporter::load(dataPath(u"prompts.txt"_s), &error));
    QCOMPARE(error.toString(), u"prompts.txt: unsupported file type \"txt\" (expected .jsonl or .csv)"_s);

    QVERIFY(!PromptSetImporter::load(dataPath(u"empty.jsonl"_s), &error));
    QCOMPARE(error.toString(), u"empty.jsonl: the file is empty"_s);
    QCOMPARE(error.line, 0);

    QVERIFY(!PromptSetImporter::load(dataPath(u"does-not-exist.csv"_s), &error));
    QCOMPARE(error.file, u"does-not-exist.csv"_s);
    QVERIFY2(error.message.startsWith(u"cannot open the file: "_s), qPrintable(error.message));
}

void TestPromptSetImporter::roundTrip_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("jsonl") << u"good.jsonl"_s;
    QTest::newRow("csv") << u"good.csv"_s;
}

void TestPromptSetImporter::roundTrip()
{
    QFETCH(QString, file);
    ImportError error;
    const std::optional<PromptSet> original = PromptSetImporter::load(dataPath(file), &error);
    QVERIFY2(original, qPrintable(error.toString()));
    const QByteArray jsonl = PromptSetImporter::toJsonl(*original);
    QCOMPARE(jsonl.count('\n'), original->prompts.size());
    const std::optional<PromptSet> again
        = PromptSetImporter::parse(jsonl, PromptSetImporter::Format::Jsonl, u"export.jsonl"_s, &error);
    QVERIFY2(again, qPrintable(error.toString() + u"\n"_s + QString::fromUtf8(jsonl)));
    comparePrompts(again->prompts, original->prompts);
    // Exporting the re-imported set gives the same bytes: the writer is deterministic.
    QCOMPARE(PromptSetImporter::toJsonl(*again), jsonl);
}

void TestPromptSetImporter::errorRendering()
{
    QCOMPARE((ImportError { u"p.jsonl"_s, 12, u"messages"_s, u"bad"_s }.toString()),
             u"p.jsonl:12: field \"messages\": bad"_s);
    QCOMPARE((ImportError { u"p.jsonl"_s, 3, {}, u"bad"_s }.toString()), u"p.jsonl:3: bad"_s);
    QCOMPARE((ImportError { u"p.jsonl"_s, 0, {}, u"bad"_s }.toString()), u"p.jsonl: bad"_s);
}

QTEST_GUILESS_MAIN(TestPromptSetImporter)
#include "tst_promptsetimporter.moc"
