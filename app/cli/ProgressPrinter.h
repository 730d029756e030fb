#pragma once
// The run's progress line on stderr: rewritten in place on a terminal, a line every few seconds in a log.

#include <QObject>
#include <QTextStream>

namespace tierlens {
class RunEngine;
}

namespace tierlens::cli {

class ProgressPrinter : public QObject
{
    Q_OBJECT
public:
    ProgressPrinter(RunEngine& engine, QTextStream& stream, bool quiet);
    void finish(); // the last state, on a line of its own

private:
    void print(bool force);

    RunEngine& m_engine;
    QTextStream& m_stream;
    bool m_quiet;
    bool m_terminal;
    qint64 m_lastPrintMs = 0;
};

} // namespace tierlens::cli
