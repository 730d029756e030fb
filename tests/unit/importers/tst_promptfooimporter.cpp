#include "promptsets/PromptfooImporter.h"

#include "checks/AssertionEvaluator.h"

#include <QFile>
#include <QTemporaryDir>

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tierlens;

class TestPromptfooImporter : public QObject
{
    Q_OBJECT

private:
    static QString config(const QString& folder)
    {
        return QStringLiteral(TIERLENS_TEST_DATA "/importers/") + folder + u"/promptfooconfig.yaml"_s;
    }
    static QStringList ids(const PromptSet& set)
    {
        QStringList out;
        for (const Prompt& p : set.prompts)
            out.append(p.id);
        return out;
    }
    static QStringList types(const Prompt& p)
    {
        QStringList out;
        for (const QJsonValue& a : p.metadata.value(u"assert"_s).toArray())
            out.append(a.toObject().value(u"type"_s).toString());
        return out;
    }
    static QJsonObject user(const QString& text) { return { { u"role"_s, u"user"_s }, { u"content"_s, text } }; }

private slots:
    void inlineTestsTimesTwoPrompts()
    {
        ImportReport report;
        ImportError error;
        const std::optional<PromptSet> set = PromptfooImporter::load(config(u"promptfoo-inline"_s), &report, &error);
        QVERIFY2(set, qPrintable(error.toString()));
        QCOMPARE(set->name, u"Support bot regression"_s);
        QVERIFY(set->sourcePath.endsWith(u"promptfoo-inline/promptfooconfig.yaml"_s));
        QCOMPARE(set->sourceSha256.size(), 64);
        QCOMPARE(report.prompts, 2);
        QCOMPARE(report.tests, 3);
        QCOMPARE(ids(*set),
                 QStringList({ u"1-refunds-30-day-policy"_s, u"1-json-order"_s, u"1-3"_s, u"2-refunds-30-day-policy"_s,
                               u"2-json-order"_s, u"2-3"_s }));

        // Unmappable types are counted once per test, not once per prompt; javascript is run, so imported.
        QMap<QString, int> unmapped;
        unmapped.insert(u"similar"_s, 1);
        unmapped.insert(u"model-graded-closedqa"_s, 1);
        QCOMPARE(report.unmappedAssertions, unmapped);

        const Prompt& refunds = set->prompts.at(0);
        QCOMPARE(refunds.category, u"Refunds"_s);
        QVERIFY(refunds.system.isEmpty());
        QCOMPARE(refunds.messages,
                 QJsonArray { user(u"Answer the customer in English: How long do I have to return an item?"_s) });
        QCOMPARE(types(refunds),
                 QStringList({ u"max-latency-ms"_s, u"javascript"_s, u"icontains"_s, u"not-contains"_s }));
        const QJsonArray asserts = refunds.metadata.value(u"assert"_s).toArray();
        QCOMPARE(asserts.at(0).toObject(), QJsonObject({ { u"type"_s, u"max-latency-ms"_s }, { u"value"_s, 5000 } }));
        // The value is a template filled from the test's vars; weight is kept.
        QCOMPARE(asserts.at(1).toObject(),
                 QJsonObject({ { u"type"_s, u"javascript"_s }, { u"value"_s, u"output.length < 500"_s } }));
        QCOMPARE(asserts.at(2).toObject(),
                 QJsonObject({ { u"type"_s, u"icontains"_s }, { u"value"_s, u"30 days"_s }, { u"weight"_s, 2 } }));
        QVERIFY(refunds.expected.isEmpty());
        QCOMPARE(refunds.metadata.value(u"description"_s).toString(), u"Refunds: 30 day policy"_s);
        QCOMPARE(refunds.metadata.value(u"promptLabel"_s).toString(),
                 u"Answer the customer in {{language}}: {{ question }}"_s);
        QCOMPARE(refunds.metadata.value(u"source"_s).toString(), u"promptfooconfig.yaml:23"_s);

        // defaultTest vars merge with scalar types kept; the test's own value wins.
        const QJsonObject vars = refunds.metadata.value(u"vars"_s).toObject();
        QCOMPARE(vars.value(u"retries"_s), QJsonValue(3));
        QCOMPARE(vars.value(u"strict"_s), QJsonValue(true));
        QCOMPARE(vars.value(u"code"_s), QJsonValue(u"007"_s));
        QCOMPARE(vars.value(u"ratio"_s), QJsonValue(0.5));
        QVERIFY(vars.value(u"empty"_s).isNull());
        QCOMPARE(vars.value(u"language"_s).toString(), u"English"_s);

        const Prompt& order = set->prompts.at(1);
        QCOMPARE(order.category, u"orders"_s);
        QCOMPARE(order.metadata.value(u"owner"_s).toString(), u"team-a"_s);
        QCOMPARE(order.messages,
                 QJsonArray { user(u"Answer the customer in French: Give the order status as JSON"_s) });
        QCOMPARE(types(order),
                 QStringList({ u"max-latency-ms"_s, u"javascript"_s, u"json-schema"_s, u"max-cost-usd"_s }));
        const QJsonArray orderAsserts = order.metadata.value(u"assert"_s).toArray();
        QCOMPARE(orderAsserts.at(2).toObject().value(u"value"_s).toObject(),
                 QJsonObject({ { u"type"_s, u"object"_s }, { u"required"_s, QJsonArray { u"status"_s } } }));
        QCOMPARE(orderAsserts.at(3).toObject(),
                 QJsonObject({ { u"type"_s, u"max-cost-usd"_s }, { u"value"_s, 0.002 } }));

        const Prompt& tools = set->prompts.at(2);
        QCOMPARE(tools.category, u"tools"_s);
        QCOMPARE(types(tools),
                 QStringList({ u"max-latency-ms"_s, u"javascript"_s, u"tool-call"_s, u"contains-any"_s, u"javascript"_s,
                               u"equals"_s }));
        const QJsonArray toolAsserts = tools.metadata.value(u"assert"_s).toArray();
        QVERIFY(!toolAsserts.at(2).toObject().contains(u"value"_s));
        QCOMPARE(toolAsserts.at(3).toObject().value(u"value"_s).toArray(), QJsonArray({ u"42"_s, u"forty-two"_s }));
        QCOMPARE(toolAsserts.at(4).toObject().value(u"value"_s), QJsonValue(u"output.includes('42')"_s));
        QCOMPARE(toolAsserts.at(5).toObject().value(u"value"_s), QJsonValue(u"42"_s));
        QCOMPARE(tools.expected, u"42"_s);

        // The chat prompt from a JSON file: its leading system message becomes the system prompt.
        const Prompt& chat = set->prompts.at(4);
        QCOMPARE(chat.id, u"2-json-order"_s);
        QCOMPARE(chat.system, u"You are a support agent. Reply in French."_s);
        QCOMPARE(chat.messages, QJsonArray { user(u"Give the order status as JSON"_s) });
        QCOMPARE(chat.metadata.value(u"promptLabel"_s).toString(), u"chat"_s);
        QCOMPARE(chat.category, u"orders"_s);
    }

