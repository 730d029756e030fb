#include "checks/jsonschema/JsonSchema.h"

#include "checks/jsonschema/CompiledSchema.h"
#include "checks/jsonschema/SchemaCompiler.h"
#include "checks/jsonschema/SchemaEvaluator.h"

namespace tierlens {

JsonSchema::JsonSchema(std::shared_ptr<const CompiledSchema> compiled)
    : m_compiled(std::move(compiled))
{ }

std::optional<JsonSchema> JsonSchema::compile(const QJsonValue& schema, Draft defaultDraft, QString* error,
                                              const SchemaRegistry* registry)
{
    SchemaCompiler compiler(registry);
    std::shared_ptr<CompiledSchema> compiled = compiler.compile(schema, defaultDraft, error);
    if (!compiled)
        return std::nullopt;
    return JsonSchema(std::move(compiled));
}

ValidationResult JsonSchema::validate(const QJsonValue& instance) const
{
    ValidationResult result;
    SchemaEvaluator evaluator;
    result.valid = evaluator.evaluate(*m_compiled->root, instance, QString(), nullptr, &result.errors);
    if (result.valid)
        result.errors.clear(); // failed branches of a passing anyOf leave nothing behind, but be sure
    return result;
}

bool JsonSchema::isValid(const QJsonValue& instance) const
{
    SchemaEvaluator evaluator;
    return evaluator.evaluate(*m_compiled->root, instance, QString(), nullptr, nullptr);
}

JsonSchema::Draft JsonSchema::draft() const
{
    return m_compiled->root->draft;
}

} // namespace tierlens
