#pragma once
// Loads a prompt set from a .jsonl or .csv file, all or nothing, and writes one back as JSONL.

#include "ImportError.h"
#include "ImportReport.h"
#include "Prompt.h"

#include <QByteArray>
#include <QCoreApplication>

#include <optional>

namespace tierlens {

class PromptSetImporter
{
    Q_DECLARE_TR_FUNCTIONS(PromptSetImporter)

public:
    enum class Format { Jsonl, Csv };

    // Picks the format by extension (case-insensitive). The set's name is the file's base name, sourcePath its
    // absolute path and sourceSha256 the hex SHA-256 of its bytes, so a run can tell whether the file changed.
    static std::optional<PromptSet> load(const QString& path, ImportError* error);

    // Any suite Tierlens reads: its own JSONL and CSV, a promptfoo configuration (.yaml/.yml), or OpenAI
    // Evals JSONL (lines with "input" and "ideal"). report (optional) lists what a foreign suite could not bring.
    static std::optional<PromptSet> loadAny(const QString& path, ImportReport* report, ImportError* error);
    // The formats loadAny reads, for messages: "JSONL (.jsonl, ...), CSV (.csv) or a promptfoo configuration ...".
    static QString formatList();

    // The same from bytes already read; fileName is used in errors and for the set's name.
    static std::optional<PromptSet> parse(const QByteArray& bytes, Format format, const QString& fileName,
                                          ImportError* error);

    static std::optional<Format> formatForPath(const QString& path);

    // One JSON object a line that load() reads back into an equal set (ids, categories, system prompts,
    // messages, options, expected answers as text and metadata, and a first {"defaults": ...} line when the set
    // has defaults). A lone user message is written as "prompt".
    static QByteArray toJsonl(const PromptSet& set);

private:
    // Offset of the first byte that is not part of valid UTF-8, or -1. Strict: overlong forms, surrogates and
    // code points past U+10FFFF are refused, as QString::fromUtf8 would silently replace them.
    static qsizetype firstInvalidUtf8(const QByteArray& bytes);
};

} // namespace tierlens
