#include "GuardedFiles.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QMutex>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

constexpr const char16_t* kSuffixes[] = { u"", u"-wal", u"-shm", u"-journal" };

struct Registry
{
    QMutex mutex;
    QHash<QString, int> databases; // absolute database path -> number of Stores that have it open
};

Registry& registry()
{
    static Registry r;
    return r;
}

QString absolute(const QString& path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

// Device and inode, read with stat(): opens nothing.
bool sameFile(const QString& a, const QString& b)
{
    struct stat sa
    {
    };
    struct stat sb
    {
    };
    return ::stat(QFile::encodeName(a).constData(), &sa) == 0 && ::stat(QFile::encodeName(b).constData(), &sb) == 0
        && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

} // namespace

void GuardedFiles::add(const QString& databasePath)
{
    Registry& r = registry();
    QMutexLocker lock(&r.mutex);
    ++r.databases[absolute(databasePath)];
}

void GuardedFiles::remove(const QString& databasePath)
{
    Registry& r = registry();
    QMutexLocker lock(&r.mutex);
    const auto it = r.databases.find(absolute(databasePath));
    if (it != r.databases.end() && --it.value() <= 0)
        r.databases.erase(it);
}

bool GuardedFiles::contains(const QString& path)
{
    const QString wanted = absolute(path);
    Registry& r = registry();
    QMutexLocker lock(&r.mutex);
    for (auto it = r.databases.cbegin(); it != r.databases.cend(); ++it) {
        for (const char16_t* suffix : kSuffixes) {
            const QString guarded = it.key() + QString::fromUtf16(suffix);
            if (guarded == wanted || sameFile(guarded, wanted))
                return true;
        }
    }
    return false;
}

QString GuardedFiles::refusal(const QString& path)
{
    if (!contains(path))
        return QString();
    return tr("%1 belongs to the workspace that is open: only the database may open it (opening it as another file "
              "would end the database's locks)")
        .arg(QDir::toNativeSeparators(path));
}

} // namespace tierlens
