// resources/promptsets/tierlens-prompt-line.schema.json and the JSONL importer say the same about a line: every
// example the README shows and every bundled set validates and imports, and lines either refuses, the other does.
#include "checks/jsonschema/JsonSchema.h"
#include "promptsets/PromptSetImporter.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

using namespace tierlens;
using namespace Qt::StringLiterals;

namespace {
QByteArray readFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

// A line imported in a set with one plain prompt after it (a defaults line alone is no set).
std::optional<PromptSet> importLine(const QByteArray& line, ImportError* error)
{
    return PromptSetImporter::parse(line + "\n{\"id\": \"zz-other\", \"prompt\": \"p\"}\n",
                                    PromptSetImporter::Format::Jsonl, u"line.jsonl"_s, error);
}
struct AgreementCase
{
    const char* name;
    const char* line;
    bool valid;
};

// Lines either both accept or both refuse.
const AgreementCase kAgreement[] = {
    { "plain", R"J({"id": "a", "prompt": "hi"})J", true },
    { "number id, nulls", R"J({"id": 7, "prompt": "hi", "category": null, "options": null, "messages": null})J", true },
    { "messages", R"J({"id": "a", "system": "terse", "messages": [{"role": "user", "content": "hi"}]})J", true },
    { "tool turn",
      R"J({"id": "a", "messages": [{"role": "user", "content": "weather?"}, {"role": "assistant", "content": null, "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "w", "arguments": "{}"}}]}, {"role": "tool", "tool_call_id": "c1", "content": "sunny"}]})J",
      true },
    { "options",
      R"J({"id": "a", "prompt": "x", "options": {"temperature": 0.2, "max_tokens": 100, "response_format": {"type": "json_object"}, "stop": ["\n"]}})J",
      true },
    { "kept keys", R"J({"id": "a", "prompt": "x", "vars": {"k": 1}, "description": "anything"})J", true },
    { "assertions",
      R"J({"id": "a", "prompt": "x", "assert": [{"type": "not-contains", "value": "y", "weight": 2}, {"type": "llm-rubric", "value": "kind", "threshold": 0.75}]})J",
      true },
    { "javascript",
      R"J({"id": "a", "prompt": "x", "transform": "output.trim()", "assert": [{"type": "javascript", "value": "output.length > 0"}]})J",
      true },
    { "defaults", R"J({"defaults": {"assert": [{"type": "is-json"}]}})J", true },
    { "mt-bench", R"J({"question_id": 81, "category": "writing", "turns": ["a", "b"], "reference": ["x", "y"]})J",
      true },
    { "turns with an id", R"J({"id": "c1", "turns": ["a"]})J", true },
    { "turns empty", R"J({"id": "c1", "turns": []})J", false },
    { "turns and prompt", R"J({"id": "c1", "prompt": "x", "turns": ["a"]})J", false },
    { "reference on a line of one turn is kept", R"J({"id": "a", "prompt": "x", "reference": "b"})J", true },
    { "null id, question_id and turns", R"J({"id": null, "question_id": 1, "turns": ["a"]})J", true },
    { "null turns", R"J({"question_id": 1, "turns": null, "prompt": "x"})J", false },
    { "blank question_id", R"J({"question_id": " ", "turns": ["a"]})J", false },
    { "question_id without turns", R"J({"question_id": 3, "prompt": "x"})J", false },
    { "null transform and vars", R"J({"id": "a", "prompt": "x", "transform": null, "vars": null})J", true },
    { "vars not an object", R"J({"id": "a", "prompt": "x", "vars": 3})J", false },
    { "rubric with a transform",
      R"J({"id": "a", "prompt": "x", "assert": [{"type": "llm-rubric", "value": "kind", "transform": "output.trim()"}]})J",
      false },
    { "no id", R"J({"prompt": "x"})J", false },
    { "bool id", R"J({"id": true, "prompt": "x"})J", false },
    { "neither prompt nor messages", R"J({"id": "a"})J", false },
    { "both prompt and messages", R"J({"id": "a", "prompt": "x", "messages": [{"role": "user", "content": "y"}]})J",
      false },
    { "blank prompt", R"J({"id": "a", "prompt": "  "})J", false },
    { "unknown role", R"J({"id": "a", "messages": [{"role": "bot", "content": "y"}]})J", false },
    { "tool without call id", R"J({"id": "a", "messages": [{"role": "tool", "content": "x"}]})J", false },
    { "temperature too high", R"J({"id": "a", "prompt": "x", "options": {"temperature": 3}})J", false },
    { "unknown option", R"J({"id": "a", "prompt": "x", "options": {"seed": 1}})J", false },
    { "unknown assertion", R"J({"id": "a", "prompt": "x", "assert": [{"type": "similar", "value": "y"}]})J", false },
    { "negated rubric", R"J({"id": "a", "prompt": "x", "assert": [{"type": "not-llm-rubric", "value": "y"}]})J",
      false },
    { "assert not a list", R"J({"id": "a", "prompt": "x", "assert": {"type": "contains"}})J", false },
    { "transform not code", R"J({"id": "a", "prompt": "x", "transform": 3})J", false },
    { "unknown default", R"J({"defaults": {"vars": {}}})J", false },
};

