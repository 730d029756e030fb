// Runs the official JSON-Schema-Test-Suite (draft-07, plus draft-06 and draft-04) and Tierlens' own 2020-12 cases.
#include "checks/jsonschema/JsonSchema.h"
#include "checks/jsonschema/SchemaRegistry.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace tierlens;

namespace {

// Cases the validator deliberately does not pass, by draft, file and case description. Keep this short.
struct Skip
{
    QLatin1StringView draft;
    QLatin1StringView file;
    QLatin1StringView description;
    QLatin1StringView reason;
};
// Empty today: every case of draft-07, draft-06 and draft-04 passes, refRemote.json included.
const std::vector<Skip> kSkips = {};

struct Tally
{
    int passed = 0;
    int total = 0;
    int skipped = 0;
    QStringList skipReasons;
    QStringList failures;
};

QJsonValue readJson(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = path + u": "_s + file.errorString();
        return QJsonValue();
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = path + u": "_s + parseError.errorString();
        return QJsonValue();
    }
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

const Skip* findSkip(const QString& draft, const QString& file, const QString& description)
{
    for (const Skip& s : kSkips) {
        if (s.draft == draft && s.file == file && s.description == description)
            return &s;
    }
    return nullptr;
}

// Runs every case group of one suite file and adds the outcome to `tally`.
void runFile(const QString& path, const QString& draftLabel, JsonSchemaDraft draft, const SchemaRegistry& registry,
             Tally* tally)
{
    const QString file = QFileInfo(path).fileName();
    QString error;
    const QJsonValue groups = readJson(path, &error);
    if (!error.isEmpty() || !groups.isArray()) {
        tally->failures.append(file + u": cannot read: "_s + error);
        ++tally->total;
        return;
    }
    for (const QJsonValue& groupValue : groups.toArray()) {
        const QJsonObject group = groupValue.toObject();
        const QString description = group.value(u"description"_s).toString();
        const QJsonArray tests = group.value(u"tests"_s).toArray();
        if (const Skip* skip = findSkip(draftLabel, file, description)) {
            tally->skipped += int(tests.size());
            tally->skipReasons.append(u"%1 \"%2\": %3"_s.arg(file, description, QString(skip->reason)));
            continue;
        }
        QString compileError;
        const std::optional<JsonSchema> schema
            = JsonSchema::compile(group.value(u"schema"_s), draft, &compileError, &registry);
        for (const QJsonValue& testValue : tests) {
            const QJsonObject test = testValue.toObject();
            ++tally->total;
            const QString where = u"%1 / %2 / %3"_s.arg(file, description, test.value(u"description"_s).toString());
            if (!schema) {
                tally->failures.append(where + u": schema did not compile: "_s + compileError);
                continue;
            }
            const bool expected = test.value(u"valid"_s).toBool();
            const ValidationResult result = schema->validate(test.value(u"data"_s));
            if (result.valid != expected || schema->isValid(test.value(u"data"_s)) != expected
                || result.valid != result.errors.isEmpty()) {
                tally->failures.append(where + u": expected "_s + (expected ? u"valid"_s : u"invalid"_s)
                                       + u", errors: "_s + result.messages().join(u"; "_s));
                continue;
            }
            ++tally->passed;
        }
    }
}

QString suiteDir()
{
    return QString::fromUtf8(JSON_SCHEMA_TEST_SUITE_DIR);
}

} // namespace

class TestJsonSchemaSuite : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void officialSuite_data();
    void officialSuite();
    void draft2020_12();

private:
    void report(const QString& label, const Tally& tally);
    SchemaRegistry m_remotes;
};

void TestJsonSchemaSuite::initTestCase()
{
    if (suiteDir().isEmpty() || !QDir(suiteDir()).exists(u"tests/draft7"_s))
        QFAIL("JSON-Schema-Test-Suite not found: install it (apt-get install -y json-schema-test-suite) and re-run "
              "cmake so that it finds /usr/share/json-schema-test-suite");
    // The suite's remote references point at http://localhost:1234/; the same files are served from disk.
    QString error;
    QVERIFY2(m_remotes.addDirectory(suiteDir() + u"/remotes"_s, QUrl(u"http://localhost:1234/"_s), &error),
             qPrintable(error));
}

