#include "LiteLlmExport.h"

#include "format/ReportFormat.h"

#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <yaml-cpp/yaml.h>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

std::string utf8(const QString& s)
{
    return s.toStdString();
}

// A comment line must stay one line whatever a category or a reason holds.
QString oneLine(QString s)
{
    s.replace(u'\r', u' ');
    s.replace(u'\n', u' ');
    return s;
}

QString evidenceText(const CategoryRoute& r)
{
    QStringList parts;
    for (const ModelEvidence& e : r.evidence) {
        parts.append(
            u"%1 %2 of %3 prompts"_s
                .arg(e.label, e.passRate ? QString::number(e.passRate->estimate * 100, 'f', 1) + u'%' : u"n/a"_s)
                .arg(e.prompts));
    }
    return parts.join(u", "_s);
}

} // namespace

QString LiteLlmExport::litellmModel(const PolicyModel& model)
{
    const QString host = QUrl(model.baseUrl).host().toLower();
    const bool deepseek = host == u"api.deepseek.com"_s || host.endsWith(u".deepseek.com"_s);
    return (deepseek ? u"deepseek/"_s : u"openai/"_s) + model.modelId;
}

QString LiteLlmExport::apiBase(const PolicyModel& model)
{
    QString base = model.baseUrl.trimmed();
    while (base.endsWith(u'/'))
        base.chop(1);
    if (base.endsWith(u"/chat/completions"_s))
        base.chop(int(qstrlen("/chat/completions")));
    while (base.endsWith(u'/'))
        base.chop(1);
    return base;
}

