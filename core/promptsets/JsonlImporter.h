#pragma once
// Reads a JSONL prompt set: one JSON object a line, each turned into a validated Prompt.

#include "ImportError.h"
#include "Prompt.h"

#include <QByteArray>
#include <QCoreApplication>

#include <optional>

namespace tierlens {

class AssertionEvaluator;

class JsonlImporter
{
    Q_DECLARE_TR_FUNCTIONS(JsonlImporter)

public:
    // bytes must be valid UTF-8 with any BOM removed (PromptSetImporter checks both). Returns every prompt
    // or, at the first problem, nothing and the error: a partial set would silently skew a comparison.
    // A line {"defaults": {"assert": [...]}} sets what applies to every prompt; it goes to *defaults.
    static std::optional<QVector<Prompt>> parse(const QByteArray& bytes, const QString& fileName, ImportError* error,
                                                QJsonObject* defaults = nullptr);
    // Checks an "assert" array (promptfoo's shape) as the checks engine will read it; with `scripts`, its
    // JavaScript is compiled too.
    static bool validateAssertions(const QJsonValue& value, const QString& prefix, QString* field, QString* message,
                                   AssertionEvaluator* scripts = nullptr);

    // One line's object to a Prompt; on failure sets the field and message (the caller knows the line).
    static std::optional<Prompt> promptFromObject(const QJsonObject& object, QString* field, QString* message);

    // The keys with a meaning of their own; every other key of a line is kept in Prompt::metadata.
    static const QStringList& knownKeys();

private:
    static bool readMessages(const QJsonValue& value, bool hasSystemField, Prompt* prompt, QString* field,
                             QString* message);
};

} // namespace tierlens
