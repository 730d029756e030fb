// libFuzzer target: a streamed answer (core/api/ChatStreamAssembler: SSE framing, per-chunk JSON with simdjson,
// usage, tool calls), fed whole and in pieces; both must assemble the same outcome.

#include "FuzzSupport.h"
#include "api/ChatStreamAssembler.h"

using namespace tierlens;

namespace {
bool same(const ChatOutcome& a, const ChatOutcome& b)
{
    return a.content == b.content && a.reasoning == b.reasoning && a.finishReason == b.finishReason
        && a.error == b.error && a.errorMessage == b.errorMessage && a.toolCalls.size() == b.toolCalls.size()
        && a.usage.promptTokens == b.usage.promptTokens && a.usage.completionTokens == b.usage.completionTokens;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArrayView stream(reinterpret_cast<const char*>(data) + 1, qsizetype(size - 1));

    ChatStreamAssembler whole;
    whole.feed(stream);
    const ChatOutcome wholeOutcome = whole.finish();
    if (!wholeOutcome.ok() && wholeOutcome.errorMessage.isEmpty())
        abort();

    ChatStreamAssembler split;
    for (QByteArrayView piece : fuzz::pieces(stream, data[0]))
        split.feed(piece);
    if (!same(wholeOutcome, split.finish()))
        abort();

    // The assembler is reused across attempts: after reset() it must give the same outcome again.
    split.reset();
    split.feed(stream);
    if (!same(wholeOutcome, split.finish()))
        abort();
    return 0;
}
