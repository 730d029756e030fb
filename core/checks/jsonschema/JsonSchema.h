#pragma once
// A JSON Schema (draft-07 or 2020-12) compiled once and then used to validate any number of instances.

#include "checks/jsonschema/Draft.h"
#include "checks/jsonschema/ValidationResult.h"

#include <QJsonValue>
#include <QString>

#include <memory>
#include <optional>

namespace tierlens {

struct CompiledSchema;
class SchemaRegistry;

class JsonSchema
{
public:
    using Draft = JsonSchemaDraft;

    // Compiles `schema`. Its draft comes from `$schema` when present, else `defaultDraft`. `$ref`s to other
    // documents resolve through `registry` (may be null) and the built-in meta-schemas; nothing is fetched.
    // On failure returns nullopt and sets `error` ("#/properties/a/minimum: expected a number, not \"x\"").
    static std::optional<JsonSchema> compile(const QJsonValue& schema, Draft defaultDraft = Draft::Draft2020_12,
                                             QString* error = nullptr, const SchemaRegistry* registry = nullptr);

    // Every error, each with its instance pointer, keyword and schema path. Safe to call from several threads.
    ValidationResult validate(const QJsonValue& instance) const;
    // Stops at the first failure and builds no messages: for hot paths that only need yes or no.
    bool isValid(const QJsonValue& instance) const;
    // The draft of the root schema.
    Draft draft() const;

private:
    explicit JsonSchema(std::shared_ptr<const CompiledSchema> compiled);

    std::shared_ptr<const CompiledSchema> m_compiled;
};

} // namespace tierlens
