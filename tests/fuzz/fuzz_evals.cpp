// libFuzzer target: the OpenAI Evals JSONL importer (core/promptsets/OpenAiEvalsImporter). A refused file must say
// where.

#include "FuzzSupport.h"
#include "promptsets/OpenAiEvalsImporter.h"

using namespace Qt::StringLiterals;
using namespace tierlens;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    fuzz::ensureApplication();
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    ImportError error;
    const std::optional<PromptSet> set = OpenAiEvalsImporter::parse(bytes, u"samples.jsonl"_s, &error);
    if (!set && error.message.isEmpty())
        abort();
    return 0;
}
