#include "JsonlImporter.h"

#include "checks/Assertion.h"
#include "checks/AssertionEvaluator.h"
#include "checks/JavaScriptSandbox.h"

#include "PromptOptionsValidator.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace tierlens {

const QStringList& JsonlImporter::knownKeys()
{
    static const QStringList keys { u"id"_s,       u"category"_s, u"system"_s,  u"prompt"_s,
                                    u"messages"_s, u"options"_s,  u"expected"_s };
    return keys;
}

bool JsonlImporter::validateAssertions(const QJsonValue& value, const QString& prefix, QString* field, QString* message,
                                       AssertionEvaluator* scripts)
{
    if (!value.isArray()) {
        *field = prefix + u"assert"_s;
        *message = tr("expected an array of assertions like [{\"type\": \"contains\", \"value\": \"...\"}]");
        return false;
    }
    QString where;
    const std::optional<QVector<Assertion>> list = Assertion::parseList(value.toArray(), &where, message);
    if (!list) {
        *field = prefix + where;
        return false;
    }
    if (scripts) {
        if (QString problem = scripts->compileScripts(*list, {}, &where); !problem.isEmpty()) {
            *field = prefix + where;
            *message = problem;
            return false;
        }
    }
    return true;
}

std::optional<QVector<Prompt>> JsonlImporter::parse(const QByteArray& bytes, const QString& fileName,
                                                    ImportError* error, QJsonObject* defaults)
{
    int defaultsLine = 0;
    auto fail = [&](int line, const QString& field, const QString& message) {
        if (error)
            *error = ImportError { fileName, line, field, message };
        return std::nullopt;
    };
    QVector<Prompt> prompts;
    QHash<QString, int> firstLineOfId;
    AssertionEvaluator scripts; // compiles the JavaScript of checks and transforms, so a typo is refused here
    int lineNo = 0;
    qsizetype pos = 0;
    while (pos <= bytes.size()) {
        qsizetype end = bytes.indexOf('\n', pos);
        if (end < 0)
            end = bytes.size();
        QByteArray line = bytes.mid(pos, end - pos);
        pos = end + 1;
        ++lineNo;
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.trimmed().isEmpty())
            continue;

        // Qt would call a bare scalar "illegal value"; say what the line should have been instead.
        const char first = line.trimmed().at(0);
        if (first != '{' && first != '[')
            return fail(lineNo, {}, tr("expected a JSON object on each line"));
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            // Qt reports the offset just past the offending character.
            const qsizetype column = std::max<qsizetype>(1, QString::fromUtf8(line.left(parseError.offset)).size());
            return fail(lineNo, {}, tr("invalid JSON at column %1: %2").arg(column).arg(parseError.errorString()));
        }
        if (!doc.isObject())
            return fail(lineNo, {}, tr("expected a JSON object on each line, found an array"));

        QString field;
        QString message;
        const QJsonObject object = doc.object();
        if (object.contains(u"defaults"_s) && !object.contains(u"id"_s)) {
            if (defaultsLine > 0)
                return fail(lineNo, u"defaults"_s,
                            tr("a second defaults line (the first is line %1)").arg(defaultsLine));
            const QJsonValue d = object.value(u"defaults"_s);
            if (object.size() != 1 || !d.isObject())
                return fail(lineNo, u"defaults"_s,
                            tr("expected a line of the form {\"defaults\": {\"assert\": [...]}}"));
            const QJsonObject given = d.toObject();
            for (auto it = given.constBegin(); it != given.constEnd(); ++it) {
                if (it.key() != u"assert"_s)
                    return fail(lineNo, u"defaults."_s + it.key(), tr("unknown default; only \"assert\" is known"));
            }
            if (given.contains(u"assert"_s)
                && !validateAssertions(given.value(u"assert"_s), u"defaults."_s, &field, &message, &scripts))
                return fail(lineNo, field, message);
            defaultsLine = lineNo;
            if (defaults)
                *defaults = given;
            continue;
        }
        std::optional<Prompt> prompt = promptFromObject(object, &field, &message);
        if (!prompt)
            return fail(lineNo, field, message);
        if (prompt->metadata.contains(u"assert"_s)
            && !validateAssertions(prompt->metadata.value(u"assert"_s), {}, &field, &message, &scripts))
            return fail(lineNo, field, message);
        // A null value means the same as an absent key, here too.
        for (const QString& key : { u"transform"_s, u"vars"_s }) {
            if (prompt->metadata.value(key).isNull())
                prompt->metadata.remove(key);
        }
        if (prompt->metadata.contains(u"vars"_s) && !prompt->metadata.value(u"vars"_s).isObject())
            return fail(lineNo, u"vars"_s, tr("expected an object of values scripts read as context.vars"));
        if (prompt->metadata.contains(u"transform"_s)) {
            const QJsonValue transform = prompt->metadata.value(u"transform"_s);
            QString problem = JavaScriptSandbox::shapeError(transform);
            if (problem.isEmpty())
                problem = scripts.compileScripts({}, transform, &field);
            if (!problem.isEmpty())
                return fail(lineNo, u"transform"_s, problem);
        }
        const auto seen = firstLineOfId.constFind(prompt->id);
        if (seen != firstLineOfId.constEnd())
            return fail(lineNo, u"id"_s, tr("duplicate id \"%1\" (first used on line %2)").arg(prompt->id).arg(*seen));
        firstLineOfId.insert(prompt->id, lineNo);
        prompts.append(std::move(*prompt));
    }
    if (prompts.isEmpty())
        return fail(0, {}, tr("the file contains no prompts"));
    return prompts;
}

