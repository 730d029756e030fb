#include "PromptfooImporter.h"

#include "checks/JavaScriptSandbox.h"

#include "JsonlImporter.h"
#include "NunjucksRenderer.h"
#include "PromptfooAssertions.h"

#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

QString joinField(const QString& base, const QString& key)
{
    return base.isEmpty() ? key : base + u'.' + key;
}

// promptfoo runs one test per combination when vars hold lists.
QVector<QJsonObject> expandVars(const QJsonObject& vars)
{
    QVector<QJsonObject> out { QJsonObject() };
    for (auto it = vars.begin(); it != vars.end(); ++it) {
        const QJsonArray values = it.value().isArray() ? it.value().toArray() : QJsonArray { it.value() };
        QVector<QJsonObject> next;
        for (const QJsonObject& partial : out) {
            for (const QJsonValue& v : values) {
                QJsonObject o = partial;
                o.insert(it.key(), v);
                next.append(o);
            }
        }
        out = next;
    }
    return out;
}

} // namespace

QString PromptfooImporter::slug(const QString& text)
{
    QString out;
    for (const QChar c : text.toLower()) {
        if (c.isLetterOrNumber())
            out += c;
        else if (!out.isEmpty() && !out.endsWith(u'-'))
            out += u'-';
    }
    while (out.endsWith(u'-'))
        out.chop(1);
    return out.left(60);
}

std::optional<PromptSet> PromptfooImporter::load(const QString& configPath, ImportReport* report, ImportError* error)
{
    ImportReport localReport;
    if (!report)
        report = &localReport;
    *report = ImportReport();
    PromptfooSources sources(configPath, report);
    const QString configName = sources.configName();
    const std::optional<YamlJson::Document> config = sources.readConfig(error);
    if (!config)
        return std::nullopt;
    const QJsonObject root = config->root.toObject();
    const std::optional<QVector<PromptfooSources::Template>> templates = sources.readPrompts(*config, error);
    if (!templates)
        return std::nullopt;

    QJsonValue defaultTest = root.value(u"defaultTest"_s);
    if (defaultTest.isString()) {
        const std::optional<QJsonValue> loaded = sources.readValue(
            defaultTest.toString(), configName, config->lineOf(u"defaultTest"_s), u"defaultTest"_s, error);
        if (!loaded)
            return std::nullopt;
        defaultTest = *loaded;
    }
    if (!defaultTest.isUndefined() && !defaultTest.isNull() && !defaultTest.isObject()) {
        if (error) {
            *error = ImportError { configName, config->lineOf(u"defaultTest"_s), u"defaultTest"_s,
                                   tr("expected a test object (vars, assert, ...)") };
        }
        return std::nullopt;
    }
    std::optional<QVector<PromptfooSources::Test>> tests = sources.readTests(*config, error);
    if (!tests)
        return std::nullopt;
    if (tests->isEmpty()) // promptfoo then runs every prompt once, with defaultTest alone
        tests->append(PromptfooSources::Test { QJsonObject(), configName, config->lineOf(u"prompts"_s), {} });
    for (const QString& key : { u"scenarios"_s, u"nunjucksFilters"_s }) {
        if (root.contains(key))
            report->warnings.append(tr("%1: \"%2\" is not imported").arg(configName, key));
    }

    // defaultTest's assertions point at the config; they come first, as promptfoo runs them first.
    PromptfooSources::Test defaults { defaultTest.toObject(), configName, config->lineOf(u"defaultTest"_s),
                                      u"defaultTest"_s };
    const std::optional<QVector<Case>> all = cases(*tests, defaults.object, report, error);
    if (!all)
        return std::nullopt;
    QHash<QString, int> nameCount;
    for (const Case& c : *all)
        ++nameCount[c.name];

    PromptSet set;
    QHash<QString, int> taken;
    for (qsizetype p = 0; p < templates->size(); ++p) {
        for (const Case& c : *all) {
            std::optional<Prompt> prompt = buildPrompt(templates->at(p), c, defaults, &sources, p == 0, report, error);
            if (!prompt)
                return std::nullopt;
            const bool named = !c.name.isEmpty() && nameCount.value(c.name) == 1;
            QString id = named ? c.name : QString::number(c.index);
            if (templates->size() > 1 || !named)
                id = QString::number(p + 1) + u'-' + id;
            // A slug may collide with another test's "<p>-<t>" form: keep ids unique all the same.
            const int seen = taken[id]++;
            if (seen > 0)
                id += u'~' + QString::number(seen + 1);
            prompt->id = id;
            set.prompts.append(std::move(*prompt));
        }
    }
    report->tests = int(all->size());
    report->prompts = int(templates->size());
    const QFileInfo info(configPath);
    const QString description = root.value(u"description"_s).toString().trimmed();
    set.name = description.isEmpty() ? info.absoluteDir().dirName() : description;
    set.sourcePath = info.absoluteFilePath();
    set.sourceSha256 = sources.digest();
    return set;
}

