#include "PromptfooAssertions.h"

#include "NunjucksRenderer.h"

#include "checks/Assertion.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace tierlens {

const QStringList& PromptfooAssertions::canonicalTypes()
{
    return Assertion::supportedTypes();
}

const QStringList& PromptfooAssertions::promptfooTypes()
{
    // Names the CSV shorthand recognises as a prefix; anything else is the expected text itself.
    static const QStringList types {
        u"equals"_s,
        u"contains"_s,
        u"icontains"_s,
        u"contains-any"_s,
        u"contains-all"_s,
        u"icontains-any"_s,
        u"icontains-all"_s,
        u"regex"_s,
        u"starts-with"_s,
        u"is-json"_s,
        u"contains-json"_s,
        u"is-sql"_s,
        u"contains-sql"_s,
        u"is-xml"_s,
        u"contains-xml"_s,
        u"is-html"_s,
        u"contains-html"_s,
        u"is-valid-openai-tools-call"_s,
        u"is-valid-openai-function-call"_s,
        u"javascript"_s,
        u"python"_s,
        u"similar"_s,
        u"levenshtein"_s,
        u"rouge-n"_s,
        u"bleu"_s,
        u"gleu"_s,
        u"meteor"_s,
        u"llm-rubric"_s,
        u"g-eval"_s,
        u"factuality"_s,
        u"answer-relevance"_s,
        u"context-faithfulness"_s,
        u"context-recall"_s,
        u"context-relevance"_s,
        u"perplexity"_s,
        u"perplexity-score"_s,
        u"cost"_s,
        u"latency"_s,
        u"webhook"_s,
        u"classifier"_s,
        u"moderation"_s,
        u"is-refusal"_s,
        u"finish-reason"_s,
        u"model-graded-closedqa"_s,
        u"model-graded-factuality"_s,
        u"select-best"_s,
        u"human"_s,
    };
    return types;
}

QJsonObject PromptfooAssertions::fromCsvString(const QString& text)
{
    static const QRegularExpression re(u"^(not-)?([a-z][a-z0-9-]*)(?:\\(([0-9.]+)\\))?(?::[ \\t]?(.*))?$"_s,
                                       QRegularExpression::DotMatchesEverythingOption);
    const QString trimmed = text.trimmed();
    QJsonObject out;
    // promptfoo's own aliases: "grade:" asks a judge, "fn:"/"eval:" run JavaScript.
    for (const auto& [prefix, type] : { std::pair { u"grade:"_s, u"llm-rubric"_s },
                                        { u"fn:"_s, u"javascript"_s },
                                        { u"eval:"_s, u"javascript"_s } }) {
        if (trimmed.startsWith(prefix)) {
            out.insert(u"type"_s, type);
            out.insert(u"value"_s, trimmed.mid(prefix.size()).trimmed());
            return out;
        }
    }
    if (trimmed.startsWith(u"file://"_s)) {
        out.insert(u"type"_s, trimmed.endsWith(u".py"_s) ? u"python"_s : u"javascript"_s);
        out.insert(u"value"_s, trimmed);
        return out;
    }
    const QRegularExpressionMatch m = re.match(trimmed);
    const bool hasValue = m.hasMatch() && m.capturedStart(4) >= 0;
    if (!m.hasMatch() || !promptfooTypes().contains(m.captured(2))
        || (!hasValue && !m.captured(2).startsWith(u"is-"_s))) {
        out.insert(u"type"_s, u"equals"_s);
        out.insert(u"value"_s, trimmed);
        return out;
    }
    out.insert(u"type"_s, QString(m.captured(1) + m.captured(2)));
    if (!m.captured(3).isEmpty())
        out.insert(u"threshold"_s, m.captured(3).toDouble());
    if (hasValue) {
        const QString value = m.captured(4).trimmed();
        // "is-json: {...}" carries a schema; keep it structured so it maps to json-schema.
        const QJsonDocument doc = QJsonDocument::fromJson(value.toUtf8());
        out.insert(u"value"_s, m.captured(2) == u"is-json" && doc.isObject() ? QJsonValue(doc.object()) : value);
    }
    return out;
}

PromptfooAssertions::Mapped PromptfooAssertions::map(const QJsonObject& raw)
{
    Mapped result;
    const QJsonValue typeValue = raw.value(u"type"_s);
    if (!typeValue.isString() || typeValue.toString().trimmed().isEmpty()) {
        result.errorField = u"type"_s;
        result.errorMessage = tr("missing or not a string");
        return result;
    }
    const QString original = typeValue.toString().trimmed();
    const bool negate = original.startsWith(u"not-"_s);
    const QString base = negate ? original.mid(4) : original;
    QJsonObject out = raw;
    QString mapped;
    if (base == u"latency" || base == u"cost") {
        mapped = base == u"latency" ? u"max-latency-ms"_s : u"max-cost-usd"_s;
        if (raw.contains(u"threshold"_s)) {
            out.insert(u"value"_s, raw.value(u"threshold"_s));
            out.remove(u"threshold"_s);
        }
    } else if (base == u"is-valid-openai-tools-call" || base == u"is-valid-openai-function-call") {
        // promptfoo checks the calls against the request's tools, as tool-call with no expected name does.
        mapped = u"tool-call"_s;
        out.remove(u"value"_s);
    } else if (base == u"is-json") {
        const QJsonValue v = raw.value(u"value"_s);
        mapped = v.isUndefined() || v.isNull() ? u"is-json"_s : u"json-schema"_s;
        if (v.isNull())
            out.remove(u"value"_s);
    } else if (canonicalTypes().contains(base)) {
        mapped = base;
    }
    if (mapped.isEmpty() || (negate && mapped == u"llm-rubric")) {
        result.unmapped = original;
        return result;
    }
    QJsonValue value = out.value(u"value"_s);
    if (mapped == u"equals" && (value.isObject() || value.isArray())) {
        // Deep JSON equality is not what "equals" on text means.
        result.unmapped = original + u" (JSON value)"_s;
        return result;
    }
    if (value.isDouble() || value.isBool()) {
        if (mapped == u"equals" || mapped.contains(u"contains") || mapped == u"starts-with" || mapped == u"regex"
            || mapped == u"finish-reason") {
            out.insert(u"value"_s, NunjucksRenderer::toText(value));
        }
    }
    if (mapped.endsWith(u"-any") || mapped.endsWith(u"-all")) {
        if (value.isString()) {
            QJsonArray list;
            for (const QString& part : value.toString().split(u',')) {
                if (!part.trimmed().isEmpty())
                    list.append(part.trimmed());
            }
            out.insert(u"value"_s, list);
        } else if (value.isArray()) {
            QJsonArray list;
            for (const QJsonValue& v : value.toArray())
                list.append(v.isString() ? v : QJsonValue(NunjucksRenderer::toText(v)));
            out.insert(u"value"_s, list);
        }
    }
    out.insert(u"type"_s, negate ? QString(u"not-"_s + mapped) : mapped);
    result.assertion = out;
    return result;
}

bool PromptfooAssertions::validate(const QJsonObject& a, QString* field, QString* message)
{
    // The checks engine's own reading, so that what is imported is what runs.
    QString where;
    if (Assertion::parseList(QJsonArray { a }, &where, message))
        return true;
    static const QString prefix = u"assert[0]"_s;
    *field = where.startsWith(prefix + u'.') ? where.mid(prefix.size() + 1) : QString();
    return false;
}

} // namespace tierlens
