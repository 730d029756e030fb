// Hand-written cases for JsonSchema: error pointers, keywords and messages, draft selection, compile errors.
#include "checks/jsonschema/JsonSchema.h"
#include "checks/jsonschema/SchemaRegistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace tierlens;

namespace {

QJsonValue json(const char* text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson("["_ba + QByteArray(text) + "]"_ba, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad JSON in test: %s: %s", text, qPrintable(error.errorString()));
    return doc.array().at(0);
}

JsonSchema compiled(const char* schema, JsonSchemaDraft draft = JsonSchemaDraft::Draft2020_12,
                    const SchemaRegistry* registry = nullptr)
{
    QString error;
    const std::optional<JsonSchema> s = JsonSchema::compile(json(schema), draft, &error, registry);
    if (!s)
        qFatal("schema did not compile: %s", qPrintable(error));
    return *s;
}

QString compileError(const char* schema, JsonSchemaDraft draft = JsonSchemaDraft::Draft2020_12)
{
    QString error;
    const std::optional<JsonSchema> s = JsonSchema::compile(json(schema), draft, &error);
    return s ? QString() : error;
}

} // namespace

class TestJsonSchema : public QObject
{
    Q_OBJECT

private slots:
    void errorNamesPointerKeywordAndSchemaPath();
    void collectsEveryError();
    void escapesPointers();
    void additionalAndUnevaluatedPropertiesPointAtTheProperty();
    void anyOfReportsEachBranch();
    void oneOfWithTwoMatches();
    void containsMessages();
    void propertyNamesMessage();
    void falseRootSchema();
    void toolCallArguments();
    void draftComesFromSchemaOrDefault();
    void refSiblingsDependOnDraft();
    void compileErrorsSayWhere_data();
    void compileErrorsSayWhere();
    void lengthCountsCodePoints();
    void patternsUseEcmaEscapes();
    void equalityIsJsonEquality();
    void registryResolvesOtherDocuments();
    void registryReportsBadInput();
    void builtinMetaSchemas();
    void endlessRefFailsInsteadOfCrashing();
};

void TestJsonSchema::errorNamesPointerKeywordAndSchemaPath()
{
    const JsonSchema schema = compiled(R"({"properties": {"items": {"type": "array",
        "items": {"properties": {"price": {"type": "number", "minimum": 1}}}}}})");
    const ValidationResult r = schema.validate(json(R"({"items": [{"price": 3}, {"price": 2}, {"price": 0}]})"));
    QVERIFY(!r.valid);
    QCOMPARE(r.errors.size(), 1);
    const ValidationError& e = r.errors.first();
    QCOMPARE(e.instancePointer, u"/items/2/price"_s);
    QCOMPARE(e.keyword, u"minimum"_s);
    QCOMPARE(e.schemaPath, u"#/properties/items/items/properties/price/minimum"_s);
    QCOMPARE(e.message, u"0 is less than the minimum 1"_s);
    QCOMPARE(e.toString(),
             u"/items/2/price: minimum: 0 is less than the minimum 1 (schema: "
             u"#/properties/items/items/properties/price/minimum)"_s);
    QVERIFY(!schema.isValid(json(R"({"items": [{"price": 0}]})")));
    QVERIFY(schema.validate(json(R"({"items": [{"price": 1.5}]})")).valid);
}

void TestJsonSchema::collectsEveryError()
{
    const JsonSchema schema = compiled(R"({"required": ["a", "b"], "properties": {"c": {"type": "string"}}})");
    const ValidationResult r = schema.validate(json(R"({"c": 1})"));
    QVERIFY(!r.valid);
    QCOMPARE(r.errors.size(), 3);
    QCOMPARE(r.errors.at(0).message, u"the required property \"a\" is missing"_s);
    QCOMPARE(r.errors.at(1).message, u"the required property \"b\" is missing"_s);
    QCOMPARE(r.errors.at(0).instancePointer, QString());
    QCOMPARE(r.errors.at(0).toString().left(24), u"(root): required: the re"_s);
    QCOMPARE(r.errors.at(2).instancePointer, u"/c"_s);
    QCOMPARE(r.errors.at(2).message, u"1 is not of type string"_s);
    QCOMPARE(r.messages().size(), 3);
}

