#pragma once
// Owns every node and resource of one compiled schema, so that JsonSchema copies share them cheaply.

#include "checks/jsonschema/SchemaNode.h"

#include <deque>

namespace tierlens {

struct CompiledSchema
{
    std::deque<SchemaNode> nodes; // a deque: nodes point at each other and must never move
    std::deque<SchemaResource> resources;
    const SchemaNode* root = nullptr;
};

} // namespace tierlens
