#pragma once
// The JSON Schema dialects the validator understands, and how `$schema` names them.

#include <QString>

#include <optional>

namespace tierlens {

enum class JsonSchemaDraft {
    Draft4,
    Draft6,
    Draft7,
    Draft2020_12,
};

// Maps a `$schema` URI (with or without the trailing empty fragment, http or https) to its draft.
std::optional<JsonSchemaDraft> jsonSchemaDraftFromUri(const QString& uri);

// "draft-07", "draft2020-12": for messages and test output.
QString jsonSchemaDraftName(JsonSchemaDraft draft);

} // namespace tierlens
