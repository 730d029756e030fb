#pragma once
// Validates a price-book document and fills a PriceBook, naming the JSON path of the first problem.

#include "PriceBook.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

#include <initializer_list>

namespace tierlens {

class PriceBookParser
{
    Q_DECLARE_TR_FUNCTIONS(PriceBookParser)

public:
    explicit PriceBookParser(QString sourceName)
        : m_source(std::move(sourceName))
    { }

    bool parse(const QByteArray& json, PriceBook* book);
    // "deepseek.json: models[1].periods[0].until: not an ISO-8601 UTC time"
    QString error() const { return m_error; }

private:
    bool fail(const QString& path, const QString& message);
    bool checkKeys(const QJsonObject& object, const QString& path, std::initializer_list<const char16_t*> allowed);
    bool readString(const QJsonObject& object, const QString& key, const QString& path, bool required, QString* out);
    bool readNotes(const QJsonObject& object, const QString& path, QStringList* out);
    bool readPrice(const QJsonObject& object, const QString& key, const QString& path, double* out);
    bool readPrices(const QJsonObject& object, const QString& path, Prices* out);
    bool readTime(const QJsonObject& object, const QString& key, const QString& path, QDateTime* out);
    bool readWindow(const QJsonValue& value, const QString& path, PriceBook::PeakWindow* out);
    bool readPeriod(const QJsonValue& value, const QString& path, PriceBook::Period* out);
    bool readModel(const QJsonValue& value, const QString& path, PriceBook::Model* out);

    static QString join(const QString& path, const QString& key);
    static QString index(const QString& path, qsizetype i);

    QString m_source;
    QString m_error;
};

} // namespace tierlens
