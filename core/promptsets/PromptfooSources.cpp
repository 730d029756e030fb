#include "PromptfooSources.h"

#include "util/GuardedFiles.h"

#include "CsvReader.h"
#include "PromptfooAssertions.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

QString stripBom(const QByteArray& bytes)
{
    return QString::fromUtf8(bytes.startsWith("\xEF\xBB\xBF") ? bytes.mid(3) : bytes);
}

bool isCodeFile(const QString& suffix)
{
    static const QStringList code { u"js"_s, u"cjs"_s, u"mjs"_s, u"ts"_s, u"py"_s };
    return code.contains(suffix);
}

} // namespace

PromptfooSources::PromptfooSources(const QString& configPath, ImportReport* report)
    : m_configPath(configPath)
    , m_configName(QFileInfo(configPath).fileName())
    , m_base(QFileInfo(configPath).absoluteDir())
    , m_report(report)
{ }

QString PromptfooSources::digest() const
{
    return QString::fromLatin1(m_hash.result().toHex());
}

std::optional<YamlJson::Document> PromptfooSources::readConfig(ImportError* error)
{
    const std::optional<QByteArray> bytes = read(m_configPath, m_configName, 0, {}, error);
    if (!bytes)
        return std::nullopt;
    std::optional<YamlJson::Document> doc = YamlJson::parse(*bytes, m_configName, error);
    if (doc && !doc->root.isObject()) {
        if (error)
            *error = ImportError { m_configName, doc->lineOf({}), {}, tr("expected a mapping of config keys") };
        return std::nullopt;
    }
    return doc;
}

std::optional<QStringList> PromptfooSources::resolve(const QString& url, const QString& whereFile, int whereLine,
                                                     const QString& field, ImportError* error) const
{
    QString path = url.startsWith(u"file://"_s) ? url.mid(7) : url;
    const QFileInfo info(QDir::isRelativePath(path) ? m_base.filePath(path) : path);
    if (!path.contains(u'*') && !path.contains(u'?')) {
        if (info.isFile())
            return QStringList { info.absoluteFilePath() };
        if (error) {
            *error = ImportError { whereFile, whereLine, field,
                                   tr("file \"%1\" not found (looked for %2)").arg(url, info.absoluteFilePath()) };
        }
        return std::nullopt;
    }
    // A wildcard in the file name only, as promptfoo configs use it ("tests/*.yaml").
    const QDir dir = info.absoluteDir();
    QStringList out;
    for (const QString& name : dir.entryList({ info.fileName() }, QDir::Files, QDir::Name))
        out.append(dir.absoluteFilePath(name));
    if (out.isEmpty() && error)
        *error = ImportError { whereFile, whereLine, field, tr("no file matches \"%1\"").arg(url) };
    return out.isEmpty() ? std::nullopt : std::optional<QStringList>(out);
}

std::optional<QByteArray> PromptfooSources::read(const QString& path, const QString& whereFile, int whereLine,
                                                 const QString& field, ImportError* error)
{
    if (const QString refusal = GuardedFiles::refusal(path); !refusal.isEmpty()) {
        if (error)
            *error = ImportError { whereFile, whereLine, field, refusal };
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) {
            *error = ImportError { whereFile, whereLine, field,
                                   tr("cannot open \"%1\": %2").arg(QFileInfo(path).fileName(), file.errorString()) };
        }
        return std::nullopt;
    }
    const QByteArray bytes = file.readAll();
    m_hash.addData(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256));
    return bytes;
}

