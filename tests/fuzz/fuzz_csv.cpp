// libFuzzer target: the CSV prompt-set importer (core/promptsets, PromptSetImporter::parse as the file import
// calls it, UTF-8 check included). A refused file must say where.

#include "FuzzSupport.h"
#include "promptsets/PromptSetImporter.h"

using namespace Qt::StringLiterals;
using namespace tierlens;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    fuzz::ensureApplication();
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    ImportError error;
    const std::optional<PromptSet> set
        = PromptSetImporter::parse(bytes, PromptSetImporter::Format::Csv, u"fuzz.csv"_s, &error);
    if (!set && error.message.isEmpty())
        abort();
    if (set)
        (void)PromptSetImporter::toJsonl(*set);
    return 0;
}
