#include "PriceBookParser.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {
constexpr int kFormatVersion = 1;
constexpr int kMinutesPerDay = 24 * 60;
const char16_t* const kDays[] = { u"mon", u"tue", u"wed", u"thu", u"fri", u"sat", u"sun" };
} // namespace

QString PriceBookParser::join(const QString& path, const QString& key)
{
    return path.isEmpty() ? key : path + u'.' + key;
}

QString PriceBookParser::index(const QString& path, qsizetype i)
{
    return path + u'[' + QString::number(i) + u']';
}

bool PriceBookParser::fail(const QString& path, const QString& message)
{
    m_error = m_source + u": "_s;
    if (!path.isEmpty())
        m_error += path + u": "_s;
    m_error += message;
    return false;
}

bool PriceBookParser::checkKeys(const QJsonObject& object, const QString& path,
                                std::initializer_list<const char16_t*> allowed)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        bool known = false;
        for (const char16_t* key : allowed)
            known = known || it.key() == QStringView(key);
        if (!known)
            return fail(join(path, it.key()), tr("unknown key"));
    }
    return true;
}

bool PriceBookParser::readString(const QJsonObject& object, const QString& key, const QString& path, bool required,
                                 QString* out)
{
    const QJsonValue v = object.value(key);
    if (v.isUndefined() && !required)
        return true;
    if (v.isUndefined())
        return fail(join(path, key), tr("missing"));
    if (!v.isString() || v.toString().trimmed().isEmpty())
        return fail(join(path, key), tr("expected a non-empty string"));
    *out = v.toString();
    return true;
}

bool PriceBookParser::readNotes(const QJsonObject& object, const QString& path, QStringList* out)
{
    const QJsonValue v = object.value(u"notes"_s);
    if (v.isUndefined())
        return true;
    if (v.isString()) {
        *out = QStringList { v.toString() };
        return true;
    }
    const QJsonArray array = v.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isString())
            return fail(index(join(path, u"notes"_s), i), tr("expected a string"));
        out->append(array.at(i).toString());
    }
    if (!v.isArray())
        return fail(join(path, u"notes"_s), tr("expected a string or an array of strings"));
    return true;
}

bool PriceBookParser::readPrice(const QJsonObject& object, const QString& key, const QString& path, double* out)
{
    const QJsonValue v = object.value(key);
    if (v.isUndefined())
        return fail(join(path, key), tr("missing"));
    if (!v.isDouble() || !std::isfinite(v.toDouble()))
        return fail(join(path, key), tr("expected a number (USD per 1M tokens)"));
    if (v.toDouble() < 0)
        return fail(join(path, key), tr("negative price"));
    *out = v.toDouble();
    return true;
}

bool PriceBookParser::readPrices(const QJsonObject& object, const QString& path, Prices* out)
{
    return readPrice(object, u"input_cache_miss"_s, path, &out->inputCacheMiss)
        && readPrice(object, u"input_cache_hit"_s, path, &out->inputCacheHit)
        && readPrice(object, u"output"_s, path, &out->output);
}

bool PriceBookParser::readTime(const QJsonObject& object, const QString& key, const QString& path, QDateTime* out)
{
    const QJsonValue v = object.value(key);
    if (v.isUndefined() || v.isNull())
        return true;
    // UTC only, spelled with Z: a local offset in a shared file is how prices end up an hour off.
    static const QRegularExpression re(u"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?Z$"_s);
    const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    if (!v.isString() || !re.match(v.toString()).hasMatch() || !t.isValid())
        return fail(join(path, key), tr("not an ISO-8601 UTC time"));
    *out = t.toUTC();
    return true;
}

bool PriceBookParser::readWindow(const QJsonValue& value, const QString& path, PriceBook::PeakWindow* out)
{
    const QJsonObject o = value.toObject();
    if (!value.isObject())
        return fail(path, tr("expected an object with \"days\", \"from\" and \"until\""));
    if (!checkKeys(o, path, { u"days", u"from", u"until" }))
        return false;
    const QJsonArray days = o.value(u"days"_s).toArray();
    if (!o.value(u"days"_s).isArray() || days.isEmpty())
        return fail(join(path, u"days"_s), tr("expected a non-empty array of mon, tue, wed, thu, fri, sat, sun"));
    for (qsizetype i = 0; i < days.size(); ++i) {
        int bit = -1;
        for (int d = 0; d < 7; ++d) {
            if (days.at(i).toString() == QStringView(kDays[d]))
                bit = d;
        }
        if (bit < 0)
            return fail(index(join(path, u"days"_s), i), tr("expected one of mon, tue, wed, thu, fri, sat, sun"));
        if (out->daysMask & (1 << bit))
            return fail(index(join(path, u"days"_s), i), tr("day given twice"));
        out->daysMask |= 1 << bit;
    }
    static const QRegularExpression re(u"^([01]\\d|2[0-4]):([0-5]\\d)$"_s);
    int* minutes[] = { &out->fromMinute, &out->untilMinute };
    const QString keys[] = { u"from"_s, u"until"_s };
    for (int k = 0; k < 2; ++k) {
        const QRegularExpressionMatch m = re.match(o.value(keys[k]).toString());
        const int value = m.hasMatch() ? m.captured(1).toInt() * 60 + m.captured(2).toInt() : -1;
        if (value < 0 || value > kMinutesPerDay)
            return fail(join(path, keys[k]), tr("expected a UTC time of day from \"00:00\" to \"24:00\""));
        *minutes[k] = value;
    }
    if (out->fromMinute >= out->untilMinute)
        return fail(join(path, u"until"_s), tr("must be after \"from\" (split a window that crosses midnight)"));
    return true;
}

