#pragma once
// The application's settings, typed: one key list with its defaults, so no widget spells a QSettings key.
// Never holds an API key (those live in the system keychain or the environment).

#include <QSettings>
#include <QStringList>
#include <QVariant>

namespace tierlens {

class Settings
{
public:
    enum class Key {
        LastWorkspace, // QString: the database opened last
        RecentWorkspaces, // QStringList, newest first
        WindowGeometry, // QByteArray
        WindowState, // QByteArray
        Language, // QString: "" follows the system, else "en" or "zh_CN"
        RaterName, // QString: who rates answers; the login name when empty
        ModelSetup, // QByteArray: JSON array of the run page's models
    };

    // The user's settings; tests point QSettings at a scratch folder through XDG_CONFIG_HOME.
    Settings();

    QVariant value(Key key) const;
    void setValue(Key key, const QVariant& value);

    // Puts path first in the recent list (at most kMaxRecent) and makes it the last workspace.
    void addRecentWorkspace(const QString& path);
    static constexpr int kMaxRecent = 8;

    // The user's own price books (one JSON file per provider), which replace the bundled book of their provider.
    static QString userPriceBookFolder();

private:
    static QString name(Key key);
    static QVariant defaultValue(Key key);

    QSettings m_settings;
};

} // namespace tierlens
