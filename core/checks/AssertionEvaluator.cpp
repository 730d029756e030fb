#include "AssertionEvaluator.h"

#include "checks/JavaScriptSandbox.h"
#include "checks/jsonschema/JsonSchema.h"

#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {
AssertionResult verdict(bool pass, const QString& reason)
{
    return AssertionResult { pass, pass ? 1.0 : 0.0, reason, false };
}

QString excerpt(const QString& text)
{
    QString t = text.simplified();
    return t.size() > 80 ? t.left(77) + u"..."_s : t;
}

QStringList strings(const QJsonValue& v)
{
    QStringList out;
    for (const auto& e : v.toArray())
        out.append(e.toString());
    return out;
}

// Answers in JSON mode may be whitespace only; a fenced ```json block is accepted as the JSON it holds.
std::optional<QJsonValue> parseJsonAnswer(const QString& content, QString* error)
{
    QString text = content.trimmed();
    static const QRegularExpression fence(u"^```(?:json)?\\s*\\n([\\s\\S]*?)\\n?```$"_s);
    if (const auto m = fence.match(text); m.hasMatch())
        text = m.captured(1).trimmed();
    if (text.isEmpty()) {
        *error = AssertionEvaluator::tr("the answer is empty");
        return std::nullopt;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(u"[%1]"_s.arg(text).toUtf8(), &pe);
    if (pe.error != QJsonParseError::NoError || doc.array().size() != 1) {
        *error = AssertionEvaluator::tr("not JSON: %1 near character %2")
                     .arg(pe.errorString())
                     .arg(std::max(0, pe.offset - 1));
        return std::nullopt;
    }
    return doc.array().first();
}

// Every key of `expected` is in `actual` with an equal value (JSON equality, numbers by value).
bool containsSubset(const QJsonValue& actual, const QJsonValue& expected)
{
    if (expected.isObject()) {
        const QJsonObject a = actual.toObject();
        const QJsonObject e = expected.toObject();
        if (!actual.isObject())
            return false;
        for (auto it = e.begin(); it != e.end(); ++it) {
            if (!a.contains(it.key()) || !containsSubset(a.value(it.key()), it.value()))
                return false;
        }
        return true;
    }
    return actual == expected;
}
} // namespace

struct AssertionEvaluator::ScriptInput
{
    bool ready = false;
    QJSValue output; // the answer, after the test's transform
    QString error; // the test's transform failed
};

AssertionEvaluator::AssertionEvaluator() = default;
AssertionEvaluator::~AssertionEvaluator() = default;

JavaScriptSandbox& AssertionEvaluator::sandbox()
{
    if (!m_sandbox)
        m_sandbox = std::make_unique<JavaScriptSandbox>();
    return *m_sandbox;
}

AssertionResult AssertionEvaluator::evaluate(const Assertion& a, const CheckSubject& s)
{
    ScriptInput input;
    return evaluate(a, s, &input);
}

QString AssertionEvaluator::compileScripts(const QVector<Assertion>& assertions, const QJsonValue& testTransform,
                                           QString* where)
{
    auto check = [&](const QJsonValue& script, JavaScriptSandbox::Kind kind, const QString& at) {
        QString error = JavaScriptSandbox::shapeError(script);
        if (error.isEmpty())
            error = sandbox().compileError(script, kind);
        if (!error.isEmpty() && where)
            *where = at;
        return error;
    };
    if (!testTransform.isUndefined() && !testTransform.isNull()) {
        if (QString e = check(testTransform, JavaScriptSandbox::Kind::Transform, u"transform"_s); !e.isEmpty())
            return e;
    }
    for (qsizetype i = 0; i < assertions.size(); ++i) {
        const Assertion& a = assertions.at(i);
        if (a.type == u"javascript"_s) {
            if (QString e = check(a.value, JavaScriptSandbox::Kind::Assertion, u"assert[%1].value"_s.arg(i));
                !e.isEmpty())
                return e;
        }
        if (a.raw.contains(u"transform"_s)) {
            if (QString e = check(a.raw.value(u"transform"_s), JavaScriptSandbox::Kind::Transform,
                                  u"assert[%1].transform"_s.arg(i));
                !e.isEmpty())
                return e;
        }
    }
    return {};
}

