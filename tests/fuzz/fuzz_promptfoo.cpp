// libFuzzer target: a promptfoo configuration (core/promptsets/PromptfooImporter: YAML, prompts, tests, vars,
// defaultTest, assertions, Nunjucks templates), written to a private directory and imported from there as the
// application does. file:// references resolve to files that do not exist there, or to regular files elsewhere.

#include "FuzzSupport.h"
#include "promptsets/PromptfooImporter.h"

using namespace Qt::StringLiterals;
using namespace tierlens;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    fuzz::ensureApplication();
    const QString path = fuzz::writeInput(u"promptfooconfig.yaml"_s, data, size);
    ImportReport report;
    ImportError error;
    const std::optional<PromptSet> set = PromptfooImporter::load(path, &report, &error);
    if (!set && error.message.isEmpty())
        abort();
    return 0;
}
