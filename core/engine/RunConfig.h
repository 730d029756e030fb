#pragma once
// What a run is asked to do: the models under test and how to send to them. Stored whole with the run.

#include "api/RequestOptions.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QVector>

#include <optional>

namespace tierlens {

struct ModelConfig
{
    Q_DECLARE_TR_FUNCTIONS(ModelConfig)

public:
    QString label; // the name the user gives it in this run: "flash", "pro"
    QString provider; // price book to bill it with: "deepseek", "novita"
    QString baseUrl; // e.g. https://api.deepseek.com or http://127.0.0.1:8080/v1
    QString modelId; // e.g. deepseek-v4-flash
    QString apiKeyEnv = QStringLiteral("DEEPSEEK_API_KEY"); // the variable's NAME; the key itself is never stored
    int concurrency = 0; // 0: the price book's limit for the model
    // Auto: HTTP/2 where TLS offers it, HTTP/1.1 otherwise. PriorKnowledge: HTTP/2 from the first byte on
    // http:// (h2c), for servers known to speak it, such as tierlens-sim.
    enum class Http2 { Auto, PriorKnowledge };
    Http2 http2 = Http2::Auto;
    RequestOptions options;

    // As stored with a run and in the desktop's model setup. "http2" only when chosen: runs stored before the field
    // existed read back as they were written.
    QJsonObject toJson() const;
    // Fields that are missing or wrong keep their defaults; the first wrong one is named in *error ("http2: ...").
    static ModelConfig fromJson(const QJsonObject& json, QString* error);

    // base URL + /chat/completions, unless the URL already names the endpoint.
    QByteArray chatCompletionsUrl() const;
    bool isLoopback() const;
    // http:// to a host that is not loopback: the API key (a bearer header) would cross the network unencrypted.
    bool sendsKeyInClear() const;
};

struct RetrySettings
{
    int maxAttempts = 4; // attempts per item, the first included
    qint64 baseDelayMs = 500; // doubled per attempt, with jitter
    qint64 maxDelayMs = 30000;
    qint64 maxRetryAfterMs = 600000; // a Retry-After beyond this is capped
};

struct RunConfig
{
    Q_DECLARE_TR_FUNCTIONS(RunConfig)

public:
    QVector<ModelConfig> models;
    int repeat = 1;
    qint64 timeoutMs = 15 * 60 * 1000; // per attempt; DeepSeek closes a never-started request after ~10 min
    RetrySettings retry;
    // A model whose last N final results were the same error that no retry helps (HTTP 400 "Model Not Exist",
    // 422, ...) stops the run: the rest would fail the same way. 0: never.
    int stopAfterErrors = 5;

    QJsonObject toJson() const;
    static std::optional<RunConfig> fromJson(const QJsonObject& json, QString* error);
    // Names what is wrong (duplicate labels, bad URL, no models...) or returns an empty string.
    QString validate() const;
    // One line per model whose key would be sent unencrypted (ModelConfig::sendsKeyInClear), naming the model and
    // its URL; empty when every model uses https:// or a loopback address. Callers warn with it and ask first.
    QString insecureHttpWarning() const;
};

// Guesses the price book of a base URL: Novita's host bills as "novita", anything else as "deepseek".
QString providerForBaseUrl(const QString& baseUrl);

} // namespace tierlens
