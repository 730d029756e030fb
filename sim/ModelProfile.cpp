#include "ModelProfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

// Quality per category, seeded from the published figures in shared/reference/deepseek-v4.md:
// - easy, extraction: both models are near ceiling on simple tasks; Pro a hair better.
// - coding: LiveCodeBench pass@1 91.6 (Flash) vs 93.5 (Pro); SWE-bench Verified 79.0 vs 80.6: nearly equal.
// - reasoning: AA Intelligence Index 47 vs 52: a real but moderate Pro edge on hard reasoning.
// - factual: AA-Omniscience -23 vs -10: Pro hallucinates noticeably less on recall.
// - tool-use: GDPval-AA 1388 vs 1554 and Kilo FlowGraph 60 vs 77: the largest Pro edge (agents, tools).
// - long-context: same 1M window, Pro's larger active parameter count retrieves more reliably.
// - failure-prone: trick questions both get wrong most of the time; Pro slightly less often.
// - judge: how often a verdict between a right and a wrong answer comes out right; no published figure, so
//   the gap follows the factual and reasoning edges above.
// Speeds and TTFT are Artificial Analysis' first-party API figures (103 vs 29 tok/s, 1.1 vs 1.9 s);
// concurrency limits are DeepSeek's per-account figures (2500 / 500).
QHash<QString, double> flashQuality()
{
    return { { u"easy"_s, 0.97 },         { u"extraction"_s, 0.93 },    { u"coding"_s, 0.91 },
             { u"reasoning"_s, 0.82 },    { u"factual"_s, 0.72 },       { u"tool-use"_s, 0.78 },
             { u"long-context"_s, 0.80 }, { u"failure-prone"_s, 0.30 }, { u"general"_s, 0.90 },
             { u"judge"_s, 0.85 } };
}

QHash<QString, double> proQuality()
{
    return { { u"easy"_s, 0.98 },         { u"extraction"_s, 0.95 },    { u"coding"_s, 0.93 },
             { u"reasoning"_s, 0.89 },    { u"factual"_s, 0.84 },       { u"tool-use"_s, 0.92 },
             { u"long-context"_s, 0.91 }, { u"failure-prone"_s, 0.40 }, { u"general"_s, 0.93 },
             { u"judge"_s, 0.95 } };
}

QString applyOne(ModelProfile& p, const QJsonObject& o, const QString& where)
{
    struct Field
    {
        const char* key;
        double* target;
        double min;
    };
    const Field fields[] = { { "ttft_ms", &p.ttftMs, 0 },
                             { "tokens_per_second", &p.tokensPerSecond, 0.001 },
                             { "verbosity", &p.verbosity, 0 },
                             { "reasoning_tokens", &p.reasoningTokens, 0 },
                             { "error_rate", &p.errorRate, 0 },
                             { "queue_delay_ms", &p.queueDelayMs, 0 },
                             { "position_bias", &p.positionBias, 0 } };
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString key = it.key();
        bool known = false;
        for (const Field& f : fields) {
            if (key != QLatin1StringView(f.key))
                continue;
            known = true;
            if (!it->isDouble() || it->toDouble() < f.min)
                return ModelProfile::tr("%1: field \"%2\" must be a number >= %3").arg(where, key).arg(f.min);
            // Checked before assigning, so a rejected override leaves the profile as it was.
            if (key == "error_rate"_L1 && it->toDouble() > 1)
                return ModelProfile::tr("%1: field \"error_rate\" must be between 0 and 1").arg(where);
            if (key == "position_bias"_L1 && it->toDouble() > 1)
                return ModelProfile::tr("%1: field \"position_bias\" must be between 0 and 1").arg(where);
            *f.target = it->toDouble();
        }
        if (key == "fault"_L1) {
            known = true;
            if (!it->isString())
                return ModelProfile::tr("%1: field \"fault\" must be a string such as \"reset,rate=0.3\"").arg(where);
            SimFault fault;
            const QString error = SimFault::parse(it->toString(), &fault);
            if (!error.isEmpty())
                return ModelProfile::tr("%1: field \"fault\": %2").arg(where, error);
            p.fault = fault;
        } else if (key == "concurrency_limit"_L1) {
            known = true;
            if (!it->isDouble() || it->toDouble() < 1)
                return ModelProfile::tr("%1: field \"concurrency_limit\" must be an integer >= 1").arg(where);
            p.concurrencyLimit = it->toInt();
        } else if (key == "quality"_L1) {
            known = true;
            if (!it->isObject())
                return ModelProfile::tr("%1: field \"quality\" must be an object of category -> probability")
                    .arg(where);
            const QJsonObject q = it->toObject();
            for (auto qi = q.begin(); qi != q.end(); ++qi) {
                if (!qi->isDouble() || qi->toDouble() < 0 || qi->toDouble() > 1)
                    return ModelProfile::tr("%1: quality \"%2\" must be a probability between 0 and 1")
                        .arg(where, qi.key());
                if (qi.key() == "*"_L1) {
                    for (auto& value : p.quality)
                        value = qi->toDouble();
                    p.quality.insert(u"general"_s, qi->toDouble());
                } else {
                    p.quality.insert(qi.key(), qi->toDouble());
                }
            }
        }
        if (!known)
            return ModelProfile::tr("%1: unknown field \"%2\"").arg(where, key);
    }
    return {};
}

} // namespace