std::optional<QJsonValue> PromptfooSources::readValue(const QString& url, const QString& whereFile, int whereLine,
                                                      const QString& field, ImportError* error)
{
    const std::optional<QStringList> paths = resolve(url, whereFile, whereLine, field, error);
    if (!paths)
        return std::nullopt;
    const QFileInfo info(paths->constFirst());
    const QString suffix = info.suffix().toLower();
    if (isCodeFile(suffix)) {
        if (error)
            *error
                = ImportError { whereFile, whereLine, field, tr("\"%1\" is code, which cannot be imported").arg(url) };
        return std::nullopt;
    }
    const std::optional<QByteArray> bytes = read(info.absoluteFilePath(), whereFile, whereLine, field, error);
    if (!bytes)
        return std::nullopt;
    if (suffix == u"json" || suffix == u"yaml" || suffix == u"yml") {
        std::optional<YamlJson::Document> doc = YamlJson::parse(*bytes, info.fileName(), error);
        if (!doc)
            return std::nullopt;
        return doc->root;
    }
    return QJsonValue(stripBom(*bytes));
}

std::optional<QJsonObject> PromptfooSources::readScript(const QString& url, const QString& whereFile, int whereLine,
                                                        const QString& field, ImportError* error)
{
    QString path = url;
    QString function;
    static const QRegularExpression named(u"^(.*\\.(?:js|cjs)):([A-Za-z_$][A-Za-z0-9_$]*)$"_s);
    if (const QRegularExpressionMatch m = named.match(url); m.hasMatch()) {
        path = m.captured(1);
        function = m.captured(2);
    }
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != u"js"_s && suffix != u"cjs"_s) {
        if (error) {
            *error = ImportError {
                whereFile, whereLine, field,
                tr("\"%1\": only JavaScript files (.js, .cjs) with module.exports can be run").arg(url)
            };
        }
        return std::nullopt;
    }
    const std::optional<QStringList> paths = resolve(path, whereFile, whereLine, field, error);
    if (!paths)
        return std::nullopt;
    const std::optional<QByteArray> bytes = read(paths->constFirst(), whereFile, whereLine, field, error);
    if (!bytes)
        return std::nullopt;
    QJsonObject script { { u"file"_s, QFileInfo(paths->constFirst()).fileName() }, { u"source"_s, stripBom(*bytes) } };
    if (!function.isEmpty())
        script.insert(u"function"_s, function);
    return script;
}

std::optional<QJsonArray> PromptfooSources::chatMessages(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (!trimmed.startsWith(u'['))
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(trimmed.toUtf8());
    if (!doc.isArray() || doc.array().isEmpty())
        return std::nullopt;
    for (const QJsonValue& m : doc.array()) {
        if (!m.isObject() || !m.toObject().value(u"role"_s).isString())
            return std::nullopt;
    }
    return doc.array();
}

std::optional<QVector<PromptfooSources::Template>> PromptfooSources::readPrompts(const YamlJson::Document& config,
                                                                                 ImportError* error)
{
    const QJsonObject root = config.root.toObject();
    auto fail = [&](const QString& field, const QString& message) {
        if (error)
            *error = ImportError { m_configName, config.lineOf(field), field, message };
        return std::nullopt;
    };
    QJsonValue prompts = root.value(u"prompts"_s);
    if (prompts.isUndefined() || prompts.isNull())
        return fail(u"prompts"_s, tr("missing: the config needs at least one prompt"));
    QVector<QPair<QString, QString>> entries; // (text or file:// url, label), with their config paths below
    QStringList fields;
    if (prompts.isString()) {
        entries.append({ prompts.toString(), {} });
        fields.append(u"prompts"_s);
    } else if (prompts.isObject()) {
        // The older map form: {"file://path": "label"}.
        const QJsonObject map = prompts.toObject();
        for (auto it = map.begin(); it != map.end(); ++it) {
            entries.append({ it.key(), it.value().toString() });
            fields.append(YamlJson::child(u"prompts"_s, it.key()));
        }
    } else if (prompts.isArray()) {
        const QJsonArray list = prompts.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString field = YamlJson::child(u"prompts"_s, i);
            const QJsonValue v = list.at(i);
            if (v.isString()) {
                entries.append({ v.toString(), {} });
            } else if (v.isObject()) {
                const QJsonObject o = v.toObject();
                const QString label = o.value(u"label"_s).toString();
                if (o.value(u"raw"_s).isString())
                    entries.append(
                        { o.value(u"raw"_s).toString(), label.isEmpty() ? o.value(u"id"_s).toString() : label });
                else if (o.value(u"id"_s).toString().startsWith(u"file://"_s))
                    entries.append({ o.value(u"id"_s).toString(), label });
                else
                    return fail(field, tr("expected \"raw\" (the prompt text) or \"id\" (a file:// path)"));
            } else {
                return fail(field, tr("expected a prompt text, a file:// path or an object with \"raw\""));
            }
            fields.append(field);
        }
    } else {
        return fail(u"prompts"_s, tr("expected a list of prompts"));
    }

    QVector<Template> out;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const auto& [text, label] = entries.at(i);
        const int line = config.lineOf(fields.at(i));
        if (text.startsWith(u"file://"_s)) {
            const std::optional<QStringList> paths = resolve(text, m_configName, line, fields.at(i), error);
            if (!paths)
                return std::nullopt;
            for (const QString& path : *paths) {
                const auto templates = promptFile(path, label, line, fields.at(i), error);
                if (!templates)
                    return std::nullopt;
                out += *templates;
            }
            continue;
        }
        if (text.trimmed().isEmpty())
            return fail(fields.at(i), tr("the prompt is empty"));
        Template t;
        t.label = label.isEmpty() ? text.simplified().left(60) : label;
        t.text = text;
        t.file = m_configName;
        t.line = line;
        if (const auto messages = chatMessages(text)) {
            t.chat = true;
            t.messages = *messages;
        }
        out.append(t);
    }
    return out;
}