    void testsFromYamlJsonlAndCsvFiles()
    {
        ImportReport report;
        ImportError error;
        const std::optional<PromptSet> set = PromptfooImporter::load(config(u"promptfoo-files"_s), &report, &error);
        QVERIFY2(set, qPrintable(error.toString()));
        QCOMPARE(report.prompts, 2);
        QCOMPARE(report.tests, 7);
        QCOMPARE(set->prompts.size(), 14);
        QCOMPARE(ids(*set).mid(0, 7),
                 QStringList({ u"1-greetings-hello"_s, u"1-2"_s, u"1-3"_s, u"1-numbers-three"_s, u"1-animals-cat"_s,
                               u"1-6"_s, u"1-7"_s }));
        QCOMPARE(set->prompts.at(7).id, u"2-greetings-hello"_s);
        QMap<QString, int> unmapped;
        unmapped.insert(u"rouge-n"_s, 1);
        QCOMPARE(report.unmappedAssertions, unmapped);

        // A text file holding two prompts separated by "---".
        QCOMPARE(set->prompts.at(0).messages, QJsonArray { user(u"Translate to French: Hello"_s) });
        QCOMPARE(set->prompts.at(7).messages, QJsonArray { user(u"Translate to German: Hello"_s) });
        QCOMPARE(set->prompts.at(7).metadata.value(u"promptLabel"_s).toString(), u"prompts.txt#2"_s);
        QCOMPARE(set->prompts.at(0).category, u"Greetings"_s);
        QCOMPARE(set->prompts.at(0).metadata.value(u"assert"_s).toArray(),
                 QJsonArray({ QJsonObject { { u"type"_s, u"icontains-any"_s },
                                            { u"value"_s, QJsonArray { u"bonjour"_s, u"hallo"_s } } } }));
        QCOMPARE(set->prompts.at(1).category, u"general"_s);
        QCOMPARE(types(set->prompts.at(1)), QStringList());
        QCOMPARE(set->prompts.at(1).metadata.value(u"source"_s).toString(), u"tests.yaml:7"_s);

        // JSONL
        QCOMPARE(set->prompts.at(2).messages, QJsonArray { user(u"Translate to French: Thank you"_s) });
        QCOMPARE(types(set->prompts.at(2)), QStringList { u"regex"_s });
        QCOMPARE(set->prompts.at(3).category, u"Numbers"_s);
        QCOMPARE(types(set->prompts.at(3)), QStringList { u"not-icontains"_s });
        QCOMPARE(set->prompts.at(3).metadata.value(u"source"_s).toString(), u"tests.jsonl:2"_s);

        // CSV: columns are vars, __expected columns are assertions in promptfoo's string form.
        const Prompt& cat = set->prompts.at(4);
        QCOMPARE(cat.messages, QJsonArray { user(u"Translate to French: Cat"_s) });
        QCOMPARE(cat.category, u"Animals"_s);
        QCOMPARE(cat.metadata.value(u"vars"_s).toObject(), QJsonObject({ { u"text"_s, u"Cat"_s } }));
        QCOMPARE(cat.metadata.value(u"assert"_s).toArray(),
                 QJsonArray({ QJsonObject { { u"type"_s, u"icontains"_s }, { u"value"_s, u"chat"_s } },
                              QJsonObject { { u"type"_s, u"not-contains"_s }, { u"value"_s, u"cat"_s } } }));
        QCOMPARE(types(set->prompts.at(5)), (QStringList { u"javascript"_s, u"is-json"_s }));
        QCOMPARE(set->prompts.at(6).metadata.value(u"assert"_s).toArray(),
                 QJsonArray({ QJsonObject { { u"type"_s, u"equals"_s }, { u"value"_s, u"Oui"_s } } }));
        QCOMPARE(set->prompts.at(6).expected, u"Oui"_s);
        QCOMPARE(set->prompts.at(6).metadata.value(u"source"_s).toString(), u"tests.csv:4"_s);
    }

