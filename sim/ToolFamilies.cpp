// Tool-use families: choosing a tool and filling its arguments from the prompt, and answering tool results.
#include "AnswerFamilies.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

QJsonObject functionOf(const QJsonValue& tool)
{
    return tool.toObject().value("function"_L1).toObject();
}

// How well a tool fits the prompt: words of its name and description that the prompt mentions.
int toolScore(const QJsonObject& fn, const QString& q)
{
    int score = 0;
    static const QRegularExpression splitRe(u"[^a-z0-9]+"_s);
    const QStringList nameWords = fn.value("name"_L1).toString().toLower().split(splitRe, Qt::SkipEmptyParts);
    for (const QString& w : nameWords) {
        if (w.size() >= 3 && w != "get"_L1 && w != "set"_L1 && q.contains(w.left(qMax(4, int(w.size()) - 1))))
            score += 3;
    }
    const QStringList descWords = fn.value("description"_L1).toString().toLower().split(splitRe, Qt::SkipEmptyParts);
    for (const QString& w : descWords) {
        if (w.size() >= 5 && q.contains(w))
            score += 1;
    }
    return score;
}

QJsonValue argumentFor(const QString& name, const QJsonObject& schema, const QString& prompt, int* codeIndex)
{
    const QString n = name.toLower();
    const QString q = prompt.toLower();
    const QJsonArray enumValues = schema.value("enum"_L1).toArray();
    if (!enumValues.isEmpty()) {
        for (const QJsonValue& v : enumValues) {
            if (q.contains(v.toString().toLower()))
                return v;
        }
        return {};
    }
    const QString type = schema.value("type"_L1).toString();
    static const QRegularExpression placeRe(u"\\b(?:in|for|at|to)\\s+([A-Z][\\w\\-]+(?:\\s+[A-Z][\\w\\-]+)*)"_s);
    static const QRegularExpression emailRe(u"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"_s);
    static const QRegularExpression dateRe(u"\\d{4}-\\d{2}-\\d{2}"_s);
    static const QRegularExpression numberRe(u"-?\\d+(?:\\.\\d+)?"_s);
    static const QRegularExpression codeRe(u"\\b[A-Z]{3}\\b"_s);
    static const QRegularExpression quotedRe(u"[\"“']([^\"”']{2,})[\"”']"_s);
    static const QRegularExpression tzRe(u"\\b[A-Z][a-z]+/[A-Z][A-Za-z_]+\\b"_s);
    static const QRegularExpression aboutRe(u"\\b(?:for|about|on)\\s+([^.?!]+)"_s);
    if (type == "number"_L1 || type == "integer"_L1) {
        const auto m = numberRe.match(prompt);
        if (!m.hasMatch())
            return {};
        return type == "integer"_L1 ? QJsonValue(m.captured().toInt()) : QJsonValue(m.captured().toDouble());
    }
    if (type == "boolean"_L1)
        return QJsonValue(!q.contains("not "_L1));
    if (n.contains("city"_L1) || n.contains("location"_L1) || n.contains("place"_L1) || n.contains("destination"_L1)) {
        const auto m = placeRe.match(prompt);
        return m.hasMatch() ? QJsonValue(m.captured(1)) : QJsonValue();
    }
    if (n.contains("email"_L1) || n == "to"_L1 || n.contains("recipient"_L1)) {
        const auto m = emailRe.match(prompt);
        return m.hasMatch() ? QJsonValue(m.captured()) : QJsonValue();
    }
    if (n.contains("date"_L1) || n == "day"_L1) {
        const auto m = dateRe.match(prompt);
        if (m.hasMatch())
            return m.captured();
        return q.contains("tomorrow"_L1) ? QJsonValue(u"tomorrow"_s) : QJsonValue(u"today"_s);
    }
    if (n.contains("currency"_L1) || n == "from"_L1 || n == "base"_L1 || n == "target"_L1) {
        QStringList codes;
        for (auto it = codeRe.globalMatch(prompt); it.hasNext();)
            codes.append(it.next().captured());
        const int index = (*codeIndex)++;
        return index < codes.size() ? QJsonValue(codes.at(index)) : QJsonValue();
    }
    if (n.contains("timezone"_L1) || n == "tz"_L1) {
        const auto m = tzRe.match(prompt);
        return m.hasMatch() ? QJsonValue(m.captured()) : QJsonValue();
    }
    if (const auto m = quotedRe.match(prompt); m.hasMatch())
        return m.captured(1);
    if (const auto m = aboutRe.match(prompt); m.hasMatch())
        return m.captured(1).trimmed();
    return {};
}

