#include "CsvImporter.h"

#include "CsvReader.h"
#include "JsonlImporter.h"
#include "PromptOptionsValidator.h"
#include "PromptfooAssertions.h"
#include "checks/AssertionEvaluator.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tierlens {

std::optional<QVector<Prompt>> CsvImporter::parse(const QString& text, const QString& fileName, ImportError* error)
{
    auto fail = [&](int line, const QString& field, const QString& message) {
        if (error)
            *error = ImportError { fileName, line, field, message };
        return std::nullopt;
    };
    int errorLine = 0;
    QString errorMessage;
    const std::optional<QVector<CsvReader::Record>> records = CsvReader::parse(text, &errorLine, &errorMessage);
    if (!records)
        return fail(errorLine, {}, errorMessage);
    if (records->isEmpty())
        return fail(0, {}, tr("the file contains no prompts"));

    const CsvReader::Record& header = records->first();
    QStringList columns;
    for (int i = 0; i < header.fields.size(); ++i) {
        const QString name = header.fields.at(i).trimmed().toLower();
        if (name.isEmpty())
            return fail(header.line, {}, tr("column %1 of the header has no name").arg(i + 1));
        if (columns.contains(name))
            return fail(header.line, name, tr("the header names this column twice"));
        columns.append(name);
    }
    const int promptColumn = int(columns.indexOf(u"prompt"_s));
    if (promptColumn < 0)
        return fail(header.line, {}, tr("the header row needs a \"prompt\" column"));
    const int idColumn = int(columns.indexOf(u"id"_s));

    QVector<Prompt> prompts;
    QHash<QString, int> firstLineOfId;
    AssertionEvaluator scripts; // compiles the JavaScript of checks
    for (int r = 1; r < records->size(); ++r) {
        const CsvReader::Record& record = records->at(r);
        if (record.fields.size() != columns.size()) {
            return fail(
                record.line, {},
                tr("the row has %1 fields but the header has %2").arg(record.fields.size()).arg(columns.size()));
        }
        Prompt p;
        p.category = u"general"_s;
        p.id = idColumn >= 0 ? record.fields.at(idColumn).trimmed() : QString();
        if (p.id.isEmpty())
            p.id = QString::number(r);
        for (int c = 0; c < columns.size(); ++c) {
            const QString& name = columns.at(c);
            const QString& value = record.fields.at(c);
            if (name == u"id") {
                continue;
            } else if (name == u"prompt") {
                if (value.trimmed().isEmpty())
                    return fail(record.line, name, tr("empty: every row needs a prompt"));
                p.messages.append(QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, value } });
            } else if (name == u"category") {
                if (!value.trimmed().isEmpty())
                    p.category = value.trimmed();
            } else if (name == u"system") {
                p.system = value;
            } else if (name == u"expected") {
                p.expected = value;
            } else if (name == u"options") {
                if (value.trimmed().isEmpty())
                    continue;
                QJsonParseError parseError;
                const QByteArray utf8 = value.toUtf8();
                const QJsonDocument doc = QJsonDocument::fromJson(utf8, &parseError);
                if (parseError.error != QJsonParseError::NoError) {
                    // Qt reports the offset just past the offending character.
                    const qsizetype column
                        = std::max<qsizetype>(1, QString::fromUtf8(utf8.left(parseError.offset)).size());
                    return fail(record.line, name,
                                tr("invalid JSON at column %1: %2").arg(column).arg(parseError.errorString()));
                }
                if (!doc.isObject())
                    return fail(record.line, name, tr("expected a JSON object of request fields"));
                p.options = doc.object();
                QString field;
                QString message;
                if (!PromptOptionsValidator::validate(p.options, &field, &message))
                    return fail(record.line, field, message);
            } else if (name == u"transform") {
                // The answer through JavaScript before every assertion, as JSONL's "transform".
                if (value.trimmed().isEmpty())
                    continue;
                QString where;
                if (const QString problem = scripts.compileScripts({}, value, &where); !problem.isEmpty())
                    return fail(record.line, name, problem);
                p.metadata.insert(name, value);
            } else if (name == u"assert") {
                // Assertions as JSONL writes them: a JSON array in one cell.
                if (value.trimmed().isEmpty())
                    continue;
                QJsonParseError parseError;
                const QByteArray utf8 = value.toUtf8();
                const QJsonDocument doc = QJsonDocument::fromJson(utf8, &parseError);
                if (parseError.error != QJsonParseError::NoError) {
                    const qsizetype column
                        = std::max<qsizetype>(1, QString::fromUtf8(utf8.left(parseError.offset)).size());
                    return fail(record.line, name,
                                tr("invalid JSON at column %1: %2").arg(column).arg(parseError.errorString()));
                }
                QString field;
                QString message;
                if (!JsonlImporter::validateAssertions(doc.isArray() ? QJsonValue(doc.array())
                                                                     : QJsonValue(doc.object()),
                                                       {}, &field, &message, &scripts))
                    return fail(record.line, field, message);
                QJsonArray list = p.metadata.value(u"assert"_s).toArray();
                for (const QJsonValue& a : doc.array())
                    list.append(a);
                p.metadata.insert(u"assert"_s, list);
            } else if (name.startsWith(u"__expected"_s)) {
                // promptfoo's CSV columns: "contains: Paris", "is-json", "javascript: output.length < 80", or the
                // expected text itself. A problem is the column's.
                if (value.trimmed().isEmpty())
                    continue;
                const PromptfooAssertions::Mapped mapped
                    = PromptfooAssertions::map(PromptfooAssertions::fromCsvString(value));
                if (!mapped.errorMessage.isEmpty())
                    return fail(record.line, name, mapped.errorMessage);
                if (!mapped.unmapped.isEmpty())
                    return fail(record.line, name,
                                tr("\"%1\" is an assertion type Tierlens cannot check").arg(mapped.unmapped));
                QString field;
                QString message;
                if (!JsonlImporter::validateAssertions(QJsonArray { mapped.assertion }, {}, &field, &message, &scripts))
                    return fail(record.line, name, message);
                QJsonArray list = p.metadata.value(u"assert"_s).toArray();
                list.append(mapped.assertion);
                p.metadata.insert(u"assert"_s, list);
            } else if (!value.isEmpty()) {
                p.metadata.insert(name, value);
            }
        }
        const auto seen = firstLineOfId.constFind(p.id);
        if (seen != firstLineOfId.constEnd()) {
            return fail(record.line, u"id"_s, tr("duplicate id \"%1\" (first used on line %2)").arg(p.id).arg(*seen));
        }
        firstLineOfId.insert(p.id, record.line);
        prompts.append(std::move(p));
    }
    if (prompts.isEmpty())
        return fail(0, {}, tr("the file has a header but no prompts"));
    return prompts;
}

} // namespace tierlens
