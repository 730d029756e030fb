#pragma once
// A small policy file written out by hand, for the analysis tests: two models, three routed categories.

#include <QJsonArray>
#include <QJsonObject>

namespace tierlens::testing {

inline QJsonObject evidenceJson(qint64 n, qint64 passed, double costPerItem)
{
    return QJsonObject { { QStringLiteral("n"), n },
                         { QStringLiteral("passed"), passed },
                         { QStringLiteral("pass_rate"), double(passed) / double(n) },
                         { QStringLiteral("pass_rate_low"), 0.5 },
                         { QStringLiteral("pass_rate_high"), 1.0 },
                         { QStringLiteral("cost_per_item_usd"), costPerItem },
                         { QStringLiteral("cost_per_success_usd"), costPerItem * double(n) / double(passed) } };
}

inline QJsonObject routeJson(const QString& category, const QString& model, const QString& decision,
                             const QJsonObject& evidence)
{
    return QJsonObject { { QStringLiteral("category"), category },
                         { QStringLiteral("model"), model },
                         { QStringLiteral("model_id"),
                           model == QStringLiteral("flash") ? QStringLiteral("deepseek-v4-flash")
                                                            : QStringLiteral("deepseek-v4-pro") },
                         { QStringLiteral("decision"), decision },
                         { QStringLiteral("override"), decision == QStringLiteral("override") },
                         { QStringLiteral("extra_samples_needed"), 0 },
                         { QStringLiteral("reason"), QStringLiteral("by hand") },
                         { QStringLiteral("evidence"), evidence } };
}

// chat -> flash, code -> pro, extract -> flash; default flash, safer pro; all four escalation rules.
inline QJsonObject policyDoc()
{
    QJsonArray escalation;
    for (const char* when : { "invalid_json", "invalid_tool_call", "assertion_failed", "final_error" }) {
        escalation.append(QJsonObject { { QStringLiteral("when"), QString::fromLatin1(when) },
                                        { QStringLiteral("action"), QStringLiteral("retry_on_other_model") } });
    }
    return QJsonObject {
        { QStringLiteral("schema_version"), 1 },
        { QStringLiteral("created_at"), QStringLiteral("2026-11-23T10:00:00.000Z") },
        { QStringLiteral("source_runs"),
          QJsonArray { QJsonObject { { QStringLiteral("run_id"), 7 },
                                     { QStringLiteral("prompt_set"), QStringLiteral("sample") },
                                     { QStringLiteral("prompt_set_sha256"), QStringLiteral("abc123") } } } },
        { QStringLiteral("price_book"), QStringLiteral("deepseek@2026-11") },
        { QStringLiteral("settings"),
          QJsonObject {
              { QStringLiteral("tolerance"), 0.05 },
              { QStringLiteral("confidence"), 0.95 },
              { QStringLiteral("min_samples"), 30 },
              { QStringLiteral("quality_precedence"),
                QJsonArray { QStringLiteral("human"), QStringLiteral("assertions"), QStringLiteral("judge") } } } },
        { QStringLiteral("models"),
          QJsonObject { { QStringLiteral("flash"),
                          QJsonObject { { QStringLiteral("model_id"), QStringLiteral("deepseek-v4-flash") },
                                        { QStringLiteral("base_url"), QStringLiteral("https://api.deepseek.com") },
                                        { QStringLiteral("provider"), QStringLiteral("deepseek") },
                                        { QStringLiteral("api_key_env"), QStringLiteral("DEEPSEEK_API_KEY") } } },
                        { QStringLiteral("pro"),
                          QJsonObject { { QStringLiteral("model_id"), QStringLiteral("deepseek-v4-pro") },
                                        { QStringLiteral("base_url"),
                                          QStringLiteral("http://127.0.0.1:8080/v1/chat/completions") },
                                        { QStringLiteral("provider"), QStringLiteral("deepseek") },
                                        { QStringLiteral("api_key_env"), QStringLiteral("PRO_KEY") } } } } },
        { QStringLiteral("default_model"), QStringLiteral("flash") },
        { QStringLiteral("safer_model"), QStringLiteral("pro") },
        { QStringLiteral("routes"),
          QJsonArray {
              routeJson(QStringLiteral("chat"), QStringLiteral("flash"), QStringLiteral("cheapest_within_tolerance"),
                        QJsonObject { { QStringLiteral("flash"), evidenceJson(40, 38, 0.001) },
                                      { QStringLiteral("pro"), evidenceJson(40, 39, 0.004) } }),
              routeJson(QStringLiteral("code"), QStringLiteral("pro"), QStringLiteral("best_quality"),
                        QJsonObject { { QStringLiteral("flash"), evidenceJson(40, 20, 0.002) },
                                      { QStringLiteral("pro"), evidenceJson(40, 36, 0.008) } }),
              routeJson(QStringLiteral("extract"), QStringLiteral("flash"), QStringLiteral("cheapest_within_tolerance"),
                        QJsonObject { { QStringLiteral("flash"), evidenceJson(40, 40, 0.001) },
                                      { QStringLiteral("pro"), evidenceJson(40, 40, 0.003) } }) } },
        { QStringLiteral("escalation"), escalation },
    };
}

} // namespace tierlens::testing
