#pragma once
// Helpers of the end-to-end tests: tierlens-cli as a real process, the files it writes, the database it fills.

#include "SqliteRows.h"
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

namespace tierlens::testing {

inline const QString kBin = QStringLiteral(TIERLENS_BIN_DIR);
inline const QString kSample = QStringLiteral(TIERLENS_SOURCE_DIR "/resources/prompts/sample.jsonl");
inline const QString kFlash = QStringLiteral("deepseek-v4-flash");
inline const QString kPro = QStringLiteral("deepseek-v4-pro");

struct CliResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

inline CliResult cli(const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment(),
                     int timeoutMs = 240000)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(kBin + QStringLiteral("/tierlens-cli"), args);
    CliResult r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

inline int sampleSize()
{
    QFile f(kSample);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    int n = 0;
    for (const QByteArray& line : f.readAll().split('\n'))
        n += line.trimmed().isEmpty() ? 0 : 1;
    return n;
}

inline QJsonObject readJson(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace tierlens::testing
