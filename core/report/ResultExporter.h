#pragma once
// Streams every result of a run, with its final attempt, to CSV (RFC 4180) or JSON Lines.

#include <QString>
#include <QStringList>

#include <optional>

class QIODevice;

namespace tierlens {

class Store;

class ResultExporter
{
public:
    enum class Format { Csv, Jsonl };

    // "csv" or "jsonl" (any case), for command lines and file dialogs.
    static std::optional<Format> formatFromName(const QString& name);

    // One record per result, in the store's order (model, prompt, repeat), written as it is read so that a large
    // run's answers never sit in memory. CSV starts with a header row and ends records with CRLF; an unknown value
    // is an empty field in CSV and null in JSONL. tool_calls, checks, judge and ratings are JSON text in CSV (""
    // when none) and arrays in JSONL. verdict (pass | fail | none) and verdict_source are the item's as every figure
    // counts it (precedence as the statistics take it, empty for ItemQualities' default); checks, judge and ratings
    // say why (RunReasons).
    // Returns false, with what failed in error, when the store cannot be read or out cannot be written; what was
    // written before the failure stays in out.
    static bool write(Store& store, qint64 runId, Format format, QIODevice& out, QString* error,
                      const QStringList& precedence = {});

    // The column names, in order: the CSV header and the JSONL keys.
    static const QStringList& columns();
};

} // namespace tierlens
