#pragma once
// A snapshot of a run in progress, per model: what a progress line or a progress bar shows.

#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace tierlens {

struct ModelProgress
{
    QString label;
    qint64 total = 0; // items: prompts x repeats
    qint64 done = 0; // items with a final result, including those done before a resume
    qint64 doneBefore = 0; // of those, the ones done before this process started on the run
    qint64 ok = 0;
    qint64 errors = 0; // final results that are errors
    qint64 inFlight = 0;
    qint64 attempts = 0; // attempts sent by this process
    qint64 retries = 0; // of those, second and later tries
    double costUsd = 0; // of the attempts made by this process that reported usage
    int concurrency = 0;
};

struct RunProgress
{
    qint64 runId = 0;
    QVector<ModelProgress> models;
    double elapsedS = 0; // running, not paused
    bool paused = false;

    qint64 total() const;
    qint64 done() const;
    // Remaining time: the models go side by side, each at its own measured pace (under its cap), so the run
    // ends with the slowest; empty until every model with items left has a pace to go by.
    std::optional<double> etaS() const;
    // One model's remaining time at its pace so far.
    static std::optional<double> etaS(const ModelProgress& model, double elapsedS);
    // Models that finished items but not one of them with an answer: the run says nothing about them.
    QStringList modelsWithoutAnswers() const;
};

} // namespace tierlens
