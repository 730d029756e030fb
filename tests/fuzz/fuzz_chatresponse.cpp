// libFuzzer target: a non-streamed response body, an error body and a Retry-After header
// (core/api/ChatResponseParser).

#include "api/ChatResponseParser.h"

#include <QDateTime>

using namespace tierlens;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView body(reinterpret_cast<const char*>(data), qsizetype(size));
    const ChatOutcome completion = ChatResponseParser::parseCompletion(body);
    // A failed parse always says why.
    if (!completion.ok() && completion.errorMessage.isEmpty())
        abort();

    const int status = size > 0 ? 400 + data[0] % 200 : 500;
    const ChatOutcome error = ChatResponseParser::parseError(status, body);
    if (error.ok())
        abort();

    const QDateTime now = QDateTime::fromSecsSinceEpoch(1'760'000'000, Qt::UTC);
    const std::optional<qint64> retry
        = ChatResponseParser::parseRetryAfterMs(body.first(qMin<qsizetype>(size, 64)), now);
    if (retry && *retry < 0)
        abort();
    return 0;
}
