// ResultExporter: CSV and JSONL read back with the right values, unknowns empty or null, RFC 4180 escaping.
#include "ReportFixture.h"
#include "report/ResultExporter.h"

#include <QBuffer>
#include <QJsonDocument>

using namespace tierlens;
using namespace tierlens::test;
using namespace Qt::StringLiterals;

namespace {

// A strict RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks; records end with CRLF.
bool readCsv(const QString& text, QVector<QStringList>& records, QString* problem)
{
    QStringList record;
    QString field;
    bool quoted = false;
    bool wasQuoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
            continue;
        }
        if (c == u'"') {
            if (!field.isEmpty() || wasQuoted) {
                *problem = u"quote inside an unquoted field at offset %1"_s.arg(i);
                return false;
            }
            quoted = wasQuoted = true;
        } else if (c == u',') {
            record.append(field);
            field.clear();
            wasQuoted = false;
        } else if (c == u'\r') {
            if (i + 1 >= text.size() || text.at(i + 1) != u'\n') {
                *problem = u"bare CR at offset %1"_s.arg(i);
                return false;
            }
            record.append(field);
            records.append(record);
            record.clear();
            field.clear();
            wasQuoted = false;
            ++i;
        } else if (c == u'\n') {
            *problem = u"bare LF outside quotes at offset %1"_s.arg(i);
            return false;
        } else {
            field += c;
        }
    }
    if (quoted || !field.isEmpty() || !record.isEmpty()) {
        *problem = u"the last record does not end with CRLF"_s;
        return false;
    }
    return true;
}

QByteArray exportRun(Store& store, qint64 runId, ResultExporter::Format format)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QString error;
    if (!ResultExporter::write(store, runId, format, buffer, &error))
        qWarning("%s", qPrintable(error));
    return buffer.data();
}

} // namespace

class TestResultExporter : public QObject
{
    Q_OBJECT

private:
    ReportFixture f;