std::optional<QVector<PromptfooImporter::Case>> PromptfooImporter::cases(const QVector<PromptfooSources::Test>& tests,
                                                                         const QJsonObject& defaultTest,
                                                                         ImportReport* report, ImportError* error)
{
    QVector<Case> out;
    for (const PromptfooSources::Test& test : tests) {
        auto fail = [&](const QString& key, const QString& message) {
            if (error)
                *error = ImportError { test.file, test.line, joinField(test.field, key), message };
            return std::nullopt;
        };
        const QJsonObject& own = test.object;
        for (const QString& key : { u"vars"_s, u"metadata"_s, u"options"_s }) {
            if (own.contains(key) && !own.value(key).isObject() && !own.value(key).isNull())
                return fail(key, tr("expected a mapping"));
        }
        if (own.contains(u"assert"_s) && !own.value(u"assert"_s).isArray() && !own.value(u"assert"_s).isNull())
            return fail(u"assert"_s, tr("expected a list of assertions"));

        QJsonObject merged = defaultTest;
        for (auto it = own.begin(); it != own.end(); ++it)
            merged.insert(it.key(), it.value());
        for (const QString& key : { u"vars"_s, u"metadata"_s, u"options"_s }) {
            QJsonObject o = defaultTest.value(key).toObject();
            const QJsonObject mine = own.value(key).toObject();
            for (auto it = mine.begin(); it != mine.end(); ++it)
                o.insert(it.key(), it.value());
            merged.insert(key, o);
        }
        QJsonArray asserts = defaultTest.value(u"assert"_s).toArray();
        for (const QJsonValue& a : own.value(u"assert"_s).toArray())
            asserts.append(a);
        merged.insert(u"assert"_s, asserts);
        merged.insert(u"defaultAsserts"_s, int(defaultTest.value(u"assert"_s).toArray().size()));

        QString name;
        const QJsonValue id = own.value(u"id"_s);
        if (id.isString() || id.isDouble())
            name = slug(NunjucksRenderer::toText(id));
        else if (own.value(u"description"_s).isString())
            name = slug(own.value(u"description"_s).toString());

        const QVector<QJsonObject> expansions = expandVars(merged.value(u"vars"_s).toObject());
        for (qsizetype k = 0; k < expansions.size(); ++k) {
            Case c;
            c.test = test;
            c.test.object = merged;
            c.test.object.insert(u"vars"_s, expansions.at(k));
            c.index = int(out.size()) + 1;
            c.name = name.isEmpty() || expansions.size() == 1 ? name : name + u'-' + QString::number(k + 1);
            out.append(c);
        }
    }
    return out;
}

