// Whether the store can be written, asked before a run rather than learnt from its first failed write.

#include "SqlDialect.h"
#include "SqlUtil.h"
#include "Store.h"
#include "StoreLocation.h"

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

bool Store::checkIntegrity(QString* error)
{
    if (!checkThread(error))
        return false;
    if (!m_integrityChecked && !isDamaged()) {
        QString checkError;
        const std::optional<QString> damage = m_dialect->integrityProblem(m_db, &checkError);
        if (!damage) {
            setError(error, tr("Cannot check the store %1: %2").arg(m_path, checkError));
            return false;
        }
        m_integrityChecked = true;
        if (!damage->isEmpty())
            markDamaged(*damage);
    }
    if (isDamaged()) {
        setError(error, m_damage);
        return false;
    }
    return true;
}

bool Store::checkWritable(QString* error)
{
    // A damaged file takes new rows into whichever pages still work, and then reads as if they were lost: nothing
    // more goes in once a check has found it damaged.
    if (!checkWrite(error) || !checkIntegrity(error))
        return false;
    // A write rolled back, so nothing changes (DDL is transactional in SQLite and PostgreSQL alike). Taking the write
    // lock alone is not enough: in WAL mode that lock lives in the -shm file, and a read-only database grants it.
    QSqlQuery q(m_db);
    const bool began = m_db.transaction();
    if (began && q.exec(u"CREATE TABLE tierlens_write_probe (x "_s + m_dialect->integerType() + u')')) {
        m_db.rollback();
        return true;
    }
    const QString why = sqlErrorText(began ? q.lastError() : m_db.lastError());
    if (began)
        m_db.rollback();
    const std::optional<StoreLocation> location = StoreLocation::parse(m_path, nullptr);
    const bool sqlite = location && location->backend() == StoreLocation::Backend::Sqlite;
    const QString problem = sqlite ? accessProblem(location->filePath()) : QString();
    setError(error,
             tr("Cannot write to the store %1: %2")
                 .arg(location ? location->displayName() : m_path,
                      problem.isEmpty() ? why : why + u" ("_s + problem + u')'));
    return false;
}

} // namespace tierlens
