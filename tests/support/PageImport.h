#pragma once
// Imports a prompt set through the Prompt sets page as the desktop does (parsed and saved on a worker) and waits
// for it: the importer's words on failure, empty when the set was imported and selected.

#include "promptsets/PromptSetsPage.h"

#include <QSignalSpy>

namespace tierlens::testing {

inline QString importThroughPage(PromptSetsPage* page, const QString& path)
{
    QSignalSpy done(page, &PromptSetsPage::importFinished);
    page->importFile(path);
    if (done.isEmpty() && !done.wait(60000))
        return QStringLiteral("the import of %1 did not finish in 60 s").arg(path);
    return done.constFirst().at(1).toString();
}

} // namespace tierlens::testing
