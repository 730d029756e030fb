#include "PriceBook.h"
#include "util/GuardedFiles.h"

#include "PriceBookParser.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

QString withoutProviderPrefix(const QString& id)
{
    const qsizetype slash = id.indexOf(u'/');
    return slash < 0 ? id : id.mid(slash + 1);
}

} // namespace

bool PriceBook::Period::contains(const QDateTime& utc) const
{
    return (!from.isValid() || utc >= from) && (!until.isValid() || utc < until);
}

std::optional<PriceBook> PriceBook::load(const QString& path, QString* error)
{
    if (const QString refusal = GuardedFiles::refusal(path); !refusal.isEmpty()) {
        if (error)
            *error = refusal;
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("%1: cannot open the file: %2").arg(QFileInfo(path).fileName(), file.errorString());
        return std::nullopt;
    }
    return fromJson(file.readAll(), QFileInfo(path).fileName(), error);
}

std::optional<PriceBook> PriceBook::fromJson(const QByteArray& json, const QString& sourceName, QString* error)
{
    PriceBook book;
    PriceBookParser parser(sourceName);
    if (!parser.parse(json, &book)) {
        if (error)
            *error = parser.error();
        return std::nullopt;
    }
    return book;
}

const PriceBook::Model* PriceBook::findModel(const QString& modelId) const
{
    const QString wanted = modelId.trimmed();
    for (const Model& m : m_models) {
        if (m.id.compare(wanted, Qt::CaseInsensitive) == 0 || m.aliases.contains(wanted, Qt::CaseInsensitive))
            return &m;
    }
    // Routers name models "vendor/model"; the same model may be billed by a book that uses the bare id.
    const QString bare = withoutProviderPrefix(wanted);
    for (const Model& m : m_models) {
        if (withoutProviderPrefix(m.id).compare(bare, Qt::CaseInsensitive) == 0)
            return &m;
        for (const QString& alias : m.aliases) {
            if (withoutProviderPrefix(alias).compare(bare, Qt::CaseInsensitive) == 0)
                return &m;
        }
    }
    return nullptr;
}

std::optional<Prices> PriceBook::pricesAt(const QString& modelId, const QDateTime& utc) const
{
    const Model* model = findModel(modelId);
    if (!model || !utc.isValid())
        return std::nullopt;
    const QDateTime t = utc.toUTC();
    for (const Period& period : model->periods) {
        if (!period.contains(t))
            continue;
        if (period.peakWindows.isEmpty() || !period.offPeak)
            return period.base;
        const int dayBit = 1 << (t.date().dayOfWeek() - 1);
        const int minute = t.time().hour() * 60 + t.time().minute();
        for (const PeakWindow& w : period.peakWindows) {
            if ((w.daysMask & dayBit) && minute >= w.fromMinute && minute < w.untilMinute)
                return period.base;
        }
        return *period.offPeak;
    }
    return std::nullopt;
}

std::optional<int> PriceBook::concurrencyLimit(const QString& modelId) const
{
    const Model* model = findModel(modelId);
    return model ? model->concurrencyLimit : std::nullopt;
}

std::optional<qint64> PriceBook::maxUsageTokens(const QString& modelId) const
{
    const Model* model = findModel(modelId);
    if (!model || (!model->contextWindow && !model->maxOutputTokens))
        return std::nullopt;
    return model->contextWindow.value_or(0) + model->maxOutputTokens.value_or(0);
}

QByteArray PriceBook::canonicalJson() const
{
    return QJsonDocument(m_document).toJson(QJsonDocument::Compact);
}

} // namespace tierlens