std::optional<QByteArray> LiteLlmExport::toYaml(const RoutingPolicy& policy, const LiteLlmOptions& options,
                                                QString* error)
{
    static const QRegularExpression envName(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
    QHash<QString, PolicyModel> models;
    for (const PolicyModel& m : policy.models()) {
        if (!m.apiKeyEnv.isEmpty() && !envName.match(m.apiKeyEnv).hasMatch()) {
            *error = tr("model \"%1\": the API key variable must be a variable's name, not \"%2\"")
                         .arg(m.label, m.apiKeyEnv);
            return std::nullopt;
        }
        models.insert(m.label, m);
    }
    if (options.routeGroup.isEmpty()) {
        *error = tr("the route group needs a name");
        return std::nullopt;
    }

    // Every model group: name -> the label of the model serving it.
    QVector<QPair<QString, QString>> groups;
    for (const PolicyModel& m : policy.models())
        groups.append({ m.label, m.label });
    for (const CategoryRoute& r : policy.routes())
        groups.append({ options.routeGroup + u'/' + r.category, r.model });
    groups.append({ options.routeGroup, policy.defaultModel() });
    QSet<QString> names;
    for (const auto& g : groups) {
        if (names.contains(g.first)) {
            *error = tr("two LiteLLM model groups would be called \"%1\"; rename a model or choose another route "
                        "group")
                         .arg(g.first);
            return std::nullopt;
        }
        names.insert(g.first);
        if (!models.contains(g.second)) {
            *error = tr("model group \"%1\" routes to \"%2\", which the policy does not list").arg(g.first, g.second);
            return std::nullopt;
        }
    }

    QStringList head;
    QStringList runs, sets;
    for (const PolicySource& s : policy.sources()) {
        runs.append(QString::number(s.runId));
        if (!sets.contains(s.promptSet))
            sets.append(s.promptSet);
    }
    head << tr("LiteLLM proxy configuration from a Tierlens routing policy (run(s) %1, prompt set(s) %2, created %3).")
                .arg(runs.join(u", "_s))
                .arg(oneLine(sets.join(u", "_s)), ReportFormat::isoUtc(policy.createdAt()));
    head << tr("Rule: %1 (tolerance %2, %3% confidence over every look, look %4). Default model %5: %6")
                .arg(PolicySettings::ruleName(policy.settings().rule))
                .arg(policy.settings().tolerance)
                .arg(policy.settings().confidence * 100)
                .arg(policy.settings().look)
                .arg(policy.defaultModel(), oneLine(policy.defaultReason()));
    head << tr("Start it with: litellm --config FILE. API keys are read from the environment variables named in "
               "api_key; none is written here.");
    head << tr("Send a request's category as its model: \"%1/<category>\"; \"%1\" serves every other category "
               "(default: %2).")
                .arg(options.routeGroup, policy.defaultModel());
    head << tr("Routes:");
    for (const CategoryRoute& r : policy.routes()) {
        head << u"  %1/%2 -> %3 (%4%5; %6)"_s.arg(oneLine(options.routeGroup), oneLine(r.category), r.model, r.decision,
                                                  r.override      ? tr(", set by hand")
                                                      : r.decided ? QString()
                                                                  : tr(", undecided"),
                                                  evidenceText(r));
    }
    QStringList checks;
    for (const QString& when : RoutingPolicy::escalationTriggers()) {
        if (when != u"final_error"_s && policy.escalatesOn(when))
            checks.append(when);
    }
    if (policy.escalatesOn(u"final_error"_s))
        head << tr(
            "Escalation: after a final error LiteLLM retries on the fallback model (router_settings.fallbacks).");
    else
        head << tr("Escalation: the policy does not retry after a final error, so there are no fallbacks.");
    if (!checks.isEmpty()) {
        head << tr("The policy also retries on the fallback model after %1: LiteLLM cannot see those, so the client "
                   "must check the answer and resend it to the model named in fallbacks.")
                    .arg(checks.join(u", "_s));
    }

    YAML::Emitter y;
    y << YAML::BeginMap;
    y << YAML::Key << "model_list" << YAML::Value << YAML::BeginSeq;
    for (const auto& g : groups) {
        const PolicyModel& m = models.value(g.second);
        y << YAML::BeginMap;
        y << YAML::Key << "model_name" << YAML::Value << utf8(g.first);
        y << YAML::Key << "litellm_params" << YAML::Value << YAML::BeginMap;
        y << YAML::Key << "model" << YAML::Value << utf8(litellmModel(m));
        y << YAML::Key << "api_base" << YAML::Value << utf8(apiBase(m));
        if (!m.apiKeyEnv.isEmpty())
            y << YAML::Key << "api_key" << YAML::Value << utf8(u"os.environ/"_s + m.apiKeyEnv);
        y << YAML::EndMap;
        y << YAML::EndMap;
    }
    y << YAML::EndSeq;

    y << YAML::Key << "router_settings" << YAML::Value << YAML::BeginMap;
    y << YAML::Key << "routing_strategy" << YAML::Value << utf8(options.routingStrategy);
    y << YAML::Key << "num_retries" << YAML::Value << options.numRetries;
    y << YAML::Key << "timeout" << YAML::Value << options.timeoutSeconds;
    if (policy.escalatesOn(u"final_error"_s)) {
        y << YAML::Key << "fallbacks" << YAML::Value << YAML::BeginSeq;
        for (const auto& g : groups) {
            const QString fallback = policy.fallbackFor(g.second);
            if (fallback.isEmpty())
                continue;
            y << YAML::BeginMap << YAML::Key << utf8(g.first) << YAML::Value << YAML::Flow << YAML::BeginSeq
              << utf8(fallback) << YAML::EndSeq << YAML::EndMap;
        }
        y << YAML::EndSeq;
    }
    y << YAML::EndMap;
    y << YAML::EndMap;
    if (!y.good()) {
        *error = tr("cannot write the LiteLLM configuration: %1").arg(QString::fromStdString(y.GetLastError()));
        return std::nullopt;
    }

    QByteArray out;
    for (const QString& line : head)
        out += "# " + oneLine(line).toUtf8() + '\n';
    out += QByteArray(y.c_str(), qsizetype(y.size())) + '\n';
    return out;
}

} // namespace tierlens
