#pragma once
// Copies the runs of one store into another (a personal SQLite history into the team's PostgreSQL database, or
// back): prompt sets, runs and their models, every attempt and result, checks, people's ratings and the judge's
// verdicts, all under the target's own ids.

#include "StoreTypes.h"

#include <QCoreApplication>
#include <QString>
#include <QVector>

#include <functional>
#include <optional>

namespace tierlens {

class Store;

struct CopiedRun
{
    qint64 sourceId = 0;
    qint64 targetId = 0;
    bool alreadyThere = false; // the target had it: nothing written
};

class StoreCopy
{
    Q_DECLARE_TR_FUNCTIONS(StoreCopy)

public:
    // Copies every run of from (or only runIds, with the runs they judged or that judged them) into to, oldest
    // first. A run the target already holds is left alone, so copying again adds only what is new: a run is the
    // same when its creation time (to the millisecond), kind, prompt set name and models (label and model id)
    // are. Prompt sets are reused by name and content hash as Store::savePromptSet does. A run that fails half-way
    // is deleted from the target again, and the copy stops there with the reason in error; the runs before it stay.
    // progress, when given, hears of each run as it is done.
    static std::optional<QVector<CopiedRun>> copy(Store& from, Store& to, const QVector<qint64>& runIds,
                                                  const std::function<void(const CopiedRun&)>& progress,
                                                  QString* error);

    // The key that says two runs in different stores are the same run.
    static QString fingerprint(const RunRow& run);
};

} // namespace tierlens