void TestJsonSchema::escapesPointers()
{
    const JsonSchema schema = compiled(R"({"properties": {"a/b~c": {"type": ["string", "null"]}}})");
    const ValidationResult r = schema.validate(json(R"({"a/b~c": 2})"));
    QCOMPARE(r.errors.size(), 1);
    QCOMPARE(r.errors.first().instancePointer, u"/a~1b~0c"_s);
    QCOMPARE(r.errors.first().schemaPath, u"#/properties/a~1b~0c/type"_s);
    QCOMPARE(r.errors.first().message, u"2 is not of type null or string"_s);
}

void TestJsonSchema::additionalAndUnevaluatedPropertiesPointAtTheProperty()
{
    const JsonSchema additional
        = compiled(R"({"properties": {"a": {}}, "additionalProperties": false})", JsonSchemaDraft::Draft7);
    ValidationResult r = additional.validate(json(R"({"a": 1, "zz": 2})"));
    QCOMPARE(r.errors.size(), 1);
    QCOMPARE(r.errors.first().instancePointer, u"/zz"_s);
    QCOMPARE(r.errors.first().keyword, u"additionalProperties"_s);
    QCOMPARE(r.errors.first().schemaPath, u"#/additionalProperties"_s);
    QCOMPARE(r.errors.first().message, u"this property is not allowed"_s);

    const JsonSchema unevaluated = compiled(R"({"allOf": [{"properties": {"a": true}}], "unevaluatedProperties": false,
                                                "prefixItems": [true], "unevaluatedItems": false})");
    r = unevaluated.validate(json(R"({"a": 1, "b": 2})"));
    QCOMPARE(r.errors.size(), 1);
    QCOMPARE(r.errors.first().instancePointer, u"/b"_s);
    QCOMPARE(r.errors.first().keyword, u"unevaluatedProperties"_s);
    r = unevaluated.validate(json(R"([1, 2])"));
    QCOMPARE(r.errors.size(), 1);
    QCOMPARE(r.errors.first().instancePointer, u"/1"_s);
    QCOMPARE(r.errors.first().keyword, u"unevaluatedItems"_s);
    QCOMPARE(r.errors.first().message, u"this item is not allowed"_s);
}

void TestJsonSchema::anyOfReportsEachBranch()
{
    const JsonSchema schema = compiled(R"({"anyOf": [{"type": "string"}, {"type": "null"}]})");
    QVERIFY(schema.validate(json("null")).valid);
    QVERIFY(schema.validate(json("null")).errors.isEmpty());
    const ValidationResult r = schema.validate(json("5"));
    QCOMPARE(r.errors.size(), 3);
    QCOMPARE(r.errors.at(0).keyword, u"anyOf"_s);
    QCOMPARE(r.errors.at(0).schemaPath, u"#/anyOf"_s);
    QCOMPARE(r.errors.at(0).message, u"the value matches none of the 2 alternatives"_s);
    QCOMPARE(r.errors.at(1).schemaPath, u"#/anyOf/0/type"_s);
    QCOMPARE(r.errors.at(2).schemaPath, u"#/anyOf/1/type"_s);
}

void TestJsonSchema::oneOfWithTwoMatches()
{
    const JsonSchema schema = compiled(R"({"oneOf": [{"type": "integer"}, {"minimum": 0}]})");
    QVERIFY(schema.isValid(json("-1")));
    const ValidationResult r = schema.validate(json("5"));
    QCOMPARE(r.errors.size(), 1);
    QCOMPARE(r.errors.first().message, u"the value matches alternatives 0 and 1, but must match exactly one"_s);
}

void TestJsonSchema::containsMessages()
{
    const JsonSchema plain = compiled(R"({"contains": {"const": 1}})", JsonSchemaDraft::Draft7);
    QCOMPARE(plain.validate(json("[2]")).errors.first().message, u"no item matches the \"contains\" schema"_s);
    const JsonSchema counted = compiled(R"({"contains": {"const": 1}, "minContains": 2, "maxContains": 3})");
    ValidationResult r = counted.validate(json("[1, 2]"));
    QCOMPARE(r.errors.first().keyword, u"minContains"_s);
    QCOMPARE(r.errors.first().message, u"1 items match the \"contains\" schema, fewer than the minimum 2"_s);
    r = counted.validate(json("[1, 1, 1, 1]"));
    QCOMPARE(r.errors.first().keyword, u"maxContains"_s);
    QVERIFY(counted.isValid(json("[1, 1, 1]")));
}

