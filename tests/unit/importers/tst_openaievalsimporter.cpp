#include "promptsets/OpenAiEvalsImporter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tierlens;

class TestOpenAiEvalsImporter : public QObject
{
    Q_OBJECT

private:
    static QString data(const QString& name) { return QStringLiteral(TIERLENS_TEST_DATA "/importers/evals/") + name; }
    static QJsonArray containsAny(const QJsonArray& ideals)
    {
        return { QJsonObject { { u"type"_s, u"contains-any"_s }, { u"value"_s, ideals } } };
    }

private slots:
    void stringAndMessageInputs()
    {
        ImportError error;
        const std::optional<PromptSet> set = OpenAiEvalsImporter::load(data(u"samples.jsonl"_s), &error);
        QVERIFY2(set, qPrintable(error.toString()));
        QCOMPARE(set->name, u"samples"_s);
        QVERIFY(set->sourcePath.endsWith(u"evals/samples.jsonl"_s));
        QCOMPARE(set->sourceSha256.size(), 64);
        QCOMPARE(set->prompts.size(), 3);

        const Prompt& capital = set->prompts.at(0);
        QCOMPARE(capital.id, u"1"_s);
        QCOMPARE(capital.category, u"general"_s);
        QVERIFY(capital.system.isEmpty());
        QCOMPARE(capital.messages,
                 QJsonArray({ QJsonObject { { u"role"_s, u"user"_s },
                                            { u"content"_s, u"What is the capital of France?"_s } } }));
        QCOMPARE(capital.expected, u"Paris"_s);
        QCOMPARE(capital.metadata, QJsonObject({ { u"assert"_s, containsAny({ u"Paris"_s }) } }));

        const Prompt& sum = set->prompts.at(1);
        QCOMPARE(sum.id, u"m-2"_s);
        QCOMPARE(sum.category, u"math"_s);
        QCOMPARE(sum.system, u"Answer with one word."_s);
        QCOMPARE(sum.messages, QJsonArray({ QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"2+2?"_s } } }));
        QCOMPARE(sum.expected, u"4"_s);
        QCOMPARE(sum.metadata.value(u"assert"_s).toArray(), containsAny({ u"4"_s, u"four"_s }));
        QCOMPARE(sum.metadata.value(u"metadata"_s).toObject(), QJsonObject({ { u"category"_s, u"math"_s } }));

        // The blank line still counts: the id is the line number as an editor shows it.
        const Prompt& colour = set->prompts.at(2);
        QCOMPARE(colour.id, u"4"_s);
        QCOMPARE(colour.category, u"trivia"_s);
        QVERIFY(colour.system.isEmpty());
        QCOMPARE(colour.expected, u"red"_s);
        QCOMPARE(colour.metadata.value(u"assert"_s).toArray(), containsAny({ u"red"_s, u"blue"_s, u"yellow"_s }));
        QCOMPARE(colour.metadata.value(u"source"_s).toString(), u"quiz"_s);
        QVERIFY(!colour.metadata.contains(u"category"_s));
    }

    void badIdealNamesLineAndField()
    {
        ImportError error;
        QVERIFY(!OpenAiEvalsImporter::load(data(u"bad-ideal.jsonl"_s), &error));
        QCOMPARE(error.file, u"bad-ideal.jsonl"_s);
        QCOMPARE(error.line, 2);
        QCOMPARE(error.field, u"ideal[1]"_s);
    }

    void malformedSamples_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("field");
        QTest::newRow("no ideal") << "{\"input\": \"hi\"}\n"_ba << 1 << u"ideal"_s;
        QTest::newRow("no input") << "{\"ideal\": \"x\"}\n"_ba << 1 << u"input"_s;
        QTest::newRow("bad role") << "\n{\"input\": [{\"role\": \"bot\", \"content\": \"x\"}], \"ideal\": \"x\"}"_ba
                                  << 2 << u"input[0].role"_s;
        QTest::newRow("only system") << "{\"input\": [{\"role\": \"system\", \"content\": \"x\"}], \"ideal\": \"x\"}"_ba
                                     << 1 << u"input"_s;
        QTest::newRow("not json") << "{\"input\": \"a\", \"ideal\": \"b\"}\n{oops}\n"_ba << 2 << QString();
        QTest::newRow("duplicate id") << "{\"id\": 7, \"input\": \"a\", \"ideal\": \"b\"}\n"
                                         "{\"id\": \"7\", \"input\": \"c\", \"ideal\": \"d\"}\n"_ba
                                      << 2 << u"id"_s;
        QTest::newRow("category type") << "{\"input\": \"a\", \"ideal\": \"b\", \"metadata\": {\"category\": 3}}"_ba
                                       << 1 << u"metadata.category"_s;
    }

    void malformedSamples()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, line);
        QFETCH(QString, field);
        ImportError error;
        QVERIFY(!OpenAiEvalsImporter::parse(bytes, u"x.jsonl"_s, &error));
        QCOMPARE(error.file, u"x.jsonl"_s);
        QCOMPARE(error.line, line);
        QCOMPARE(error.field, field);
        QVERIFY(!error.message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestOpenAiEvalsImporter)
#include "tst_openaievalsimporter.moc"