double ModelProfile::qualityFor(const QString& category) const
{
    auto it = quality.constFind(category);
    if (it != quality.constEnd())
        return *it;
    return quality.value(u"general"_s, 0.9);
}

QMap<QString, ModelProfile> builtinModelProfiles()
{
    ModelProfile flash;
    flash.name = u"deepseek-v4-flash"_s;
    flash.ttftMs = 1100;
    flash.tokensPerSecond = 103;
    flash.verbosity = 1.0;
    flash.reasoningTokens = 450;
    flash.concurrencyLimit = 2500;
    flash.quality = flashQuality();

    ModelProfile pro;
    pro.name = u"deepseek-v4-pro"_s;
    pro.ttftMs = 1900;
    pro.tokensPerSecond = 29;
    // Pro writes somewhat longer answers and thinks longer: part of why the AA suite costs it ~9.5x more
    // while its list price is ~12x; both numbers stay tunable through --profiles.
    pro.verbosity = 1.25;
    pro.reasoningTokens = 650;
    pro.concurrencyLimit = 500;
    pro.quality = proQuality();

    return { { flash.name, flash }, { pro.name, pro } };
}

std::optional<ModelRoute> resolveModel(const QString& id)
{
    const QString flash = u"deepseek-v4-flash"_s;
    const QString pro = u"deepseek-v4-pro"_s;
    if (id == flash || id == "deepseek-flash"_L1)
        return ModelRoute { flash, id, std::nullopt };
    if (id == "deepseek-chat"_L1)
        return ModelRoute { flash, id, false };
    if (id == "deepseek-reasoner"_L1)
        return ModelRoute { flash, id, true };
    if (id == pro)
        return ModelRoute { pro, id, std::nullopt };
    if (id == "deepseek/deepseek-v4-flash"_L1)
        return ModelRoute { flash, id, std::nullopt };
    if (id == "deepseek/deepseek-v4-pro"_L1)
        return ModelRoute { pro, id, std::nullopt };
    return std::nullopt;
}

QString applyProfileOverrides(QMap<QString, ModelProfile>& profiles, const QJsonObject& json, const QString& source)
{
    const QString origin = source.isEmpty() ? ModelProfile::tr("profiles") : source;
    for (auto it = json.begin(); it != json.end(); ++it) {
        const QString where = origin + u": "_s + it.key();
        if (!it->isObject())
            return ModelProfile::tr("%1: expected an object of profile fields").arg(where);
        if (it.key() == "*"_L1) {
            for (ModelProfile& p : profiles) {
                const QString error = applyOne(p, it->toObject(), where);
                if (!error.isEmpty())
                    return error;
            }
            continue;
        }
        const auto route = resolveModel(it.key());
        if (!route)
            return ModelProfile::tr("%1: unknown model").arg(where);
        const QString error = applyOne(profiles[route->profile], it->toObject(), where);
        if (!error.isEmpty())
            return error;
    }
    return {};
}

QString loadProfileFile(QMap<QString, ModelProfile>& profiles, const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ModelProfile::tr("%1: cannot read: %2").arg(path, file.errorString());
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return ModelProfile::tr("%1: invalid JSON at offset %2: %3")
            .arg(path)
            .arg(parseError.offset)
            .arg(parseError.errorString());
    if (!doc.isObject())
        return ModelProfile::tr("%1: expected a JSON object keyed by model id").arg(path);
    return applyProfileOverrides(profiles, doc.object(), path);
}

} // namespace tierlens
