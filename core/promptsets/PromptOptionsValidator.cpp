#include "PromptOptionsValidator.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <cmath>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

// The documented limits of DeepSeek V4 (reference/deepseek-v4.md); other servers accept the same ranges.
constexpr int kMaxOutputTokens = 393216;
constexpr int kMaxTools = 128;
constexpr int kMaxTopLogprobs = 20;

bool isNumberIn(const QJsonValue& v, double low, double high)
{
    return v.isDouble() && std::isfinite(v.toDouble()) && v.toDouble() >= low && v.toDouble() <= high;
}

bool isIntegerIn(const QJsonValue& v, double low, double high)
{
    return isNumberIn(v, low, high) && std::floor(v.toDouble()) == v.toDouble();
}

bool isToolName(const QString& name)
{
    static const QRegularExpression re(u"^[a-zA-Z0-9_-]{1,64}$"_s);
    return re.match(name).hasMatch();
}

} // namespace

const QStringList& PromptOptionsValidator::allowedKeys()
{
    static const QStringList keys { u"thinking"_s,
                                    u"reasoning_effort"_s,
                                    u"temperature"_s,
                                    u"top_p"_s,
                                    u"max_tokens"_s,
                                    u"response_format"_s,
                                    u"tools"_s,
                                    u"tool_choice"_s,
                                    u"stop"_s,
                                    u"presence_penalty"_s,
                                    u"frequency_penalty"_s,
                                    u"user_id"_s,
                                    u"logprobs"_s,
                                    u"top_logprobs"_s };
    return keys;
}

bool PromptOptionsValidator::validate(const QJsonObject& options, QString* field, QString* message)
{
    auto fail = [&](const QString& f, const QString& m) {
        *field = f;
        *message = m;
        return false;
    };
    QSet<QString> toolNames;
    for (auto it = options.begin(); it != options.end(); ++it) {
        const QString key = it.key();
        const QJsonValue v = it.value();
        const QString f = u"options."_s + key;
        if (!allowedKeys().contains(key))
            return fail(f, tr("unknown option (allowed: %1)").arg(allowedKeys().join(u", "_s)));
        if (key == u"thinking") {
            const QString type = v.toObject().value(u"type"_s).toString();
            if (!v.isObject() || (type != u"enabled" && type != u"disabled"))
                return fail(f, tr("expected {\"type\": \"enabled\"} or {\"type\": \"disabled\"}"));
        } else if (key == u"reasoning_effort" || key == u"user_id") {
            if (!v.isString() || v.toString().isEmpty())
                return fail(f, tr("expected a non-empty string"));
        } else if (key == u"temperature") {
            if (!isNumberIn(v, 0, 2))
                return fail(f, tr("expected a number from 0 to 2"));
        } else if (key == u"top_p") {
            if (!isNumberIn(v, 0, 1))
                return fail(f, tr("expected a number from 0 to 1"));
        } else if (key == u"presence_penalty" || key == u"frequency_penalty") {
            if (!isNumberIn(v, -2, 2))
                return fail(f, tr("expected a number from -2 to 2"));
        } else if (key == u"max_tokens") {
            if (!isIntegerIn(v, 1, kMaxOutputTokens))
                return fail(f, tr("expected an integer from 1 to %1").arg(kMaxOutputTokens));
        } else if (key == u"top_logprobs") {
            if (!isIntegerIn(v, 0, kMaxTopLogprobs))
                return fail(f, tr("expected an integer from 0 to %1").arg(kMaxTopLogprobs));
        } else if (key == u"logprobs") {
            if (!v.isBool())
                return fail(f, tr("expected true or false"));
        } else if (key == u"response_format") {
            const QString type = v.toObject().value(u"type"_s).toString();
            if (!v.isObject() || (type != u"text" && type != u"json_object" && type != u"json_schema"))
                return fail(f,
                            tr("expected {\"type\": \"text\"}, {\"type\": \"json_object\"} or "
                               "{\"type\": \"json_schema\", ...}"));
        } else if (key == u"stop") {
            bool ok = v.isString();
            if (v.isArray()) {
                ok = true;
                for (const QJsonValue& s : v.toArray())
                    ok = ok && s.isString();
            }
            if (!ok)
                return fail(f, tr("expected a string or an array of strings"));
        } else if (key == u"tools") {
            if (!v.isArray())
                return fail(f, tr("expected an array of {type: \"function\", function: {name, parameters}} objects"));
            const QJsonArray tools = v.toArray();
            if (tools.size() > kMaxTools)
                return fail(f, tr("%1 tools given; at most %2 are allowed").arg(tools.size()).arg(kMaxTools));
            for (int i = 0; i < tools.size(); ++i) {
                const QString tf = f + u'[' + QString::number(i) + u']';
                const QJsonObject tool = tools.at(i).toObject();
                if (!tools.at(i).isObject() || tool.value(u"type"_s).toString() != u"function")
                    return fail(tf, tr("expected an object with \"type\": \"function\""));
                const QJsonValue fn = tool.value(u"function"_s);
                if (!fn.isObject())
                    return fail(tf + u".function"_s, tr("expected an object with \"name\" and \"parameters\""));
                const QJsonValue name = fn.toObject().value(u"name"_s);
                if (!name.isString() || !isToolName(name.toString()))
                    return fail(tf + u".function.name"_s,
                                tr("expected 1 to 64 characters from a-z, A-Z, 0-9, _ and -"));
                if (toolNames.contains(name.toString()))
                    return fail(tf + u".function.name"_s, tr("\"%1\" is defined twice").arg(name.toString()));
                toolNames.insert(name.toString());
                const QJsonValue params = fn.toObject().value(u"parameters"_s);
                if (!params.isUndefined() && !params.isObject())
                    return fail(tf + u".function.parameters"_s, tr("expected a JSON Schema object"));
            }
        }
    }
    // tool_choice is checked last so that a named choice can be matched against the tools above.
    const QJsonValue choice = options.value(u"tool_choice"_s);
    if (!choice.isUndefined()) {
        const QString f = u"options.tool_choice"_s;
        if (choice.isString()) {
            const QString c = choice.toString();
            if (c != u"none" && c != u"auto" && c != u"required")
                return fail(f,
                            tr("expected \"none\", \"auto\", \"required\" or {\"type\": \"function\", "
                               "\"function\": {\"name\": ...}}"));
        } else {
            const QJsonObject o = choice.toObject();
            const QJsonValue name = o.value(u"function"_s).toObject().value(u"name"_s);
            if (!choice.isObject() || o.value(u"type"_s).toString() != u"function" || !name.isString())
                return fail(f,
                            tr("expected \"none\", \"auto\", \"required\" or {\"type\": \"function\", "
                               "\"function\": {\"name\": ...}}"));
            if (!toolNames.contains(name.toString()))
                return fail(f, tr("names the tool \"%1\", which \"tools\" does not define").arg(name.toString()));
        }
    }
    return true;
}

} // namespace tierlens
