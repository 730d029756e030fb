#pragma once
// The files only SQLite may open in this process: an open workspace's database and its -wal, -shm and -journal.
//
// SQLite's locks are POSIX advisory locks, which the kernel drops for the whole process as soon as ANY descriptor of
// the file is closed (sqlite.org, "How To Corrupt An SQLite Database File", 2.2). A file dialog sniffing the
// workspace's MIME type, an import of the wrong file or an export over it would silently end the locks; another
// process then believes it is alone, deletes the -wal and -shm files, and what this process writes afterwards is
// lost. Every code path that opens a file the user named asks here first.

#include <QCoreApplication>
#include <QString>

namespace tierlens {

class GuardedFiles
{
    Q_DECLARE_TR_FUNCTIONS(GuardedFiles)

public:
    // Thread-safe; counted, so that two Stores of one file (the desktop's and its run's) keep it guarded until both
    // are gone.
    static void add(const QString& databasePath);
    static void remove(const QString& databasePath);
    // True when path is a guarded file: the same absolute path, or (for files that exist) the same file under
    // another name (symbolic or hard link).
    static bool contains(const QString& path);
    // Empty when path may be opened; else a message that says why not.
    static QString refusal(const QString& path);
};

} // namespace tierlens
