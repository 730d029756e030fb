#pragma once
// Who is sending a run: the owner string a process writes into its run's lease, and whether such an owner still
// lives. Two resumes of one run would both send its remaining prompts (and pay twice), and a run whose process died
// would read "running" forever.

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace tierlens {

class RunLease
{
    Q_DECLARE_TR_FUNCTIONS(RunLease)

public:
    // How often a running engine renews its lease, and when a lease of another host counts as abandoned.
    static constexpr qint64 kHeartbeatMs = 5000;
    static constexpr qint64 kExpiryMs = 30000;

    // "HOST/PID/START" for this process; START (the process's start time in clock ticks since boot, from
    // /proc/self/stat) tells a living process from a later one that was given the same pid.
    static QString ownerForThisProcess();
    // The same for another process of this host; empty when it does not exist.
    static QString ownerFor(qint64 pid);
    // Whether the process named by owner still holds its lease at now: on this host, as long as that process lives;
    // elsewhere, until its last heartbeat is kExpiryMs old.
    static bool isAlive(const QString& owner, const QDateTime& heartbeat, const QDateTime& now);
    // "process 4711 on host ann-laptop, last heard of 3 s ago", for messages.
    static QString describe(const QString& owner, const QDateTime& heartbeat, const QDateTime& now);
};

} // namespace tierlens
