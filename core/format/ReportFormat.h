#pragma once
// The spellings every report output shares: UTC timestamps, shortest round-trip numbers, unknown as null or "n/a".

#include <QDateTime>
#include <QJsonValue>
#include <QLocale>
#include <QString>

#include <optional>

namespace tierlens {

class ReportFormat
{
public:
    // ISO-8601 UTC with milliseconds and a trailing Z; empty for an invalid time.
    static QString isoUtc(const QDateTime& t);
    static QJsonValue timeJson(const QDateTime& t);

    // The shortest text that reads back as the same double; CSV and JSONL then agree digit for digit.
    static QString number(double v);
    static QString number(qint64 v) { return QString::number(v); }

    template <typename T> static QJsonValue json(const std::optional<T>& v)
    {
        return v ? QJsonValue(double(*v)) : QJsonValue(QJsonValue::Null);
    }
    template <typename T> static QString text(const std::optional<T>& v) { return v ? number(*v) : QString(); }
    // For people: fixed decimals, and "n/a" (translated) where the value is unknown.
    static QString fixed(const std::optional<double>& v, int decimals);
    static QString count(const std::optional<qint64>& v);
    static QString notAvailable();
    // For people, in their locale: a share as "12.5%", an amount in US dollars with six decimals below a cent.
    static QString percent(double share);
    static QString usd(double amount, const QLocale& locale = QLocale());
    // The same, or "unknown" (translated) when nothing priced it. A machine reads QLocale::c()'s spelling.
    static QString usd(const std::optional<double>& amount, const QLocale& locale = QLocale());
};

} // namespace tierlens