    QVector<QJsonObject> jsonl(qint64 runId)
    {
        QVector<QJsonObject> out;
        const QByteArray data = exportRun(*f.store, runId, ResultExporter::Format::Jsonl);
        if (!data.endsWith('\n'))
            return out;
        const QList<QByteArray> lines = data.chopped(1).split('\n');
        for (const QByteArray& line : lines) {
            QJsonParseError e;
            const QJsonDocument doc = QJsonDocument::fromJson(line, &e);
            if (e.error != QJsonParseError::NoError || !doc.isObject())
                return {};
            out.append(doc.object());
        }
        return out;
    }

private slots:
    void initTestCase()
    {
        if (const QString why = TestDatabases::skipReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        QVERIFY(f.init());
    }

    void formatNames()
    {
        QCOMPARE(ResultExporter::formatFromName(u"CSV"_s), ResultExporter::Format::Csv);
        QCOMPARE(ResultExporter::formatFromName(u"jsonl"_s), ResultExporter::Format::Jsonl);
        QVERIFY(!ResultExporter::formatFromName(u"xlsx"_s));
    }

    void csv()
    {
        const QByteArray data = exportRun(*f.store, f.run.id, ResultExporter::Format::Csv);
        // Quotes doubled and the field quoted, line breaks kept inside it.
        QVERIFY(data.contains("\"He said \"\"hi\"\", then\r\nleft\nfor good\""));
        QVector<QStringList> records;
        QString problem;
        QVERIFY2(readCsv(QString::fromUtf8(data), records, &problem), qPrintable(problem));
        QCOMPARE(records.size(), 7); // header + 6 results
        const QStringList header = records.first();
        QCOMPARE(header, ResultExporter::columns());
        for (const QStringList& r : records)
            QCOMPARE(r.size(), header.size());
        auto cell = [&](int row, const char* column) {
            return records.at(row).at(header.indexOf(QLatin1StringView(column)));
        };

        // Order: model, then prompt, then repeat.
        QCOMPARE(cell(1, "model"), u"flash"_s);
        QCOMPARE(cell(1, "prompt_id"), u"p1"_s);
        QCOMPARE(cell(3, "prompt_id"), u"p3"_s);
        QCOMPARE(cell(4, "model"), u"pro"_s);

        // flash p1: everything known.
        QCOMPARE(cell(1, "run_id"), QString::number(f.run.id));
        QCOMPARE(cell(1, "model_id"), u"deepseek-v4-flash"_s);
        QCOMPARE(cell(1, "category"), u"coding"_s);
        QCOMPARE(cell(1, "repeat_index"), u"0"_s);
        QCOMPARE(cell(1, "status"), u"ok"_s);
        QCOMPARE(cell(1, "error_class"), QString());
        QCOMPARE(cell(1, "attempt_count"), u"1"_s);
        QCOMPARE(cell(1, "http_status"), u"200"_s);
        QCOMPARE(cell(1, "finish_reason"), u"tool_calls"_s);
        QCOMPARE(cell(1, "latency_ms"), u"100"_s);
        QCOMPARE(cell(1, "ttft_ms"), u"40"_s);
        QCOMPARE(cell(1, "ttfat_ms"), u"50"_s);
        QCOMPARE(cell(1, "queue_wait_ms"), u"2.5"_s);
        QCOMPARE(cell(1, "output_tps"), u"50"_s);
        QCOMPARE(cell(1, "prompt_tokens"), u"100"_s);
        QCOMPARE(cell(1, "completion_tokens"), u"20"_s);
        QCOMPARE(cell(1, "total_tokens"), u"120"_s);
        QCOMPARE(cell(1, "cache_hit_tokens"), u"60"_s);
        QCOMPARE(cell(1, "cache_miss_tokens"), u"40"_s);
        QCOMPARE(cell(1, "reasoning_tokens"), u"5"_s);
        QCOMPARE(cell(1, "cost_usd"), u"0.001"_s);
        QCOMPARE(cell(1, "started_at"), u"2026-06-01T10:01:00.123Z"_s);
        QCOMPARE(cell(1, "content"), trickyContent());
        QCOMPARE(cell(1, "reasoning"), u"think, then \"answer\""_s);
        const QJsonArray calls = QJsonDocument::fromJson(cell(1, "tool_calls").toUtf8()).array();
        QCOMPARE(calls.size(), 1);
        QCOMPARE(toolCallsFromJson(calls).first().arguments, u"{\"q\": \"a,b\"}"_s);

        // flash p2: the retry shows in the attempt count; its cost covers both attempts (only the second had any).
        QCOMPARE(cell(2, "attempt_count"), u"2"_s);
        QCOMPARE(cell(2, "cost_usd"), u"0.002"_s);
        QCOMPARE(cell(2, "tool_calls"), QString());

        // flash p3: not streamed and no usage: empty, not zero.
        for (const char* column : { "ttft_ms", "ttfat_ms", "queue_wait_ms", "prompt_tokens", "completion_tokens",
                                    "total_tokens", "cache_hit_tokens", "reasoning_tokens", "cost_usd" })
            QVERIFY2(cell(3, column).isEmpty(), column);

        // pro p1: the final error.
        QCOMPARE(cell(4, "status"), u"error"_s);
        QCOMPARE(cell(4, "error_class"), u"overloaded"_s);
        QCOMPARE(cell(4, "error_message"), u"overloaded, try \"later\""_s);
        QCOMPARE(cell(4, "attempt_count"), u"2"_s);
        QCOMPARE(cell(4, "http_status"), u"503"_s);
        QCOMPARE(cell(4, "cost_usd"), QString());
        QCOMPARE(cell(4, "content"), QString());

        QVERIFY(!data.contains("DEEPSEEK_API_KEY"));
    }

    void jsonLines()
    {
        const QVector<QJsonObject> rows = jsonl(f.run.id);
        QCOMPARE(rows.size(), 6);
        for (const QJsonObject& r : rows)
            QCOMPARE(r.keys().size(), ResultExporter::columns().size());

        const QJsonObject p1 = rows.at(0);
        QCOMPARE(p1.value(u"run_id"_s).toDouble(), double(f.run.id));
        QCOMPARE(p1.value(u"content"_s).toString(), trickyContent());
        QCOMPARE(p1.value(u"error_class"_s), QJsonValue(QJsonValue::Null));
        QCOMPARE(p1.value(u"prompt_tokens"_s).toDouble(), 100.0);
        QCOMPARE(p1.value(u"cost_usd"_s).toDouble(), 0.001);
        QCOMPARE(p1.value(u"tool_calls"_s).toArray().size(), 1);
        QCOMPARE(p1.value(u"tool_calls"_s)
                     .toArray()
                     .first()
                     .toObject()
                     .value(u"function"_s)
                     .toObject()
                     .value(u"name"_s)
                     .toString(),
                 u"lookup"_s);

        const QJsonObject p3 = rows.at(2);
        for (const char* key : { "ttft_ms", "ttfat_ms", "prompt_tokens", "completion_tokens", "total_tokens",
                                 "cache_hit_tokens", "cache_miss_tokens", "reasoning_tokens", "cost_usd" })
            QVERIFY2(p3.value(QLatin1StringView(key)).isNull(), key);
        QCOMPARE(p3.value(u"latency_ms"_s).toDouble(), 300.0);
        QCOMPARE(p3.value(u"tool_calls"_s).toArray().size(), 0);

        const QJsonObject pro2 = rows.at(4);
        QCOMPARE(pro2.value(u"model"_s).toString(), u"pro"_s);
        QCOMPARE(pro2.value(u"prompt_id"_s).toString(), u"p2"_s);
        QCOMPARE(pro2.value(u"cache_hit_tokens"_s), QJsonValue(QJsonValue::Null));
        QCOMPARE(pro2.value(u"completion_tokens"_s).toDouble(), 100.0);

        // A response that never arrived has no HTTP status.
        const QVector<QJsonObject> bare = jsonl(f.bare.id);
        QCOMPARE(bare.size(), 2);
        QCOMPARE(bare.at(1).value(u"error_class"_s).toString(), u"timeout"_s);
        QCOMPARE(bare.at(1).value(u"http_status"_s), QJsonValue(QJsonValue::Null));
    }

    void errors()
    {
        QString error;
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(!ResultExporter::write(*f.store, 777, ResultExporter::Format::Csv, buffer, &error));
        QVERIFY2(error.contains(u"777"_s), qPrintable(error));
        QVERIFY(buffer.data().isEmpty());

        QBuffer readOnly;
        readOnly.open(QIODevice::ReadOnly);
        error.clear();
        QVERIFY(!ResultExporter::write(*f.store, f.run.id, ResultExporter::Format::Jsonl, readOnly, &error));
        QVERIFY2(error.contains(u"not open for writing"_s), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestResultExporter)
#include "tst_resultexporter.moc"
