// Throughput of the streaming parse path (SseParser + ChatStreamAssembler) on DeepSeek-sized chunks, and the
// QJsonDocument baseline that motivated simdjson. Prints figures only: timing never fails anything.

#include "api/ChatStreamAssembler.h"
#include "api/SseParser.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace tierlens;

namespace {
const char* const kTokens[] = { " the", " model", " said", " 42", ".", "\\n", " caf\xC3\xA9", " and" };

// One ~250-byte content delta event as DeepSeek sends it, times `count`, then [DONE].
QByteArray makeStream(int count)
{
    QByteArray out;
    out.reserve(qsizetype(count) * 270);
    for (int i = 0; i < count; ++i) {
        out += "data: {\"id\":\"0f9c2b7e-5d41-4a8e-9b1f-3c6d2e8a7f10\",\"object\":\"chat.completion.chunk\","
               "\"created\":1781234567,\"model\":\"deepseek-v4-flash\",\"system_fingerprint\":"
               "\"fp_8802369eaa_prod0623_fp8_kvcache\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"";
        out += kTokens[i % 8];
        out += "\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n";
    }
    out += "data: [DONE]\n\n";
    return out;
}

struct NullHandler : SseParser::Handler
{
    qint64 bytes = 0;
    void onEvent(const SseEvent& e) override { bytes += e.data.size(); }
    void onComment(QByteArrayView) override { }
};

// The per-chunk work done with QJsonDocument instead of simdjson.
struct QJsonHandler : SseParser::Handler
{
    QString content;
    void onEvent(const SseEvent& e) override
    {
        if (e.data == QByteArrayView("[DONE]"))
            return;
        const QJsonObject root = QJsonDocument::fromJson(e.data.toByteArray()).object();
        const QJsonObject delta = root.value("choices"_L1).toArray().first().toObject().value("delta"_L1).toObject();
        content += delta.value("content"_L1).toString();
    }
    void onComment(QByteArrayView) override { }
};

template <typename Fn> double bestSeconds(int repeats, Fn fn)
{
    double best = 1e300;
    for (int r = 0; r < repeats; ++r) {
        QElapsedTimer t;
        t.start();
        fn();
        best = std::min(best, double(t.nsecsElapsed()) / 1e9);
    }
    return best;
}

template <typename Feed> void feedInPieces(const QByteArray& data, qsizetype piece, Feed feed)
{
    const char* p = data.constData();
    const qsizetype n = data.size();
    for (qsizetype at = 0; at < n; at += piece)
        feed(p + at, std::min(piece, n - at));
}

void report(const char* what, qsizetype piece, int chunks, qsizetype bytes, double seconds)
{
    const QByteArray pieceText = piece > 0 ? QByteArray::number(piece) + "-byte" : "whole-buffer"_ba;
    std::printf("%-34s %-13s %12.0f chunks/s %9.1f MB/s\n", what, pieceText.constData(), chunks / seconds,
                double(bytes) / seconds / 1e6);
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int chunks = 100000;
    const QByteArray stream = makeStream(chunks);
    std::printf("stream: %d chunks, %lld bytes (%.0f bytes per event), single thread, best of 3\n\n", chunks,
                qlonglong(stream.size()), double(stream.size()) / chunks);

    for (const qsizetype piece : { qsizetype(1), qsizetype(7), qsizetype(0) }) {
        const qsizetype size = piece > 0 ? piece : stream.size();
        // Byte-at-a-time runs use a fifth of the stream to keep the whole benchmark short.
        const int n = piece == 1 ? chunks / 5 : chunks;
        const QByteArray data = piece == 1 ? makeStream(n) : stream;

        const double sse = bestSeconds(3, [&] {
            SseParser parser;
            NullHandler h;
            feedInPieces(data, size, [&](const char* p, qsizetype s) { parser.feed(p, s, h); });
        });
        report("SseParser framing only", piece, n, data.size(), sse);

        qint64 contentChunks = 0;
        const double assembler = bestSeconds(3, [&] {
            ChatStreamAssembler a;
            feedInPieces(data, size, [&](const char* p, qsizetype s) { a.feed(p, s); });
            const ChatOutcome o = a.finish();
            contentChunks = o.ok() ? a.contentChunks() : -1;
        });
        report("ChatStreamAssembler (simdjson)", piece, n, data.size(), assembler);
        if (contentChunks != n)
            std::printf("  unexpected: %lld content chunks assembled, %d sent\n", qlonglong(contentChunks), n);

        const double qjson = bestSeconds(3, [&] {
            SseParser parser;
            QJsonHandler h;
            feedInPieces(data, size, [&](const char* p, qsizetype s) { parser.feed(p, s, h); });
        });
        report("SseParser + QJsonDocument baseline", piece, n, data.size(), qjson);
        std::printf("\n");
    }
    std::printf("target: 500000 chunks/s through ChatStreamAssembler\n");
    return 0;
}