AssertionResult AssertionEvaluator::scripted(const Assertion& a, const CheckSubject& s, ScriptInput& input)
{
    JavaScriptSandbox& js = sandbox();
    if (!input.ready) {
        input.ready = true;
        input.output = js.output(s);
        if (!s.transform.isUndefined() && !s.transform.isNull()) {
            const JavaScriptSandbox::Outcome t
                = js.call(s.transform, JavaScriptSandbox::Kind::Transform, input.output, js.context(s.prompt, s.vars));
            if (!t.error.isEmpty())
                input.error = tr("the test's transform failed: %1").arg(t.error);
            else if (t.value.isUndefined() || t.value.isNull())
                input.error = tr("the test's transform returned nothing");
            input.output = t.value;
        }
    }
    if (!input.error.isEmpty())
        return verdict(false, input.error);
    // Each check gets its own copies: what one script changes in them, the next does not see.
    QString problem;
    const std::optional<QJSValue> copied = js.copy(input.output, &problem);
    if (!copied)
        return verdict(false, tr("the transformed answer: %1").arg(problem));
    QJSValue output = *copied;
    const QJSValue context = js.context(s.prompt, s.vars);
    if (a.raw.contains(u"transform"_s)) {
        const JavaScriptSandbox::Outcome t
            = js.call(a.raw.value(u"transform"_s), JavaScriptSandbox::Kind::Transform, output, context);
        if (!t.error.isEmpty())
            return verdict(false, tr("the transform failed: %1").arg(t.error));
        if (t.value.isUndefined() || t.value.isNull())
            return verdict(false, tr("the transform returned nothing"));
        output = t.value;
    }
    if (a.type == u"javascript"_s) {
        const JavaScriptSandbox::Outcome o = js.call(a.value, JavaScriptSandbox::Kind::Assertion, output, context);
        // As in promptfoo, a script that throws fails, with or without not-.
        if (!o.error.isEmpty())
            return verdict(false, tr("the JavaScript threw: %1").arg(o.error));
        const QJsonValue threshold = a.raw.value(u"threshold"_s);
        return js.assertionResult(o.value, threshold.isDouble() ? std::optional(threshold.toDouble()) : std::nullopt,
                                  a.negate);
    }
    // Every other check reads the transformed answer as text: a string as it is, a value as its JSON.
    CheckSubject transformed = s;
    const std::optional<QString> text = js.toText(output, &problem);
    if (!text)
        return verdict(false, tr("the transformed answer: %1").arg(problem));
    transformed.content = *text;
    AssertionResult r = decide(a, transformed);
    if (a.negate) {
        r.pass = !r.pass;
        r.score = 1.0 - r.score;
        r.reason = tr("not: %1").arg(r.reason);
    }
    return r;
}

AssertionResult AssertionEvaluator::evaluate(const Assertion& a, const CheckSubject& s, ScriptInput* input)
{
    // "turn": k before the last: the check reads the model's answer to that turn of the conversation.
    const int turn = a.raw.value(u"turn"_s).toInt(0);
    if (turn >= 1 && turn <= s.earlierAnswers.size() && s.error == ErrorClass::None) {
        CheckSubject earlier = s;
        earlier.content = s.earlierAnswers.at(turn - 1);
        earlier.toolCalls.clear();
        earlier.earlierAnswers.clear();
        ScriptInput own; // its own answer, transformed on its own
        return evaluate(a, earlier, &own);
    }
    // A failed call has no answer for the judge to grade either: every assertion fails, llm-rubric included.
    if (s.error != ErrorClass::None)
        return verdict(false, tr("no answer: %1 (%2)").arg(errorClassName(s.error), s.errorMessage));
    if (a.needsJudge())
        return AssertionResult { false, 0, tr("waiting for the judge"), true };
    const bool hasTransform = !s.transform.isUndefined() && !s.transform.isNull();
    if (a.type == u"javascript"_s || a.raw.contains(u"transform"_s) || hasTransform)
        return scripted(a, s, *input);
    AssertionResult r = decide(a, s);
    if (a.negate) {
        r.pass = !r.pass;
        r.score = 1.0 - r.score;
        r.reason = tr("not: %1").arg(r.reason);
    }
    return r;
}