struct ImporterOnlyCase
{
    const char* name;
    const char* line;
    const char* field;
};

// Lines the schema lets through and only the importer refuses, naming the field.
const ImporterOnlyCase kImporterOnly[] = {
    { "tool_choice names no tool",
      R"J({"id": "a", "prompt": "x", "options": {"tool_choice": {"type": "function", "function": {"name": "w"}}}})J",
      "options.tool_choice" },
    { "value of the wrong type", R"J({"id": "a", "prompt": "x", "assert": [{"type": "contains", "value": 3}]})J",
      "assert[0].value" },
    { "JavaScript that does not compile",
      R"J({"id": "a", "prompt": "x", "assert": [{"type": "javascript", "value": "output.includes("}]})J",
      "assert[0].value" },
    { "system twice",
      R"J({"id": "a", "system": "s", "messages": [{"role": "system", "content": "t"}, {"role": "user", "content": "u"}]})J",
      "messages[0]" },
};
} // namespace

class TestPromptLineSchema : public QObject
{
    Q_OBJECT

    std::optional<JsonSchema> m_schema;

    QString schemaProblem(const QByteArray& line)
    {
        QJsonParseError e;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &e);
        if (e.error != QJsonParseError::NoError)
            return e.errorString();
        const ValidationResult r = m_schema->validate(doc.object());
        return r.valid ? QString() : r.messages().join(u"; "_s);
    }

private slots:
    void initTestCase()
    {
        QString error;
        const QJsonDocument doc = QJsonDocument::fromJson(readFile(
            QStringLiteral(TIERLENS_SOURCE_DIR) + u"/resources/promptsets/tierlens-prompt-line.schema.json"_s));
        QVERIFY(doc.isObject());
        m_schema = JsonSchema::compile(doc.object(), JsonSchema::Draft::Draft7, &error);
        QVERIFY2(m_schema, qPrintable(error));
    }

    void everyShownAndBundledLineIsValid()
    {
        QStringList lines;
        const QStringList readme
            = QString::fromUtf8(readFile(QStringLiteral(TIERLENS_SOURCE_DIR) + u"/README.md"_s)).split(u'\n');
        bool inBlock = false;
        for (const QString& l : readme) {
            if (l.trimmed() == u"```jsonl"_s)
                inBlock = true;
            else if (inBlock && l.trimmed().startsWith(u"```"_s))
                inBlock = false;
            else if (inBlock && !l.trimmed().isEmpty())
                lines.append(l);
        }
        QVERIFY(lines.size() >= 5);
        for (const QString& file : { u"/resources/prompts/sample.jsonl"_s }) {
            for (const QByteArray& l : readFile(QStringLiteral(TIERLENS_SOURCE_DIR) + file).split('\n')) {
                if (!l.trimmed().isEmpty())
                    lines.append(QString::fromUtf8(l));
            }
        }
        for (const QString& line : lines) {
            const QString problem = schemaProblem(line.toUtf8());
            QVERIFY2(problem.isEmpty(), qPrintable(line.left(120) + u": "_s + problem));
        }
    }

    void schemaAndImporterAgree_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<bool>("valid");
        for (const AgreementCase& c : kAgreement)
            QTest::newRow(c.name) << QByteArray(c.line) << c.valid;
    }
    void schemaAndImporterAgree()
    {
        QFETCH(QByteArray, line);
        QFETCH(bool, valid);
        const QString problem = schemaProblem(line);
        QVERIFY2(problem.isEmpty() == valid, qPrintable(u"schema: "_s + (problem.isEmpty() ? u"valid"_s : problem)));
        ImportError error;
        QVERIFY2(importLine(line, &error).has_value() == valid, qPrintable(u"importer: "_s + error.toString()));
    }

    // What only the importer can check: the schema lets these through, the importer names the field.
    void importerChecksMore_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("field");
        for (const ImporterOnlyCase& c : kImporterOnly)
            QTest::newRow(c.name) << QByteArray(c.line) << QString::fromLatin1(c.field);
    }
    void importerChecksMore()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, field);
        QVERIFY2(schemaProblem(line).isEmpty(), qPrintable(schemaProblem(line)));
        ImportError error;
        QVERIFY(!importLine(line, &error));
        QCOMPARE(error.field, field);
        QCOMPARE(error.line, 1);
    }
};

QTEST_GUILESS_MAIN(TestPromptLineSchema)
#include "tst_promptlineschema.moc"
