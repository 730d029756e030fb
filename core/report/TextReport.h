#pragma once
// The human-readable report of one run: header, per-model figures side by side, and a per-category table.

#include <QString>

namespace tierlens {

class Store;

class TextReport
{
public:
    // Plain text, columns aligned with spaces, "n/a" where a value is unknown. Returns an empty string, with the
    // reason in error, when the run does not exist or the store cannot be read.
    static QString render(Store& store, qint64 runId, QString* error);
};

} // namespace tierlens