void TestJsonSchema::propertyNamesMessage()
{
    const JsonSchema schema = compiled(R"({"propertyNames": {"pattern": "^[a-z_]+$"}})");
    const ValidationResult r = schema.validate(json(R"({"ok_name": 1, "Bad": 2})"));
    QCOMPARE(r.errors.size(), 1);
    QCOMPARE(r.errors.first().keyword, u"propertyNames"_s);
    QCOMPARE(r.errors.first().message, u"the property name \"Bad\" does not match the \"propertyNames\" schema"_s);
}

void TestJsonSchema::falseRootSchema()
{
    const JsonSchema schema = compiled("false");
    const ValidationResult r = schema.validate(json("{}"));
    QCOMPARE(r.errors.size(), 1);
    QCOMPARE(r.errors.first().keyword, u"false"_s);
    QCOMPARE(r.errors.first().schemaPath, u"#"_s);
    QVERIFY(compiled("true").isValid(json("[1]")));
}

void TestJsonSchema::toolCallArguments()
{
    // A tool's `parameters` as DeepSeek/OpenAI tool definitions write them (no $schema: draft-07 by the caller).
    const JsonSchema schema = compiled(R"({"type": "object", "properties": {
        "city": {"type": "string", "minLength": 1}, "unit": {"enum": ["celsius", "fahrenheit"]},
        "days": {"type": "integer", "minimum": 1, "maximum": 14}},
        "required": ["city"], "additionalProperties": false})",
                                       JsonSchemaDraft::Draft7);
    QCOMPARE(schema.draft(), JsonSchemaDraft::Draft7);
    QVERIFY(schema.isValid(json(R"({"city": "Paris", "unit": "celsius", "days": 3.0})")));
    const ValidationResult r = schema.validate(json(R"({"city": "", "unit": "kelvin", "days": 2.5})"));
    QCOMPARE(r.errors.size(), 3);
    QCOMPARE(r.errors.at(0).toString(),
             u"/city: minLength: the string has 0 characters, fewer than the minimum 1 (schema: "
             u"#/properties/city/minLength)"_s);
    // Properties are checked in key order: city, days, unit.
    QCOMPARE(r.errors.at(1).message, u"2.5 is not of type integer"_s);
    QCOMPARE(r.errors.at(2).instancePointer, u"/unit"_s);
    QCOMPARE(r.errors.at(2).message, u"\"kelvin\" is not one of [\"celsius\",\"fahrenheit\"]"_s);
}

void TestJsonSchema::draftComesFromSchemaOrDefault()
{
    const char* tuple = R"({"items": [{"type": "integer"}], "additionalItems": false})";
    const JsonSchema draft7 = compiled(tuple, JsonSchemaDraft::Draft7);
    QVERIFY(draft7.isValid(json("[1]")));
    QVERIFY(!draft7.isValid(json("[1, 2]")));
    // In 2020-12 `items` must be one schema.
    QVERIFY(compileError(tuple).contains(u"#/items: a schema must be an object or a boolean"_s));

    const JsonSchema declared
        = compiled(R"({"$schema": "http://json-schema.org/draft-07/schema#", "items": [{"type": "integer"}],
                       "additionalItems": false})");
    QCOMPARE(declared.draft(), JsonSchemaDraft::Draft7);
    QVERIFY(!declared.isValid(json("[1, 2]")));

    const JsonSchema modern = compiled(R"({"$schema": "https://json-schema.org/draft/2020-12/schema",
                                           "prefixItems": [{"type": "integer"}], "items": false})",
                                       JsonSchemaDraft::Draft7);
    QCOMPARE(modern.draft(), JsonSchemaDraft::Draft2020_12);
    QVERIFY(modern.isValid(json("[1]")));
    QVERIFY(!modern.isValid(json("[1, 2]")));
}

void TestJsonSchema::refSiblingsDependOnDraft()
{
    const char* schema = R"({"definitions": {"a": {"type": "integer"}}, "$ref": "#/definitions/a", "maximum": 5})";
    QVERIFY(compiled(schema, JsonSchemaDraft::Draft7).isValid(json("10")));
    QVERIFY(!compiled(schema, JsonSchemaDraft::Draft2020_12).isValid(json("10")));
    QVERIFY(!compiled(schema, JsonSchemaDraft::Draft7).isValid(json("\"x\"")));
}

