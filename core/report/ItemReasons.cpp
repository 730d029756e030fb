#include "ItemReasons.h"

#include "CheckSummary.h"

#include "format/TextTable.h"
#include "store/Store.h"

#include <QJsonValue>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {
QJsonValue maybe(const std::optional<bool>& v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}
QJsonValue maybe(const std::optional<int>& v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}
} // namespace

QString ItemReasons::verdictName() const
{
    return !passed ? u"none"_s : *passed ? u"pass"_s : u"fail"_s;
}

QString ItemReasons::summary() const
{
    QStringList parts;
    if (!error.isEmpty())
        parts.append(RunReasons::tr("the call failed: %1").arg(error));
    for (const QJsonValue& v : checks) {
        const QJsonObject c = v.toObject();
        if (c.value(u"passed"_s).isBool() && !c.value(u"passed"_s).toBool())
            parts.append(c.value(u"type"_s).toString() + u": "_s + c.value(u"reason"_s).toString());
    }
    for (const QJsonValue& v : judge) {
        const QJsonObject j = v.toObject();
        if (j.value(u"kind"_s).toString() == u"pairwise"_s && j.value(u"outcome"_s).toString() == u"loss"_s)
            parts.append(RunReasons::tr("the judge preferred %1: %2")
                             .arg(j.value(u"against"_s).toString(), j.value(u"reason"_s).toString()));
    }
    for (const QJsonValue& v : ratings) {
        const QJsonObject r = v.toObject();
        if (r.value(u"passed"_s).isBool() && !r.value(u"passed"_s).toBool()) {
            const QString note = r.value(u"note"_s).toString();
            parts.append(note.isEmpty()
                             ? RunReasons::tr("%1 rated it a fail").arg(r.value(u"rater"_s).toString())
                             : RunReasons::tr("%1 rated it a fail: %2").arg(r.value(u"rater"_s).toString(), note));
        }
    }
    if (parts.isEmpty() && awaitingJudge)
        parts.append(RunReasons::tr("waiting for the judge"));
    return parts.join(u"; "_s);
}

std::optional<RunReasons> RunReasons::load(Store& store, qint64 runId, const QStringList& precedence, QString* error)
{
    RunReasons out;
    QHash<qint64, qsizetype> byAttempt;
    AnalyticsScope scope;
    scope.runIds = { runId };
    scope.precedence = precedence;
    QHash<qint64, QString> labelOfAttempt;
    const bool read = store.forEachItem(
        scope,
        [&](const ItemVerdict& v) {
            ItemReasons item;
            item.resultId = v.resultId;
            item.label = v.label;
            item.category = v.category;
            item.promptId = v.promptExtId;
            item.repeatIndex = v.repeatIndex;
            item.passed = v.passed;
            item.source = v.source;
            item.awaitingJudge = v.awaitingJudge;
            item.error = v.ok ? QString() : v.errorClass;
            out.m_byResult.insert(v.resultId, out.m_items.size());
            byAttempt.insert(v.finalAttemptId, out.m_items.size());
            labelOfAttempt.insert(v.finalAttemptId, v.label);
            out.m_items.append(item);
        },
        error);
    if (!read)
        return std::nullopt;

    const std::optional<QHash<qint64, CheckRow>> checks = store.checksOfRun(runId);
    const std::optional<QVector<JudgeVerdictRow>> verdicts = store.judgeVerdicts(runId);
    const std::optional<QVector<RatingRow>> ratings = store.runRatings(runId);
    if (!checks || !verdicts || !ratings) {
        if (error)
            *error = store.lastError();
        return std::nullopt;
    }
    for (auto it = checks->cbegin(); it != checks->cend(); ++it) {
        const auto at = byAttempt.constFind(it.key());
        if (at == byAttempt.cend())
            continue;
        QJsonArray& list = out.m_items[*at].checks;
        for (const AssertionCheckRow& a : it->assertions) {
            list.append(QJsonObject { { u"type"_s, a.type },
                                      { u"passed"_s, maybe(a.passed) },
                                      { u"score"_s, a.score },
                                      { u"weight"_s, a.weight },
                                      { u"reason"_s, a.reason } });
        }
    }
    for (const JudgeVerdictRow& v : CheckSummary::standing(*verdicts)) {
        if (v.kind == u"rubric"_s) {
            const auto at = byAttempt.constFind(v.firstAttemptId);
            if (at != byAttempt.cend()) {
                out.m_items[*at].judge.append(QJsonObject { { u"kind"_s, u"rubric"_s },
                                                            { u"assertion"_s, maybe(v.assertionIndex) },
                                                            { u"score"_s, maybe(v.score) },
                                                            { u"reason"_s, v.reason } });
            }
            continue;
        }
        const qint64 second = v.secondAttemptId.value_or(0);
        for (const auto& [self, other, won] : { std::tuple { v.firstAttemptId, second, u"first"_s },
                                                std::tuple { second, v.firstAttemptId, u"second"_s } }) {
            const auto at = byAttempt.constFind(self);
            if (at == byAttempt.cend())
                continue;
            const QString outcome = v.outcome == u"tie"_s ? u"tie"_s : v.outcome == won ? u"win"_s : u"loss"_s;
            out.m_items[*at].judge.append(QJsonObject { { u"kind"_s, u"pairwise"_s },
                                                        { u"against"_s, labelOfAttempt.value(other) },
                                                        { u"outcome"_s, outcome },
                                                        { u"reason"_s, v.reason } });
        }
    }
    for (const RatingRow& r : *ratings) {
        const auto at = out.m_byResult.constFind(r.resultId);
        if (at == out.m_byResult.cend())
            continue;
        out.m_items[*at].ratings.append(QJsonObject {
            { u"rater"_s, r.rater },
            { u"passed"_s, maybe(r.passed) },
            { u"score"_s, maybe(r.score) },
            { u"preference"_s, r.preference.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.preference) },
            { u"note"_s, r.note.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.note) } });
    }
    return out;
}

QString RunReasons::failuresText(const QStringList& categories, const QStringList& labels) const
{
    TextTable table({ tr("model"), tr("prompt"), tr("repeat"), tr("category"), tr("verdict from"), tr("why") },
                    { TextTable::Align::Left, TextTable::Align::Left, TextTable::Align::Right });
    int considered = 0;
    for (const ItemReasons& item : m_items) {
        if ((!categories.isEmpty() && !categories.contains(item.category))
            || (!labels.isEmpty() && !labels.contains(item.label)))
            continue;
        ++considered;
        if (item.passed != std::optional<bool>(false))
            continue;
        table.addRow({ item.label, item.promptId, QString::number(item.repeatIndex), item.category, item.source,
                       item.summary() });
    }
    QString out = tr("%n failed item(s) of %1", nullptr, table.rowCount()).arg(considered) + u'\n';
    if (table.rowCount() > 0)
        out += u'\n' + table.render();
    return out;
}

const ItemReasons* RunReasons::of(qint64 resultId) const
{
    const auto at = m_byResult.constFind(resultId);
    return at == m_byResult.cend() ? nullptr : &m_items.at(*at);
}

} // namespace tierlens
