#pragma once
// What requests and responses share: their header lines, and whether the connection stays open after them.

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>

namespace tierlens {

using HttpHeaderList = QList<QPair<QByteArray, QByteArray>>; // names lower-cased, values trimmed

// A token as RFC 9110 defines it (methods, header names).
bool isHttpToken(QByteArrayView s);
// The header lines of a head (its lines after the first, each ending in LF or CRLF); false on a line that is not
// "name: value".
bool parseHeaderLines(const QList<QByteArray>& lines, HttpHeaderList* headers);
QByteArray headerValue(const HttpHeaderList& headers, QByteArrayView lowerName);
// HTTP/1.1 keeps the connection unless "Connection: close"; HTTP/1.0 closes it unless "Connection: keep-alive".
bool keepsAlive(QByteArrayView version, const HttpHeaderList& headers);

} // namespace tierlens
