#include "PromptSetImporter.h"

#include "util/GuardedFiles.h"

#include "OpenAiEvalsImporter.h"
#include "PromptfooImporter.h"

#include "CsvImporter.h"
#include "JsonlImporter.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

QByteArray compactJson(const QJsonValue& value)
{
    // QJsonDocument serialises only arrays and objects: wrap the value and strip the brackets.
    const QByteArray wrapped = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

bool isPlainPrompt(const QJsonArray& messages)
{
    if (messages.size() != 1)
        return false;
    const QJsonObject m = messages.first().toObject();
    return m.size() == 2 && m.value(u"role"_s).toString() == u"user" && m.value(u"content"_s).isString()
        && !m.value(u"content"_s).toString().trimmed().isEmpty();
}

} // namespace

std::optional<PromptSetImporter::Format> PromptSetImporter::formatForPath(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"jsonl")
        return Format::Jsonl;
    if (suffix == u"csv")
        return Format::Csv;
    return std::nullopt;
}

std::optional<PromptSet> PromptSetImporter::loadAny(const QString& path, ImportReport* report, ImportError* error)
{
    if (const QString refusal = GuardedFiles::refusal(path); !refusal.isEmpty()) {
        if (error)
            *error = ImportError { QFileInfo(path).fileName(), 0, {}, refusal };
        return std::nullopt;
    }
    const QFileInfo info(path);
    const QString suffix = info.suffix().toLower();
    auto fail = [&](const QString& message) {
        if (error)
            *error = ImportError { info.fileName(), 0, {}, message };
        return std::nullopt;
    };
    if (info.isDir())
        return fail(tr("%1 is a folder; give a prompt-set file: %2").arg(info.absoluteFilePath(), formatList()));
    if (!QStringList { u"jsonl"_s, u"csv"_s, u"yaml"_s, u"yml"_s }.contains(suffix))
        return fail(tr("unsupported file type \"%1\"; a prompt set is %2").arg(info.suffix(), formatList()));
    if (suffix == u"yaml"_s || suffix == u"yml"_s) {
        ImportReport local;
        return PromptfooImporter::load(path, report ? report : &local, error);
    }
    if (suffix == u"jsonl"_s) {
        // OpenAI Evals samples are told apart by their first line: "input" and "ideal", no "id" or "prompt".
        QFile file(path);
        if (file.open(QIODevice::ReadOnly)) {
            QByteArray line;
            while (!file.atEnd() && line.trimmed().isEmpty())
                line = file.readLine();
            const QJsonObject first = QJsonDocument::fromJson(line).object();
            if (first.contains(u"input"_s) && first.contains(u"ideal"_s) && !first.contains(u"prompt"_s)
                && !first.contains(u"messages"_s))
                return OpenAiEvalsImporter::load(path, error);
        }
    }
    return load(path, error);
}

QString PromptSetImporter::formatList()
{
    return tr("JSONL (.jsonl, Tierlens' own lines or OpenAI Evals samples), CSV (.csv) or a promptfoo configuration "
              "(.yaml, .yml)");
}

std::optional<PromptSet> PromptSetImporter::load(const QString& path, ImportError* error)
{
    const QFileInfo info(path);
    auto fail = [&](const QString& message) {
        if (error)
            *error = ImportError { info.fileName(), 0, {}, message };
        return std::nullopt;
    };
    const std::optional<Format> format = formatForPath(path);
    if (!format)
        return fail(tr("unsupported file type \"%1\" (expected .jsonl or .csv)").arg(info.suffix()));
    if (const QString refusal = GuardedFiles::refusal(path); !refusal.isEmpty())
        return fail(refusal);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("cannot open the file: %1").arg(file.errorString()));
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return fail(tr("cannot read the file: %1").arg(file.errorString()));
    std::optional<PromptSet> set = parse(bytes, *format, info.fileName(), error);
    if (set)
        set->sourcePath = info.absoluteFilePath();
    return set;
}

std::optional<PromptSet> PromptSetImporter::parse(const QByteArray& bytes, Format format, const QString& fileName,
                                                  ImportError* error)
{
    auto fail = [&](int line, const QString& message) {
        if (error)
            *error = ImportError { fileName, line, {}, message };
        return std::nullopt;
    };
    QByteArray body = bytes;
    if (body.startsWith("\xEF\xBB\xBF"))
        body.remove(0, 3);
    const qsizetype bad = firstInvalidUtf8(body);
    if (bad >= 0) {
        const qsizetype lineStart = body.lastIndexOf('\n', bad) + 1;
        return fail(int(body.left(bad).count('\n')) + 1,
                    tr("invalid UTF-8 at byte %1 of the line (save the file as UTF-8)").arg(bad - lineStart + 1));
    }
    if (body.trimmed().isEmpty())
        return fail(0, tr("the file is empty"));

    QJsonObject defaults;
    std::optional<QVector<Prompt>> prompts = format == Format::Jsonl
        ? JsonlImporter::parse(body, fileName, error, &defaults)
        : CsvImporter::parse(QString::fromUtf8(body), fileName, error);
    if (!prompts)
        return std::nullopt;
    PromptSet set;
    set.defaults = defaults;
    set.name = QFileInfo(fileName).completeBaseName();
    set.sourcePath = fileName;
    set.sourceSha256 = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    set.prompts = std::move(*prompts);
    return set;
}

QByteArray PromptSetImporter::toJsonl(const PromptSet& set)
{
    QByteArray out;
    if (!set.defaults.isEmpty())
        out += "{\"defaults\":" + compactJson(set.defaults) + "}\n";
    for (const Prompt& p : set.prompts) {
        QVector<QPair<QString, QJsonValue>> fields;
        fields.append({ u"id"_s, p.id });
        fields.append({ u"category"_s, p.category });
        if (!p.system.isEmpty())
            fields.append({ u"system"_s, p.system });
        // A conversation's "turns" come back from its metadata; its messages are those turns.
        const bool conversation = !conversationTurns(p).isEmpty();
        if (!conversation && isPlainPrompt(p.messages))
            fields.append({ u"prompt"_s, p.messages.first().toObject().value(u"content"_s) });
        else if (!conversation)
            fields.append({ u"messages"_s, p.messages });
        if (!p.options.isEmpty())
            fields.append({ u"options"_s, p.options });
        if (!p.expected.isEmpty())
            fields.append({ u"expected"_s, p.expected });
        for (auto it = p.metadata.begin(); it != p.metadata.end(); ++it) {
            // A metadata key that shadows a field would change the prompt on re-import; the field wins.
            if (!JsonlImporter::knownKeys().contains(it.key()))
                fields.append({ it.key(), it.value() });
        }
        out += '{';
        for (qsizetype i = 0; i < fields.size(); ++i) {
            if (i > 0)
                out += ',';
            out += compactJson(fields.at(i).first) + ':' + compactJson(fields.at(i).second);
        }
        out += "}\n";
    }
    return out;
}

qsizetype PromptSetImporter::firstInvalidUtf8(const QByteArray& bytes)
{
    const auto* s = reinterpret_cast<const unsigned char*>(bytes.constData());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra = 0;
        char32_t cp = 0;
        char32_t min = 0;
        if ((c & 0xE0) == 0xC0) {
            extra = 1, cp = c & 0x1F, min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2, cp = c & 0x0F, min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3, cp = c & 0x07, min = 0x10000;
        } else {
            return i;
        }
        if (i + extra >= n)
            return i;
        for (int k = 1; k <= extra; ++k) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += extra + 1;
    }
    return -1;
}

} // namespace tierlens
