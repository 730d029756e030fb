#pragma once
// EvalStatistics as the tables of a report, cells already worded for people: the text report prints them with
// TextTable and the HTML report as <table>s, so both say the same thing.

#include "EvalStatistics.h"

#include <QCoreApplication>

namespace tierlens {

struct ReportTable
{
    QString title;
    QString note; // how to read it: what the intervals are, which items count
    QStringList headers;
    QVector<QStringList> rows;
    int labelColumns = 1; // the first columns name the row (left-aligned); the figures after them align right
};

class StatisticsTables
{
    Q_DECLARE_TR_FUNCTIONS(StatisticsTables)
public:
    // Models over every category; then quality, speed, format and cost per model and category; then every two
    // models compared on the same prompts.
    static QVector<ReportTable> build(const EvalStatistics& stats);
    // Every table as plain text (TextTable), with its title and note.
    static QString text(const EvalStatistics& stats);
    static QString text(const QVector<ReportTable>& tables);
};

} // namespace tierlens
