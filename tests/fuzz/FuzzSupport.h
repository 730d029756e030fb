#pragma once

// Shared by the libFuzzer targets: splitting one input into pieces the way a network delivers it, and a private
// directory for targets whose entry point reads a file.

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QVector>

#include <cstddef>
#include <cstdint>

namespace fuzz {

// The importers compile promptfoo's JavaScript with a QJSEngine, which wants a QCoreApplication as every Tierlens
// program has one. Made once, on the first input.
inline void ensureApplication()
{
    static int argc = 1;
    static char name[] = "fuzz";
    static char* argv[] = { name, nullptr };
    static QCoreApplication app(argc, argv);
}

// The first byte of the input chooses the piece lengths (1 to 16 bytes, cycling through its bits), the rest is the
// stream: the same bytes are also fed whole, so boundaries inside lines and CRLF pairs are both exercised.
inline QVector<QByteArrayView> pieces(QByteArrayView stream, uint8_t seed)
{
    QVector<QByteArrayView> out;
    qsizetype at = 0;
    unsigned s = seed | 1u;
    while (at < stream.size()) {
        const qsizetype len = qMin<qsizetype>(stream.size() - at, 1 + (s & 15u));
        out.append(stream.sliced(at, len));
        at += len;
        s = (s * 37u + 11u) & 0xffu;
    }
    return out;
}

// A directory that lives as long as the fuzzer process; the file written there is overwritten by every input.
inline QString writeInput(const QString& fileName, const uint8_t* data, size_t size)
{
    static QTemporaryDir dir;
    const QString path = dir.filePath(fileName);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        abort();
    file.write(reinterpret_cast<const char*>(data), qsizetype(size));
    return path;
}

} // namespace fuzz