AssertionResult AssertionEvaluator::decide(const Assertion& a, const CheckSubject& s)
{
    const QString& out = s.content;
    const QString& t = a.type;
    if (t == u"equals"_s) {
        const bool pass = out.trimmed() == a.value.toString().trimmed();
        return verdict(pass,
                       pass ? tr("equals the expected text")
                            : tr("\"%1\" is not \"%2\"").arg(excerpt(out), excerpt(a.value.toString())));
    }
    if (t == u"contains"_s || t == u"icontains"_s) {
        const auto cs = t == u"contains"_s ? Qt::CaseSensitive : Qt::CaseInsensitive;
        const bool pass = out.contains(a.value.toString(), cs);
        return verdict(pass,
                       pass ? tr("contains \"%1\"").arg(a.value.toString())
                            : tr("does not contain \"%1\"").arg(a.value.toString()));
    }
    if (t.endsWith(u"-any"_s) || t.endsWith(u"-all"_s)) {
        const auto cs = t.startsWith(u'i') ? Qt::CaseInsensitive : Qt::CaseSensitive;
        QStringList found, missing;
        for (const QString& v : strings(a.value))
            (out.contains(v, cs) ? found : missing).append(v);
        if (t.endsWith(u"-any"_s))
            return verdict(!found.isEmpty(),
                           found.isEmpty() ? tr("contains none of %1").arg(missing.join(u", "_s))
                                           : tr("contains \"%1\"").arg(found.constFirst()));
        return verdict(missing.isEmpty(),
                       missing.isEmpty() ? tr("contains all %n value(s)", nullptr, int(found.size()))
                                         : tr("missing %1").arg(missing.join(u", "_s)));
    }
    if (t == u"regex"_s) {
        const QRegularExpression re(a.value.toString());
        const bool pass = re.match(out).hasMatch();
        return verdict(pass,
                       pass ? tr("matches /%1/").arg(a.value.toString())
                            : tr("does not match /%1/").arg(a.value.toString()));
    }
    if (t == u"starts-with"_s) {
        const bool pass = out.trimmed().startsWith(a.value.toString());
        return verdict(pass,
                       pass ? tr("starts with \"%1\"").arg(a.value.toString())
                            : tr("starts with \"%1\" instead").arg(excerpt(out.left(40))));
    }
    if (t == u"is-json"_s || t == u"json-schema"_s) {
        QString error;
        const auto json = parseJsonAnswer(out, &error);
        if (!json)
            return verdict(false, error);
        if (t == u"is-json"_s && !a.value.isObject())
            return verdict(true, tr("valid JSON"));
        return jsonSchema(a.value, *json, tr("the answer"));
    }
    if (t == u"tool-call"_s)
        return toolCall(a, s);
    if (t == u"max-latency-ms"_s) {
        if (!s.latencyMs)
            return verdict(false, tr("latency unknown"));
        const bool pass = *s.latencyMs <= a.value.toDouble();
        return verdict(pass, tr("latency %1 ms, limit %2 ms").arg(*s.latencyMs, 0, 'f', 0).arg(a.value.toDouble()));
    }
    if (t == u"max-cost-usd"_s) {
        if (!s.costUsd)
            return verdict(false, tr("cost unknown: the provider reported no usage"));
        const bool pass = *s.costUsd <= a.value.toDouble();
        return verdict(pass, tr("cost $%1, limit $%2").arg(*s.costUsd, 0, 'g', 6).arg(a.value.toDouble()));
    }
    if (t == u"max-tokens"_s) {
        if (!s.completionTokens)
            return verdict(false, tr("output tokens unknown: the provider reported no usage"));
        const bool pass = double(*s.completionTokens) <= a.value.toDouble();
        return verdict(pass, tr("%1 output tokens, limit %2").arg(*s.completionTokens).arg(a.value.toDouble()));
    }
    if (t == u"finish-reason"_s) {
        const bool pass = s.finishReason == a.value.toString();
        return verdict(pass, tr("finish reason \"%1\", expected \"%2\"").arg(s.finishReason, a.value.toString()));
    }
    return verdict(false, tr("unknown assertion type \"%1\"").arg(t));
}

