#include "RunLease.h"

#include <QFile>
#include <QSysInfo>

#include <signal.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

// Field 22 of /proc/PID/stat, the start time; empty when the process does not exist (or there is no /proc).
QByteArray startTimeOf(qint64 pid)
{
    QFile f(u"/proc/%1/stat"_s.arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray stat = f.readAll();
    // The command name (field 2) is in parentheses and may itself hold spaces and parentheses.
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return {};
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    return fields.size() > 19 ? fields.at(19) : QByteArray(); // field 3 is fields[0]
}

QString thisHost()
{
    return QSysInfo::machineHostName();
}

struct Owner
{
    QString host;
    qint64 pid = 0;
    QByteArray start;
};

Owner parse(const QString& owner)
{
    // The host name may hold '/' only in theory; pid and start are the last two parts.
    const qsizetype last = owner.lastIndexOf(u'/');
    const qsizetype middle = last > 0 ? owner.lastIndexOf(u'/', last - 1) : -1;
    if (middle <= 0)
        return {};
    return { owner.left(middle), owner.mid(middle + 1, last - middle - 1).toLongLong(),
             owner.mid(last + 1).toLatin1() };
}

} // namespace

QString RunLease::ownerForThisProcess()
{
    return ownerFor(::getpid());
}

QString RunLease::ownerFor(qint64 pid)
{
    const QByteArray start = startTimeOf(pid);
    if (start.isEmpty())
        return QString();
    return u"%1/%2/%3"_s.arg(thisHost()).arg(pid).arg(QString::fromLatin1(start));
}

bool RunLease::isAlive(const QString& owner, const QDateTime& heartbeat, const QDateTime& now)
{
    if (owner.isEmpty())
        return false;
    const Owner o = parse(owner);
    if (o.pid > 0 && o.host == thisHost()) {
        if (o.pid == ::getpid() && o.start == startTimeOf(o.pid))
            return true;
        // Gone, or the pid now belongs to another process.
        const QByteArray start = startTimeOf(o.pid);
        return !start.isEmpty() && start == o.start;
    }
    return heartbeat.isValid() && heartbeat.msecsTo(now) < kExpiryMs;
}

QString RunLease::describe(const QString& owner, const QDateTime& heartbeat, const QDateTime& now)
{
    const Owner o = parse(owner);
    const QString who = o.pid > 0 ? tr("process %1 on %2").arg(o.pid).arg(o.host) : owner;
    if (!heartbeat.isValid())
        return who;
    return tr("%1, last heard of %2 s ago").arg(who).arg(qMax<qint64>(0, heartbeat.msecsTo(now) / 1000));
}

} // namespace tierlens
