#include "Settings.h"

#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace tierlens {

Settings::Settings()
    : m_settings(QSettings::IniFormat, QSettings::UserScope, u"tierlens"_s, u"tierlens"_s)
{ }

QString Settings::name(Key key)
{
    switch (key) {
    case Key::LastWorkspace:
        return u"workspace/last"_s;
    case Key::RecentWorkspaces:
        return u"workspace/recent"_s;
    case Key::WindowGeometry:
        return u"window/geometry"_s;
    case Key::WindowState:
        return u"window/state"_s;
    case Key::Language:
        return u"ui/language"_s;
    case Key::RaterName:
        return u"rating/rater"_s;
    case Key::ModelSetup:
        return u"run/models"_s;
    }
    return QString();
}

QVariant Settings::defaultValue(Key key)
{
    switch (key) {
    case Key::RecentWorkspaces:
        return QStringList();
    case Key::WindowGeometry:
    case Key::WindowState:
    case Key::ModelSetup:
        return QByteArray();
    case Key::LastWorkspace:
    case Key::Language:
    case Key::RaterName:
        return QString();
    }
    return QVariant();
}

QVariant Settings::value(Key key) const
{
    return m_settings.value(name(key), defaultValue(key));
}

void Settings::setValue(Key key, const QVariant& value)
{
    m_settings.setValue(name(key), value);
}

QString Settings::userPriceBookFolder()
{
    // ~/.local/share/tierlens/pricebooks on Linux, as the README says (AppDataLocation would add the organisation
    // name: tierlens/tierlens).
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/tierlens/pricebooks"_s;
}

void Settings::addRecentWorkspace(const QString& path)
{
    QStringList recent = value(Key::RecentWorkspaces).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    setValue(Key::RecentWorkspaces, recent);
    setValue(Key::LastWorkspace, path);
}

} // namespace tierlens
