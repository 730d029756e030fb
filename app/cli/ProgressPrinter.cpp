#include "ProgressPrinter.h"

#include "engine/RunEngine.h"

#include <QCoreApplication>
#include <QDateTime>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace tierlens::cli {

namespace {
QString duration(double seconds)
{
    const auto s = qint64(seconds + 0.5);
    return s >= 60 ? u"%1m%2s"_s.arg(s / 60).arg(s % 60, 2, 10, QChar(u'0')) : u"%1s"_s.arg(s);
}
} // namespace

ProgressPrinter::ProgressPrinter(RunEngine& engine, QTextStream& stream, bool quiet)
    : m_engine(engine)
    , m_stream(stream)
    , m_quiet(quiet)
    , m_terminal(isatty(STDERR_FILENO) == 1)
{
    connect(&engine, &RunEngine::progressChanged, this, [this] { print(false); });
}

void ProgressPrinter::print(bool force)
{
    if (m_quiet)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!force && !m_terminal && now - m_lastPrintMs < 5000)
        return;
    m_lastPrintMs = now;
    const RunProgress p = m_engine.progress();
    QStringList parts;
    parts << QCoreApplication::translate("ProgressPrinter", "run %1").arg(p.runId);
    for (const ModelProgress& m : p.models) {
        parts << QCoreApplication::translate("ProgressPrinter", "%1 %2/%3 (%4 in flight, %5 retries, %6 errors, $%7)")
                     .arg(m.label)
                     .arg(m.done)
                     .arg(m.total)
                     .arg(m.inFlight)
                     .arg(m.retries)
                     .arg(m.errors)
                     .arg(m.costUsd, 0, 'f', 4);
    }
    if (const auto eta = p.etaS())
        parts << QCoreApplication::translate("ProgressPrinter", "ETA %1").arg(duration(*eta));
    const QString line = parts.join(u"  "_s);
    if (m_terminal)
        m_stream << "\r\x1b[K" << line;
    else
        m_stream << line << '\n';
    m_stream.flush();
}

void ProgressPrinter::finish()
{
    print(true);
    if (m_terminal && !m_quiet)
        m_stream << '\n' << Qt::flush;
}

} // namespace tierlens::cli
