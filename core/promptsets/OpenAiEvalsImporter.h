#pragma once
// Imports an OpenAI Evals samples file (JSONL of {"input", "ideal"}) as a Tierlens prompt set.

#include "ImportError.h"
#include "Prompt.h"

#include <QCoreApplication>

#include <optional>

namespace tierlens {

class OpenAiEvalsImporter
{
    Q_DECLARE_TR_FUNCTIONS(OpenAiEvalsImporter)

public:
    // One sample a line: "input" is a string (one user message) or a list of {role, content} messages, a leading
    // system message becoming Prompt::system; "ideal" is a string or a non-empty list of strings. expected is the
    // first ideal. The assertion is "contains-any" over all ideals: Evals' Includes semantics, and also true
    // whenever its Match (the answer starts with an ideal) is, so a Match eval is never failed wrongly; a
    // plain "equals" would fail every answer that wraps the ideal in a sentence.
    // id: the sample's "id", else its line number; category: "category" or "metadata.category", else "general".
    // Other keys are kept in metadata. All or nothing; errors name file, line and field.
    static std::optional<PromptSet> load(const QString& jsonlPath, ImportError* error);

    static std::optional<PromptSet> parse(const QByteArray& bytes, const QString& fileName, ImportError* error);

private:
    static std::optional<Prompt> sample(const QJsonObject& object, int line, QString* field, QString* message);
};

} // namespace tierlens