    void nunjucksLoopRefusedWithFileAndIndex()
    {
        ImportReport report;
        ImportError error;
        QVERIFY(!PromptfooImporter::load(config(u"promptfoo-loop"_s), &report, &error));
        QCOMPARE(error.file, u"more.yaml"_s);
        QCOMPARE(error.line, 3);
        QCOMPARE(error.field, u"[1].vars.topic"_s);
        QVERIFY2(error.message.contains(u"test 3"_s), qPrintable(error.message));
        QVERIFY2(error.message.contains(u"{% for p in planets %}"_s), qPrintable(error.message));
    }

    void missingFileRefused()
    {
        ImportReport report;
        ImportError error;
        QVERIFY(!PromptfooImporter::load(config(u"promptfoo-missing"_s), &report, &error));
        QCOMPARE(error.file, u"promptfooconfig.yaml"_s);
        QCOMPARE(error.line, 6);
        QCOMPARE(error.field, u"tests[1]"_s);
        QVERIFY2(error.message.contains(u"does-not-exist.yaml"_s), qPrintable(error.message));
    }

    void yamlSyntaxErrorNamesLine()
    {
        ImportReport report;
        ImportError error;
        QVERIFY(!PromptfooImporter::load(config(u"promptfoo-badyaml"_s), &report, &error));
        QCOMPARE(error.file, u"promptfooconfig.yaml"_s);
        QCOMPARE(error.line, 6);
        QVERIFY2(error.message.startsWith(u"invalid YAML"_s), qPrintable(error.message));
    }

    void missingConfigRefused()
    {
        ImportError error;
        QVERIFY(!PromptfooImporter::load(config(u"no-such-folder"_s), nullptr, &error));
        QCOMPARE(error.file, u"promptfooconfig.yaml"_s);
        QVERIFY(!error.message.isEmpty());
    }