bool PriceBookParser::readPeriod(const QJsonValue& value, const QString& path, PriceBook::Period* out)
{
    const QJsonObject o = value.toObject();
    if (!value.isObject())
        return fail(path, tr("expected an object"));
    if (!checkKeys(
            o, path,
            { u"from", u"until", u"input_cache_miss", u"input_cache_hit", u"output", u"off_peak", u"peak_windows" }))
        return false;
    if (!readTime(o, u"from"_s, path, &out->from) || !readTime(o, u"until"_s, path, &out->until))
        return false;
    if (out->from.isValid() && out->until.isValid() && out->until <= out->from)
        return fail(join(path, u"until"_s), tr("must be after \"from\""));
    if (!readPrices(o, path, &out->base))
        return false;

    const bool hasOffPeak = o.contains(u"off_peak"_s);
    const bool hasWindows = o.contains(u"peak_windows"_s);
    if (hasOffPeak != hasWindows) {
        return fail(join(path, hasOffPeak ? u"off_peak"_s : u"peak_windows"_s),
                    tr("\"off_peak\" and \"peak_windows\" must be given together"));
    }
    if (!hasOffPeak)
        return true;
    const QString offPath = join(path, u"off_peak"_s);
    if (!o.value(u"off_peak"_s).isObject())
        return fail(offPath, tr("expected an object with input_cache_miss, input_cache_hit and output"));
    const QJsonObject off = o.value(u"off_peak"_s).toObject();
    Prices offPeak;
    offPeak.offPeak = true;
    if (!checkKeys(off, offPath, { u"input_cache_miss", u"input_cache_hit", u"output" })
        || !readPrices(off, offPath, &offPeak))
        return false;
    out->offPeak = offPeak;

    const QString windowsPath = join(path, u"peak_windows"_s);
    const QJsonArray windows = o.value(u"peak_windows"_s).toArray();
    if (!o.value(u"peak_windows"_s).isArray() || windows.isEmpty())
        return fail(windowsPath, tr("expected a non-empty array of {days, from, until} objects"));
    for (qsizetype i = 0; i < windows.size(); ++i) {
        PriceBook::PeakWindow window;
        if (!readWindow(windows.at(i), index(windowsPath, i), &window))
            return false;
        out->peakWindows.append(window);
    }
    return true;
}

