#pragma once
// Why each item of a run passed or failed: its verdict and the source that gave it (from the item query,
// Store::forEachItem, the one place the precedence of people, assertions and judge is applied), every assertion's
// verdict with its reason, the judge's rubric grades and pairwise verdicts with its reasons, and people's ratings.
// Read once per run; the exports, `report --failures` and the desktop read it from here.

#include "store/StoreTypes.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace tierlens {

class Store;

struct ItemReasons
{
    qint64 resultId = 0;
    QString label;
    QString category;
    QString promptId; // the prompt's own id
    int repeatIndex = 0;
    std::optional<bool> passed; // empty: no source has a verdict yet
    QString source; // human | assertions | judge | error; empty with no verdict
    bool awaitingJudge = false;
    QString error; // the error class of a failed call, empty for an answer
    // [{"type", "passed" (null while the judge has not graded it), "score", "weight", "reason"}]
    QJsonArray checks;
    // [{"kind": "rubric", "assertion", "score" (1-5), "reason"}, {"kind": "pairwise", "against" (the other
    // model's label), "outcome" ("win" | "loss" | "tie", for this item's model), "reason"}]
    QJsonArray judge;
    // [{"rater", "passed", "score", "preference", "note"}]
    QJsonArray ratings;

    // "pass", "fail" or "none".
    QString verdictName() const;
    // One line: what failed and why ("assertions: contains: does not contain \"Lima\"; ...").
    QString summary() const;
};

class RunReasons
{
    Q_DECLARE_TR_FUNCTIONS(RunReasons)
public:
    // precedence as the statistics take it ("human", "assertions", "judge"). Nothing (with error) when the
    // database cannot be read.
    static std::optional<RunReasons> load(Store& store, qint64 runId, const QStringList& precedence, QString* error);

    // The item of a result; nullptr for an unknown id.
    const ItemReasons* of(qint64 resultId) const;
    // Every item, in the item query's order (model, prompt, repeat).
    const QVector<ItemReasons>& items() const { return m_items; }

    // The failed items (verdict "fail") of the given categories and model labels (empty: all), as a text table
    // with why each failed, after a line that counts them.
    QString failuresText(const QStringList& categories, const QStringList& labels) const;

private:
    QVector<ItemReasons> m_items;
    QHash<qint64, qsizetype> m_byResult;
};

} // namespace tierlens