void TestJsonSchema::compileErrorsSayWhere_data()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("expected");
    QTest::newRow("number") << uR"({"properties": {"a": {"minimum": "x"}}})"_s
                            << u"#/properties/a/minimum: expected a number, not \"x\""_s;
    QTest::newRow("pointer") << uR"({"$ref": "#/$defs/nope"})"_s << u"#/$ref: cannot resolve \"#/$defs/nope\""_s;
    QTest::newRow("anchor") << uR"({"$ref": "#nope"})"_s << u"no anchor \"nope\""_s;
    QTest::newRow("remote") << uR"({"$ref": "http://example.com/x.json"})"_s
                            << u"no schema is known as \"http://example.com/x.json\""_s;
    QTest::newRow("regex") << uR"({"pattern": "(unclosed"})"_s << u"#/pattern: invalid regular expression"_s;
    QTest::newRow("type") << uR"({"type": "strnig"})"_s << u"#/type: unknown type \"strnig\""_s;
    QTest::newRow("subschema") << uR"({"properties": {"a": 5}})"_s
                               << u"#/properties/a: a schema must be an object or a boolean, not integer"_s;
    QTest::newRow("count") << uR"({"maxItems": -1})"_s << u"#/maxItems: expected a non-negative integer, not -1"_s;
    QTest::newRow("multipleOf") << uR"({"multipleOf": 0})"_s << u"#/multipleOf: must be greater than 0"_s;
    QTest::newRow("required") << uR"({"required": [1]})"_s << u"#/required: expected an array of property names"_s;
    QTest::newRow("scalar root") << u"\"x\""_s << u"#: a schema must be an object or a boolean, not string"_s;
}

void TestJsonSchema::compileErrorsSayWhere()
{
    QFETCH(QString, schema);
    QFETCH(QString, expected);
    const QString error = compileError(schema.toUtf8().constData());
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void TestJsonSchema::lengthCountsCodePoints()
{
    const JsonSchema schema = compiled(R"({"maxLength": 2, "minLength": 2})");
    const QString two = u"\U0001F600\U0001F600"_s; // 4 UTF-16 units, 2 code points
    QCOMPARE(two.size(), 4);
    QVERIFY(schema.isValid(QJsonValue(two)));
    const ValidationResult r = schema.validate(QJsonValue(two + u"\U0001F600"_s));
    QCOMPARE(r.errors.first().message, u"the string has 3 characters, more than the maximum 2"_s);
    QVERIFY(!schema.isValid(QJsonValue(u"\U0001F600"_s)));
}

void TestJsonSchema::patternsUseEcmaEscapes()
{
    // JSON "\\u00e9" reaches the regex as ECMA's \u00e9 escape; "\\\\u" is a literal backslash and 'u'.
    const JsonSchema schema = compiled(R"({"pattern": "^caf\\u00e9$"})");
    QVERIFY(schema.isValid(QJsonValue(u"caf\u00e9"_s)));
    QVERIFY(!schema.isValid(QJsonValue(u"cafe"_s)));
    const JsonSchema literal = compiled(R"({"pattern": "^\\\\u$"})");
    QVERIFY(literal.isValid(QJsonValue(u"\\u"_s)));
    // Unanchored, as in ECMA 262: a match anywhere counts.
    QVERIFY(compiled(R"({"pattern": "b+"})").isValid(QJsonValue(u"abbc"_s)));
    QVERIFY(compiled(R"({"pattern": "^\\p{L}+$"})").isValid(QJsonValue(u"\u00e9t\u00e9"_s)));
}

void TestJsonSchema::equalityIsJsonEquality()
{
    const JsonSchema unique = compiled(R"({"uniqueItems": true})");
    QVERIFY(!unique.isValid(json("[1, 1.0]")));
    QVERIFY(!unique.isValid(json(R"([{"a": 1, "b": [2]}, {"b": [2.0], "a": 1.0}])")));
    QVERIFY(unique.isValid(json("[1, true, 0, false, null, \"1\"]")));
    QCOMPARE(unique.validate(json("[3, 1, 3]")).errors.first().message, u"items 0 and 2 are equal"_s);
    QVERIFY(compiled(R"({"const": 1})").isValid(json("1.0")));
    QVERIFY(!compiled(R"({"const": 1})").isValid(json("true")));
    QVERIFY(compiled(R"({"enum": [{"a": [1]}]})").isValid(json(R"({"a": [1.0]})")));
    QVERIFY(!compiled(R"({"enum": [{"a": [1]}]})").isValid(json(R"({"a": [1], "b": 0})")));
}

void TestJsonSchema::registryResolvesOtherDocuments()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkpath(u"defs"_s));
    QFile price(dir.filePath(u"defs/price.json"_s));
    QVERIFY(price.open(QIODevice::WriteOnly));
    price.write(R"({"type": "number", "minimum": 0, "$defs": {"currency": {"$ref": "currency.json"}}})");
    price.close();
    QFile currency(dir.filePath(u"defs/currency.json"_s));
    QVERIFY(currency.open(QIODevice::WriteOnly));
    currency.write(R"({"enum": ["EUR", "USD"]})");
    currency.close();

    SchemaRegistry registry;
    QString error;
    QVERIFY2(registry.addDirectory(dir.path(), QUrl(u"https://tierlens.test/schemas/"_s), &error), qPrintable(error));
    QCOMPARE(registry.size(), 2);
    registry.addDocument(QUrl(u"https://tierlens.test/other"_s), json(R"({"$id": "https://tierlens.test/alias",
                                                                          "type": "string"})"));
    QVERIFY(registry.document(u"https://tierlens.test/alias"_s));

    const JsonSchema schema = compiled(R"({"$id": "https://tierlens.test/schemas/order.json", "properties": {
        "price": {"$ref": "defs/price.json"}, "currency": {"$ref": "defs/price.json#/$defs/currency"},
        "note": {"$ref": "https://tierlens.test/other"}}})",
                                       JsonSchemaDraft::Draft2020_12, &registry);
    QVERIFY(schema.isValid(json(R"({"price": 2.5, "currency": "EUR", "note": "x"})")));
    const ValidationResult r = schema.validate(json(R"({"price": -1, "currency": "GBP", "note": 1})"));
    QCOMPARE(r.errors.size(), 3);
    // In key order: currency, note, price; each names the document its keyword lives in.
    QCOMPARE(r.errors.at(0).schemaPath, u"https://tierlens.test/schemas/defs/currency.json#/enum"_s);
    QCOMPARE(r.errors.at(1).schemaPath, u"https://tierlens.test/other#/type"_s);
    QCOMPARE(r.errors.at(2).schemaPath, u"https://tierlens.test/schemas/defs/price.json#/minimum"_s);
    QCOMPARE(r.errors.at(2).instancePointer, u"/price"_s);

    // The registry is only needed while compiling.
    const JsonSchema copy = schema;
    QVERIFY(!copy.isValid(json(R"({"price": -1})")));
}

