#pragma once
// Imports a promptfoo suite (promptfooconfig.yaml with its prompt and test files) as a Tierlens prompt set.

#include "ImportError.h"
#include "ImportReport.h"
#include "Prompt.h"
#include "PromptfooSources.h"

#include <QCoreApplication>

#include <optional>

namespace tierlens {

class PromptfooImporter
{
    Q_DECLARE_TR_FUNCTIONS(PromptfooImporter)

public:
    // One Prompt per (prompt x test), prompt-major. Ids are "<prompt>-<test>" (1-based), or the test's own id or
    // description slug when every test has a distinct one (prefixed with "<prompt>-" when there are several
    // prompts). Assertions go to metadata["assert"] in canonical types; those with no exact equivalent are
    // dropped and counted, once per test, in report->unmappedAssertions. metadata also keeps "vars", "description",
    // "promptLabel", "source" ("file:line") and the test's own metadata. expected is the first "equals" value.
    // The set's name is the config's description, else its folder's name; sourceSha256 covers every file read.
    // All or nothing: any problem returns nothing and an error naming file, line and field.
    static std::optional<PromptSet> load(const QString& configPath, ImportReport* report, ImportError* error);

private:
    struct Case
    {
        PromptfooSources::Test test; // defaultTest merged in
        QString name; // the test's id or description slug, empty when it has neither
        int index = 0; // 1-based position among all tests
    };

    static std::optional<QVector<Case>> cases(const QVector<PromptfooSources::Test>& tests,
                                              const QJsonObject& defaultTest, ImportReport* report, ImportError* error);
    static std::optional<Prompt> buildPrompt(const PromptfooSources::Template& tmpl, const Case& c,
                                             const PromptfooSources::Test& defaults, PromptfooSources* sources,
                                             bool countUnmapped, ImportReport* report, ImportError* error);
    static std::optional<QJsonArray> assertions(const Case& c, const PromptfooSources::Test& defaults,
                                                const QJsonObject& vars, PromptfooSources* sources, bool countUnmapped,
                                                ImportReport* report, ImportError* error);
    static QString slug(const QString& text);
};

} // namespace tierlens
