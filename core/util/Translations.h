#pragma once
// Installs the embedded Tierlens translation and Qt's own for the user's language into the application.

#include <QString>

namespace tierlens {

// The language is the argument when given ("zh_CN", "en"), else the environment variable TIERLENS_LANGUAGE,
// else the system locale's UI languages in order. Loads ":/i18n/tierlens_<lang>.qm" and, when installed, Qt's
// qtbase_<lang>.qm. Needs a QCoreApplication; the translators are its children. Returns true when a Tierlens
// translation was installed; false means the source (English) texts are shown, which is never an error.
bool installTranslations(const QString& language = {});

} // namespace tierlens
