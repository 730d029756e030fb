#pragma once
// The per-model request options of a run, and their snapshot format (plain JSON keys).

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace tierlens {

struct RequestOptions
{
    Q_DECLARE_TR_FUNCTIONS(RequestOptions)

public:
    std::optional<bool> thinking; // unset: the server's default (enabled on DeepSeek V4)
    QString reasoningEffort; // empty: not sent
    std::optional<double> temperature;
    std::optional<double> topP;
    std::optional<int> maxTokens;
    bool jsonMode = false;
    bool stream = true;
    bool includeUsage = true;
    QJsonObject extra; // wire fields sent as they are, after the ones above

    // Keys: thinking, reasoning_effort, temperature, top_p, max_tokens, json_mode, stream, include_usage,
    // extra. Unset optionals are left out.
    QJsonObject toJson() const;
    // Unknown keys and wrong types are errors (a typo in a snapshot must not silently change a run); on error
    // *error says which key and why and the defaults are returned.
    static RequestOptions fromJson(const QJsonObject& json, QString* error);

    bool operator==(const RequestOptions& other) const;
    bool operator!=(const RequestOptions& other) const { return !(*this == other); }
};

} // namespace tierlens
