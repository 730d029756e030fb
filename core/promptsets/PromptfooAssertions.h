#pragma once
// Translates promptfoo assertions (objects and CSV "__expected" strings) into Tierlens' canonical types.

#include <QCoreApplication>
#include <QJsonObject>
#include <QStringList>

namespace tierlens {

class PromptfooAssertions
{
    Q_DECLARE_TR_FUNCTIONS(PromptfooAssertions)

public:
    struct Mapped
    {
        QJsonObject assertion; // the canonical object, valid when unmapped and errorMessage are empty
        QString unmapped; // the promptfoo type that has no exact Tierlens equivalent (the assertion is dropped)
        QString errorField; // relative to the assertion: "type", "value", "weight"
        QString errorMessage;
    };

    // Maps the type and reshapes the value (latency/cost thresholds become the value, is-json with a schema
    // becomes json-schema, comma lists become arrays). Keys it does not know are kept verbatim.
    static Mapped map(const QJsonObject& raw);

    // promptfoo's CSV shorthand: "contains: foo", "not-icontains: x", "is-json", "grade: polite", "regex: ^a",
    // "similar(0.8): text", "javascript: ..." and, with no known prefix, the whole text as "equals".
    static QJsonObject fromCsvString(const QString& text);

    // The value checks the checks engine makes (Assertion::parseList), so an import cannot store a set that
    // fails later. Sets field (relative to the assertion) and message on failure.
    static bool validate(const QJsonObject& assertion, QString* field, QString* message);

    // Tierlens' canonical base types (without "not-").
    static const QStringList& canonicalTypes();

private:
    static const QStringList& promptfooTypes();
};

} // namespace tierlens
