#include "StoreLocation.h"

#include <QDir>
#include <QHash>
#include <QMutex>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

QMutex& passwordsMutex()
{
    static QMutex m;
    return m;
}

QHash<QString, QString>& passwords()
{
    static QHash<QString, QString> p;
    return p;
}

} // namespace

bool StoreLocation::isUrl(const QString& text)
{
    return text.startsWith(u"postgresql://"_s) || text.startsWith(u"postgres://"_s);
}

std::optional<StoreLocation> StoreLocation::parse(const QString& text, QString* error)
{
    StoreLocation l;
    l.m_text = text;
    if (!isUrl(text)) {
        l.m_backend = Backend::Sqlite;
        l.m_filePath = text.startsWith(u"sqlite:"_s) ? text.mid(7) : text;
        if (l.m_filePath.isEmpty()) {
            if (error)
                *error = tr("no database file given");
            return std::nullopt;
        }
        return l;
    }
    const QUrl url(text, QUrl::StrictMode);
    auto refuse = [&](const QString& why) -> std::optional<StoreLocation> {
        if (error)
            *error = tr("%1: %2").arg(url.isValid() ? url.toString(QUrl::RemovePassword) : text, why);
        return std::nullopt;
    };
    if (!url.isValid())
        return refuse(tr("not a valid URL (%1)").arg(url.errorString()));
    if (!url.password().isEmpty())
        return refuse(tr("the URL holds a password; put it in PGPASSWORD, ~/.pgpass or the keychain instead, so "
                         "that it is not kept in the settings and the shell history"));
    l.m_backend = Backend::Postgresql;
    l.m_host = url.host();
    l.m_port = url.port(-1);
    l.m_user = url.userName();
    l.m_database = url.path().mid(1);
    if (l.m_database.isEmpty() || l.m_database.contains(u'/'))
        return refuse(tr("expected postgresql://USER@HOST:PORT/DATABASE"));
    QStringList options;
    for (const auto& [key, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded)) {
        if (key == u"password"_s)
            return refuse(tr("the URL holds a password; put it in PGPASSWORD, ~/.pgpass or the keychain instead"));
        if (value.contains(u';') || key.contains(u';'))
            return refuse(tr("the option %1 cannot contain ';'").arg(key));
        options.append(key + u'=' + value);
    }
    l.m_options = options.join(u';');
    return l;
}

QString StoreLocation::displayName() const
{
    return m_backend == Backend::Sqlite ? QDir::toNativeSeparators(m_filePath) : m_text;
}

void StoreLocation::rememberPassword(const QString& url, const QString& password)
{
    QMutexLocker lock(&passwordsMutex());
    if (password.isEmpty())
        passwords().remove(url);
    else
        passwords().insert(url, password);
}

QString StoreLocation::password() const
{
    QMutexLocker lock(&passwordsMutex());
    return passwords().value(m_text);
}

} // namespace tierlens
