#include "Assertion.h"

#include "JavaScriptSandbox.h"

#include <QRegularExpression>

#include <cmath>

using namespace Qt::StringLiterals;

namespace tierlens {

const QStringList& Assertion::supportedTypes()
{
    static const QStringList types = {
        u"equals"_s,        u"contains"_s,      u"icontains"_s,      u"contains-any"_s, u"contains-all"_s,
        u"icontains-any"_s, u"icontains-all"_s, u"regex"_s,          u"starts-with"_s,  u"is-json"_s,
        u"json-schema"_s,   u"tool-call"_s,     u"max-latency-ms"_s, u"max-cost-usd"_s, u"max-tokens"_s,
        u"finish-reason"_s, u"llm-rubric"_s,    u"javascript"_s,
    };
    return types;
}

bool Assertion::needsJudge() const
{
    return type == u"llm-rubric"_s;
}

namespace {
bool isStringList(const QJsonValue& v)
{
    if (!v.isArray() || v.toArray().isEmpty())
        return false;
    for (const auto& e : v.toArray()) {
        if (!e.isString())
            return false;
    }
    return true;
}
} // namespace

std::optional<QVector<Assertion>> Assertion::parseList(const QJsonArray& list, QString* where, QString* error)
{
    QVector<Assertion> out;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString at = u"assert[%1]"_s.arg(i);
        auto fail = [&](const QString& field, const QString& message) {
            if (where)
                *where = field.isEmpty() ? at : at + u'.' + field;
            if (error)
                *error = message;
            return std::nullopt;
        };
        if (!list.at(i).isObject())
            return fail({}, tr("expected an object like {\"type\": \"contains\", \"value\": \"...\"}"));
        const QJsonObject o = list.at(i).toObject();
        Assertion a;
        a.raw = o;
        QString type = o.value(u"type"_s).toString();
        if (type.startsWith(u"not-"_s)) {
            a.negate = true;
            type = type.mid(4);
        }
        a.type = type;
        a.value = o.value(u"value"_s);
        if (!supportedTypes().contains(type) || (a.negate && a.needsJudge()))
            return fail(u"type"_s, tr("unknown assertion type \"%1\"").arg(o.value(u"type"_s).toString()));
        if (o.contains(u"weight"_s)) {
            if (!o.value(u"weight"_s).isDouble() || o.value(u"weight"_s).toDouble() < 0)
                return fail(u"weight"_s, tr("expected a number of 0 or more"));
            a.weight = o.value(u"weight"_s).toDouble();
        }
        // The value each type needs, checked once here so evaluation cannot meet a malformed one.
        if (type == u"equals"_s || type == u"contains"_s || type == u"icontains"_s || type == u"starts-with"_s) {
            if (!a.value.isString())
                return fail(u"value"_s, tr("\"%1\" needs a string value").arg(type));
        } else if (type.contains(u"-any"_s) || type.contains(u"-all"_s)) {
            if (!isStringList(a.value))
                return fail(u"value"_s, tr("\"%1\" needs a non-empty list of strings").arg(type));
        } else if (type == u"regex"_s) {
            const QRegularExpression re(a.value.toString());
            if (!a.value.isString() || !re.isValid())
                return fail(u"value"_s, tr("not a valid regular expression: %1").arg(re.errorString()));
        } else if (type == u"json-schema"_s) {
            if (!a.value.isObject() && !a.value.isBool())
                return fail(u"value"_s, tr("\"json-schema\" needs a schema object"));
        } else if (type == u"tool-call"_s) {
            if (!a.value.isString() && !a.value.isObject() && !a.value.isUndefined() && !a.value.isNull())
                return fail(u"value"_s, tr("\"tool-call\" takes the expected function name, or {\"name\": ...}"));
        } else if (type.startsWith(u"max-"_s)) {
            if (!a.value.isDouble() || a.value.toDouble() < 0)
                return fail(u"value"_s, tr("\"%1\" needs a number of 0 or more").arg(type));
        } else if (type == u"finish-reason"_s) {
            if (!a.value.isString())
                return fail(u"value"_s, tr("\"finish-reason\" needs a string such as \"stop\""));
        } else if (type == u"llm-rubric"_s) {
            if (!a.value.isString() || a.value.toString().trimmed().isEmpty())
                return fail(u"value"_s, tr("\"llm-rubric\" needs the rubric as text"));
        } else if (type == u"javascript"_s) {
            if (const QString shape = JavaScriptSandbox::shapeError(a.value); !shape.isEmpty())
                return fail(u"value"_s, shape);
        }
        if (o.contains(u"turn"_s)) {
            const double turn = o.value(u"turn"_s).toDouble(-1);
            if (!o.value(u"turn"_s).isDouble() || turn < 1 || turn != std::floor(turn))
                return fail(u"turn"_s, tr("expected the number of a conversation's turn, from 1"));
        }
        if (o.contains(u"threshold"_s) && !o.value(u"threshold"_s).isDouble())
            return fail(u"threshold"_s, tr("expected a number"));
        if (o.contains(u"transform"_s)) {
            if (const QString shape = JavaScriptSandbox::shapeError(o.value(u"transform"_s)); !shape.isEmpty())
                return fail(u"transform"_s, shape);
            // The judge grades the answer as the model gave it.
            if (a.needsJudge())
                return fail(u"transform"_s,
                            tr("the judge grades the answer as given: \"llm-rubric\" takes no transform"));
        }
        out.append(a);
    }
    return out;
}

} // namespace tierlens
