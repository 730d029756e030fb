#include "JavaScriptSandbox.h"

#include <QJSEngine>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <system_error>
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

} // namespace

// Arms the watchdog for as long as it lives; every entry into the engine that can run a script's code (compiling,
// calling, and reading what it returned: getters, toJSON, toString) goes through one.
class JavaScriptSandbox::Armed
{
public:
    explicit Armed(JavaScriptSandbox& sandbox)
        : m_sandbox(sandbox)
    {
        if (m_sandbox.m_watchdog)
            m_sandbox.m_watchdog->arm(m_sandbox.m_timeLimit);
    }
    ~Armed() { finish(); }
    // True when the watchdog stopped the engine; the engine runs again afterwards.
    bool finish()
    {
        if (!m_done) {
            m_done = true;
            if (m_sandbox.m_watchdog)
                m_sandbox.m_watchdog->disarm();
            m_interrupted = m_sandbox.m_engine->isInterrupted();
            m_sandbox.m_engine->setInterrupted(false);
        }
        return m_interrupted;
    }

private:
    JavaScriptSandbox& m_sandbox;
    bool m_done = false;
    bool m_interrupted = false;
};

JavaScriptSandbox::JavaScriptSandbox(std::chrono::milliseconds timeLimit)
    : m_engine(std::make_unique<QJSEngine>())
    , m_timeLimit(timeLimit)
{
    try {
        m_watchdog = std::make_unique<Watchdog>(m_engine.get());
    } catch (const std::system_error& e) {
        // Without a watchdog no script can be stopped: none runs.
        m_unavailable = tr("JavaScript is unavailable: the time-limit thread could not start (%1)")
                            .arg(QString::fromLocal8Bit(e.what()));
        return;
    }
    // No installExtensions(): no console, no timers, no translation functions; QJSEngine has no XMLHttpRequest,
    // file or process access of its own (those come with QQmlEngine). The helpers catch whatever a script throws
    // (promptfoo fails a check that throws anything, not only an Error) and are taken before the built-ins and the
    // global object are frozen, so that no script changes what the next one runs with (Array.prototype.includes =
    // () => true, or a global left behind). Error prototypes stay writable: error classes name their instances.
    const QJSValue helpers = m_engine->evaluate(uR"js((function () {
  const F = Function;
  const compile = function (params, body) {
    try { return { ok: true, v: F.apply(null, params.concat([body])) }; } catch (e) { return { ok: false, e: e }; }
  };
  const run = function (f, args) {
    try { return { ok: true, v: f.apply(undefined, args) }; } catch (e) { return { ok: false, e: e }; }
  };
  const g = F('return this')();
  for (const name of Object.getOwnPropertyNames(g)) {
    const v = g[name];
    if (v !== null && (typeof v === 'object' || typeof v === 'function')) {
      if (typeof v === 'function' && v.prototype && !/Error$/.test(name)) Object.freeze(v.prototype);
      Object.freeze(v);
    }
  }
  const hidden = [
    () => Object.getPrototypeOf([][Symbol.iterator]()),
    () => Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())),
    () => Object.getPrototypeOf(''[Symbol.iterator]()),
    () => Object.getPrototypeOf(new Map()[Symbol.iterator]()),
    () => Object.getPrototypeOf(new Set()[Symbol.iterator]()),
    () => Object.getPrototypeOf(function* () {}),
    () => Object.getPrototypeOf(function* () {}).prototype,
  ];
  for (const h of hidden) {
    try { Object.freeze(h()); } catch (e) { }
  }
  Object.freeze(g);
  return { compile: compile, run: run, stringify: JSON.stringify, parse: JSON.parse };
})())js"_s);
    m_compile = helpers.property(u"compile"_s);
    m_run = helpers.property(u"run"_s);
    m_stringify = helpers.property(u"stringify"_s);
    m_parse = helpers.property(u"parse"_s);
    // Where the engine counts a function body's lines from: the body's first line is line 1 of the user's code.
    const QJSValue probe
        = m_compile.call({ stringList({ u"output"_s, u"context"_s }), QJSValue(u"\nthrow new Error('x')"_s) });
    const QJSValue thrown = m_run.call({ probe.property(u"v"_s), m_engine->newArray() });
    const QJSValue line = thrown.property(u"e"_s).property(u"lineNumber"_s);
    m_lineOffset = line.isNumber() ? line.toInt() - 2 : 0;
    const QJSValue syntax = m_compile.call({ stringList({ u"output"_s, u"context"_s }), QJSValue(u"\n)"_s) });
    const QJSValue syntaxLine = syntax.property(u"e"_s).property(u"lineNumber"_s);
    m_syntaxLineOffset = syntaxLine.isNumber() ? syntaxLine.toInt() - 2 : 0;
}

