#include "ResultExporter.h"

#include "ItemReasons.h"
#include "analysis/ItemQuality.h"
#include "format/ReportFormat.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

// One exported value: a string, a number, or unknown. Kept apart from its spelling so CSV and JSONL stay in step.
struct Field
{
    QJsonValue value; // Null for unknown

    QString csvText() const
    {
        if (value.isDouble())
            return ReportFormat::number(value.toDouble());
        if (value.isArray())
            return value.toArray().isEmpty()
                ? QString()
                : QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        return value.toString();
    }
};

Field text(const QString& s)
{
    return Field { QJsonValue(s) };
}

Field integer(qint64 v)
{
    return Field { QJsonValue(double(v)) };
}

template <typename T> Field optional(const std::optional<T>& v)
{
    return Field { ReportFormat::json(v) };
}

QVector<Field> fields(qint64 runId, const ResultExportRow& r, const ItemReasons* why)
{
    const AttemptRow& a = r.finalAttempt;
    const TokenUsage& u = a.outcome.usage;
    const bool ok = r.status == u"ok"_s;
    const QJsonValue none(QJsonValue::Null);
    return {
        integer(runId),
        text(r.modelLabel),
        text(r.modelId),
        text(r.promptExtId),
        text(r.category),
        integer(a.repeatIndex),
        text(r.status),
        ok ? Field { none } : text(errorClassName(r.errorClass)),
        a.outcome.errorMessage.isEmpty() ? Field { none } : text(a.outcome.errorMessage),
        integer(r.attemptCount),
        a.httpStatus > 0 ? integer(a.httpStatus) : Field { none }, // 0: no response arrived
        a.outcome.finishReason.isEmpty() ? Field { none } : text(a.outcome.finishReason),
        Field { QJsonValue(a.latencyMs) },
        optional(a.ttftMs),
        optional(a.ttfatMs),
        optional(a.queueWaitMs),
        optional(a.outputTps),
        optional(u.promptTokens),
        optional(u.completionTokens),
        optional(u.totalTokens),
        optional(u.cacheHitTokens),
        optional(u.cacheMissTokens),
        optional(u.reasoningTokens),
        optional(r.costUsd),
        a.outcome.flags ? text(attemptFlagsToString(a.outcome.flags)) : Field { none },
        a.outcome.rawUsage.isEmpty() ? Field { none } : text(QString::fromUtf8(a.outcome.rawUsage)),
        Field { ReportFormat::timeJson(a.startedAt) },
        text(a.outcome.content),
        text(a.outcome.reasoning),
        Field { toolCallsToJson(a.outcome.toolCalls) },
        text(why ? why->verdictName() : u"none"_s),
        why && !why->source.isEmpty() ? text(why->source) : Field { none },
        Field { why ? QJsonValue(why->checks) : QJsonValue(QJsonArray()) },
        Field { why ? QJsonValue(why->judge) : QJsonValue(QJsonArray()) },
        Field { why ? QJsonValue(why->ratings) : QJsonValue(QJsonArray()) },
    };
}

// RFC 4180: a field with a comma, quote, CR or LF is quoted and its quotes doubled. Leading/trailing blanks are
// quoted too, because some readers trim unquoted fields.
QString csvField(const QString& s)
{
    const bool quote = s.contains(u',') || s.contains(u'"') || s.contains(u'\n') || s.contains(u'\r')
        || (!s.isEmpty() && (s.front().isSpace() || s.back().isSpace()));
    if (!quote)
        return s;
    QString out = s;
    out.replace(u"\""_s, u"\"\""_s);
    return u'"' + out + u'"';
}

QByteArray csvLine(const QStringList& cells)
{
    QStringList quoted;
    quoted.reserve(cells.size());
    for (const QString& c : cells)
        quoted.append(csvField(c));
    return quoted.join(u',').toUtf8() + "\r\n"_ba;
}

QByteArray csvRecord(const QVector<Field>& values)
{
    QStringList cells;
    cells.reserve(values.size());
    for (const Field& f : values)
        cells.append(f.csvText());
    return csvLine(cells);
}

QByteArray jsonRecord(const QVector<Field>& values)
{
    const QStringList& names = ResultExporter::columns();
    QJsonObject o;
    for (qsizetype i = 0; i < values.size(); ++i)
        o.insert(names.at(i), values.at(i).value);
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace

const QStringList& ResultExporter::columns()
{
    static const QStringList names = {
        u"run_id"_s,
        u"model"_s,
        u"model_id"_s,
        u"prompt_id"_s,
        u"category"_s,
        u"repeat_index"_s,
        u"status"_s,
        u"error_class"_s,
        u"error_message"_s,
        u"attempt_count"_s,
        u"http_status"_s,
        u"finish_reason"_s,
        u"latency_ms"_s,
        u"ttft_ms"_s,
        u"ttfat_ms"_s,
        u"queue_wait_ms"_s,
        u"output_tps"_s,
        u"prompt_tokens"_s,
        u"completion_tokens"_s,
        u"total_tokens"_s,
        u"cache_hit_tokens"_s,
        u"cache_miss_tokens"_s,
        u"reasoning_tokens"_s,
        u"cost_usd"_s,
        u"flags"_s,
        u"raw_usage"_s,
        u"started_at"_s,
        u"content"_s,
        u"reasoning"_s,
        u"tool_calls"_s,
        u"verdict"_s,
        u"verdict_source"_s,
        u"checks"_s,
        u"judge"_s,
        u"ratings"_s,
    };
    return names;
}

std::optional<ResultExporter::Format> ResultExporter::formatFromName(const QString& name)
{
    const QString n = name.trimmed().toLower();
    if (n == u"csv"_s)
        return Format::Csv;
    if (n == u"jsonl"_s)
        return Format::Jsonl;
    return std::nullopt;
}

bool ResultExporter::write(Store& store, qint64 runId, Format format, QIODevice& out, QString* error,
                           const QStringList& precedence)
{
    auto fail = [&](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    if (!out.isWritable())
        return fail(QCoreApplication::translate("ResultExporter",
                                                "exporting run %1: the output is not open for "
                                                "writing")
                        .arg(runId));
    // The run must exist: an empty export of a mistyped id would look like a run without results.
    QString missing;
    if (!store.requireRun(runId, &missing))
        return fail(missing);

    const std::optional<RunReasons> reasons
        = RunReasons::load(store, runId, precedence.isEmpty() ? ItemQualities::defaultPrecedence() : precedence, error);
    if (!reasons)
        return false;

    QString writeError;
    auto put = [&](const QByteArray& bytes) {
        if (out.write(bytes) == bytes.size())
            return true;
        writeError = QCoreApplication::translate("ResultExporter", "exporting run %1: writing failed: %2")
                         .arg(runId)
                         .arg(out.errorString());
        return false;
    };
    if (format == Format::Csv && !put(csvLine(columns())))
        return fail(writeError);

    QString readError;
    const bool read = store.forEachResult(
        runId,
        [&](const ResultExportRow& row) {
            const QVector<Field> values = fields(runId, row, reasons->of(row.resultId));
            return put(format == Format::Csv ? csvRecord(values) : jsonRecord(values));
        },
        &readError);
    if (!read)
        return fail(readError);
    if (!writeError.isEmpty())
        return fail(writeError);
    return true;
}

} // namespace tierlens
