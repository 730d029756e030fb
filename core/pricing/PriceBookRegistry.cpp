#include "PriceBookRegistry.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

using namespace Qt::StringLiterals;

namespace tierlens {

QString PriceBookRegistry::bundledFolder()
{
    return u":/pricebooks"_s;
}

QStringList PriceBookRegistry::load(const QString& userDir)
{
    QStringList problems = loadFolder(bundledFolder(), false);
    if (!userDir.isEmpty() && QFileInfo(userDir).isDir()) {
        for (const QString& problem : loadFolder(userDir, true))
            problems.append(tr("%1 (the bundled price book stays in force)").arg(problem));
    }
    return problems;
}

QStringList PriceBookRegistry::loadFolder(const QString& dir, bool userBooks)
{
    QStringList problems;
    QHash<QString, QString> loadedHere; // provider -> file, to catch two files pricing one provider
    const QFileInfoList files = QDir(dir).entryInfoList({ u"*.json"_s }, QDir::Files, QDir::Name);
    for (const QFileInfo& file : files) {
        QString error;
        std::optional<PriceBook> book = PriceBook::load(file.filePath(), &error);
        if (!book) {
            problems.append(error);
            continue;
        }
        const QString key = book->provider().toLower();
        if (loadedHere.contains(key)) {
            problems.append(tr("%1 and %2 both price provider \"%3\"; using %1")
                                .arg(loadedHere.value(key), file.fileName(), book->provider()));
            continue;
        }
        loadedHere.insert(key, file.fileName());
        add(std::move(*book), file.filePath(), userBooks);
    }
    return problems;
}

bool PriceBookRegistry::loadBundled(QString* error)
{
    const QStringList problems = loadFolder(bundledFolder(), false);
    if (problems.isEmpty())
        return true;
    if (error)
        *error = problems.join(u'\n');
    return false;
}

bool PriceBookRegistry::loadOverrides(const QString& dir, QString* error)
{
    auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    if (!QFileInfo(dir).isDir())
        return fail(tr("%1: no such folder of price books").arg(dir));
    PriceBookRegistry staged;
    const QStringList problems = staged.loadFolder(dir, true);
    if (!problems.isEmpty())
        return fail(problems.join(u'\n'));
    for (auto& [key, entry] : staged.m_books)
        m_books.insert_or_assign(key, std::move(entry));
    return true;
}

void PriceBookRegistry::add(PriceBook book, const QString& origin, bool userBook)
{
    const QString key = book.provider().toLower();
    m_books.insert_or_assign(key, Entry { std::move(book), origin, userBook });
}

const PriceBook* PriceBookRegistry::forProvider(const QString& provider) const
{
    const auto it = m_books.find(provider.trimmed().toLower());
    return it == m_books.end() ? nullptr : &it->second.book;
}

QStringList PriceBookRegistry::providers() const
{
    QStringList out;
    for (const auto& [key, entry] : m_books)
        out.append(entry.book.provider());
    return out;
}

QString PriceBookRegistry::originOf(const QString& provider) const
{
    const auto it = m_books.find(provider.trimmed().toLower());
    return it == m_books.end() ? QString() : it->second.origin;
}

bool PriceBookRegistry::isUserBook(const QString& provider) const
{
    const auto it = m_books.find(provider.trimmed().toLower());
    return it != m_books.end() && it->second.userBook;
}

} // namespace tierlens
