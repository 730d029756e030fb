#pragma once

#include <QCoreApplication>

namespace tierlens {

// The translation context of every message the validator writes ("JsonSchema"), declared so that lupdate
// files the strings under the context they are looked up in at run time.
class SchemaText
{
    Q_DECLARE_TR_FUNCTIONS(JsonSchema)
};

} // namespace tierlens