void TestJsonSchema::registryReportsBadInput()
{
    SchemaRegistry registry;
    QString error;
    QVERIFY(!registry.addDirectory(u"/nonexistent/tierlens-schemas"_s, QUrl(u"http://x/"_s), &error));
    QVERIFY2(error.contains(u"/nonexistent/tierlens-schemas"_s), qPrintable(error));

    QTemporaryDir dir;
    QFile bad(dir.filePath(u"bad.json"_s));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("{\"type\": ");
    bad.close();
    QVERIFY(!registry.addDirectory(dir.path(), QUrl(u"http://x/"_s), &error));
    QVERIFY2(error.contains(u"bad.json"_s) && error.contains(u"invalid JSON"_s), qPrintable(error));
}

void TestJsonSchema::builtinMetaSchemas()
{
    const JsonSchema draft7 = compiled(R"({"$ref": "http://json-schema.org/draft-07/schema#"})");
    QVERIFY(draft7.isValid(json(R"({"type": "object", "properties": {"a": {"type": "string"}}})")));
    QVERIFY(!draft7.isValid(json(R"({"type": "object", "properties": {"a": {"type": 5}}})")));
    const JsonSchema modern = compiled(R"({"$ref": "https://json-schema.org/draft/2020-12/schema"})");
    QVERIFY(modern.isValid(json(R"({"prefixItems": [{"type": "string"}], "unevaluatedItems": false})")));
    const ValidationResult r = modern.validate(json(R"({"properties": {"a": {"minLength": -1}}})"));
    QVERIFY(!r.valid);
    QCOMPARE(r.errors.last().instancePointer, u"/properties/a/minLength"_s);
    QCOMPARE(r.errors.last().keyword, u"minimum"_s);
}

void TestJsonSchema::endlessRefFailsInsteadOfCrashing()
{
    const JsonSchema schema = compiled(R"({"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}},
                                          "$ref": "#/$defs/a"})");
    const ValidationResult r = schema.validate(json("1"));
    QVERIFY(!r.valid);
    QVERIFY(r.errors.last().message.contains(u"refers to itself"_s));
}

QTEST_GUILESS_MAIN(TestJsonSchema)
#include "tst_jsonschema.moc"
