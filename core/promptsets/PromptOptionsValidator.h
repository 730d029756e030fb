#pragma once
// Checks a prompt's `options` object (wire-format request fields) before a run can send it.

#include <QCoreApplication>
#include <QJsonObject>
#include <QStringList>

namespace tierlens {

class PromptOptionsValidator
{
    Q_DECLARE_TR_FUNCTIONS(PromptOptionsValidator)

public:
    // Returns false with the offending path ("options.tools[2].function.name") and a message when the
    // object holds an unknown key or a value of the wrong type or range. Catching these at import time
    // spares a run of hundreds of HTTP 400s.
    static bool validate(const QJsonObject& options, QString* field, QString* message);

    static const QStringList& allowedKeys();
};

} // namespace tierlens