std::optional<Prompt> PromptfooImporter::buildPrompt(const PromptfooSources::Template& tmpl, const Case& c,
                                                     const PromptfooSources::Test& defaults, PromptfooSources* sources,
                                                     bool countUnmapped, ImportReport* report, ImportError* error)
{
    const PromptfooSources::Test& test = c.test;
    auto fail = [&](const QString& key, const QString& message) {
        if (error)
            *error = ImportError { test.file, test.line, key.isEmpty() ? test.field : joinField(test.field, key),
                                   message };
        return std::nullopt;
    };
    const QString testName = tr("test %1").arg(c.index);
    QJsonObject vars = test.object.value(u"vars"_s).toObject();
    for (auto it = vars.begin(); it != vars.end(); ++it) {
        // promptfoo reads a var given as a file:// path from that file.
        if (it.value().isString() && it.value().toString().startsWith(u"file://"_s)) {
            const std::optional<QJsonValue> loaded = sources->readValue(
                it.value().toString(), test.file, test.line, joinField(test.field, u"vars."_s + it.key()), error);
            if (!loaded)
                return std::nullopt;
            it.value() = *loaded;
        }
    }

    // promptfoo renders templates inside var values too, against the other vars (one pass).
    const QJsonObject rawVars = vars;
    for (auto it = vars.begin(); it != vars.end(); ++it) {
        if (!it.value().isString() || !NunjucksRenderer::hasMarkup(it.value().toString()))
            continue;
        QString problem;
        int problemLine = 0;
        const std::optional<QString> text
            = NunjucksRenderer::render(it.value().toString(), rawVars, nullptr, &problem, &problemLine);
        if (!text)
            return fail(u"vars."_s + it.key(), tr("%1 refused: its value uses %2").arg(testName, problem));
        it.value() = *text;
    }

    QStringList missing;
    auto render = [&](const QString& text, int lineOffset) -> std::optional<QString> {
        QString problem;
        int problemLine = 0;
        std::optional<QString> out = NunjucksRenderer::render(text, vars, &missing, &problem, &problemLine);
        if (!out) {
            fail({},
                 tr("%1 refused: prompt \"%2\" (%3, line %4) uses %5")
                     .arg(testName, tmpl.label, tmpl.file)
                     .arg(tmpl.line + lineOffset + problemLine - 1)
                     .arg(problem));
        }
        return out;
    };
    const QJsonObject options = test.object.value(u"options"_s).toObject();
    Prompt prompt;
    QJsonArray messages;
    if (!tmpl.chat) {
        std::optional<QString> text = render(tmpl.text, 0);
        if (!text)
            return std::nullopt;
        *text = options.value(u"prefix"_s).toString() + *text + options.value(u"suffix"_s).toString();
        messages.append(QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, *text } });
    } else {
        static const QStringList roles { u"system"_s, u"user"_s, u"assistant"_s, u"tool"_s };
        for (qsizetype i = 0; i < tmpl.messages.size(); ++i) {
            QJsonObject m = tmpl.messages.at(i).toObject();
            const QString role = m.value(u"role"_s).toString();
            if (!roles.contains(role) || !m.value(u"content"_s).isString()) {
                if (error) {
                    *error = ImportError { tmpl.file, tmpl.line, u"[%1]"_s.arg(i),
                                           tr("expected {role, content} with role system, user, assistant or "
                                              "tool and text content") };
                }
                return std::nullopt;
            }
            const std::optional<QString> content = render(m.value(u"content"_s).toString(), 0);
            if (!content)
                return std::nullopt;
            if (i == 0 && role == u"system") {
                prompt.system = *content;
                continue;
            }
            m.insert(u"content"_s, *content);
            messages.append(m);
        }
        if (messages.isEmpty()) {
            if (error) {
                *error = ImportError {
                    tmpl.file, tmpl.line, {}, tr("needs at least one message besides the system prompt")
                };
            }
            return std::nullopt;
        }
    }
    if (messages.size() == 1 && messages.first().toObject().value(u"content"_s).toString().trimmed().isEmpty())
        return fail({}, tr("%1 renders prompt \"%2\" empty").arg(testName, tmpl.label));
    prompt.messages = messages;
    for (const QString& name : std::as_const(missing)) {
        report->warnings.append(tr("%1:%2: %3 does not define \"%4\" used by prompt \"%5\"; it renders empty")
                                    .arg(test.file)
                                    .arg(test.line)
                                    .arg(testName, name, tmpl.label));
    }

    const std::optional<QJsonArray> asserts = assertions(c, defaults, vars, sources, countUnmapped, report, error);
    if (!asserts)
        return std::nullopt;
    for (const QJsonValue& a : *asserts) {
        if (a.toObject().value(u"type"_s).toString() == u"equals") {
            prompt.expected = a.toObject().value(u"value"_s).toString();
            break;
        }
    }

    const QJsonObject testMetadata = test.object.value(u"metadata"_s).toObject();
    const QString description = test.object.value(u"description"_s).toString();
    prompt.category = testMetadata.value(u"category"_s).toString().trimmed();
    if (prompt.category.isEmpty())
        prompt.category = NunjucksRenderer::toText(vars.value(u"category"_s)).trimmed();
    if (prompt.category.isEmpty() && description.indexOf(u':') > 0)
        prompt.category = description.left(description.indexOf(u':')).trimmed().left(40);
    if (prompt.category.isEmpty())
        prompt.category = u"general"_s;

    static const QStringList own { u"assert"_s, u"vars"_s,      u"description"_s, u"promptLabel"_s,
                                   u"source"_s, u"threshold"_s, u"transform"_s };
    for (auto it = testMetadata.begin(); it != testMetadata.end(); ++it) {
        if (it.key() != u"category" && !own.contains(it.key()) && !JsonlImporter::knownKeys().contains(it.key()))
            prompt.metadata.insert(it.key(), it.value());
    }
    prompt.metadata.insert(u"assert"_s, *asserts);
    prompt.metadata.insert(u"vars"_s, vars);
    if (options.contains(u"transform"_s)) {
        // promptfoo's options.transform: JavaScript the answer goes through before every assertion.
        QJsonValue transform = options.value(u"transform"_s);
        // defaultTest's transform (merged into every test) is defaultTest's to fix.
        const bool fromDefaults = defaults.object.value(u"options"_s).toObject().value(u"transform"_s) == transform;
        const PromptfooSources::Test& where = fromDefaults ? defaults : test;
        const QString at = joinField(where.field, u"options.transform"_s);
        if (transform.isString() && transform.toString().startsWith(u"file://"_s)) {
            const std::optional<QJsonObject> script
                = sources->readScript(transform.toString(), where.file, where.line, at, error);
            if (!script)
                return std::nullopt;
            transform = *script;
        }
        QString problem = JavaScriptSandbox::shapeError(transform);
        QString scriptAt;
        if (problem.isEmpty())
            problem = sources->scripts().compileScripts({}, transform, &scriptAt);
        if (!problem.isEmpty()) {
            if (error)
                *error = ImportError { where.file, where.line, at, problem };
            return std::nullopt;
        }
        prompt.metadata.insert(u"transform"_s, transform);
    }
    if (!description.isEmpty())
        prompt.metadata.insert(u"description"_s, description);
    if (test.object.contains(u"threshold"_s))
        prompt.metadata.insert(u"threshold"_s, test.object.value(u"threshold"_s));
    prompt.metadata.insert(u"promptLabel"_s, tmpl.label);
    prompt.metadata.insert(u"source"_s, test.line > 0 ? test.file + u':' + QString::number(test.line) : test.file);
    return prompt;
}

