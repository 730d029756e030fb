#pragma once
// Ends a connection the way a crashed server or a middlebox does: what was written goes out, then a TCP reset.

class QTcpSocket;

namespace tierlens {

// Flushes what is buffered, then closes with RST instead of FIN: the client sees "connection reset by peer".
void resetConnection(QTcpSocket* socket);

} // namespace tierlens