std::optional<Prompt> JsonlImporter::promptFromObject(const QJsonObject& object, QString* field, QString* message)
{
    auto fail = [&](const QString& f, const QString& m) {
        *field = f;
        *message = m;
        return std::nullopt;
    };
    // A null value means the same as an absent key: generators often write every column.
    auto present = [&](const QString& key) {
        const QJsonValue v = object.value(key);
        return !v.isUndefined() && !v.isNull();
    };
    Prompt p;

    // MT-Bench's question file as published: {"question_id", "category", "turns": [...], "reference": [...]}.
    const bool hasTurns = present(u"turns"_s);
    const QString idKey = !present(u"id"_s) && hasTurns && present(u"question_id"_s) ? u"question_id"_s : u"id"_s;
    const QJsonValue id = object.value(idKey);
    if (id.isString()) {
        p.id = id.toString().trimmed();
        if (p.id.isEmpty())
            return fail(idKey, tr("must not be empty"));
    } else if (id.isDouble() && std::isfinite(id.toDouble())) {
        const double d = id.toDouble();
        p.id = std::floor(d) == d && std::fabs(d) < 9e15 ? QString::number(qint64(d)) : QString::number(d, 'g', 17);
    } else if (!present(idKey)) {
        return fail(u"id"_s, tr("missing: every line needs an id (a string or a number)"));
    } else {
        return fail(idKey, tr("expected a string or a number"));
    }

    p.category = u"general"_s;
    if (present(u"category"_s)) {
        if (!object.value(u"category"_s).isString())
            return fail(u"category"_s, tr("expected a string"));
        const QString category = object.value(u"category"_s).toString().trimmed();
        if (!category.isEmpty())
            p.category = category;
    }

    const bool hasSystem = present(u"system"_s);
    if (hasSystem) {
        if (!object.value(u"system"_s).isString())
            return fail(u"system"_s, tr("expected a string"));
        p.system = object.value(u"system"_s).toString();
    }

    const bool hasPrompt = present(u"prompt"_s);
    const bool hasMessages = present(u"messages"_s);
    if (int(hasPrompt) + int(hasMessages) + int(hasTurns) > 1)
        return fail(hasTurns ? u"turns"_s : u"prompt"_s,
                    tr("give one of \"prompt\", \"messages\" or \"turns\", not several"));
    if (!hasPrompt && !hasMessages && !hasTurns)
        return fail(u"prompt"_s,
                    tr("missing: every line needs \"prompt\" (a string), \"messages\" (an array) or \"turns\" (the "
                       "user turns of a conversation)"));
    if (hasTurns) {
        // A conversation: each model answers every turn itself. The turns are kept as written ("turns"); the
        // messages are the user turns, for what reads the question.
        const QJsonValue turns = object.value(u"turns"_s);
        if (!turns.isArray() || turns.toArray().isEmpty())
            return fail(u"turns"_s, tr("expected the user turns of a conversation, a non-empty array of strings"));
        for (qsizetype i = 0; i < turns.toArray().size(); ++i) {
            const QJsonValue t = turns.toArray().at(i);
            if (!t.isString() || t.toString().trimmed().isEmpty())
                return fail(u"turns[%1]"_s.arg(i), tr("expected a non-empty string"));
            p.messages.append(QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, t.toString() } });
        }
        // MT-Bench's reference answers, one per turn: the last one is what the final answer is compared with.
        const QJsonValue reference = object.value(u"reference"_s);
        if (!reference.isUndefined() && !reference.isNull()) {
            if (!reference.isArray())
                return fail(u"reference"_s, tr("expected one reference answer per turn, an array of strings"));
            if (!reference.toArray().isEmpty() && reference.toArray().size() != turns.toArray().size())
                return fail(u"reference"_s,
                            tr("expected one reference answer per turn: %1 turns, %2 references")
                                .arg(turns.toArray().size())
                                .arg(reference.toArray().size()));
            for (qsizetype i = 0; i < reference.toArray().size(); ++i) {
                if (!reference.toArray().at(i).isString())
                    return fail(u"reference[%1]"_s.arg(i), tr("expected a string"));
            }
        }
    } else if (hasPrompt) {
        const QJsonValue text = object.value(u"prompt"_s);
        if (!text.isString() || text.toString().trimmed().isEmpty())
            return fail(u"prompt"_s, tr("expected a non-empty string"));
        p.messages.append(QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, text.toString() } });
    } else if (!readMessages(object.value(u"messages"_s), hasSystem, &p, field, message)) {
        return std::nullopt;
    }

    if (present(u"options"_s)) {
        if (!object.value(u"options"_s).isObject())
            return fail(u"options"_s, tr("expected an object of request fields"));
        p.options = object.value(u"options"_s).toObject();
        if (!PromptOptionsValidator::validate(p.options, field, message))
            return std::nullopt;
    }

    if (!present(u"expected"_s) && hasTurns) {
        const QJsonArray reference = object.value(u"reference"_s).toArray();
        if (!reference.isEmpty())
            p.expected = reference.last().toString();
    }
    if (present(u"expected"_s)) {
        const QJsonValue expected = object.value(u"expected"_s);
        if (expected.isString()) {
            p.expected = expected.toString();
        } else {
            // Structured references (a JSON answer, a list of acceptable answers) are kept as compact JSON text.
            const QByteArray wrapped = QJsonDocument(QJsonArray { expected }).toJson(QJsonDocument::Compact);
            p.expected = QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
        }
    }

    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!knownKeys().contains(it.key()))
            p.metadata.insert(it.key(), it.value());
    }
    return p;
}