std::optional<QVector<PromptfooSources::Template>> PromptfooSources::promptFile(const QString& path,
                                                                                const QString& label, int line,
                                                                                const QString& field,
                                                                                ImportError* error)
{
    const QFileInfo info(path);
    const QString suffix = info.suffix().toLower();
    if (isCodeFile(suffix)) {
        if (error) {
            *error = ImportError { m_configName, line, field,
                                   tr("prompt functions (\"%1\") cannot be imported: export their output as text "
                                      "or JSON messages")
                                       .arg(info.fileName()) };
        }
        return std::nullopt;
    }
    const std::optional<QByteArray> bytes = read(path, m_configName, line, field, error);
    if (!bytes)
        return std::nullopt;
    auto fail = [&](int at, const QString& message) {
        if (error)
            *error = ImportError { info.fileName(), at, {}, message };
        return std::nullopt;
    };
    const QString text = stripBom(*bytes);
    const QString baseLabel = label.isEmpty() ? info.fileName() : label;
    QVector<Template> out;
    auto add = [&](const QString& body, const QJsonArray& messages, bool chat, int at, int part) {
        Template t;
        t.label = part > 0 ? baseLabel + u'#' + QString::number(part) : baseLabel;
        t.text = body;
        t.messages = messages;
        t.chat = chat;
        t.file = info.fileName();
        t.line = at;
        out.append(t);
    };
    if (suffix == u"json" || suffix == u"yaml" || suffix == u"yml") {
        const std::optional<YamlJson::Document> doc = YamlJson::parse(*bytes, info.fileName(), error);
        if (!doc)
            return std::nullopt;
        const QJsonArray messages = doc->root.toArray();
        if (!doc->root.isArray() || messages.isEmpty())
            return fail(doc->lineOf({}), tr("expected a list of chat messages ({role, content})"));
        add(text, messages, true, 1, 0);
    } else if (suffix == u"jsonl") {
        const QStringList lines = text.split(u'\n');
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (lines.at(i).trimmed().isEmpty())
                continue;
            const auto messages = chatMessages(lines.at(i));
            if (!messages)
                return fail(int(i) + 1, tr("expected a JSON list of chat messages ({role, content}) on each line"));
            add(lines.at(i), *messages, true, int(i) + 1, int(out.size()) + 1);
        }
    } else {
        // promptfoo separates several prompts in one text file with a line of "---".
        static const QRegularExpression separator(u"^---[ \\t]*\\r?$"_s, QRegularExpression::MultilineOption);
        QVector<QPair<QString, int>> parts;
        qsizetype pos = 0;
        for (auto it = separator.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            parts.append({ text.mid(pos, m.capturedStart() - pos), int(text.left(pos).count(u'\n')) + 1 });
            pos = m.capturedEnd() + 1;
        }
        parts.append({ text.mid(pos), int(text.left(pos).count(u'\n')) + 1 });
        const bool several = parts.size() > 1;
        for (const auto& [body, at] : parts) {
            if (body.trimmed().isEmpty())
                continue;
            const auto messages = chatMessages(body);
            add(body.trimmed(), messages.value_or(QJsonArray()), messages.has_value(), at,
                several ? int(out.size()) + 1 : 0);
        }
    }
    if (out.isEmpty())
        return fail(0, tr("the prompt file is empty"));
    return out;
}

