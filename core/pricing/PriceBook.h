#pragma once
// One provider's prices over time, loaded from a validated price-book file; answers "what did this cost when".

#include "Cost.h"
#include "Prices.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QStringList>
#include <QVector>

#include <optional>

namespace tierlens {

// Price-book file format (JSON, UTF-8). Unknown keys anywhere are refused, so a typo cannot silently drop a price.
// {
//   "format": "tierlens-price-book",         required, exactly this
//   "format_version": 1,                     required, this build reads 1
//   "provider": "deepseek",                  required, what run configurations name (case-insensitive)
//   "version": "2026-08-16",                 required, recorded with every run billed by the book
//   "currency": "USD",                       required, only USD
//   "unit": "per_1m_tokens",                 required, only per_1m_tokens
//   "source": "...", "notes": "..." | ["...", ...],   optional
//   "models": [{                             required, at least one
//       "model": "deepseek-v4-flash",        required, the id sent in requests
//       "aliases": ["deepseek-chat"],        optional, other ids billed the same; unique across the book
//       "concurrency_limit": 2500,           optional, positive integer: in-flight requests per account
//       "context_window": 1048576,           optional, positive integer: tokens of prompt and answer together
//       "max_output_tokens": 393216,         optional, positive integer: tokens of one answer, reasoning included
//       "notes": "...",                      optional, string or array of strings
//       "periods": [{                        required, at least one; periods of one model must not overlap
//           "from": "2026-04-26T00:00:00Z" | null,   half-open [from, until) in UTC; null or absent: unbounded
//           "until": "2026-08-16T16:00:00Z" | null,
//           "input_cache_miss": 0.14, "input_cache_hit": 0.0028, "output": 0.28,   required, >= 0
//           "off_peak": {"input_cache_miss": .., "input_cache_hit": .., "output": ..},
//           "peak_windows": [{"days": ["mon", "tue", "wed", "thu", "fri"], "from": "01:00", "until": "04:00"}]
//       }]                                   off_peak and peak_windows come together: inside a window (UTC days
//   }]                                       and [from, until) times, "24:00" allowed as an end) the base prices
// }                                          apply, outside it the off_peak ones.
class PriceBook
{
    Q_DECLARE_TR_FUNCTIONS(PriceBook)

public:
    struct PeakWindow
    {
        int daysMask = 0; // bit (dayOfWeek - 1): Monday is bit 0
        int fromMinute = 0; // minutes after 00:00 UTC, inclusive
        int untilMinute = 0; // exclusive; 1440 for "24:00"
    };
    struct Period
    {
        QDateTime from; // invalid: since forever
        QDateTime until; // invalid: until further notice
        Prices base;
        std::optional<Prices> offPeak;
        QVector<PeakWindow> peakWindows;

        bool contains(const QDateTime& utc) const;
    };
    struct Model
    {
        QString id;
        QStringList aliases;
        std::optional<int> concurrencyLimit;
        std::optional<qint64> contextWindow;
        std::optional<qint64> maxOutputTokens;
        QVector<Period> periods;
    };

    PriceBook() = default;

    // Errors read "deepseek.json: models[1].periods[0].until: not an ISO-8601 UTC time".
    static std::optional<PriceBook> load(const QString& path, QString* error);
    static std::optional<PriceBook> fromJson(const QByteArray& json, const QString& sourceName, QString* error);

    // The model is found by exact id, by alias, or with a "provider/" prefix stripped from either side
    // ("deepseek/deepseek-v4-pro" finds "deepseek-v4-pro"), case-insensitively. nullopt when the model is not
    // in the book or no period covers the time.
    std::optional<Prices> pricesAt(const QString& modelId, const QDateTime& utc) const;
    std::optional<int> concurrencyLimit(const QString& modelId) const;
    // The most tokens one call of the model can report (context window plus maximum output, each when the book
    // gives it); nullopt when the book knows neither.
    std::optional<qint64> maxUsageTokens(const QString& modelId) const;
    const Model* findModel(const QString& modelId) const;

    QString provider() const { return m_provider; }
    QString version() const { return m_version; }
    QString currency() const { return m_currency; }
    QString source() const { return m_source; }
    QStringList notes() const { return m_notes; }
    const QVector<Model>& models() const { return m_models; }

    // The validated document with sorted keys and no whitespace: stable bytes for a run's snapshot, which
    // fromJson() reads back into the same book.
    QByteArray canonicalJson() const;

private:
    friend class PriceBookParser;

    QString m_provider;
    QString m_version;
    QString m_currency;
    QString m_source;
    QStringList m_notes;
    QVector<Model> m_models;
    QJsonObject m_document;
};

} // namespace tierlens
