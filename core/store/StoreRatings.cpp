// Store: people's ratings of results.
#include "Store.h"

#include "SqlDialect.h"
#include "SqlUtil.h"
#include "StoreSchema.h"
#include "util/Clock.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace Rt = db::ratings;

std::optional<qint64> Store::addRating(const RatingRow& rating, QString* error)
{
    const QString doing = tr("rating result %1").arg(rating.resultId);
    if (!checkWrite(error))
        return std::nullopt;
    if (rating.score && (*rating.score < 1 || *rating.score > 5)) {
        setError(error, tr("%1: score is %2; it must be between 1 and 5").arg(doing).arg(*rating.score));
        return std::nullopt;
    }
    static const QStringList preferences = { u"left"_s, u"right"_s, u"tie"_s };
    if (!rating.preference.isEmpty() && !preferences.contains(rating.preference)) {
        setError(error, tr("%1: preference is '%2'; it must be left, right or tie").arg(doing, rating.preference));
        return std::nullopt;
    }
    QSqlQuery q(m_db);
    q.prepare(insertStatement(Rt::table,
                              { Rt::resultId, Rt::rater, Rt::ratedAt, Rt::passed, Rt::score, Rt::preference,
                                Rt::comparedResultId, Rt::blind, Rt::note })
              + m_dialect->insertSuffix());
    q.addBindValue(rating.resultId);
    q.addBindValue(rating.rater);
    q.addBindValue(timeValue(rating.ratedAt.isValid() ? rating.ratedAt : Clock::system().nowUtc()));
    q.addBindValue(rating.passed ? QVariant(*rating.passed ? 1 : 0) : QVariant(QMetaType::fromType<int>()));
    q.addBindValue(optionalValue(rating.score));
    q.addBindValue(rating.preference.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                               : QVariant(rating.preference));
    q.addBindValue(optionalValue(rating.comparedResultId));
    q.addBindValue(rating.blind ? 1 : 0);
    q.addBindValue(rating.note);
    if (!q.exec()) {
        fail(error, doing, q.lastError());
        return std::nullopt;
    }
    const std::optional<qint64> id = insertedId(q);
    if (!id)
        fail(error, doing, q.lastError());
    return id;
}

std::optional<QVector<RatingRow>> Store::ratings(qint64 resultId)
{
    return readRatings(QString(Rt::resultId) + u" = ?"_s, resultId,
                       tr("reading the ratings of result %1").arg(resultId));
}

std::optional<QVector<RatingRow>> Store::runRatings(qint64 runId)
{
    namespace Rs = db::results;
    return readRatings(QString(Rt::resultId) + u" IN (SELECT "_s + db::id + u" FROM "_s + Rs::table + u" WHERE "_s
                           + Rs::runId + u" = ?)"_s,
                       runId, tr("reading the ratings of run %1").arg(runId));
}

std::optional<QVector<RatingRow>> Store::readRatings(const QString& where, qint64 key, const QString& doing)
{
    QVector<RatingRow> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT "_s
              + columnList({ db::id, Rt::resultId, Rt::rater, Rt::ratedAt, Rt::passed, Rt::score, Rt::preference,
                             Rt::comparedResultId, Rt::blind, Rt::note })
              + u" FROM "_s + Rt::table + u" WHERE "_s + where + u" ORDER BY "_s + Rt::ratedAt + u", "_s + db::id);
    q.addBindValue(key);
    if (!execRead(q, doing))
        return std::nullopt;
    while (q.next()) {
        RatingRow r;
        r.id = q.value(0).toLongLong();
        r.resultId = q.value(1).toLongLong();
        r.rater = q.value(2).toString();
        r.ratedAt = timeFromValue(q.value(3));
        if (!q.value(4).isNull())
            r.passed = q.value(4).toInt() != 0;
        if (!q.value(5).isNull())
            r.score = q.value(5).toInt();
        r.preference = q.value(6).toString();
        r.comparedResultId = optionalInt(q.value(7));
        r.blind = q.value(8).toInt() != 0;
        r.note = q.value(9).toString();
        out.append(r);
    }
    if (!endOfRows(q, doing))
        return std::nullopt;
    return out;
}

} // namespace tierlens
