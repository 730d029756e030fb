#include "SocketReset.h"

#include <QTcpSocket>

#include <sys/socket.h>

namespace tierlens {

void resetConnection(QTcpSocket* socket)
{
    socket->flush();
    // A zero linger time makes close() send RST instead of FIN.
    const linger hard { 1, 0 };
    ::setsockopt(static_cast<int>(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    socket->abort();
}

} // namespace tierlens