std::optional<QJsonArray> PromptfooImporter::assertions(const Case& c, const PromptfooSources::Test& defaults,
                                                        const QJsonObject& vars, PromptfooSources* sources,
                                                        bool countUnmapped, ImportReport* report, ImportError* error)
{
    const PromptfooSources::Test& test = c.test;
    const QJsonArray list = test.object.value(u"assert"_s).toArray();
    const int fromDefaults = test.object.value(u"defaultAsserts"_s).toInt();
    QJsonArray out;
    for (qsizetype j = 0; j < list.size(); ++j) {
        const PromptfooSources::Test& where = j < fromDefaults ? defaults : test;
        const QString at = joinField(where.field, u"assert[%1]"_s.arg(j < fromDefaults ? j : j - fromDefaults));
        auto fail = [&](const QString& key, const QString& message) {
            if (error)
                *error = ImportError { where.file, where.line, key.isEmpty() ? at : at + u'.' + key, message };
            return std::nullopt;
        };
        if (!list.at(j).isObject())
            return fail({}, tr("expected an assertion object with a \"type\""));
        const QJsonObject raw = list.at(j).toObject();
        const PromptfooAssertions::Mapped mapped = PromptfooAssertions::map(raw);
        if (!mapped.errorMessage.isEmpty())
            return fail(mapped.errorField, mapped.errorMessage);
        if (!mapped.unmapped.isEmpty()) {
            if (countUnmapped)
                ++report->unmappedAssertions[mapped.unmapped];
            continue;
        }
        QJsonObject a = mapped.assertion;
        const QString type = a.value(u"type"_s).toString();
        QJsonValue value = a.value(u"value"_s);
        if (const QJsonValue t = a.value(u"transform"_s); t.isString() && t.toString().startsWith(u"file://"_s)) {
            const std::optional<QJsonObject> script
                = sources->readScript(t.toString(), where.file, where.line, at + u".transform"_s, error);
            if (!script)
                return std::nullopt;
            a.insert(u"transform"_s, *script);
        }
        if (type.endsWith(u"javascript"_s) && value.isString() && value.toString().startsWith(u"file://"_s)) {
            const std::optional<QJsonObject> script
                = sources->readScript(value.toString(), where.file, where.line, at + u".value"_s, error);
            if (!script)
                return std::nullopt;
            value = *script;
        } else if (value.isString() && value.toString().startsWith(u"file://"_s)) {
            const std::optional<QJsonValue> loaded
                = sources->readValue(value.toString(), where.file, where.line, at + u".value"_s, error);
            if (!loaded)
                return std::nullopt;
            value = *loaded;
        }
        // Assertion values are templates too ("{{expected}}"), filled from the same vars as the prompt.
        auto fill = [&](const QJsonValue& v) -> std::optional<QJsonValue> {
            if (!v.isString() || !NunjucksRenderer::hasMarkup(v.toString()))
                return v;
            QString problem;
            int line = 0;
            const std::optional<QString> text = NunjucksRenderer::render(v.toString(), vars, nullptr, &problem, &line);
            if (!text) {
                fail(u"value"_s, tr("test %1 refused: %2").arg(c.index).arg(problem));
                return std::nullopt;
            }
            return QJsonValue(*text);
        };
        if (value.isArray()) {
            QJsonArray filled;
            for (const QJsonValue& v : value.toArray()) {
                const std::optional<QJsonValue> f = fill(v);
                if (!f)
                    return std::nullopt;
                filled.append(*f);
            }
            value = filled;
        } else if (!type.endsWith(u"json-schema")) {
            const std::optional<QJsonValue> f = fill(value);
            if (!f)
                return std::nullopt;
            value = *f;
        }
        if (!value.isUndefined())
            a.insert(u"value"_s, value);
        QString field;
        QString message;
        if (!PromptfooAssertions::validate(a, &field, &message))
            return fail(field, message);
        QString scriptAt;
        const std::optional<QVector<Assertion>> parsed = Assertion::parseList(QJsonArray { a }, &scriptAt, &message);
        if (parsed) {
            message = sources->scripts().compileScripts(*parsed, {}, &scriptAt);
            if (!message.isEmpty())
                return fail(scriptAt.mid(scriptAt.indexOf(u'.') + 1), message);
        }
        out.append(a);
    }
    return out;
}

} // namespace tierlens
