#pragma once
// promptfoo's JavaScript, run in a sandbox: `javascript` assertions and output transforms. A QJSEngine with no
// extensions installed has the ECMAScript built-ins only (no require, no file, network, process, timers or console),
// and every call is cut off after a time limit by a watchdog thread (QJSEngine::setInterrupted). Functions are
// compiled once per code and cached. Not thread-safe: one sandbox per thread, used from the thread that made it.

#include "checks/CheckSubject.h"

#include <QCoreApplication>
#include <QHash>
#include <QJSValue>
#include <QJsonObject>

#include <chrono>
#include <memory>
#include <optional>

class QJSEngine;

namespace tierlens {

class JavaScriptSandbox
{
    Q_DECLARE_TR_FUNCTIONS(JavaScriptSandbox)
public:
    // How promptfoo turns inline code into a function body. An assertion of one line is an expression (or
    // declarations ending in one: "const s = JSON.parse(output).score; s > 0.5"); a transform of one line is an
    // expression; code of several lines is the body itself and returns what it means.
    enum class Kind { Assertion, Transform };

    static constexpr std::chrono::milliseconds kDefaultTimeLimit { 2000 };

    explicit JavaScriptSandbox(std::chrono::milliseconds timeLimit = kDefaultTimeLimit);
    ~JavaScriptSandbox();
    JavaScriptSandbox(const JavaScriptSandbox&) = delete;
    JavaScriptSandbox& operator=(const JavaScriptSandbox&) = delete;

    // A script as a prompt set holds it: inline code (a string), or a CommonJS module read from a file at import,
    // {"file": "check.js", "source": "module.exports = (output, context) => ...", "function": "name"}. Empty
    // when `script` is neither; else nothing.
    static QString shapeError(const QJsonValue& script);

    // Empty when the script compiles; else what the engine says is wrong, with its line.
    QString compileError(const QJsonValue& script, Kind kind);

    struct Outcome
    {
        QJSValue value;
        QString error; // set when the code threw, did not compile, or ran out of time
    };
    // Calls the script as promptfoo does: fn(output, context).
    Outcome call(const QJsonValue& script, Kind kind, const QJSValue& output, const QJSValue& context);

    QJSValue text(const QString& s) const;
    // The answer as promptfoo hands it to scripts: its text, or when it only calls tools, the calls as an array of
    // OpenAI tool_calls.
    QJSValue output(const CheckSubject& subject);
    // {prompt, vars} as promptfoo's context carries them.
    QJSValue context(const QString& prompt, const QJsonObject& vars);
    // A deep copy of an object or array (through JSON); anything else as it is. Nothing, with error, when the value
    // cannot be written as JSON or its toJSON runs out of time.
    std::optional<QJSValue> copy(const QJSValue& value, QString* error);
    // A value as the other assertions see it: a string as it is, anything else as JSON.stringify writes it.
    std::optional<QString> toText(const QJSValue& value, QString* error);

    // promptfoo's reading of what a `javascript` assertion returned: a boolean passes when true; a number is the
    // score and passes above 0, or at `threshold` and above when given; an object gives {pass, score, reason}.
    // `negate` is the not- prefix. Anything else fails, saying what it was.
    AssertionResult assertionResult(const QJSValue& value, std::optional<double> threshold, bool negate);

private:
    struct Compiled
    {
        QJSValue function;
        QString error; // why there is no function
    };
    class Armed;
    std::optional<QJSValue> function(const QJsonValue& script, Kind kind, QString* error);
    Compiled compile(const QJsonValue& script, Kind kind);
    QJSValue fromJson(const QJsonValue& value);
    QJSValue stringList(const QStringList& items);
    // What a script threw, for a reason: an Error with the line in the user's code, anything else as JSON.
    QString thrownText(const QJSValue& thrown, bool compiling);

    struct Watchdog;
    std::unique_ptr<QJSEngine> m_engine;
    std::unique_ptr<Watchdog> m_watchdog;
    std::chrono::milliseconds m_timeLimit;
    QString m_unavailable; // why no script can run here (the watchdog thread did not start)
    QHash<QString, Compiled> m_functions; // kind + code -> compiled function, or why not
    QJSValue m_compile; // (params, body) -> {ok, v: function} | {ok: false, e: thrown}
    QJSValue m_run; // (f, args) -> {ok, v} | {ok: false, e}, whatever f throws
    QJSValue m_stringify;
    QJSValue m_parse;
    int m_lineOffset = 0; // the engine's line of a function body's first line, minus one, when it runs
    int m_syntaxLineOffset = 0; // ... and when it does not compile
};

} // namespace tierlens
