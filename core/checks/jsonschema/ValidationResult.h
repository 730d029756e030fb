#pragma once
// The outcome of validating one instance: valid, or every error found.

#include "checks/jsonschema/ValidationError.h"

#include <QStringList>
#include <QVector>

namespace tierlens {

struct ValidationResult
{
    bool valid = true;
    QVector<ValidationError> errors; // empty when valid

    QStringList messages() const
    {
        QStringList out;
        out.reserve(errors.size());
        for (const ValidationError& e : errors)
            out.append(e.toString());
        return out;
    }
};

} // namespace tierlens
