#pragma once
// What an import from another tool's format had to leave out or guess, for the user to review.

#include <QMap>
#include <QString>
#include <QStringList>

namespace tierlens {

struct ImportReport
{
    QMap<QString, int> unmappedAssertions; // the tool's assertion type -> how many were dropped
    QStringList warnings; // each names the file and the test or prompt it is about
    int tests = 0; // tests read (after defaultTest merge and var expansion)
    int prompts = 0; // prompt templates read
};

} // namespace tierlens
