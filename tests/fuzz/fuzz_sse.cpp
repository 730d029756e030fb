// libFuzzer target: the SSE framing (core/api/SseParser), fed whole and in pieces; both must give the same events.

#include "FuzzSupport.h"
#include "api/SseParser.h"

#include <QByteArray>

using namespace tierlens;

namespace {
class Digest : public SseParser::Handler
{
public:
    QByteArray log;
    void onEvent(const SseEvent& e) override
    {
        log += "e:" + e.type.toByteArray() + '|' + e.lastEventId.toByteArray() + '|' + e.data.toByteArray() + '\0';
    }
    void onComment(QByteArrayView text) override { log += "c:" + text.toByteArray() + '\0'; }
};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArrayView stream(reinterpret_cast<const char*>(data) + 1, qsizetype(size - 1));

    SseParser whole;
    Digest wholeLog;
    whole.feed(stream, wholeLog);
    const bool wholeDiscarded = whole.finish();

    SseParser split;
    Digest splitLog;
    for (QByteArrayView piece : fuzz::pieces(stream, data[0]))
        split.feed(piece, splitLog);
    const bool splitDiscarded = split.finish();

    // Where a network splits the bytes must not change what the stream says.
    if (wholeLog.log != splitLog.log || wholeDiscarded != splitDiscarded || whole.events() != split.events()
        || whole.retryMs() != split.retryMs())
        abort();
    return 0;
}
