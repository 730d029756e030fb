#include "RunConfig.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonArray>
#include <QSet>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace tierlens {

QByteArray ModelConfig::chatCompletionsUrl() const
{
    QString url = baseUrl.trimmed();
    while (url.endsWith(u'/'))
        url.chop(1);
    if (!url.endsWith(u"/chat/completions"_s))
        url += u"/chat/completions"_s;
    return url.toUtf8();
}

bool ModelConfig::isLoopback() const
{
    const QUrl url(baseUrl);
    const QString host = url.host();
    if (host == u"localhost"_s)
        return true;
    QHostAddress address;
    return address.setAddress(host) && address.isLoopback();
}

bool ModelConfig::sendsKeyInClear() const
{
    return QUrl(baseUrl.trimmed()).scheme().compare(u"http"_s, Qt::CaseInsensitive) == 0 && !isLoopback();
}

QString providerForBaseUrl(const QString& baseUrl)
{
    return QUrl(baseUrl).host().contains(u"novita"_s) ? u"novita"_s : u"deepseek"_s;
}

QJsonObject ModelConfig::toJson() const
{
    QJsonObject o { { u"label"_s, label },
                    { u"provider"_s, provider },
                    { u"base_url"_s, baseUrl },
                    { u"model_id"_s, modelId },
                    { u"api_key_env"_s, apiKeyEnv },
                    { u"concurrency"_s, concurrency },
                    { u"options"_s, options.toJson() } };
    if (http2 == Http2::PriorKnowledge)
        o.insert(u"http2"_s, u"prior-knowledge"_s);
    return o;
}

ModelConfig ModelConfig::fromJson(const QJsonObject& o, QString* error)
{
    ModelConfig m;
    m.label = o.value(u"label"_s).toString();
    m.provider = o.value(u"provider"_s).toString();
    m.baseUrl = o.value(u"base_url"_s).toString();
    m.modelId = o.value(u"model_id"_s).toString();
    m.apiKeyEnv = o.value(u"api_key_env"_s).toString();
    m.concurrency = o.value(u"concurrency"_s).toInt();
    const QString http2 = o.value(u"http2"_s).toString(u"auto"_s);
    if (http2 == u"prior-knowledge"_s)
        m.http2 = Http2::PriorKnowledge;
    else if (http2 != u"auto"_s && error && error->isEmpty())
        *error = tr("http2: expected auto or prior-knowledge, not \"%1\"").arg(http2);
    QString optionsError;
    m.options = RequestOptions::fromJson(o.value(u"options"_s).toObject(), &optionsError);
    if (!optionsError.isEmpty() && error && error->isEmpty())
        *error = tr("options: %1").arg(optionsError);
    return m;
}

QJsonObject RunConfig::toJson() const
{
    QJsonArray modelArray;
    for (const auto& m : models)
        modelArray.append(m.toJson());
    return QJsonObject { { u"models"_s, modelArray },
                         { u"repeat"_s, repeat },
                         { u"timeout_ms"_s, timeoutMs },
                         { u"stop_after_errors"_s, stopAfterErrors },
                         { u"retry"_s,
                           QJsonObject { { u"max_attempts"_s, retry.maxAttempts },
                                         { u"base_delay_ms"_s, retry.baseDelayMs },
                                         { u"max_delay_ms"_s, retry.maxDelayMs },
                                         { u"max_retry_after_ms"_s, retry.maxRetryAfterMs } } } };
}

std::optional<RunConfig> RunConfig::fromJson(const QJsonObject& json, QString* error)
{
    RunConfig config;
    const QJsonArray modelArray = json.value(u"models"_s).toArray();
    for (qsizetype i = 0; i < modelArray.size(); ++i) {
        QString modelError;
        ModelConfig m = ModelConfig::fromJson(modelArray.at(i).toObject(), &modelError);
        if (!modelError.isEmpty()) {
            if (error)
                *error = tr("models[%1].%2").arg(i).arg(modelError);
            return std::nullopt;
        }
        config.models.append(m);
    }
    config.repeat = json.value(u"repeat"_s).toInt(1);
    config.timeoutMs = json.value(u"timeout_ms"_s).toInteger(config.timeoutMs);
    config.stopAfterErrors = json.value(u"stop_after_errors"_s).toInt(config.stopAfterErrors);
    const QJsonObject r = json.value(u"retry"_s).toObject();
    config.retry.maxAttempts = r.value(u"max_attempts"_s).toInt(config.retry.maxAttempts);
    config.retry.baseDelayMs = r.value(u"base_delay_ms"_s).toInteger(config.retry.baseDelayMs);
    config.retry.maxDelayMs = r.value(u"max_delay_ms"_s).toInteger(config.retry.maxDelayMs);
    config.retry.maxRetryAfterMs = r.value(u"max_retry_after_ms"_s).toInteger(config.retry.maxRetryAfterMs);
    const QString problem = config.validate();
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return std::nullopt;
    }
    return config;
}

QString RunConfig::validate() const
{
    if (models.isEmpty())
        return tr("no model to run against");
    QSet<QString> labels;
    for (const auto& m : models) {
        if (m.label.isEmpty())
            return tr("a model has no label");
        if (labels.contains(m.label))
            return tr("two models are labelled \"%1\"").arg(m.label);
        labels.insert(m.label);
        const QUrl url(m.baseUrl, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http"_s && url.scheme() != u"https"_s) || url.host().isEmpty())
            return tr("model \"%1\": \"%2\" is not an http(s) base URL").arg(m.label, m.baseUrl);
        if (m.modelId.isEmpty())
            return tr("model \"%1\": no model id").arg(m.label);
        if (m.concurrency < 0)
            return tr("model \"%1\": concurrency must be positive").arg(m.label);
        if (m.http2 == ModelConfig::Http2::PriorKnowledge && url.scheme() != u"http"_s)
            return tr("model \"%1\": HTTP/2 with prior knowledge is for http:// base URLs (https:// negotiates it)")
                .arg(m.label);
    }
    if (repeat < 1)
        return tr("repeat must be at least 1");
    if (retry.maxAttempts < 1)
        return tr("max attempts must be at least 1");
    if (stopAfterErrors < 0)
        return tr("the number of errors that stop a run cannot be negative");
    return {};
}

QString RunConfig::insecureHttpWarning() const
{
    QStringList lines;
    for (const auto& m : models) {
        if (m.sendsKeyInClear()) {
            lines.append(tr("model \"%1\": %2 is plain http:// to a host that is not this machine; its API key (%3) "
                            "would cross the network unencrypted")
                             .arg(m.label, m.baseUrl, m.apiKeyEnv));
        }
    }
    return lines.join(u'\n');
}

} // namespace tierlens
