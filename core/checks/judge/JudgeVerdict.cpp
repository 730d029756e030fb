#include "JudgeVerdict.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QVector>

#include <cmath>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

std::optional<QJsonObject> parseObject(const QString& text)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}

// Index of the brace that closes the one at `open`, skipping braces inside JSON strings; -1 when unbalanced.
qsizetype matchingBrace(const QString& text, qsizetype open)
{
    int depth = 0;
    bool inString = false;
    for (qsizetype i = open; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (inString) {
            if (c == u'\\')
                ++i;
            else if (c == u'"')
                inString = false;
        } else if (c == u'"') {
            inString = true;
        } else if (c == u'{') {
            ++depth;
        } else if (c == u'}' && --depth == 0) {
            return i;
        }
    }
    return -1;
}

// Models wrap JSON in fences or explain themselves around it despite JSON mode. Rather than strip known
// wrappers, look for every top-level span that parses as an object: a lone one is the verdict, two are ambiguous.
std::optional<QJsonObject> findObject(const QString& content, QString* error)
{
    auto fail = [&](const QString& message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (auto whole = parseObject(content.trimmed()))
        return whole;
    QVector<QJsonObject> found;
    qsizetype i = content.indexOf(u'{');
    while (i >= 0) {
        const qsizetype close = matchingBrace(content, i);
        std::optional<QJsonObject> object;
        if (close > i)
            object = parseObject(content.mid(i, close - i + 1));
        if (object) {
            found.append(*object);
            i = content.indexOf(u'{', close + 1);
        } else {
            // Prose may hold a stray brace ("{see above}"): look for an object further on or inside it.
            i = content.indexOf(u'{', i + 1);
        }
    }
    if (found.isEmpty())
        return fail(QCoreApplication::translate("JudgeVerdict", "the reply holds no JSON object"));
    if (found.size() > 1)
        return fail(QCoreApplication::translate("JudgeVerdict", "the reply holds %1 JSON objects; expected exactly one")
                        .arg(found.size()));
    return found.first();
}

QString reasonOf(const QJsonObject& o)
{
    return o.value(u"reason"_s).toString().trimmed();
}

// Quoted when a string so that "7" and 7 read differently; shortened so the message stays one line.
QString shown(const QJsonValue& v)
{
    QString text = v.isString()
        ? u'"' + v.toString() + u'"'
        : QString::fromUtf8(QJsonDocument(QJsonArray { v }).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
    if (text.size() > 40)
        text = text.left(40) + u"..."_s;
    return text;
}

} // namespace

std::optional<PairwiseVerdict> PairwiseVerdict::parse(const QString& content, QString* error)
{
    const std::optional<QJsonObject> o = findObject(content, error);
    if (!o)
        return std::nullopt;
    auto fail = [&](const QString& message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (!o->contains(u"winner"_s))
        return fail(QCoreApplication::translate("JudgeVerdict", "field \"winner\" is missing"));
    const QJsonValue w = o->value(u"winner"_s);
    const QString name = w.toString().trimmed().toLower();
    PairwiseVerdict v;
    if (w.isString() && name == u"a"_s)
        v.winner = A;
    else if (w.isString() && name == u"b"_s)
        v.winner = B;
    else if (w.isString() && (name == u"tie"_s || name == u"draw"_s))
        v.winner = Tie;
    else
        return fail(
            QCoreApplication::translate("JudgeVerdict", "field \"winner\": expected \"A\", \"B\" or \"tie\", got %1")
                .arg(shown(w)));
    v.reason = reasonOf(*o);
    return v;
}

PairOutcome PairwiseVerdict::combine(PairwiseVerdict firstAsA, PairwiseVerdict secondAsA)
{
    // Translate each order's letter back to a model: in the second order the letters are swapped.
    const bool firstSaysFirst = firstAsA.winner == A;
    const bool firstSaysSecond = firstAsA.winner == B;
    const bool secondSaysFirst = secondAsA.winner == B;
    const bool secondSaysSecond = secondAsA.winner == A;
    if (firstSaysFirst && secondSaysFirst)
        return PairOutcome::FirstWins;
    if (firstSaysSecond && secondSaysSecond)
        return PairOutcome::SecondWins;
    return PairOutcome::Tie;
}

std::optional<RubricVerdict> RubricVerdict::parse(const QString& content, QString* error)
{
    const std::optional<QJsonObject> o = findObject(content, error);
    if (!o)
        return std::nullopt;
    auto fail = [&](const QString& message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (!o->contains(u"score"_s))
        return fail(QCoreApplication::translate("JudgeVerdict", "field \"score\" is missing"));
    const QJsonValue s = o->value(u"score"_s);
    bool isNumber = s.isDouble();
    double value = s.toDouble();
    if (s.isString())
        value = s.toString().trimmed().toDouble(&isNumber);
    if (!isNumber || !std::isfinite(value) || value != std::floor(value) || value < 1 || value > 5)
        return fail(
            QCoreApplication::translate("JudgeVerdict", "field \"score\": expected a whole number from 1 to 5, got %1")
                .arg(shown(s)));
    RubricVerdict v;
    v.score = static_cast<int>(value);
    v.reason = reasonOf(*o);
    return v;
}

} // namespace tierlens
