#include "HttpHeaders.h"

namespace tierlens {

bool isHttpToken(QByteArrayView s)
{
    if (s.isEmpty())
        return false;
    for (char c : s) {
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
              || c == '.' || c == '!' || c == '#' || c == '$' || c == '%' || c == '&' || c == '\'' || c == '*'
              || c == '+' || c == '^' || c == '`' || c == '|' || c == '~'))
            return false;
    }
    return true;
}

bool parseHeaderLines(const QList<QByteArray>& lines, HttpHeaderList* headers)
{
    headers->clear();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        QByteArray line = lines[i];
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isHttpToken(line.left(colon)))
            return false;
        headers->append({ line.left(colon).toLower(), line.mid(colon + 1).trimmed() });
    }
    return true;
}

QByteArray headerValue(const HttpHeaderList& headers, QByteArrayView lowerName)
{
    for (const auto& h : headers) {
        if (h.first == lowerName)
            return h.second;
    }
    return {};
}

bool keepsAlive(QByteArrayView version, const HttpHeaderList& headers)
{
    const QByteArray connection = headerValue(headers, "connection").toLower();
    if (connection.contains("close"))
        return false;
    if (connection.contains("keep-alive"))
        return true;
    return version != "HTTP/1.0";
}

} // namespace tierlens
