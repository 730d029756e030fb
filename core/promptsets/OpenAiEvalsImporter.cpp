#include "OpenAiEvalsImporter.h"

#include "util/GuardedFiles.h"

#include "NunjucksRenderer.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace tierlens {

std::optional<PromptSet> OpenAiEvalsImporter::load(const QString& jsonlPath, ImportError* error)
{
    const QFileInfo info(jsonlPath);
    if (const QString refusal = GuardedFiles::refusal(jsonlPath); !refusal.isEmpty()) {
        if (error)
            *error = ImportError { info.fileName(), 0, {}, refusal };
        return std::nullopt;
    }
    QFile file(jsonlPath);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = ImportError { info.fileName(), 0, {}, tr("cannot open the file: %1").arg(file.errorString()) };
        return std::nullopt;
    }
    std::optional<PromptSet> set = parse(file.readAll(), info.fileName(), error);
    if (set)
        set->sourcePath = info.absoluteFilePath();
    return set;
}

std::optional<PromptSet> OpenAiEvalsImporter::parse(const QByteArray& bytes, const QString& fileName,
                                                    ImportError* error)
{
    auto fail = [&](int line, const QString& field, const QString& message) {
        if (error)
            *error = ImportError { fileName, line, field, message };
        return std::nullopt;
    };
    PromptSet set;
    set.name = QFileInfo(fileName).completeBaseName();
    set.sourcePath = fileName;
    set.sourceSha256 = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    const QByteArray body = bytes.startsWith("\xEF\xBB\xBF") ? bytes.mid(3) : bytes;
    const QList<QByteArray> lines = body.split('\n');
    QHash<QString, int> firstLineOfId;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int lineNo = int(i) + 1;
        const QByteArray line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            return fail(lineNo, {},
                        tr("invalid JSON at column %1: %2")
                            .arg(QString::fromUtf8(line.left(parseError.offset)).size())
                            .arg(parseError.errorString()));
        }
        if (!doc.isObject())
            return fail(lineNo, {}, tr("expected a JSON object on each line"));
        QString field;
        QString message;
        std::optional<Prompt> prompt = sample(doc.object(), lineNo, &field, &message);
        if (!prompt)
            return fail(lineNo, field, message);
        const auto seen = firstLineOfId.constFind(prompt->id);
        if (seen != firstLineOfId.constEnd())
            return fail(lineNo, u"id"_s, tr("duplicate id \"%1\" (first used on line %2)").arg(prompt->id).arg(*seen));
        firstLineOfId.insert(prompt->id, lineNo);
        set.prompts.append(std::move(*prompt));
    }
    if (set.prompts.isEmpty())
        return fail(0, {}, tr("the file contains no samples"));
    return set;
}

std::optional<Prompt> OpenAiEvalsImporter::sample(const QJsonObject& object, int line, QString* field, QString* message)
{
    auto fail = [&](const QString& f, const QString& m) {
        *field = f;
        *message = m;
        return std::nullopt;
    };
    Prompt p;
    const QJsonValue id = object.value(u"id"_s);
    if (id.isString() || id.isDouble())
        p.id = NunjucksRenderer::toText(id).trimmed();
    else if (!id.isUndefined() && !id.isNull())
        return fail(u"id"_s, tr("expected a string or a number"));
    if (p.id.isEmpty())
        p.id = QString::number(line);

    const QJsonValue input = object.value(u"input"_s);
    if (input.isString()) {
        if (input.toString().trimmed().isEmpty())
            return fail(u"input"_s, tr("must not be empty"));
        p.messages.append(QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, input.toString() } });
    } else if (input.isArray() && !input.toArray().isEmpty()) {
        static const QStringList roles { u"system"_s, u"user"_s, u"assistant"_s, u"tool"_s };
        const QJsonArray list = input.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString f = u"input[%1]"_s.arg(i);
            const QJsonObject m = list.at(i).toObject();
            if (!list.at(i).isObject())
                return fail(f, tr("expected a {role, content} object"));
            if (!roles.contains(m.value(u"role"_s).toString()))
                return fail(f + u".role"_s, tr("expected system, user, assistant or tool"));
            if (!m.value(u"content"_s).isString())
                return fail(f + u".content"_s, tr("expected a string"));
            if (i == 0 && m.value(u"role"_s).toString() == u"system")
                p.system = m.value(u"content"_s).toString();
            else
                p.messages.append(m);
        }
        if (p.messages.isEmpty())
            return fail(u"input"_s, tr("needs at least one message besides the system prompt"));
    } else {
        return fail(u"input"_s, tr("missing: expected a string or a non-empty list of {role, content} messages"));
    }

    const QJsonValue ideal = object.value(u"ideal"_s);
    QJsonArray ideals;
    if (ideal.isString()) {
        ideals.append(ideal);
    } else if (ideal.isArray()) {
        const QJsonArray list = ideal.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            if (!list.at(i).isString())
                return fail(u"ideal[%1]"_s.arg(i), tr("expected a string"));
            ideals.append(list.at(i));
        }
    } else if (!ideal.isUndefined() && !ideal.isNull()) {
        return fail(u"ideal"_s, tr("expected a string or a list of strings"));
    }
    if (ideals.isEmpty() || ideals.first().toString().isEmpty())
        return fail(u"ideal"_s, tr("missing: every sample needs the ideal answer"));
    p.expected = ideals.first().toString();
    p.metadata.insert(u"assert"_s,
                      QJsonArray { QJsonObject { { u"type"_s, u"contains-any"_s }, { u"value"_s, ideals } } });

    const QJsonObject metadata = object.value(u"metadata"_s).toObject();
    const QJsonValue category
        = object.contains(u"category"_s) ? object.value(u"category"_s) : metadata.value(u"category"_s);
    if (!category.isUndefined() && !category.isNull() && !category.isString())
        return fail(object.contains(u"category"_s) ? u"category"_s : u"metadata.category"_s, tr("expected a string"));
    p.category = category.toString().trimmed();
    if (p.category.isEmpty())
        p.category = u"general"_s;

    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() != u"input" && it.key() != u"ideal" && it.key() != u"id" && it.key() != u"category")
            p.metadata.insert(it.key(), it.value());
    }
    return p;
}

} // namespace tierlens
