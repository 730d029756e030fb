// The policy file: RoutingPolicy to and from the JSON document described by resources/policy's schema.

#include "RoutingPolicy.h"
#include "util/GuardedFiles.h"

#include "checks/jsonschema/JsonSchema.h"
#include "report/ReportFormat.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

constexpr qint64 kMaxPolicyBytes = 64 * 1024 * 1024;

QJsonValue number(const std::optional<double>& v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

std::optional<double> optionalNumber(const QJsonValue& v)
{
    return v.isDouble() ? std::optional<double>(v.toDouble()) : std::nullopt;
}

// The schema compiled once; an empty optional (and the reason) if the embedded copy is missing or broken.
const std::optional<JsonSchema>& compiledSchema(QString* why)
{
    static QString error;
    static const std::optional<JsonSchema> compiled
        = JsonSchema::compile(RoutingPolicy::schema(), JsonSchema::Draft::Draft2020_12, &error);
    if (!compiled && why)
        *why = error;
    return compiled;
}

ModelEvidence evidenceFromJson(const QString& label, const QJsonObject& o)
{
    ModelEvidence e;
    e.label = label;
    e.n = o.value(u"n"_s).toInteger();
    e.passed = o.value(u"passed"_s).toInteger();
    e.passRate = optionalNumber(o.value(u"pass_rate"_s));
    e.passRateLow = optionalNumber(o.value(u"pass_rate_low"_s));
    e.passRateHigh = optionalNumber(o.value(u"pass_rate_high"_s));
    e.costPerItemUsd = optionalNumber(o.value(u"cost_per_item_usd"_s));
    e.costPerSuccessUsd = optionalNumber(o.value(u"cost_per_success_usd"_s));
    return e;
}

} // namespace