std::optional<QVector<PromptfooSources::Test>> PromptfooSources::readTests(const YamlJson::Document& config,
                                                                           ImportError* error)
{
    const QJsonValue tests = config.root.toObject().value(u"tests"_s);
    QVector<Test> out;
    if (tests.isUndefined() || tests.isNull())
        return out;
    auto fromFile = [&](const QString& url, const QString& field) {
        const int line = config.lineOf(field);
        const std::optional<QStringList> paths = resolve(url, m_configName, line, field, error);
        if (!paths)
            return false;
        for (const QString& path : *paths) {
            const auto loaded = testFile(path, line, field, error);
            if (!loaded)
                return false;
            out += *loaded;
        }
        return true;
    };
    if (tests.isString()) {
        if (!fromFile(tests.toString(), u"tests"_s))
            return std::nullopt;
        return out;
    }
    if (!tests.isArray()) {
        if (error) {
            *error = ImportError { m_configName, config.lineOf(u"tests"_s), u"tests"_s,
                                   tr("expected a list of tests or a file:// path") };
        }
        return std::nullopt;
    }
    const QJsonArray list = tests.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString field = YamlJson::child(u"tests"_s, i);
        if (list.at(i).isString()) {
            if (!fromFile(list.at(i).toString(), field))
                return std::nullopt;
        } else if (list.at(i).isObject()) {
            out.append(Test { list.at(i).toObject(), m_configName, config.lineOf(field), field });
        } else {
            if (error) {
                *error = ImportError { m_configName, config.lineOf(field), field,
                                       tr("expected a test object or a file:// path") };
            }
            return std::nullopt;
        }
    }
    return out;
}

std::optional<QVector<PromptfooSources::Test>> PromptfooSources::testFile(const QString& path, int line,
                                                                          const QString& field, ImportError* error)
{
    const QFileInfo info(path);
    const QString name = info.fileName();
    const QString suffix = info.suffix().toLower();
    if (suffix != u"yaml" && suffix != u"yml" && suffix != u"json" && suffix != u"jsonl" && suffix != u"csv") {
        if (error) {
            *error = ImportError {
                m_configName, line, field,
                tr("unsupported test file \"%1\" (expected .yaml, .yml, .json, .jsonl or .csv)").arg(name)
            };
        }
        return std::nullopt;
    }
    const std::optional<QByteArray> bytes = read(path, m_configName, line, field, error);
    if (!bytes)
        return std::nullopt;
    auto fail = [&](int at, const QString& f, const QString& message) {
        if (error)
            *error = ImportError { name, at, f, message };
        return std::nullopt;
    };
    QVector<Test> out;
    if (suffix == u"csv")
        return csvTests(stripBom(*bytes), name, error);
    if (suffix == u"jsonl") {
        const QList<QByteArray> lines = bytes->split('\n');
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (lines.at(i).trimmed().isEmpty())
                continue;
            QJsonParseError parseError;
            const QJsonDocument doc = QJsonDocument::fromJson(lines.at(i), &parseError);
            if (parseError.error != QJsonParseError::NoError)
                return fail(int(i) + 1, {}, tr("invalid JSON: %1").arg(parseError.errorString()));
            if (!doc.isObject())
                return fail(int(i) + 1, {}, tr("expected a test object on each line"));
            out.append(Test { doc.object(), name, int(i) + 1, {} });
        }
        return out;
    }
    // YAML reads JSON too, and gives the line of every test.
    std::optional<YamlJson::Document> doc = YamlJson::parse(*bytes, name, error);
    if (!doc)
        return std::nullopt;
    const QJsonArray list = doc->root.isObject() ? QJsonArray { doc->root } : doc->root.toArray();
    if (!doc->root.isObject() && !doc->root.isArray())
        return fail(doc->lineOf({}), {}, tr("expected a list of tests"));
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString f = doc->root.isArray() ? YamlJson::child(QString(), i) : QString();
        if (!list.at(i).isObject())
            return fail(doc->lineOf(f), f, tr("expected a test object"));
        out.append(Test { list.at(i).toObject(), name, doc->lineOf(f), f });
    }
    return out;
}

