#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

// QTranslator::load(QLocale, ...) walks the locale's uiLanguages() (zh-Hans-CN, zh-CN, zh...), so "zh" or a
// system locale of zh_CN.UTF-8 finds tierlens_zh_CN.qm as well as an exact "zh_CN" does.
constexpr auto kInstalled = "tierlens-translator";

bool installOne(const QLocale& locale, const QString& name, const QString& directory)
{
    auto* translator = new QTranslator(QCoreApplication::instance());
    translator->setObjectName(QString::fromLatin1(kInstalled));
    if (translator->load(locale, name, u"_"_s, directory) && QCoreApplication::installTranslator(translator))
        return true;
    delete translator;
    return false;
}

} // namespace

bool installTranslations(const QString& language)
{
    if (!QCoreApplication::instance())
        return false;
    // A language chosen again replaces the one before: a catalogue left installed would answer every text the new
    // one does not have (English has only plural forms), so "en" after "zh_CN" would show Chinese.
    for (QTranslator* t : QCoreApplication::instance()->findChildren<QTranslator*>(QString::fromLatin1(kInstalled),
                                                                                   Qt::FindDirectChildrenOnly)) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }
    QString chosen = language;
    if (chosen.isEmpty())
        chosen = qEnvironmentVariable("TIERLENS_LANGUAGE");
    const QLocale locale = chosen.isEmpty() ? QLocale::system() : QLocale(chosen);
    // "en" (or "C") asks for the source texts. Only their plural forms ("%n run(s)" as "1 run" / "2 runs") come
    // from a catalogue, and Qt's own must not be loaded for a language Tierlens itself is not shown in.
    if (locale.language() == QLocale::English || locale.language() == QLocale::C) {
        installOne(QLocale(QLocale::English), u"tierlens"_s, u":/i18n"_s);
        return false;
    }
    const bool ours = installOne(locale, u"tierlens"_s, u":/i18n"_s);
    if (ours)
        installOne(locale, u"qtbase"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    return ours;
}

} // namespace tierlens
