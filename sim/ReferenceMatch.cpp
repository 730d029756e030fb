#include "ReferenceMatch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QStringList>

#include <cmath>
#include <utility>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

QJsonValue parseJson(const QString& text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        return QJsonValue(QJsonValue::Undefined);
    return doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
}

bool isToolCallReference(const QJsonValue& reference)
{
    const QJsonObject o = reference.toObject();
    return reference.isObject() && o.size() == 2 && o.value("name"_L1).isString() && o.contains("arguments"_L1);
}

// Arguments come as an object or, the way the API sends them, as JSON text.
QJsonValue argumentsOf(const QJsonValue& value)
{
    if (value.isString())
        return parseJson(value.toString());
    return value;
}

bool matchesToolCall(const QString& answer, const QJsonObject& reference)
{
    const QString name = reference.value("name"_L1).toString();
    const QJsonValue wanted = argumentsOf(reference.value("arguments"_L1));
    const QLatin1StringView prefix("tool call: ");
    for (const QString& raw : answer.split(u'\n')) {
        const QString line = raw.trimmed();
        if (!line.startsWith(prefix, Qt::CaseInsensitive) || !line.endsWith(u')'))
            continue;
        const qsizetype open = line.indexOf(u'(', prefix.size());
        if (open < 0 || line.mid(prefix.size(), open - prefix.size()).trimmed() != name)
            continue;
        const QString args = line.mid(open + 1, line.size() - open - 2).trimmed();
        const QJsonValue actual = args.isEmpty() ? QJsonValue(QJsonObject()) : parseJson(args);
        if (!wanted.isUndefined() && ReferenceMatch::jsonSubset(wanted, actual))
            return true;
    }
    return false;
}

} // namespace

bool ReferenceMatch::matches(const QString& answer, const QString& reference)
{
    const QJsonValue json = parseJson(reference.trimmed());
    if (isToolCallReference(json))
        return matchesToolCall(answer, json.toObject());
    if (json.isObject() || json.isArray())
        return jsonSubset(json, jsonIn(answer));
    const QString wanted = reference.simplified();
    return !wanted.isEmpty() && answer.simplified().contains(wanted, Qt::CaseInsensitive);
}

bool ReferenceMatch::jsonSubset(const QJsonValue& wanted, const QJsonValue& actual)
{
    if (wanted.isObject()) {
        if (!actual.isObject())
            return false;
        const QJsonObject have = actual.toObject();
        const QJsonObject want = wanted.toObject();
        for (auto it = want.begin(); it != want.end(); ++it) {
            if (!have.contains(it.key()) || !jsonSubset(it.value(), have.value(it.key())))
                return false;
        }
        return true;
    }
    if (wanted.isArray()) {
        const QJsonArray want = wanted.toArray();
        const QJsonArray have = actual.toArray();
        if (!actual.isArray() || want.size() != have.size())
            return false;
        for (qsizetype i = 0; i < want.size(); ++i) {
            if (!jsonSubset(want.at(i), have.at(i)))
                return false;
        }
        return true;
    }
    if (wanted.isDouble())
        return actual.isDouble() && std::abs(wanted.toDouble() - actual.toDouble()) < 1e-9;
    return wanted == actual;
}

QJsonValue ReferenceMatch::jsonIn(const QString& answer)
{
    const QString text = answer.trimmed();
    QJsonValue whole = parseJson(text);
    if (!whole.isUndefined())
        return whole;
    // A model that wraps its JSON in a fence or a sentence still answered in JSON.
    for (const auto& [open, close] : { std::pair { u'{', u'}' }, std::pair { u'[', u']' } }) {
        const qsizetype first = text.indexOf(open);
        const qsizetype last = text.lastIndexOf(close);
        if (first >= 0 && last > first) {
            const QJsonValue inner = parseJson(text.mid(first, last - first + 1));
            if (!inner.isUndefined())
                return inner;
        }
    }
    return QJsonValue(QJsonValue::Undefined);
}

} // namespace tierlens
