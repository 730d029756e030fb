#include "JavaScriptSandbox.h"

#include <QJSEngine>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <thread>

using namespace Qt::StringLiterals;

namespace tierlens {

// Interrupts the engine when a call runs past its deadline. QJSEngine::setInterrupted is the one engine function
// documented as safe to call from another thread.
struct JavaScriptSandbox::Watchdog
{
    explicit Watchdog(QJSEngine* engine)
        : m_engine(engine)
        , m_thread([this] { run(); })
    { }
    ~Watchdog()
    {
        {
            std::lock_guard lock(m_mutex);
            m_quit = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }
    void arm(std::chrono::milliseconds limit)
    {
        {
            std::lock_guard lock(m_mutex);
            m_deadline = std::chrono::steady_clock::now() + limit;
            m_armed = true;
        }
        m_wake.notify_all();
    }
    void disarm()
    {
        std::lock_guard lock(m_mutex);
        m_armed = false;
    }

private:
    void run()
    {
        std::unique_lock lock(m_mutex);
        while (!m_quit) {
            if (!m_armed) {
                m_wake.wait(lock);
                continue;
            }
            m_wake.wait_until(lock, m_deadline);
            if (m_armed && std::chrono::steady_clock::now() >= m_deadline) {
                m_engine->setInterrupted(true);
                m_armed = false;
            }
        }
    }

    QJSEngine* m_engine;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::chrono::steady_clock::time_point m_deadline;
    bool m_armed = false;
    bool m_quit = false;
    std::thread m_thread;
};

namespace {

// The index of the last semicolon that ends a statement at the top level of `code` (outside strings, template
// literals, comments and brackets), or -1. Regular expression literals are not told apart from division; a
// semicolon inside one at the top level is the only case this misreads.
qsizetype lastTopLevelSemicolon(const QString& code)
{
    qsizetype last = -1;
    int depth = 0;
    for (qsizetype i = 0; i < code.size(); ++i) {
        const QChar c = code.at(i);
        if (c == u'"' || c == u'\'' || c == u'`') {
            for (++i; i < code.size() && code.at(i) != c; ++i) {
                if (code.at(i) == u'\\')
                    ++i;
            }
        } else if (c == u'/' && i + 1 < code.size() && code.at(i + 1) == u'/') {
            while (i < code.size() && code.at(i) != u'\n')
                ++i;
        } else if (c == u'/' && i + 1 < code.size() && code.at(i + 1) == u'*') {
            const qsizetype end = code.indexOf(u"*/"_s, i + 2);
            i = end < 0 ? code.size() : end + 1;
        } else if (c == u'(' || c == u'[' || c == u'{') {
            ++depth;
        } else if (c == u')' || c == u']' || c == u'}') {
            --depth;
        } else if (c == u';' && depth == 0) {
            last = i;
        }
    }
    return last;
}

QString functionBody(const QString& code, JavaScriptSandbox::Kind kind)
{
    QString body = code;
    while (!body.isEmpty() && body.back().isSpace())
        body.chop(1);
    if (body.contains(u'\n'))
        return body;
    body = body.trimmed();
    if (kind == JavaScriptSandbox::Kind::Transform)
        return u"return "_s + body;
    while (body.endsWith(u';'))
        body = body.chopped(1).trimmed();
    static const QStringList declarations { u"const "_s, u"let "_s, u"var "_s };
    for (const QString& d : declarations) {
        if (!body.startsWith(d))
            continue;
        const qsizetype semicolon = lastTopLevelSemicolon(body);
        if (semicolon >= 0 && !body.mid(semicolon + 1).trimmed().isEmpty())
            return body.left(semicolon + 1) + u" return "_s + body.mid(semicolon + 1).trimmed();
        return body;
    }
    return u"return "_s + body;
}

QString errorText(const QJSValue& error)
{
    const QJSValue line = error.property(u"lineNumber"_s);
    const QString text = error.toString();
    return line.isNumber() && line.toInt() > 0 ? JavaScriptSandbox::tr("%1 (line %2)").arg(text).arg(line.toInt())
                                               : text;
}

} // namespace

JavaScriptSandbox::JavaScriptSandbox(std::chrono::milliseconds timeLimit)
    : m_engine(std::make_unique<QJSEngine>())
    , m_watchdog(std::make_unique<Watchdog>(m_engine.get()))
    , m_timeLimit(timeLimit)
{
    // No installExtensions(): no console, no timers, no translation functions; QJSEngine has no XMLHttpRequest,
    // file or process access of its own (those come with QQmlEngine).
    const QJSValue json = m_engine->globalObject().property(u"JSON"_s);
    m_stringify = json.property(u"stringify"_s);
    m_parse = json.property(u"parse"_s);
    // The built-ins and the global object are frozen, so that no script changes what the next one runs with
    // (Array.prototype.includes = () => true, or a global left behind).
    m_engine->evaluate(u"(function () {\n"
                       u"  const g = globalThis;\n"
                       u"  for (const name of Object.getOwnPropertyNames(g)) {\n"
                       u"    const v = g[name];\n"
                       u"    if (v !== null && (typeof v === 'object' || typeof v === 'function')) {\n"
                       u"      if (typeof v === 'function' && v.prototype) Object.freeze(v.prototype);\n"
                       u"      Object.freeze(v);\n"
                       u"    }\n"
                       u"  }\n"
                       u"  Object.freeze(g);\n"
                       u"})()"_s);
}

JavaScriptSandbox::~JavaScriptSandbox()
{
    m_watchdog.reset();
    m_functions.clear();
    m_stringify = QJSValue();
    m_parse = QJSValue();
}

QString JavaScriptSandbox::shapeError(const QJsonValue& script)
{
    if (script.isString()) {
        if (script.toString().trimmed().isEmpty())
            return tr("the JavaScript is empty");
        return {};
    }
    if (script.isObject()) {
        const QJsonObject o = script.toObject();
        if (!o.value(u"source"_s).isString() || !o.value(u"file"_s).isString())
            return tr("expected {\"file\": ..., \"source\": ...} as the import writes it for a file:// script");
        if (o.contains(u"function"_s) && !o.value(u"function"_s).isString())
            return tr("\"function\" must be the name of an exported function");
        return {};
    }
    return tr("expected JavaScript code as a string");
}

std::optional<QJSValue> JavaScriptSandbox::function(const QJsonValue& script, Kind kind, QString* error)
{
    const QString key = (kind == Kind::Assertion ? u"a:"_s : u"t:"_s)
        + (script.isString() ? u"s:"_s + script.toString()
                             : QString::fromUtf8(QJsonDocument(script.toObject()).toJson(QJsonDocument::Compact)));
    auto cached = m_functions.constFind(key);
    if (cached == m_functions.constEnd()) {
        QJSValue compiled;
        if (const QString shape = shapeError(script); !shape.isEmpty()) {
            compiled = m_engine->newErrorObject(QJSValue::TypeError, shape);
        } else if (script.isString()) {
            // Line 0 for the wrapper, so that the engine's line numbers are the code's own.
            compiled = m_engine->evaluate(u"(function (output, context) {\n"_s + functionBody(script.toString(), kind)
                                              + u"\n})"_s,
                                          u"javascript"_s, 0);
        } else {
            // A CommonJS module, evaluated once: module.exports (or its `function`, or its default export).
            const QJsonObject o = script.toObject();
            const QJSValue factory = m_engine->evaluate(
                u"(function () { const module = { exports: {} }; const exports = module.exports;\n"_s
                    + o.value(u"source"_s).toString() + u"\n;return module.exports; })"_s,
                o.value(u"file"_s).toString(), 0);
            if (factory.isError()) {
                compiled = factory;
            } else {
                m_watchdog->arm(m_timeLimit);
                const QJSValue exports = factory.call();
                m_watchdog->disarm();
                const bool interrupted = m_engine->isInterrupted();
                m_engine->setInterrupted(false);
                const QString name = o.value(u"function"_s).toString();
                if (interrupted) {
                    compiled = m_engine->newErrorObject(
                        QJSValue::GenericError,
                        tr("loading the module took longer than %1 ms").arg(m_timeLimit.count()));
                } else if (exports.isError()) {
                    compiled = exports;
                } else if (!name.isEmpty()) {
                    compiled = exports.property(name);
                    if (!compiled.isCallable())
                        compiled = m_engine->newErrorObject(
                            QJSValue::TypeError,
                            tr("%1 exports no function \"%2\"").arg(o.value(u"file"_s).toString(), name));
                } else if (exports.isCallable()) {
                    compiled = exports;
                } else if (exports.property(u"default"_s).isCallable()) {
                    compiled = exports.property(u"default"_s);
                } else {
                    compiled = m_engine->newErrorObject(
                        QJSValue::TypeError,
                        tr("%1 must export a function (module.exports = (output, context) => ...)")
                            .arg(o.value(u"file"_s).toString()));
                }
            }
        }
        cached = m_functions.insert(key, compiled);
    }
    if (cached->isError()) {
        *error = errorText(*cached);
        return std::nullopt;
    }
    return *cached;
}

QString JavaScriptSandbox::compileError(const QJsonValue& script, Kind kind)
{
    QString error;
    function(script, kind, &error);
    return error;
}

JavaScriptSandbox::Outcome JavaScriptSandbox::call(const QJsonValue& script, Kind kind, const QJSValue& output,
                                                   const QJSValue& context)
{
    Outcome outcome;
    const std::optional<QJSValue> fn = function(script, kind, &outcome.error);
    if (!fn)
        return outcome;
    m_watchdog->arm(m_timeLimit);
    const QJSValue result = fn->call({ output, context });
    m_watchdog->disarm();
    const bool interrupted = m_engine->isInterrupted();
    m_engine->setInterrupted(false);
    if (interrupted)
        outcome.error = tr("stopped after %1 ms (the time limit of a script)").arg(m_timeLimit.count());
    else if (result.isError())
        outcome.error = errorText(result);
    else
        outcome.value = result;
    return outcome;
}

QJSValue JavaScriptSandbox::text(const QString& s) const
{
    return QJSValue(s);
}

QJSValue JavaScriptSandbox::fromJson(const QJsonValue& value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    return m_parse.call({ QJSValue(QString::fromUtf8(wrapped)) }).property(0);
}

QJSValue JavaScriptSandbox::output(const CheckSubject& subject)
{
    if (!subject.content.isEmpty() || subject.toolCalls.isEmpty())
        return QJSValue(subject.content);
    QJsonArray calls;
    for (const ToolCall& c : subject.toolCalls) {
        calls.append(
            QJsonObject { { u"id"_s, c.id },
                          { u"type"_s, c.type },
                          { u"function"_s, QJsonObject { { u"name"_s, c.name }, { u"arguments"_s, c.arguments } } } });
    }
    return fromJson(calls);
}

QJSValue JavaScriptSandbox::context(const QString& prompt, const QJsonObject& vars)
{
    return fromJson(QJsonObject { { u"prompt"_s, prompt }, { u"vars"_s, vars } });
}

QJSValue JavaScriptSandbox::copy(const QJSValue& value)
{
    if (!value.isObject() || value.isCallable())
        return value;
    const QJSValue text = m_stringify.call({ value });
    return text.isString() ? m_parse.call({ text }) : value;
}

QString JavaScriptSandbox::toText(const QJSValue& value)
{
    if (value.isString())
        return value.toString();
    if (value.isUndefined())
        return {};
    const QJSValue s = m_stringify.call({ value });
    return s.isString() ? s.toString() : value.toString();
}

AssertionResult JavaScriptSandbox::assertionResult(const QJSValue& value, std::optional<double> threshold, bool negate)
{
    AssertionResult r;
    if (value.isBool()) {
        r.pass = value.toBool() != negate;
        r.score = r.pass ? 1 : 0;
        r.reason = r.pass ? tr("the JavaScript passed")
                          : tr("the JavaScript returned %1").arg(value.toBool() ? u"true"_s : u"false"_s);
        return r;
    }
    if (value.isNumber()) {
        const double score = value.toNumber();
        if (!std::isfinite(score)) {
            r.reason = tr("the JavaScript returned %1, not a finite score").arg(value.toString());
            return r;
        }
        const bool rawPass = threshold ? score >= *threshold : score > 0;
        r.pass = rawPass != negate;
        r.score = std::clamp(score, 0.0, 1.0);
        r.reason = threshold ? tr("score %1 against the threshold %2").arg(score).arg(*threshold)
                             : tr("score %1 (passes above 0)").arg(score);
        return r;
    }
    if (value.isObject() && !value.isArray() && !value.isCallable() && value.hasProperty(u"pass"_s)) {
        const QJSValue pass = value.property(u"pass"_s);
        const QJSValue score = value.property(u"score"_s);
        if (!pass.isBool() || (!score.isUndefined() && !(score.isNumber() && std::isfinite(score.toNumber())))) {
            r.reason = tr("the JavaScript returned an object whose pass is not a boolean or whose score is not a "
                          "finite number: %1")
                           .arg(toText(value).left(200));
            return r;
        }
        bool rawPass = pass.toBool();
        const double s = score.isUndefined() ? (rawPass ? 1.0 : 0.0) : score.toNumber();
        QString reason = value.property(u"reason"_s).isUndefined() ? QString() : value.property(u"reason"_s).toString();
        // promptfoo: a score under the assertion's threshold fails whatever pass said.
        if (threshold && s < *threshold) {
            rawPass = false;
            reason = tr("score %1 is under the threshold %2%3")
                         .arg(s)
                         .arg(*threshold)
                         .arg(reason.isEmpty() ? QString() : u": "_s + reason);
        }
        r.pass = rawPass != negate;
        r.score = std::clamp(s, 0.0, 1.0);
        r.reason = reason.isEmpty() ? (r.pass ? tr("the JavaScript passed") : tr("the JavaScript failed")) : reason;
        return r;
    }
    r.reason = tr("the JavaScript must return a boolean, a number or {pass, score, reason}; it returned %1")
                   .arg(value.isUndefined() ? u"undefined"_s : toText(value).left(200));
    return r;
}

} // namespace tierlens
