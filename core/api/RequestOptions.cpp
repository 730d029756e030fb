#include "RequestOptions.h"

#include <QCoreApplication>

#include <cmath>

using namespace Qt::StringLiterals;

namespace tierlens {

QJsonObject RequestOptions::toJson() const
{
    QJsonObject o;
    if (thinking)
        o.insert("thinking"_L1, *thinking);
    if (!reasoningEffort.isEmpty())
        o.insert("reasoning_effort"_L1, reasoningEffort);
    if (temperature)
        o.insert("temperature"_L1, *temperature);
    if (topP)
        o.insert("top_p"_L1, *topP);
    if (maxTokens)
        o.insert("max_tokens"_L1, *maxTokens);
    o.insert("json_mode"_L1, jsonMode);
    o.insert("stream"_L1, stream);
    o.insert("include_usage"_L1, includeUsage);
    if (!extra.isEmpty())
        o.insert("extra"_L1, extra);
    return o;
}

RequestOptions RequestOptions::fromJson(const QJsonObject& json, QString* error)
{
    RequestOptions r;
    QString problem;
    // The reasons are marked here and translated in fail(), in the context tr() uses.
    auto fail = [&problem](const QString& key, const char* what) {
        if (problem.isEmpty())
            problem = tr("request options, key \"%1\": %2").arg(key, tr(what));
    };
    for (auto it = json.begin(); it != json.end(); ++it) {
        const QString key = it.key();
        const QJsonValue v = it.value();
        if (key == "thinking"_L1) {
            v.isBool() ? void(r.thinking = v.toBool())
                       : fail(key, QT_TRANSLATE_NOOP("RequestOptions", "expected true or false"));
        } else if (key == "reasoning_effort"_L1) {
            v.isString() ? void(r.reasoningEffort = v.toString())
                         : fail(key, QT_TRANSLATE_NOOP("RequestOptions", "expected a string"));
        } else if (key == "temperature"_L1) {
            v.isDouble() ? void(r.temperature = v.toDouble())
                         : fail(key, QT_TRANSLATE_NOOP("RequestOptions", "expected a number"));
        } else if (key == "top_p"_L1) {
            v.isDouble() ? void(r.topP = v.toDouble())
                         : fail(key, QT_TRANSLATE_NOOP("RequestOptions", "expected a number"));
        } else if (key == "max_tokens"_L1) {
            const double d = v.toDouble(-1);
            if (v.isDouble() && d >= 1 && d <= 2147483647.0 && std::floor(d) == d)
                r.maxTokens = int(d);
            else
                fail(key, QT_TRANSLATE_NOOP("RequestOptions", "expected a positive integer"));
        } else if (key == "json_mode"_L1) {
            v.isBool() ? void(r.jsonMode = v.toBool())
                       : fail(key, QT_TRANSLATE_NOOP("RequestOptions", "expected true or false"));
        } else if (key == "stream"_L1) {
            v.isBool() ? void(r.stream = v.toBool())
                       : fail(key, QT_TRANSLATE_NOOP("RequestOptions", "expected true or false"));
        } else if (key == "include_usage"_L1) {
            v.isBool() ? void(r.includeUsage = v.toBool())
                       : fail(key, QT_TRANSLATE_NOOP("RequestOptions", "expected true or false"));
        } else if (key == "extra"_L1) {
            v.isObject() ? void(r.extra = v.toObject())
                         : fail(key, QT_TRANSLATE_NOOP("RequestOptions", "expected an object"));
        } else {
            fail(key, QT_TRANSLATE_NOOP("RequestOptions", "unknown key"));
        }
    }
    if (error)
        *error = problem;
    return problem.isEmpty() ? r : RequestOptions();
}

bool RequestOptions::operator==(const RequestOptions& o) const
{
    return thinking == o.thinking && reasoningEffort == o.reasoningEffort && temperature == o.temperature
        && topP == o.topP && maxTokens == o.maxTokens && jsonMode == o.jsonMode && stream == o.stream
        && includeUsage == o.includeUsage && extra == o.extra;
}

} // namespace tierlens
