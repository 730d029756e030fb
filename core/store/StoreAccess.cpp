// Whether the store can be written, asked before a run rather than learnt from its first failed write.

#include "SqlUtil.h"
#include "Store.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace tierlens {

QString Store::accessProblem(const QString& path)
{
    const QFileInfo file(path);
    if (file.exists() && !file.isWritable())
        return tr("the file is read-only");
    const QFileInfo folder(file.absolutePath());
    if (!folder.isWritable()) {
        return tr("its folder %1 cannot be written, and SQLite keeps its -wal and -shm files there")
            .arg(QDir::toNativeSeparators(folder.absoluteFilePath() + u'/'));
    }
    return {};
}

bool Store::checkWritable(QString* error)
{
    if (!checkThread(error))
        return false;
    // A write rolled back, so nothing changes. Taking the write lock alone is not enough: in WAL mode that lock lives
    // in the -shm file, and a read-only database grants it.
    QSqlQuery q(m_db);
    const bool began = q.exec(u"BEGIN IMMEDIATE"_s);
    if (began && q.exec(u"CREATE TABLE tierlens_write_probe (x INTEGER)"_s)) {
        QSqlQuery(m_db).exec(u"ROLLBACK"_s);
        return true;
    }
    if (began)
        QSqlQuery(m_db).exec(u"ROLLBACK"_s);
    const QString why = sqlErrorText(q.lastError());
    const QString problem = accessProblem(m_path);
    setError(error,
             tr("Cannot write to the store %1: %2")
                 .arg(QDir::toNativeSeparators(m_path), problem.isEmpty() ? why : why + u" ("_s + problem + u')'));
    return false;
}

} // namespace tierlens