JavaScriptSandbox::~JavaScriptSandbox()
{
    m_watchdog.reset();
    m_functions.clear();
    m_compile = m_run = m_stringify = m_parse = QJSValue();
}

QJSValue JavaScriptSandbox::stringList(const QStringList& items)
{
    QJSValue array = m_engine->newArray(uint(items.size()));
    for (qsizetype i = 0; i < items.size(); ++i)
        array.setProperty(quint32(i), items.at(i));
    return array;
}

QString JavaScriptSandbox::thrownText(const QJSValue& thrown, bool compiling)
{
    if (thrown.isError()) {
        const QJSValue line = thrown.property(u"lineNumber"_s);
        const int n = line.isNumber() ? line.toInt() - (compiling ? m_syntaxLineOffset : m_lineOffset) : 0;
        return n > 0 ? tr("%1 (line %2)").arg(thrown.toString()).arg(n) : thrown.toString();
    }
    // promptfoo fails a check that throws anything: a string, false, an object.
    return tr("threw %1").arg(thrown.isString() ? thrown.toString() : m_stringify.call({ thrown }).toString());
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
    if (!m_unavailable.isEmpty()) {
        *error = m_unavailable;
        return std::nullopt;
    }
    const QString key = (kind == Kind::Assertion ? u"a:"_s : u"t:"_s)
        + (script.isString() ? u"s:"_s + script.toString()
                             : QString::fromUtf8(QJsonDocument(script.toObject()).toJson(QJsonDocument::Compact)));
    auto cached = m_functions.constFind(key);
    if (cached == m_functions.constEnd())
        cached = m_functions.insert(key, compile(script, kind));
    if (!cached->error.isEmpty()) {
        *error = cached->error;
        return std::nullopt;
    }
    return cached->function;
}

