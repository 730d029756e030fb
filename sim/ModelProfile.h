#pragma once
// How one simulated model behaves: latency, speed, verbosity, limits, failure rates and answer quality.

#include "SimFault.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QString>

#include <optional>

namespace tierlens {

struct ModelProfile
{
    Q_DECLARE_TR_FUNCTIONS(ModelProfile)

public:
    QString name; // canonical model id, e.g. deepseek-v4-flash
    double ttftMs = 1000; // time to first token before time scaling
    double tokensPerSecond = 100; // output speed after the first token
    double verbosity = 1.0; // answer length factor
    double reasoningTokens = 500; // mean reasoning tokens in thinking mode (reasoning_effort high)
    int concurrencyLimit = 1000; // requests in progress before 429
    double errorRate = 0; // fraction of requests that fail on purpose
    double queueDelayMs = 0; // wait before a request starts, with keep-alives meanwhile
    SimFault fault; // a fault mode on top of errorRate: storms, resets, cut or malformed streams, slow answers
    // As a judge: how often it prefers Answer A when neither answer is clearly better (LLM judges' known habit).
    double positionBias = 0.3;
    QHash<QString, double> quality; // category -> probability of a correct answer

    double qualityFor(const QString& category) const;
};

// What a model id in a request means: which profile answers, what the response echoes, forced thinking mode.
struct ModelRoute
{
    QString profile;
    QString reportedModel;
    std::optional<bool> thinking; // set by the legacy aliases deepseek-chat / deepseek-reasoner
};

QMap<QString, ModelProfile> builtinModelProfiles();
std::optional<ModelRoute> resolveModel(const QString& id);

// Merges {"model-id": {"ttft_ms": ..., "quality": {"coding": 0.9}, "fault": "reset,rate=0.3"}, ...} into
// profiles; a key "*" applies to all.
// Returns an empty string on success, otherwise what is wrong and where.
QString applyProfileOverrides(QMap<QString, ModelProfile>& profiles, const QJsonObject& json,
                              const QString& source = QString());
QString loadProfileFile(QMap<QString, ModelProfile>& profiles, const QString& path);

} // namespace tierlens
