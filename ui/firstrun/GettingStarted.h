#pragma once
// The steps from nothing to a routing decision, as the empty workspace shows them and Help > Getting started
// repeats them: one text for both.

#include <QCoreApplication>
#include <QString>

namespace tierlens {

class GettingStarted
{
    Q_DECLARE_TR_FUNCTIONS(GettingStarted)
public:
    // Rich text: the six steps, each with the page and the keys or buttons that do it.
    static QString stepsHtml();
};

} // namespace tierlens