    // promptfoo's JavaScript as its configs use it, imported and then run by the checks.
    void javascriptAndTransforms()
    {
        ImportReport report;
        ImportError error;
        const std::optional<PromptSet> set
            = PromptfooImporter::load(config(u"promptfoo-javascript"_s), &report, &error);
        QVERIFY2(set, qPrintable(error.toString()));
        QCOMPARE(set->prompts.size(), 3);
        QMap<QString, int> unmapped;
        unmapped.insert(u"python"_s, 1);
        QCOMPARE(report.unmappedAssertions, unmapped);

        const Prompt& banana = set->prompts.at(0);
        const Prompt& passion = set->prompts.at(1);
        const Prompt& lime = set->prompts.at(2);
        QCOMPARE(types(banana), QStringList({ u"is-json"_s, u"javascript"_s }));
        QVERIFY(!banana.metadata.contains(u"transform"_s));
        // The test-level transform is the prompt's; the schema check and contains-any are kept.
        QCOMPARE(types(passion), QStringList({ u"json-schema"_s, u"javascript"_s, u"contains-any"_s }));
        QCOMPARE(passion.metadata.value(u"transform"_s).toString(), u"JSON.parse(output)"_s);
        QCOMPARE(types(lime), QStringList({ u"javascript"_s, u"not-javascript"_s }));
        // Files are read into the set: a stored run does not depend on them.
        const QJsonObject transform = lime.metadata.value(u"transform"_s).toObject();
        QCOMPARE(transform.value(u"file"_s).toString(), u"parse.js"_s);
        QVERIFY(transform.value(u"source"_s).toString().contains(u"JSON.parse"_s));
        const QJsonArray limeAsserts = lime.metadata.value(u"assert"_s).toArray();
        QCOMPARE(limeAsserts.at(0).toObject().value(u"value"_s).toObject().value(u"file"_s).toString(), u"checks.js"_s);
        QCOMPARE(limeAsserts.at(1).toObject().value(u"value"_s).toObject().value(u"function"_s).toString(),
                 u"isYellow"_s);

        AssertionEvaluator evaluator;
        auto check = [&](const Prompt& p, const QString& answer) {
            QString where, problem;
            const auto list = Assertion::parseList(p.metadata.value(u"assert"_s).toArray(), &where, &problem);
            if (!list)
                qFatal("%s: %s", qPrintable(where), qPrintable(problem));
            CheckSubject s;
            s.content = answer;
            s.prompt = lastUserText(p);
            s.vars = p.metadata.value(u"vars"_s).toObject();
            s.transform = p.metadata.value(u"transform"_s);
            return evaluator.evaluateAll(*list, s);
        };
        auto reasons = [](const CheckOutcome& o) {
            QStringList out;
            for (const AssertionResult& r : o.results)
                out.append(r.reason);
            return out.join(u"; "_s);
        };
        CheckOutcome o = check(banana, u"{\"color\": \"yellow\", \"countries\": [\"Ecuador\", \"India\"]}"_s);
        QVERIFY2(o.pass, qPrintable(reasons(o)));
        o = check(passion, u"{\"color\": \"purple\", \"countries\": [\"Brazil\", \"India\"]}"_s);
        QVERIFY2(o.pass, qPrintable(reasons(o)));
        o = check(passion, u"{\"color\": \"purple\", \"countries\": [\"Brazil\"]}"_s);
        QVERIFY(!o.pass);
        QVERIFY(o.results.at(0).pass && o.results.at(1).pass && !o.results.at(2).pass);
        o = check(lime, u"```json\n{\"color\": \"green\", \"countries\": [\"Mexico\"]}\n```"_s);
        QVERIFY2(o.pass, qPrintable(reasons(o)));
        QCOMPARE(o.results.at(0).reason, u"color green for Lime"_s);
        o = check(lime, u"{\"color\": \"yellow\", \"countries\": []}"_s);
        QVERIFY(!o.results.at(0).pass);
        QVERIFY(!o.results.at(1).pass);
    }

    void aScriptThatDoesNotCompileIsRefusedAtItsLine()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile config(dir.filePath(u"promptfooconfig.yaml"_s));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("prompts:\n  - 'Say {{x}}'\ntests:\n  - vars:\n      x: hi\n    assert:\n"
                     "      - type: javascript\n        value: output.includes('hi'\n");
        config.close();
        ImportReport report;
        ImportError error;
        QVERIFY(!PromptfooImporter::load(config.fileName(), &report, &error));
        QVERIFY2(error.message.contains(u"SyntaxError"_s), qPrintable(error.toString()));
        QVERIFY2(error.field.endsWith(u"assert[0].value"_s), qPrintable(error.toString()));
        QVERIFY2(error.line > 0, qPrintable(error.toString()));
    }
};

QTEST_GUILESS_MAIN(TestPromptfooImporter)
#include "tst_promptfooimporter.moc"