void TestJsonSchemaSuite::report(const QString& label, const Tally& tally)
{
    QString line = u"%1: %2/%3 passed (%4 skipped"_s.arg(label).arg(tally.passed).arg(tally.total).arg(tally.skipped);
    if (!tally.skipReasons.isEmpty())
        line += u": "_s + tally.skipReasons.join(u"; "_s);
    line += u")"_s;
    qInfo().noquote() << line;
    for (const QString& failure : tally.failures)
        qWarning().noquote() << "FAILED" << failure;
}

void TestJsonSchemaSuite::officialSuite_data()
{
    QTest::addColumn<QString>("folder");
    QTest::addColumn<int>("draft");
    QTest::addColumn<QString>("label");
    QTest::newRow("draft7") << u"draft7"_s << int(JsonSchemaDraft::Draft7) << u"draft7"_s;
    QTest::newRow("draft6") << u"draft6"_s << int(JsonSchemaDraft::Draft6) << u"draft6"_s;
    QTest::newRow("draft4") << u"draft4"_s << int(JsonSchemaDraft::Draft4) << u"draft4"_s;
}

void TestJsonSchemaSuite::officialSuite()
{
    QFETCH(QString, folder);
    QFETCH(int, draft);
    QFETCH(QString, label);
    // Every required keyword file: those directly in tests/<draft>/, not optional/.
    const QDir dir(suiteDir() + u"/tests/"_s + folder);
    const QStringList files = dir.entryList({ u"*.json"_s }, QDir::Files, QDir::Name);
    QVERIFY2(!files.isEmpty(), qPrintable(u"no test files in "_s + dir.path()));
    Tally tally;
    for (const QString& file : files)
        runFile(dir.filePath(file), label, JsonSchemaDraft(draft), m_remotes, &tally);
    report(label + u" (official JSON-Schema-Test-Suite, "_s + QString::number(files.size()) + u" files)"_s, tally);
    QVERIFY2(tally.failures.isEmpty(), qPrintable(u"%1 case(s) failed"_s.arg(tally.failures.size())));
    QVERIFY(tally.total > 0);
}

void TestJsonSchemaSuite::draft2020_12()
{
    // Debian's suite (2.0.0) has no draft2020-12 folder: Tierlens' own cases cover the 2020-12 keywords, and the
    // draft-07 files whose keywords mean the same in 2020-12 run again in 2020-12 mode.
    Tally own;
    runFile(QStringLiteral(TIERLENS_TEST_DATA) + u"/jsonschema/draft2020-12.json"_s, u"draft2020-12"_s,
            JsonSchemaDraft::Draft2020_12, m_remotes, &own);
    report(u"draft2020-12: NOT the official suite: Tierlens' own tests/data/jsonschema/draft2020-12.json"_s, own);

    static const QStringList draftDependent
        = { u"additionalItems.json"_s, u"definitions.json"_s, u"dependencies.json"_s,
            u"items.json"_s,           u"ref.json"_s,         u"refRemote.json"_s };
    const QDir dir(suiteDir() + u"/tests/draft7"_s);
    Tally shared;
    int fileCount = 0;
    for (const QString& file : dir.entryList({ u"*.json"_s }, QDir::Files, QDir::Name)) {
        if (draftDependent.contains(file))
            continue;
        ++fileCount;
        runFile(dir.filePath(file), u"draft2020-12"_s, JsonSchemaDraft::Draft2020_12, m_remotes, &shared);
    }
    report(u"draft2020-12: official draft7 files whose keywords are unchanged in 2020-12 (%1 files), run in 2020-12 "
           u"mode"_s.arg(fileCount),
           shared);
    QVERIFY2(own.failures.isEmpty(), qPrintable(u"%1 own 2020-12 case(s) failed"_s.arg(own.failures.size())));
    QVERIFY2(shared.failures.isEmpty(), qPrintable(u"%1 shared case(s) failed"_s.arg(shared.failures.size())));
    QVERIFY(own.total > 0 && shared.total > 0);
}

QTEST_GUILESS_MAIN(TestJsonSchemaSuite)
#include "tst_jsonschemasuite.moc"