bool JsonlImporter::readMessages(const QJsonValue& value, bool hasSystemField, Prompt* prompt, QString* field,
                                 QString* message)
{
    auto fail = [&](const QString& f, const QString& m) {
        *field = f;
        *message = m;
        return false;
    };
    static const QStringList roles { u"system"_s, u"user"_s, u"assistant"_s, u"tool"_s };
    const QJsonArray array = value.toArray();
    if (!value.isArray() || array.isEmpty())
        return fail(u"messages"_s, tr("expected an array of {role, content} objects"));

    QJsonArray messages;
    for (int i = 0; i < array.size(); ++i) {
        const QString f = u"messages[%1]"_s.arg(i);
        if (!array.at(i).isObject())
            return fail(f, tr("expected a {role, content} object"));
        const QJsonObject m = array.at(i).toObject();
        const QJsonValue role = m.value(u"role"_s);
        if (!role.isString())
            return fail(f + u".role"_s, tr("missing or not a string"));
        if (!roles.contains(role.toString())) {
            return fail(f + u".role"_s,
                        tr("unknown role \"%1\" (expected system, user, assistant or tool)").arg(role.toString()));
        }
        const QJsonValue content = m.value(u"content"_s);
        // An assistant turn that only calls tools carries no text.
        const bool toolCallTurn = role.toString() == u"assistant" && m.value(u"tool_calls"_s).isArray();
        if (!content.isString() && !(toolCallTurn && (content.isNull() || content.isUndefined())))
            return fail(f + u".content"_s, tr("expected a string"));
        if (role.toString() == u"tool" && !m.value(u"tool_call_id"_s).isString())
            return fail(f + u".tool_call_id"_s, tr("a tool message needs the id of the call it answers"));

        if (i == 0 && role.toString() == u"system") {
            if (hasSystemField)
                return fail(f, tr("a leading system message and a \"system\" field cannot both be given"));
            prompt->system = content.toString();
            continue;
        }
        messages.append(m);
    }
    if (messages.isEmpty())
        return fail(u"messages"_s, tr("needs at least one message besides the system prompt"));
    prompt->messages = messages;
    return true;
}

} // namespace tierlens