const JsonSchema* AssertionEvaluator::compiled(const QJsonValue& schema, QString* error)
{
    const QByteArray key = QJsonDocument(QJsonArray { schema }).toJson(QJsonDocument::Compact);
    if (auto it = m_schemas.constFind(key); it != m_schemas.cend())
        return it->get();
    auto compiled = JsonSchema::compile(schema, JsonSchemaDraft::Draft2020_12, error);
    if (!compiled)
        return nullptr;
    auto shared = std::make_shared<JsonSchema>(std::move(*compiled));
    m_schemas.insert(key, shared);
    return shared.get();
}

AssertionResult AssertionEvaluator::jsonSchema(const QJsonValue& schema, const QJsonValue& instance,
                                               const QString& what)
{
    QString error;
    const JsonSchema* s = compiled(schema, &error);
    if (!s)
        return verdict(false, tr("the schema itself is invalid: %1").arg(error));
    const ValidationResult r = s->validate(instance);
    if (r.valid)
        return verdict(true, tr("%1 matches the schema").arg(what));
    return verdict(false, tr("%1 does not match the schema: %2").arg(what, r.errors.constFirst().toString()));
}

AssertionResult AssertionEvaluator::toolCall(const Assertion& a, const CheckSubject& s)
{
    const QString expectedName
        = a.value.isObject() ? a.value.toObject().value(u"name"_s).toString() : a.value.toString();
    const QJsonValue expectedArgs = a.value.toObject().value(u"arguments"_s);
    if (s.toolCalls.isEmpty())
        return verdict(false, tr("no tool was called"));
    QStringList called;
    for (const ToolCall& call : s.toolCalls) {
        called.append(call.name);
        if (!expectedName.isEmpty() && call.name != expectedName)
            continue;
        QString error;
        const auto args = parseJsonAnswer(call.arguments, &error);
        if (!args || !args->isObject())
            return verdict(false, tr("the arguments of %1 are not a JSON object: %2").arg(call.name, error));
        for (const auto& tool : s.tools) {
            const QJsonObject fn = tool.toObject().value(u"function"_s).toObject();
            if (fn.value(u"name"_s).toString() == call.name && fn.contains(u"parameters"_s)) {
                const AssertionResult r
                    = jsonSchema(fn.value(u"parameters"_s), *args, tr("the arguments of %1").arg(call.name));
                if (!r.pass)
                    return r;
            }
        }
        if (!expectedArgs.isUndefined() && !containsSubset(*args, expectedArgs)) {
            return verdict(
                false,
                tr("%1 was called with %2, expected %3")
                    .arg(call.name, QString::fromUtf8(QJsonDocument(args->toObject()).toJson(QJsonDocument::Compact)),
                         QString::fromUtf8(QJsonDocument(expectedArgs.toObject()).toJson(QJsonDocument::Compact))));
        }
        return verdict(true, tr("%1 called with valid arguments").arg(call.name));
    }
    return verdict(false, tr("%1 was not called (called: %2)").arg(expectedName, called.join(u", "_s)));
}

CheckOutcome AssertionEvaluator::evaluateAll(const QVector<Assertion>& assertions, const CheckSubject& subject)
{
    QVector<AssertionResult> results;
    results.reserve(assertions.size());
    ScriptInput input; // the test's transform runs once for all of them
    for (const Assertion& a : assertions)
        results.append(evaluate(a, subject, &input));
    return combine(assertions, std::move(results));
}

CheckOutcome AssertionEvaluator::combine(const QVector<Assertion>& assertions, QVector<AssertionResult> results)
{
    CheckOutcome out;
    double weighted = 0, weights = 0;
    for (qsizetype i = 0; i < results.size(); ++i) {
        const AssertionResult& r = results.at(i);
        if (r.pending) {
            out.hasPending = true;
            continue;
        }
        out.pass = out.pass && r.pass;
        weighted += assertions.at(i).weight * r.score;
        weights += assertions.at(i).weight;
    }
    out.score = weights > 0 ? weighted / weights : (out.pass ? 1.0 : 0.0);
    out.results = std::move(results);
    return out;
}

} // namespace tierlens