bool PriceBookParser::readModel(const QJsonValue& value, const QString& path, PriceBook::Model* out)
{
    const QJsonObject o = value.toObject();
    if (!value.isObject())
        return fail(path, tr("expected an object"));
    if (!checkKeys(o, path,
                   { u"model", u"aliases", u"concurrency_limit", u"context_window", u"max_output_tokens", u"notes",
                     u"periods" }))
        return false;
    if (!readString(o, u"model"_s, path, true, &out->id))
        return false;
    QStringList notes;
    if (!readNotes(o, path, &notes))
        return false;

    const QJsonValue aliases = o.value(u"aliases"_s);
    if (!aliases.isUndefined() && !aliases.isArray())
        return fail(join(path, u"aliases"_s), tr("expected an array of strings"));
    const QJsonArray aliasArray = aliases.toArray();
    for (qsizetype i = 0; i < aliasArray.size(); ++i) {
        if (!aliasArray.at(i).isString() || aliasArray.at(i).toString().trimmed().isEmpty())
            return fail(index(join(path, u"aliases"_s), i), tr("expected a non-empty string"));
        out->aliases.append(aliasArray.at(i).toString());
    }

    const QJsonValue limit = o.value(u"concurrency_limit"_s);
    if (!limit.isUndefined()) {
        const double d = limit.toDouble();
        if (!limit.isDouble() || d < 1 || d > 1e9 || std::floor(d) != d)
            return fail(join(path, u"concurrency_limit"_s), tr("expected a positive integer"));
        out->concurrencyLimit = int(d);
    }
    for (const auto& [key, field] : { std::pair { u"context_window"_s, &out->contextWindow },
                                      std::pair { u"max_output_tokens"_s, &out->maxOutputTokens } }) {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            continue;
        const double d = v.toDouble();
        if (!v.isDouble() || d < 1 || d > 1e12 || std::floor(d) != d)
            return fail(join(path, key), tr("expected a positive integer (tokens)"));
        *field = qint64(d);
    }

    const QString periodsPath = join(path, u"periods"_s);
    const QJsonArray periods = o.value(u"periods"_s).toArray();
    if (!o.contains(u"periods"_s))
        return fail(periodsPath, tr("missing"));
    if (!o.value(u"periods"_s).isArray() || periods.isEmpty())
        return fail(periodsPath, tr("expected a non-empty array of periods"));
    for (qsizetype i = 0; i < periods.size(); ++i) {
        PriceBook::Period period;
        if (!readPeriod(periods.at(i), index(periodsPath, i), &period))
            return false;
        for (qsizetype j = 0; j < out->periods.size(); ++j) {
            const PriceBook::Period& other = out->periods.at(j);
            const bool startsBeforeOtherEnds
                = !period.from.isValid() || !other.until.isValid() || period.from < other.until;
            const bool endsAfterOtherStarts
                = !period.until.isValid() || !other.from.isValid() || period.until > other.from;
            if (startsBeforeOtherEnds && endsAfterOtherStarts)
                return fail(index(periodsPath, i), tr("overlaps periods[%1]").arg(j));
        }
        out->periods.append(period);
    }
    return true;
}

bool PriceBookParser::parse(const QByteArray& json, PriceBook* book)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const QByteArray before = json.left(parseError.offset);
        const qsizetype line = before.count('\n') + 1;
        // Qt reports the offset just past the offending character.
        const qsizetype column
            = std::max<qsizetype>(1, QString::fromUtf8(before.mid(before.lastIndexOf('\n') + 1)).size());
        return fail({},
                    tr("invalid JSON at line %1, column %2: %3").arg(line).arg(column).arg(parseError.errorString()));
    }
    if (!doc.isObject())
        return fail({}, tr("expected a JSON object"));
    const QJsonObject o = doc.object();
    if (!checkKeys(o, {},
                   { u"format", u"format_version", u"provider", u"version", u"currency", u"unit", u"source", u"notes",
                     u"models" }))
        return false;
    if (o.value(u"format"_s).toString() != u"tierlens-price-book")
        return fail(u"format"_s, tr("expected \"tierlens-price-book\""));
    const QJsonValue formatVersion = o.value(u"format_version"_s);
    if (!formatVersion.isDouble())
        return fail(u"format_version"_s, tr("expected a number"));
    if (formatVersion.toDouble() != kFormatVersion) {
        return fail(
            u"format_version"_s,
            tr("unsupported version %1 (this build reads %2)").arg(formatVersion.toDouble()).arg(kFormatVersion));
    }
    if (!readString(o, u"provider"_s, {}, true, &book->m_provider)
        || !readString(o, u"version"_s, {}, true, &book->m_version)
        || !readString(o, u"currency"_s, {}, true, &book->m_currency)
        || !readString(o, u"source"_s, {}, false, &book->m_source) || !readNotes(o, {}, &book->m_notes))
        return false;
    if (book->m_currency != u"USD")
        return fail(u"currency"_s, tr("only \"USD\" is supported"));
    if (o.value(u"unit"_s).toString() != u"per_1m_tokens")
        return fail(u"unit"_s, tr("only \"per_1m_tokens\" is supported"));

    const QJsonArray models = o.value(u"models"_s).toArray();
    if (!o.value(u"models"_s).isArray() || models.isEmpty())
        return fail(u"models"_s, tr("expected a non-empty array of models"));
    QHash<QString, QString> owners; // lower-cased id or alias -> path that claimed it
    for (qsizetype i = 0; i < models.size(); ++i) {
        PriceBook::Model model;
        const QString path = index(u"models"_s, i);
        if (!readModel(models.at(i), path, &model))
            return false;
        QStringList names { model.id };
        names += model.aliases;
        for (qsizetype k = 0; k < names.size(); ++k) {
            const QString key = names.at(k).toLower();
            const QString where = k == 0 ? join(path, u"model"_s) : index(join(path, u"aliases"_s), k - 1);
            if (owners.contains(key))
                return fail(where, tr("\"%1\" is already used by %2").arg(names.at(k), owners.value(key)));
            owners.insert(key, path);
        }
        book->m_models.append(model);
    }
    book->m_document = o;
    return true;
}

} // namespace tierlens
