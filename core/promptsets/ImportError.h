#pragma once
// Why a prompt-set file was refused, pointing at the file, line and field so the user can fix it.

#include <QString>

namespace tierlens {

struct ImportError
{
    QString file; // the file name as the user knows it (no folder)
    int line = 0; // 1-based; 0 when the problem is the file as a whole
    QString field; // JSON key or CSV column, with a path where it helps ("messages[2].role"); may be empty
    QString message; // what is wrong, already translated

    // "prompts.jsonl:12: field \"messages\": expected an array of {role, content} objects"
    QString toString() const;
};

} // namespace tierlens
