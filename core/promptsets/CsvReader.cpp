#include "CsvReader.h"

using namespace Qt::StringLiterals;

namespace tierlens {

std::optional<QVector<CsvReader::Record>> CsvReader::parse(const QString& text, int* errorLine, QString* errorMessage)
{
    auto fail = [&](int line, const QString& message) {
        *errorLine = line;
        *errorMessage = message;
        return std::nullopt;
    };
    QVector<Record> records;
    QStringList fields;
    QString field;
    int line = 1;
    int recordLine = 1;
    int quoteLine = 0;
    bool inQuotes = false;
    bool afterQuote = false; // the current field was quoted and its closing quote has been read
    bool recordQuoted = false; // tells a blank line from a record holding one empty quoted field

    auto endRecord = [&]() {
        fields.append(field);
        const bool blank = fields.size() == 1 && fields.first().isEmpty() && !recordQuoted;
        if (!blank)
            records.append(Record { recordLine, fields });
        fields.clear();
        field.clear();
        afterQuote = false;
        recordQuoted = false;
    };

    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        const bool crlf = c == u'\r' && i + 1 < n && text.at(i + 1) == u'\n';
        if (inQuotes) {
            if (c == u'"') {
                if (i + 1 < n && text.at(i + 1) == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    inQuotes = false;
                    afterQuote = true;
                }
            } else if (crlf) {
                // Line endings inside a field are normalised so a prompt reads the same from any editor.
                field += u'\n';
                ++i;
                ++line;
            } else {
                if (c == u'\n')
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == u'"') {
            if (!field.isEmpty() || afterQuote)
                return fail(line,
                            tr("a quote inside an unquoted field (quote the whole field and write \"\" for a "
                               "quote inside it)"));
            inQuotes = true;
            recordQuoted = true;
            quoteLine = line;
        } else if (c == u',') {
            fields.append(field);
            field.clear();
            afterQuote = false;
        } else if (c == u'\n' || crlf) {
            if (crlf)
                ++i;
            endRecord();
            ++line;
            recordLine = line;
        } else {
            if (afterQuote)
                return fail(line, tr("unexpected text after a closing quote"));
            field += c;
        }
    }
    if (inQuotes)
        return fail(quoteLine, tr("unterminated quoted field (the quote opens on this line)"));
    if (!fields.isEmpty() || !field.isEmpty() || recordQuoted)
        endRecord();
    return records;
}

} // namespace tierlens
