// libFuzzer target: HTTP/1.1 responses as the live shadow proxy reads the primary's (core/http/HttpResponseReader),
// fed whole and in pieces; where the network splits the bytes must not change where the response ends, its body
// or its verdict.

#include "FuzzSupport.h"
#include "http/HttpResponseReader.h"

#include <QByteArray>

using namespace tierlens;

namespace {
struct Read
{
    HttpResponseReader::Status status = HttpResponseReader::Status::NeedMore;
    QByteArray body;
    qsizetype consumed = 0;
    int httpStatus = 0;
};

template <typename Pieces> Read readAll(const Pieces& pieces, bool head)
{
    HttpResponseReader reader;
    reader.reset(head);
    Read r;
    for (QByteArrayView piece : pieces) {
        qsizetype used = 0;
        r.status = reader.feed(
            piece, [&r](QByteArrayView b) { r.body += b.toByteArray(); }, &used);
        r.consumed += used;
        if (used > piece.size())
            abort();
        if (r.status != HttpResponseReader::Status::NeedMore)
            break;
    }
    if (r.status == HttpResponseReader::Status::NeedMore)
        r.status = reader.closed();
    r.httpStatus = reader.status();
    if (r.body.size() != reader.bodyBytes())
        abort();
    return r;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArrayView stream(reinterpret_cast<const char*>(data) + 1, qsizetype(size - 1));
    const bool head = data[0] & 0x80;
    const Read whole = readAll(QList<QByteArrayView> { stream }, head);
    const Read split = readAll(fuzz::pieces(stream, data[0]), head);
    if (whole.status != split.status || whole.body != split.body || whole.httpStatus != split.httpStatus)
        abort();
    // A complete response ends at the same byte however its bytes came.
    if (whole.status == HttpResponseReader::Status::Complete && whole.consumed != split.consumed)
        abort();
    return 0;
}