std::optional<QVector<PromptfooSources::Test>> PromptfooSources::csvTests(const QString& text, const QString& fileName,
                                                                          ImportError* error)
{
    int errorLine = 0;
    QString errorMessage;
    const std::optional<QVector<CsvReader::Record>> records = CsvReader::parse(text, &errorLine, &errorMessage);
    if (!records) {
        if (error)
            *error = ImportError { fileName, errorLine, {}, errorMessage };
        return std::nullopt;
    }
    QVector<Test> out;
    if (records->isEmpty())
        return out;
    const QStringList header = records->constFirst().fields;
    static const QRegularExpression expectedRe(u"^__expected[0-9]*$"_s);
    for (const QString& column : header) {
        const QString c = column.trimmed();
        if (c.startsWith(u"__"_s) && !expectedRe.match(c).hasMatch() && c != u"__description"
            && !c.startsWith(u"__metadata:"_s) && c != u"__prefix" && c != u"__suffix" && c != u"__threshold") {
            m_report->warnings.append(tr("%1: column \"%2\" has no Tierlens meaning and was ignored").arg(fileName, c));
        }
    }
    for (qsizetype r = 1; r < records->size(); ++r) {
        const CsvReader::Record& record = records->at(r);
        if (record.fields.size() > header.size()) {
            if (error) {
                *error = ImportError { fileName,
                                       record.line,
                                       {},
                                       tr("the row has %1 fields but the header names %2 columns")
                                           .arg(record.fields.size())
                                           .arg(header.size()) };
            }
            return std::nullopt;
        }
        QJsonObject vars;
        QJsonArray asserts;
        QJsonObject test;
        QJsonObject metadata;
        QJsonObject options;
        for (qsizetype c = 0; c < header.size(); ++c) {
            const QString column = header.at(c).trimmed();
            const QString value = c < record.fields.size() ? record.fields.at(c) : QString();
            if (expectedRe.match(column).hasMatch()) {
                if (!value.trimmed().isEmpty())
                    asserts.append(PromptfooAssertions::fromCsvString(value));
            } else if (column == u"__description") {
                if (!value.isEmpty())
                    test.insert(u"description"_s, value);
            } else if (column.startsWith(u"__metadata:"_s)) {
                if (!value.isEmpty())
                    metadata.insert(column.mid(11), value);
            } else if (column == u"__prefix" || column == u"__suffix") {
                if (!value.isEmpty())
                    options.insert(column.mid(2), value);
            } else if (column == u"__threshold") {
                bool ok = false;
                const double threshold = value.toDouble(&ok);
                if (ok)
                    test.insert(u"threshold"_s, threshold);
            } else if (!column.startsWith(u"__"_s)) {
                vars.insert(column, value);
            }
        }
        test.insert(u"vars"_s, vars);
        if (!asserts.isEmpty())
            test.insert(u"assert"_s, asserts);
        if (!metadata.isEmpty())
            test.insert(u"metadata"_s, metadata);
        if (!options.isEmpty())
            test.insert(u"options"_s, options);
        out.append(Test { test, fileName, record.line, {} });
    }
    return out;
}

} // namespace tierlens
