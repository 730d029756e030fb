// The policy file: RoutingPolicy to and from the JSON document described by resources/policy's schema.

#include "RoutingPolicy.h"
#include "util/GuardedFiles.h"

#include "checks/jsonschema/JsonSchema.h"
#include "format/ReportFormat.h"

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

QJsonValue intervalJson(const std::optional<Interval>& i)
{
    if (!i)
        return QJsonValue(QJsonValue::Null);
    return QJsonObject {
        { u"estimate"_s, i->estimate }, { u"low"_s, i->low }, { u"high"_s, i->high }, { u"prompts"_s, i->n }
    };
}

std::optional<Interval> intervalFromJson(const QJsonValue& v)
{
    if (!v.isObject())
        return std::nullopt;
    const QJsonObject o = v.toObject();
    return Interval { o.value(u"estimate"_s).toDouble(), o.value(u"low"_s).toDouble(), o.value(u"high"_s).toDouble(),
                      o.value(u"prompts"_s).toInteger() };
}

QJsonObject loadSchema(const QString& resource)
{
    QFile file(resource);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// The schemas compiled once; an empty optional (and the reason) if an embedded copy is missing or broken.
const std::optional<JsonSchema>& compiledSchema(int version, QString* why)
{
    static QString errors[2];
    static const std::optional<JsonSchema> compiled[2] = {
        JsonSchema::compile(loadSchema(u":/tierlens/policy/tierlens-policy-v1.schema.json"_s),
                            JsonSchema::Draft::Draft2020_12, &errors[0]),
        JsonSchema::compile(RoutingPolicy::schema(), JsonSchema::Draft::Draft2020_12, &errors[1]),
    };
    const int at = version == 1 ? 0 : 1;
    if (!compiled[at] && why)
        *why = errors[at];
    return compiled[at];
}

// Version 1 files (Tierlens before the rules had names): pricier-unless-good-enough, items as the sample size.
ModelEvidence evidenceFromJson(const QString& label, const QJsonObject& o, int version)
{
    ModelEvidence e;
    e.label = label;
    e.passed = o.value(u"passed"_s).toInteger();
    if (version == 1) {
        e.items = o.value(u"n"_s).toInteger();
        e.prompts = e.items;
        if (o.value(u"pass_rate"_s).isDouble())
            e.passRate = Interval { o.value(u"pass_rate"_s).toDouble(), o.value(u"pass_rate_low"_s).toDouble(),
                                    o.value(u"pass_rate_high"_s).toDouble(), e.items };
    } else {
        e.prompts = o.value(u"prompts"_s).toInteger();
        e.items = o.value(u"items"_s).toInteger();
        e.passRate = intervalFromJson(o.value(u"pass_rate"_s));
    }
    e.costPerItemUsd = optionalNumber(o.value(u"cost_per_item_usd"_s));
    e.costPerSuccessUsd = optionalNumber(o.value(u"cost_per_success_usd"_s));
    return e;
}

QString decisionFromV1(const QString& decision)
{
    return decision == u"cheapest_within_tolerance"_s ? u"cheaper_shown_good_enough"_s : decision;
}

} // namespace