QString argumentsFor(const QJsonObject& fn, const QString& prompt, bool dropRequired)
{
    const QJsonObject params = fn.value("parameters"_L1).toObject();
    const QJsonObject props = params.value("properties"_L1).toObject();
    const QJsonArray required = params.value("required"_L1).toArray();
    QJsonObject args;
    int codeIndex = 0;
    for (auto it = props.begin(); it != props.end(); ++it) {
        const QJsonValue v = argumentFor(it.key(), it->toObject(), prompt, &codeIndex);
        if (!v.isNull() && !v.isUndefined())
            args.insert(it.key(), v);
    }
    if (dropRequired) {
        if (!required.isEmpty())
            args.remove(required.first().toString());
        else
            args = QJsonObject();
    }
    return QString::fromUtf8(QJsonDocument(args).toJson(QJsonDocument::Compact));
}

} // namespace

std::optional<SimAnswer> answerToolUse(AnswerContext& ctx)
{
    const ChatRequest& r = ctx.request;
    if (r.tools.isEmpty())
        return std::nullopt;
    const QString q = r.lastUserText.toLower();
    int best = -1;
    int bestScore = 0;
    for (int i = 0; i < r.tools.size(); ++i) {
        const QJsonObject fn = functionOf(r.tools.at(i));
        if (r.toolChoice == "named"_L1 && fn.value("name"_L1).toString() == r.namedTool) {
            best = i;
            break;
        }
        const int score = toolScore(fn, q);
        if (score > bestScore) {
            bestScore = score;
            best = i;
        }
    }
    if (best < 0 && r.toolChoice == "required"_L1)
        best = 0;
    if (best < 0)
        return std::nullopt;
    SimAnswer a;
    a.category = u"tool-use"_s;
    a.correct = ctx.decide(a.category);
    QJsonObject fn = functionOf(r.tools.at(best));
    a.topic = u"which tool answers the request and with what arguments"_s;
    if (r.toolChoice == "none"_L1) {
        a.family = u"tool-none"_s;
        const QString name = fn.value("name"_L1).toString();
        // The failure mode of tool_choice none: the model writes the call out as text instead of answering.
        a.content = a.correct
            ? u"I can't call %1 for this request, so I can't look that up right now; I can explain "
              "how to find it instead."_s.arg(name)
            : u"{\"name\": \"%1\", \"arguments\": %2}"_s.arg(name, argumentsFor(fn, r.lastUserText, false));
        return a;
    }
    a.family = u"tool-call"_s;
    bool dropRequired = false;
    if (!a.correct) {
        if (r.tools.size() > 1 && r.toolChoice != "named"_L1 && ctx.rng.bounded(2) == 0)
            fn = functionOf(r.tools.at((best + 1) % r.tools.size()));
        else
            dropRequired = true;
    }
    SimToolCall call;
    call.id = u"call_%1"_s.arg(ctx.rng.next() & 0xffffffffffffULL, 12, 16, QChar(u'0'));
    call.name = fn.value("name"_L1).toString();
    call.arguments = argumentsFor(fn, r.lastUserText, dropRequired);
    a.toolCalls.append(call);
    return a;
}

std::optional<SimAnswer> answerToolResult(AnswerContext& ctx)
{
    const ChatRequest& r = ctx.request;
    const QJsonObject last = r.messages.last().toObject();
    if (last.value("role"_L1).toString() != "tool"_L1)
        return std::nullopt;
    SimAnswer a;
    a.family = u"tool-result"_s;
    a.category = u"tool-use"_s;
    a.topic = u"the tool's result"_s;
    a.correct = ctx.decide(a.category);
    const QString result = r.lastToolResult.simplified().left(300);
    a.content = a.correct ? u"Based on the tool result: %1"_s.arg(result)
                          : u"The tool did not return anything I can use, so I cannot answer that."_s;
    return a;
}

} // namespace tierlens
