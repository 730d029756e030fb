#pragma once
// What changed between two runs of one prompt set: per model, the rates per item (pass rate over prompts, ok,
// error and retry rates, cost per item, median latency and time to first token) from the same EvalStatistics as
// every other surface, so that a run with two repeats compares with a run of one; and per prompt, the verdicts
// and answers that changed.

#include <QCoreApplication>
#include <QString>
#include <QVector>

#include <optional>

namespace tierlens {

class Store;

struct RunComparison
{
    Q_DECLARE_TR_FUNCTIONS(RunComparison)

public:
    struct Figure
    {
        QString name;
        std::optional<double> older, newer;
        int decimals = 3;
    };
    struct Model
    {
        QString label;
        QVector<Figure> figures;
    };
    // A prompt whose verdict (its share of passing repeats) or first answer differs between the runs.
    struct PromptChange
    {
        QString model;
        QString promptExtId;
        QString category;
        std::optional<double> olderPass, newerPass; // share of the prompt's repeats that passed; empty: no verdict
        bool answerChanged = false; // the first repeat's answer reads differently
        bool verdictChanged() const { return olderPass != newerPass; }
        // One line for people, as History lists it and the text report prints it:
        // "flash · q7: 50.0% → 100.0%, answer changed".
        QString text() const;
    };

    qint64 older = 0;
    qint64 newer = 0;
    QString promptSetName;
    QVector<Model> models; // the models both runs have, in the older run's order
    QVector<PromptChange> changes; // in prompt-set order, then model

    // Fails (with the reason) when a run is missing or the two ran different prompt sets.
    static std::optional<RunComparison> compute(Store& store, qint64 older, qint64 newer, QString* error);
    // As the History page and reports show it: the figures table, then the prompts that changed.
    QString text() const;
};

} // namespace tierlens
