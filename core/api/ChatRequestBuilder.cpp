#include "ChatRequestBuilder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {
bool isRunOwned(const QString& key)
{
    return key == "model"_L1 || key == "messages"_L1 || key == "stream"_L1 || key == "stream_options"_L1;
}

void overlay(QJsonObject& body, const QJsonObject& fields)
{
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (isRunOwned(it.key()))
            continue;
        if (it.value().isNull())
            body.remove(it.key());
        else
            body.insert(it.key(), it.value());
    }
}
} // namespace

QByteArray ChatRequestBuilder::build(const QString& modelId, const RequestOptions& opts, const Prompt& prompt)
{
    QJsonObject body;
    body.insert("model"_L1, modelId);

    QJsonArray messages;
    if (!prompt.system.isEmpty())
        messages.append(QJsonObject { { u"role"_s, u"system"_s }, { u"content"_s, prompt.system } });
    for (const auto& m : prompt.messages)
        messages.append(m);
    body.insert("messages"_L1, messages);

    body.insert("stream"_L1, opts.stream);
    if (opts.stream && opts.includeUsage)
        body.insert("stream_options"_L1, QJsonObject { { u"include_usage"_s, true } });
    if (opts.thinking)
        body.insert("thinking"_L1, QJsonObject { { u"type"_s, *opts.thinking ? u"enabled"_s : u"disabled"_s } });
    if (!opts.reasoningEffort.isEmpty())
        body.insert("reasoning_effort"_L1, opts.reasoningEffort);
    if (opts.temperature)
        body.insert("temperature"_L1, *opts.temperature);
    if (opts.topP)
        body.insert("top_p"_L1, *opts.topP);
    if (opts.maxTokens)
        body.insert("max_tokens"_L1, *opts.maxTokens);
    if (opts.jsonMode)
        body.insert("response_format"_L1, QJsonObject { { u"type"_s, u"json_object"_s } });

    overlay(body, opts.extra);
    overlay(body, prompt.options);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QStringList ChatRequestBuilder::knownPromptOptionKeys()
{
    return { u"thinking"_s,
             u"reasoning_effort"_s,
             u"temperature"_s,
             u"top_p"_s,
             u"max_tokens"_s,
             u"response_format"_s,
             u"tools"_s,
             u"tool_choice"_s,
             u"stop"_s,
             u"presence_penalty"_s,
             u"frequency_penalty"_s,
             u"user_id"_s,
             u"logprobs"_s,
             u"top_logprobs"_s };
}

} // namespace tierlens
