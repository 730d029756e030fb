#pragma once
// Splits RFC 4180 CSV text into records: quoted fields, "" escapes, newlines inside quotes, CRLF or LF.

#include <QCoreApplication>
#include <QStringList>
#include <QVector>

#include <optional>

namespace tierlens {

class CsvReader
{
    Q_DECLARE_TR_FUNCTIONS(CsvReader)

public:
    struct Record
    {
        int line = 0; // where the record starts; a quoted field may carry it over several lines
        QStringList fields;
    };

    // Blank lines are skipped. On malformed text returns nothing and the line and message of the problem;
    // an unterminated quote is reported where it opens, since that is where the user must look.
    static std::optional<QVector<Record>> parse(const QString& text, int* errorLine, QString* errorMessage);
};

} // namespace tierlens
