#pragma once
// One reason an instance does not match a schema: where in the instance, which keyword, where in the schema.

#include <QString>

namespace tierlens {

struct ValidationError
{
    QString instancePointer; // JSON pointer into the instance ("" is the whole instance), e.g. "/items/2/price"
    QString keyword; // the failing keyword, e.g. "minimum"
    QString schemaPath; // absolute keyword location, e.g. "#/properties/items/items/properties/price/minimum"
    QString message; // translated, e.g. "0 is less than the minimum 1"

    // "/items/2/price: minimum: 0 is less than the minimum 1 (schema: #/properties/.../minimum)"
    QString toString() const;
};

} // namespace tierlens