QJsonObject RoutingPolicy::schema()
{
    QFile file(u":/tierlens/policy/tierlens-policy.schema.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

std::optional<QJsonObject> RoutingPolicy::toJson(QString* error) const
{
    QJsonObject models;
    QHash<QString, QString> modelIds;
    for (const PolicyModel& m : m_models) {
        QJsonObject model { { u"model_id"_s, m.modelId }, { u"base_url"_s, m.baseUrl }, { u"provider"_s, m.provider } };
        if (!m.apiKeyEnv.isEmpty())
            model.insert(u"api_key_env"_s, m.apiKeyEnv);
        models.insert(m.label, model);
        modelIds.insert(m.label, m.modelId);
    }
    QJsonArray routes;
    for (const CategoryRoute& r : m_routes) {
        QJsonObject evidence;
        for (const ModelEvidence& e : r.evidence) {
            evidence.insert(e.label,
                            QJsonObject { { u"n"_s, e.n },
                                          { u"passed"_s, e.passed },
                                          { u"pass_rate"_s, number(e.passRate) },
                                          { u"pass_rate_low"_s, number(e.passRateLow) },
                                          { u"pass_rate_high"_s, number(e.passRateHigh) },
                                          { u"cost_per_item_usd"_s, number(e.costPerItemUsd) },
                                          { u"cost_per_success_usd"_s, number(e.costPerSuccessUsd) } });
        }
        routes.append(QJsonObject { { u"category"_s, r.category },
                                    { u"model"_s, r.model },
                                    { u"model_id"_s, modelIds.value(r.model) },
                                    { u"decision"_s, r.decision },
                                    { u"override"_s, r.override },
                                    { u"extra_samples_needed"_s, r.extraSamplesNeeded },
                                    { u"reason"_s, r.reason },
                                    { u"evidence"_s, evidence } });
    }
    QJsonArray escalation;
    for (const EscalationRule& rule : m_escalation)
        escalation.append(QJsonObject { { u"when"_s, rule.when }, { u"action"_s, rule.action } });
    QJsonArray sources;
    for (const PolicySource& s : m_sources) {
        sources.append(QJsonObject { { u"run_id"_s, s.runId },
                                     { u"prompt_set"_s, s.promptSet },
                                     { u"prompt_set_sha256"_s, s.promptSetSha256 } });
    }
    QJsonObject doc {
        { u"schema_version"_s, 1 },
        { u"created_at"_s,
          ReportFormat::timeJson(m_createdAt.isValid() ? m_createdAt : QDateTime::currentDateTimeUtc()) },
        { u"source_runs"_s, sources },
        { u"price_book"_s, m_priceBook },
        { u"settings"_s,
          QJsonObject { { u"tolerance"_s, m_settings.tolerance },
                        { u"confidence"_s, m_settings.confidence },
                        { u"min_samples"_s, m_settings.minSamples },
                        { u"quality_precedence"_s, QJsonArray::fromStringList(m_settings.precedence) } } },
        { u"models"_s, models },
        { u"default_model"_s, m_defaultModel },
        { u"routes"_s, routes },
        { u"escalation"_s, escalation },
    };
    if (!m_saferModel.isEmpty())
        doc.insert(u"safer_model"_s, m_saferModel);
    const auto& compiled = compiledSchema(error);
    if (!compiled)
        return std::nullopt;
    const ValidationResult result = compiled->validate(doc);
    if (!result.valid) {
        *error = tr("the policy does not match its schema: %1").arg(result.messages().join(u"; "_s));
        return std::nullopt;
    }
    return doc;
}

std::optional<RoutingPolicy> RoutingPolicy::fromJson(const QJsonObject& doc, QString* error)
{
    const auto& compiled = compiledSchema(error);
    if (!compiled)
        return std::nullopt;
    const ValidationResult result = compiled->validate(doc);
    if (!result.valid) {
        // The first few errors, each at its place in the document; the rest only counted.
        QStringList where;
        for (qsizetype i = 0; i < result.errors.size() && i < 5; ++i) {
            const ValidationError& e = result.errors.at(i);
            where.append(u"%1: %2"_s.arg(e.instancePointer.isEmpty() ? u"/"_s : e.instancePointer, e.message));
        }
        if (result.errors.size() > 5)
            where.append(tr("errors not shown: %1").arg(result.errors.size() - 5));
        *error = tr("not a Tierlens policy file (schema version 1): %1").arg(where.join(u"; "_s));
        return std::nullopt;
    }
    auto fail = [&](const QString& pointer, const QString& what) {
        *error = u"%1: %2"_s.arg(pointer, what);
        return std::nullopt;
    };

    RoutingPolicy p;
    const QJsonObject models = doc.value(u"models"_s).toObject();
    for (auto it = models.constBegin(); it != models.constEnd(); ++it) {
        const QJsonObject m = it.value().toObject();
        p.m_models.append({ it.key(), m.value(u"model_id"_s).toString(), m.value(u"base_url"_s).toString(),
                            m.value(u"provider"_s).toString(), m.value(u"api_key_env"_s).toString() });
    }
    const QStringList labels = models.keys();
    auto known = [&](const QString& label) { return labels.contains(label); };
    auto unknownModel = [&](const QString& label) {
        return tr("\"%1\" is not one of the policy's models (%2)").arg(label, labels.join(u", "_s));
    };

    for (const QJsonValue& v : doc.value(u"source_runs"_s).toArray()) {
        const QJsonObject s = v.toObject();
        p.m_sources.append({ s.value(u"run_id"_s).toInteger(), s.value(u"prompt_set"_s).toString(),
                             s.value(u"prompt_set_sha256"_s).toString() });
    }
    p.m_priceBook = doc.value(u"price_book"_s).toString();
    p.m_createdAt = QDateTime::fromString(doc.value(u"created_at"_s).toString(), Qt::ISODateWithMs);
    if (!p.m_createdAt.isValid())
        return fail(u"/created_at"_s, tr("\"%1\" is not an ISO-8601 time").arg(doc.value(u"created_at"_s).toString()));

    const QJsonObject settings = doc.value(u"settings"_s).toObject();
    p.m_settings.tolerance = settings.value(u"tolerance"_s).toDouble();
    p.m_settings.confidence = settings.value(u"confidence"_s).toDouble();
    p.m_settings.minSamples = int(settings.value(u"min_samples"_s).toInteger());
    p.m_settings.precedence.clear();
    for (const QJsonValue& v : settings.value(u"quality_precedence"_s).toArray())
        p.m_settings.precedence.append(v.toString());

    p.m_defaultModel = doc.value(u"default_model"_s).toString();
    if (!known(p.m_defaultModel))
        return fail(u"/default_model"_s, unknownModel(p.m_defaultModel));

    const QJsonArray routes = doc.value(u"routes"_s).toArray();
    QSet<QString> seen;
    for (qsizetype i = 0; i < routes.size(); ++i) {
        const QJsonObject o = routes.at(i).toObject();
        const QString at = u"/routes/%1"_s.arg(i);
        CategoryRoute r;
        r.category = o.value(u"category"_s).toString();
        if (seen.contains(r.category))
            return fail(at + u"/category"_s, tr("category \"%1\" has a route already").arg(r.category));
        seen.insert(r.category);
        r.model = o.value(u"model"_s).toString();
        if (!known(r.model))
            return fail(at + u"/model"_s, unknownModel(r.model));
        const QString modelId = o.value(u"model_id"_s).toString();
        if (modelId != models.value(r.model).toObject().value(u"model_id"_s).toString())
            return fail(at + u"/model_id"_s,
                        tr("\"%1\" is not the model id of \"%2\" in /models").arg(modelId, r.model));
        r.decision = o.value(u"decision"_s).toString();
        r.override = o.value(u"override"_s).toBool();
        r.extraSamplesNeeded = o.value(u"extra_samples_needed"_s).toInteger();
        r.reason = o.value(u"reason"_s).toString();
        const QJsonObject evidence = o.value(u"evidence"_s).toObject();
        for (auto it = evidence.constBegin(); it != evidence.constEnd(); ++it) {
            if (!known(it.key()))
                return fail(at + u"/evidence/"_s + it.key(), unknownModel(it.key()));
            r.evidence.append(evidenceFromJson(it.key(), it.value().toObject()));
        }
        p.m_routes.append(r);
    }

    for (const QJsonValue& v : doc.value(u"escalation"_s).toArray()) {
        const QJsonObject o = v.toObject();
        p.m_escalation.append({ o.value(u"when"_s).toString(), o.value(u"action"_s).toString() });
    }

    if (doc.contains(u"safer_model"_s)) {
        p.m_saferModel = doc.value(u"safer_model"_s).toString();
        if (!known(p.m_saferModel))
            return fail(u"/safer_model"_s, unknownModel(p.m_saferModel));
    } else {
        // Older files: the best pass rate over every route's evidence, the first label on a tie.
        double best = -1;
        for (const QString& label : labels) {
            qint64 n = 0, passed = 0;
            for (const CategoryRoute& r : p.m_routes) {
                for (const ModelEvidence& e : r.evidence) {
                    if (e.label == label) {
                        n += e.n;
                        passed += e.passed;
                    }
                }
            }
            const double rate = n > 0 ? double(passed) / double(n) : -0.5;
            if (rate > best) {
                best = rate;
                p.m_saferModel = label;
            }
        }
    }
    return p;
}

std::optional<RoutingPolicy> RoutingPolicy::load(const QString& path, QString* error)
{
    if (const QString refusal = GuardedFiles::refusal(path); !refusal.isEmpty()) {
        *error = refusal;
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("%1: cannot read the policy file: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    if (file.size() > kMaxPolicyBytes) {
        *error = tr("%1: %2 bytes is too large for a policy file").arg(path).arg(file.size());
        return std::nullopt;
    }
    // In pieces: read(kMaxPolicyBytes + 1) would set aside 64 MiB for every file, however small. A file whose size
    // the system does not know (a pipe) is cut off at the limit.
    QByteArray bytes;
    while (bytes.size() <= kMaxPolicyBytes) {
        const QByteArray piece = file.read(qMin<qint64>(64 * 1024, kMaxPolicyBytes + 1 - bytes.size()));
        if (piece.isEmpty())
            break;
        bytes += piece;
    }
    if (bytes.size() > kMaxPolicyBytes) {
        *error = tr("%1: more than %2 bytes is too large for a policy file").arg(path).arg(kMaxPolicyBytes);
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = tr("%1: not JSON at byte %2: %3").arg(path).arg(parseError.offset).arg(parseError.errorString());
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *error = tr("%1: /: a policy file is a JSON object").arg(path);
        return std::nullopt;
    }
    QString why;
    auto policy = fromJson(doc.object(), &why);
    if (!policy) {
        *error = u"%1: %2"_s.arg(path, why);
        return std::nullopt;
    }
    return policy;
}

} // namespace tierlens
