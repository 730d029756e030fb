#pragma once
// A small policy file written out by hand, for the analysis tests: two models, three routed categories.

#include <QJsonArray>
#include <QJsonObject>

namespace tierlens::testing {

inline QJsonObject evidenceJsonV1(qint64 n, qint64 passed, double costPerItem)
{
    return QJsonObject { { QStringLiteral("n"), n },
                         { QStringLiteral("passed"), passed },
                         { QStringLiteral("pass_rate"), double(passed) / double(n) },
                         { QStringLiteral("pass_rate_low"), 0.5 },
                         { QStringLiteral("pass_rate_high"), 1.0 },
                         { QStringLiteral("cost_per_item_usd"), costPerItem },
                         { QStringLiteral("cost_per_success_usd"), costPerItem * double(n) / double(passed) } };
}

inline QJsonObject routeJsonV1(const QString& category, const QString& model, const QString& decision,
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

// A policy file as Tierlens before the named rules wrote it (schema version 1), read back by conversion.
// chat -> flash, code -> pro, extract -> flash; default flash, safer pro; all four escalation rules.
inline QJsonObject policyDocV1()
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
          QJsonArray { routeJsonV1(QStringLiteral("chat"), QStringLiteral("flash"),
                                   QStringLiteral("cheapest_within_tolerance"),
                                   QJsonObject { { QStringLiteral("flash"), evidenceJsonV1(40, 38, 0.001) },
                                                 { QStringLiteral("pro"), evidenceJsonV1(40, 39, 0.004) } }),
                       routeJsonV1(QStringLiteral("code"), QStringLiteral("pro"), QStringLiteral("best_quality"),
                                   QJsonObject { { QStringLiteral("flash"), evidenceJsonV1(40, 20, 0.002) },
                                                 { QStringLiteral("pro"), evidenceJsonV1(40, 36, 0.008) } }),
                       routeJsonV1(QStringLiteral("extract"), QStringLiteral("flash"),
                                   QStringLiteral("cheapest_within_tolerance"),
                                   QJsonObject { { QStringLiteral("flash"), evidenceJsonV1(40, 40, 0.001) },
                                                 { QStringLiteral("pro"), evidenceJsonV1(40, 40, 0.003) } }) } },
        { QStringLiteral("escalation"), escalation },
    };
}

inline QJsonObject intervalJson(double estimate, double low, double high, qint64 prompts)
{
    return QJsonObject { { QStringLiteral("estimate"), estimate },
                         { QStringLiteral("low"), low },
                         { QStringLiteral("high"), high },
                         { QStringLiteral("prompts"), prompts } };
}

inline QJsonObject evidenceJson(qint64 prompts, qint64 passed, double costPerItem)
{
    return QJsonObject { { QStringLiteral("prompts"), prompts },
                         { QStringLiteral("items"), prompts * 2 },
                         { QStringLiteral("passed"), passed * 2 },
                         { QStringLiteral("pass_rate"),
                           intervalJson(double(passed) / double(prompts), 0.5, 1.0, prompts) },
                         { QStringLiteral("cost_per_item_usd"), costPerItem },
                         { QStringLiteral("cost_per_success_usd"), costPerItem * double(prompts) / double(passed) } };
}

inline QJsonObject routeJson(const QString& category, const QString& model, const QString& decision,
                             const QJsonObject& evidence, bool decided = true)
{
    const QString other = model == QStringLiteral("flash") ? QStringLiteral("pro") : QStringLiteral("flash");
    return QJsonObject {
        { QStringLiteral("category"), category },
        { QStringLiteral("model"), model },
        { QStringLiteral("model_id"),
          model == QStringLiteral("flash") ? QStringLiteral("deepseek-v4-flash") : QStringLiteral("deepseek-v4-pro") },
        { QStringLiteral("decision"), decision },
        { QStringLiteral("decided"), decided },
        { QStringLiteral("override"), decision == QStringLiteral("override") },
        { QStringLiteral("extra_prompts_needed"), decided ? QJsonValue() : QJsonValue(25) },
        { QStringLiteral("reason"), QStringLiteral("by hand") },
        { QStringLiteral("versus"), other },
        { QStringLiteral("quality_difference"), intervalJson(-0.025, -0.09, 0.04, 40) },
        { QStringLiteral("saving_per_request_usd"), model == QStringLiteral("flash") ? 0.003 : -0.006 },
        { QStringLiteral("evidence"), evidence }
    };
}

// Schema version 2, cheaper-unless-worse: chat -> flash, code -> pro, extract -> flash (undecided); default flash;
// ladder flash < pro; all four escalation rules.
inline QJsonObject policyDoc()
{
    QJsonArray escalation;
    for (const char* when : { "invalid_json", "invalid_tool_call", "assertion_failed", "final_error" }) {
        escalation.append(QJsonObject { { QStringLiteral("when"), QString::fromLatin1(when) },
                                        { QStringLiteral("action"), QStringLiteral("retry_on_next_model") } });
    }
    return QJsonObject {
        { QStringLiteral("schema_version"), 2 },
        { QStringLiteral("created_at"), QStringLiteral("2026-11-23T10:00:00.000Z") },
        { QStringLiteral("source_runs"),
          QJsonArray { QJsonObject { { QStringLiteral("run_id"), 7 },
                                     { QStringLiteral("prompt_set"), QStringLiteral("sample") },
                                     { QStringLiteral("prompt_set_sha256"), QStringLiteral("abc123") } } } },
        { QStringLiteral("price_book"), QStringLiteral("deepseek@2026-11") },
        { QStringLiteral("settings"),
          QJsonObject {
              { QStringLiteral("rule"), QStringLiteral("cheaper-unless-worse") },
              { QStringLiteral("tolerance"), 0.05 },
              { QStringLiteral("confidence"), 0.95 },
              { QStringLiteral("look"), 1 },
              { QStringLiteral("confidence_at_this_look"), 0.975 },
              { QStringLiteral("min_prompts"), 30 },
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
        { QStringLiteral("ladder"), QJsonArray { QStringLiteral("flash"), QStringLiteral("pro") } },
        { QStringLiteral("default_model"), QStringLiteral("flash") },
        { QStringLiteral("default_reason"), QStringLiteral("no pricier model is shown better") },
        { QStringLiteral("routes"),
          QJsonArray {
              routeJson(QStringLiteral("chat"), QStringLiteral("flash"), QStringLiteral("cheaper_not_shown_worse"),
                        QJsonObject { { QStringLiteral("flash"), evidenceJson(40, 38, 0.001) },
                                      { QStringLiteral("pro"), evidenceJson(40, 39, 0.004) } }),
              routeJson(QStringLiteral("code"), QStringLiteral("pro"), QStringLiteral("pricier_shown_better"),
                        QJsonObject { { QStringLiteral("flash"), evidenceJson(40, 20, 0.002) },
                                      { QStringLiteral("pro"), evidenceJson(40, 36, 0.008) } }),
              routeJson(QStringLiteral("extract"), QStringLiteral("flash"), QStringLiteral("cheaper_not_shown_worse"),
                        QJsonObject { { QStringLiteral("flash"), evidenceJson(40, 40, 0.001) },
                                      { QStringLiteral("pro"), evidenceJson(40, 40, 0.003) } },
                        false) } },
        { QStringLiteral("escalation"), escalation },
    };
}

} // namespace tierlens::testing
