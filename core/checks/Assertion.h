#pragma once
// One automatic check of an answer, in promptfoo's shape ({"type", "value", "weight"}) so suites move
// between the two tools unchanged.

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QVector>

#include <optional>

namespace tierlens {

struct Assertion
{
    Q_DECLARE_TR_FUNCTIONS(Assertion)
public:
    QString type; // the base type, without a "not-" prefix
    bool negate = false; // "not-contains" and the like
    QJsonValue value;
    double weight = 1.0;
    QJsonObject raw; // the object as written, for type-specific keys (threshold, rubric, provider...)

    QString displayType() const { return negate ? QStringLiteral("not-") + type : type; }
    // llm-rubric needs a judge model; every other type is decided from the answer alone.
    bool needsJudge() const;

    // Every type the checks engine evaluates. "not-" may prefix any type but llm-rubric.
    static const QStringList& supportedTypes();
    // Parses an "assert" array. On error, `where` names the element and field ("assert[2].value").
    static std::optional<QVector<Assertion>> parseList(const QJsonArray& list, QString* where, QString* error);
};

} // namespace tierlens
