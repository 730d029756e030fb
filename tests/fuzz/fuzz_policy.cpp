// libFuzzer target: the routing policy file reader (core/analysis: RoutingPolicy::load, which parses the JSON,
// validates it against the shipped schema and reads it with RoutingPolicy::fromJson). A policy read back must
// write out again.

#include "FuzzSupport.h"
#include "analysis/RoutingPolicy.h"

using namespace Qt::StringLiterals;
using namespace tierlens;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString path = fuzz::writeInput(u"policy.json"_s, data, size);
    QString error;
    const std::optional<RoutingPolicy> policy = RoutingPolicy::load(path, &error);
    if (!policy && error.isEmpty())
        abort();
    if (policy) {
        QString writeError;
        (void)policy->toJson(&writeError);
    }
    return 0;
}