JavaScriptSandbox::Compiled JavaScriptSandbox::compile(const QJsonValue& script, Kind kind)
{
    Compiled out;
    if (const QString shape = shapeError(script); !shape.isEmpty()) {
        out.error = shape;
        return out;
    }
    // Through the Function constructor, so that the code is a function body and nothing it says can step out of it.
    Armed armed(*this);
    if (script.isString()) {
        const QJSValue r = m_compile.call(
            { stringList({ u"output"_s, u"context"_s }), QJSValue(functionBody(script.toString(), kind)) });
        if (armed.finish())
            out.error = tr("compiling took longer than %1 ms").arg(m_timeLimit.count());
        else if (!r.property(u"ok"_s).toBool())
            out.error = thrownText(r.property(u"e"_s), true);
        else
            out.function = r.property(u"v"_s);
        return out;
    }
    // A CommonJS module, run once: module.exports (or its `function`, or its default export). Like a module Node
    // loads once, it keeps its own top-level state from one answer to the next.
    const QJsonObject o = script.toObject();
    const QString file = o.value(u"file"_s).toString();
    const QJSValue factory
        = m_compile.call({ stringList({ u"module"_s, u"exports"_s }), QJSValue(o.value(u"source"_s).toString()) });
    QJSValue exports;
    QJSValue loaded;
    if (factory.property(u"ok"_s).toBool()) {
        QJSValue module = m_engine->newObject();
        module.setProperty(u"exports"_s, m_engine->newObject());
        QJSValue args = m_engine->newArray(2);
        args.setProperty(0, module);
        args.setProperty(1, module.property(u"exports"_s));
        loaded = m_run.call({ factory.property(u"v"_s), args });
        exports = module.property(u"exports"_s);
    }
    const QString name = o.value(u"function"_s).toString();
    QJSValue picked;
    if (!name.isEmpty())
        picked = exports.property(name);
    else if (exports.isCallable())
        picked = exports;
    else
        picked = exports.property(u"default"_s);
    if (armed.finish())
        out.error = tr("loading %1 took longer than %2 ms").arg(file).arg(m_timeLimit.count());
    else if (!factory.property(u"ok"_s).toBool())
        out.error = tr("%1: %2").arg(file, thrownText(factory.property(u"e"_s), true));
    else if (!loaded.property(u"ok"_s).toBool())
        out.error = tr("%1: %2").arg(file, thrownText(loaded.property(u"e"_s), false));
    else if (!picked.isCallable() && !name.isEmpty())
        out.error = tr("%1 exports no function \"%2\"").arg(file, name);
    else if (!picked.isCallable())
        out.error = tr("%1 must export a function (module.exports = (output, context) => ...)").arg(file);
    else
        out.function = picked;
    return out;
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
    QJSValue args = m_engine->newArray(2);
    args.setProperty(0, output);
    args.setProperty(1, context);
    Armed armed(*this);
    const QJSValue result = m_run.call({ *fn, args });
    const bool ok = result.property(u"ok"_s).toBool();
    const QString thrown = ok ? QString() : thrownText(result.property(u"e"_s), false);
    if (armed.finish())
        outcome.error = tr("stopped after %1 ms (the time limit of a script)").arg(m_timeLimit.count());
    else if (!ok)
        outcome.error = thrown;
    else
        outcome.value = result.property(u"v"_s);
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

std::optional<QJSValue> JavaScriptSandbox::copy(const QJSValue& value, QString* error)
{
    if (!value.isObject() || value.isCallable())
        return value;
    Armed armed(*this); // toJSON and getters are the script's code
    const QJSValue text = m_stringify.call({ value });
    const QJSValue copied = text.isString() ? m_parse.call({ text }) : QJSValue();
    if (armed.finish()) {
        *error = tr("stopped after %1 ms (the time limit of a script)").arg(m_timeLimit.count());
        return std::nullopt;
    }
    if (!text.isString()) {
        *error = tr("the value cannot be written as JSON: %1").arg(text.isError() ? text.toString() : value.toString());
        return std::nullopt;
    }
    return copied;
}

std::optional<QString> JavaScriptSandbox::toText(const QJSValue& value, QString* error)
{
    if (value.isString())
        return value.toString();
    if (value.isUndefined())
        return QString();
    Armed armed(*this);
    const QJSValue s = m_stringify.call({ value });
    const QString text = s.isString() ? s.toString() : value.toString();
    if (armed.finish()) {
        *error = tr("stopped after %1 ms (the time limit of a script)").arg(m_timeLimit.count());
        return std::nullopt;
    }
    return text;
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
    // Reading an object runs its getters: under the time limit too.
    Armed armed(*this);
    const bool graded = value.isObject() && !value.isArray() && !value.isCallable() && value.hasProperty(u"pass"_s);
    const QJSValue pass = graded ? value.property(u"pass"_s) : QJSValue();
    const QJSValue score = graded ? value.property(u"score"_s) : QJSValue();
    const QJSValue reasonValue = graded ? value.property(u"reason"_s) : QJSValue();
    QString reason = reasonValue.isUndefined() || reasonValue.isNull() ? QString() : reasonValue.toString();
    const QString shown = value.isUndefined() ? u"undefined"_s : m_stringify.call({ value }).toString().left(200);
    if (armed.finish()) {
        r.reason = tr("stopped after %1 ms (the time limit of a script)").arg(m_timeLimit.count());
        return r;
    }
    if (!graded) {
        r.reason = tr("the JavaScript must return a boolean, a number or {pass, score, reason}; it returned %1")
                       .arg(shown.isEmpty() ? value.toString() : shown);
        return r;
    }
    if (!pass.isBool() || (!score.isUndefined() && !(score.isNumber() && std::isfinite(score.toNumber())))) {
        r.reason = tr("the JavaScript returned an object whose pass is not a boolean or whose score is not a "
                      "finite number: %1")
                       .arg(shown);
        return r;
    }
    bool rawPass = pass.toBool();
    const double s = score.isUndefined() ? (rawPass ? 1.0 : 0.0) : score.toNumber();
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

} // namespace tierlens