QJsonObject RoutingPolicy::schema()
{
    return loadSchema(u":/tierlens/policy/tierlens-policy.schema.json"_s);
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
                            QJsonObject { { u"prompts"_s, e.prompts },
                                          { u"items"_s, e.items },
                                          { u"passed"_s, e.passed },
                                          { u"pass_rate"_s, intervalJson(e.passRate) },
                                          { u"cost_per_item_usd"_s, number(e.costPerItemUsd) },
                                          { u"cost_per_success_usd"_s, number(e.costPerSuccessUsd) } });
        }
        routes.append(QJsonObject {
            { u"category"_s, r.category },
            { u"model"_s, r.model },
            { u"model_id"_s, modelIds.value(r.model) },
            { u"decision"_s, r.decision },
            { u"decided"_s, r.decided },
            { u"override"_s, r.override },
            { u"extra_prompts_needed"_s,
              r.extraPromptsNeeded ? QJsonValue(*r.extraPromptsNeeded) : QJsonValue(QJsonValue::Null) },
            { u"reason"_s, r.reason },
            { u"versus"_s, r.versus.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.versus) },
            { u"quality_difference"_s, intervalJson(r.qualityDifference) },
            { u"saving_per_request_usd"_s, number(r.savingPerRequestUsd) },
            { u"evidence"_s, evidence },
        });
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
    const QJsonObject doc {
        { u"schema_version"_s, 2 },
        { u"created_at"_s,
          ReportFormat::timeJson(m_createdAt.isValid() ? m_createdAt : QDateTime::currentDateTimeUtc()) },
        { u"source_runs"_s, sources },
        { u"price_book"_s, m_priceBook },
        { u"settings"_s,
          QJsonObject { { u"rule"_s, PolicySettings::ruleName(m_settings.rule) },
                        { u"tolerance"_s, m_settings.tolerance },
                        { u"confidence"_s, m_settings.confidence },
                        { u"look"_s, m_settings.look },
                        { u"confidence_at_this_look"_s, m_settings.confidenceAtThisLook() },
                        { u"min_prompts"_s, m_settings.minPrompts },
                        { u"quality_precedence"_s, QJsonArray::fromStringList(m_settings.precedence) } } },
        { u"models"_s, models },
        { u"ladder"_s, QJsonArray::fromStringList(m_ladder) },
        { u"default_model"_s, m_defaultModel },
        { u"default_reason"_s, m_defaultReason },
        { u"routes"_s, routes },
        { u"escalation"_s, escalation },
    };
    const auto& compiled = compiledSchema(2, error);
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
    const int version = doc.value(u"schema_version"_s).toInt() == 1 ? 1 : 2;
    const auto& compiled = compiledSchema(version, error);
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
        *error = tr("not a Tierlens policy file (schema version %1): %2").arg(version).arg(where.join(u"; "_s));
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
    p.m_settings.precedence.clear();
    for (const QJsonValue& v : settings.value(u"quality_precedence"_s).toArray())
        p.m_settings.precedence.append(v.toString());
    if (version == 1) {
        p.m_settings.rule = PolicyRule::PricierUnlessGoodEnough;
        p.m_settings.minPrompts = int(settings.value(u"min_samples"_s).toInteger());
    } else {
        p.m_settings.rule = *PolicySettings::ruleFromName(settings.value(u"rule"_s).toString());
        p.m_settings.look = int(settings.value(u"look"_s).toInteger());
        p.m_settings.minPrompts = int(settings.value(u"min_prompts"_s).toInteger());
    }

    p.m_defaultModel = doc.value(u"default_model"_s).toString();
    if (!known(p.m_defaultModel))
        return fail(u"/default_model"_s, unknownModel(p.m_defaultModel));
    p.m_defaultReason = doc.value(u"default_reason"_s).toString();

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
        r.override = o.value(u"override"_s).toBool();
        r.reason = o.value(u"reason"_s).toString();
        if (version == 1) {
            r.decision = decisionFromV1(o.value(u"decision"_s).toString());
            r.decided = r.decision != u"insufficient_evidence"_s;
            if (!r.decided)
                r.extraPromptsNeeded = o.value(u"extra_samples_needed"_s).toInteger();
        } else {
            r.decision = o.value(u"decision"_s).toString();
            r.decided = o.value(u"decided"_s).toBool();
            if (o.value(u"extra_prompts_needed"_s).isDouble())
                r.extraPromptsNeeded = o.value(u"extra_prompts_needed"_s).toInteger();
            r.versus = o.value(u"versus"_s).toString();
            if (!r.versus.isEmpty() && !known(r.versus))
                return fail(at + u"/versus"_s, unknownModel(r.versus));
            r.qualityDifference = intervalFromJson(o.value(u"quality_difference"_s));
            r.savingPerRequestUsd = optionalNumber(o.value(u"saving_per_request_usd"_s));
        }
        const QJsonObject evidence = o.value(u"evidence"_s).toObject();
        for (auto it = evidence.constBegin(); it != evidence.constEnd(); ++it) {
            if (!known(it.key()))
                return fail(at + u"/evidence/"_s + it.key(), unknownModel(it.key()));
            r.evidence.append(evidenceFromJson(it.key(), it.value().toObject(), version));
        }
        p.m_routes.append(r);
    }

    for (const QJsonValue& v : doc.value(u"escalation"_s).toArray()) {
        const QJsonObject o = v.toObject();
        // Version 1 retried on "the other model": the next one up the ladder is what that meant for two models.
        p.m_escalation.append({ o.value(u"when"_s).toString(), u"retry_on_next_model"_s });
    }

    if (version == 2) {
        const QJsonArray ladder = doc.value(u"ladder"_s).toArray();
        for (qsizetype i = 0; i < ladder.size(); ++i) {
            const QString label = ladder.at(i).toString();
            if (!known(label))
                return fail(u"/ladder/%1"_s.arg(i), unknownModel(label));
            p.m_ladder.append(label);
        }
        for (const QString& label : labels) {
            if (!p.m_ladder.contains(label))
                return fail(u"/ladder"_s, tr("\"%1\" is missing from the ladder").arg(label));
        }
    } else {
        // Escalations went to the safer model: it tops the ladder; the rest by cost per item over the routes.
        const QString safer = doc.value(u"safer_model"_s).toString();
        if (!safer.isEmpty() && !known(safer))
            return fail(u"/safer_model"_s, unknownModel(safer));
        QVector<std::pair<double, QString>> byCost;
        for (const QString& label : labels) {
            double cost = 0;
            qint64 n = 0;
            for (const CategoryRoute& r : std::as_const(p.m_routes)) {
                for (const ModelEvidence& e : r.evidence) {
                    if (e.label == label && e.costPerItemUsd) {
                        cost += *e.costPerItemUsd;
                        ++n;
                    }
                }
            }
            byCost.append({ label == safer ? qInf() : n > 0 ? cost / double(n) : 0.0, label });
        }
        std::stable_sort(byCost.begin(), byCost.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (const auto& [cost, label] : std::as_const(byCost))
            p.m_ladder.append(label);
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
