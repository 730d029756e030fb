#pragma once
// API keys in the system keychain (QtKeychain), filed under the name of the environment variable a model reads
// its key from ("DEEPSEEK_API_KEY"), so the keychain and the environment are two sources of the same setting.
// Keys never go to the settings file, the workspace database or a log.

#include <QHash>
#include <QObject>
#include <QStringList>

#include <functional>

namespace tierlens {

class ApiKeyStore : public QObject
{
    Q_OBJECT
public:
    using ReadDone = std::function<void(const QHash<QString, QByteArray>& keys, const QStringList& problems)>;
    using WriteDone = std::function<void(bool ok, const QString& error)>;

    explicit ApiKeyStore(QObject* parent = nullptr);

    // Reads the keys filed under these variable names; names with no entry are simply absent from keys, and a
    // keychain that cannot be reached is a problem, not an error: the environment still works.
    void read(const QStringList& variables, ReadDone done);
    void write(const QString& variable, const QByteArray& key, WriteDone done);
    void remove(const QString& variable, WriteDone done);

    static QString serviceName();
};

} // namespace tierlens
