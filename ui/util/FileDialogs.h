#pragma once
// Every file dialog of the desktop goes through here.
//
// The platform's dialog runs inside this process (GTK's, KDE's) and, like Qt's own with its default icon provider,
// reads the files it lists to find their types: it opens and closes the workspace's database, -wal and -shm files,
// and closing any descriptor of a file ends every POSIX lock this process holds on it (GuardedFiles). Another
// process then takes the workspace for unused, deletes its -wal and -shm files, and what the desktop writes next is
// lost. So: Qt's dialog, with icons and types told from file names alone, and no file the open workspace consists
// of accepted as something to import or to write over.

#include <QString>

class QWidget;

namespace tierlens::FileDialogs {

enum class Purpose {
    Workspace, // opening or creating a workspace: the open one may be chosen again
    Other, // importing, comparing, exporting: the open workspace's files are refused
};

// The chosen file, or empty when the person cancelled (or chose a file the workspace consists of, after saying so).
QString openFile(QWidget* parent, const QString& caption, const QString& filter, Purpose purpose = Purpose::Other);
QString saveFile(QWidget* parent, const QString& caption, const QString& suggestedName, const QString& filter,
                 Purpose purpose = Purpose::Other);

} // namespace tierlens::FileDialogs
