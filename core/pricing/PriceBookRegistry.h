#pragma once
// The price books in force: the bundled ones, each replaceable by a user's copy for the same provider.

#include "PriceBook.h"

#include <QCoreApplication>
#include <QStringList>

#include <map>

namespace tierlens {

class PriceBookRegistry
{
    Q_DECLARE_TR_FUNCTIONS(PriceBookRegistry)

public:
    // Loads the bundled books (":/pricebooks/*.json"), then every *.json in userDir (skipped when empty or
    // absent), a user's book replacing the bundled one of the same provider. Returns the problems met; a
    // broken user book is reported and leaves the bundled one in force rather than leaving a provider unpriced.
    QStringList load(const QString& userDir = QString());

    // Loads the *.json files of one folder, in file-name order; used by load() for both folders.
    QStringList loadFolder(const QString& dir, bool userBooks);

    // Strict variants for callers that treat any problem as fatal, such as a folder named on the command line:
    // false with the problems joined by newlines; loadOverrides() changes nothing unless every book in dir loads.
    bool loadBundled(QString* error);
    bool loadOverrides(const QString& dir, QString* error);

    // Adds or replaces the book of its provider.
    void add(PriceBook book, const QString& origin, bool userBook);

    const PriceBook* forProvider(const QString& provider) const; // case-insensitive; nullptr if none
    QStringList providers() const;
    QString originOf(const QString& provider) const; // the file the book came from
    bool isUserBook(const QString& provider) const;

    static QString bundledFolder();

private:
    struct Entry
    {
        PriceBook book;
        QString origin;
        bool userBook = false;
    };
    std::map<QString, Entry> m_books; // key: lower-cased provider
};

} // namespace tierlens
