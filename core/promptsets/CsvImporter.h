#pragma once
// Reads a CSV prompt set: a header row naming the columns, then one prompt a row.

#include "ImportError.h"
#include "Prompt.h"

#include <QCoreApplication>

#include <optional>

namespace tierlens {

class CsvImporter
{
    Q_DECLARE_TR_FUNCTIONS(CsvImporter)

public:
    // Columns: prompt (required), id (default: the row's number), category, system, expected, options (a JSON
    // object text). Other columns are kept in Prompt::metadata as strings. Returns every prompt or nothing.
    static std::optional<QVector<Prompt>> parse(const QString& text, const QString& fileName, ImportError* error);
};

} // namespace tierlens
