#include "ApiKeyStore.h"

#include <qt6keychain/keychain.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace tierlens {

// Jobs have no parent and delete themselves when done: QtKeychain 0.13 crashes when a job is deleted while its
// backend still answers (e.g. a keyring unlock prompt). Their callbacks are connected with this store as the
// context, so a store that went away is simply not called.
ApiKeyStore::ApiKeyStore(QObject* parent)
    : QObject(parent)
{ }

QString ApiKeyStore::serviceName()
{
    return u"tierlens"_s;
}

void ApiKeyStore::read(const QStringList& variables, ReadDone done)
{
    struct State
    {
        QHash<QString, QByteArray> keys;
        QStringList problems;
        int pending = 0;
        ReadDone done;
    };
    auto state = std::make_shared<State>();
    state->done = std::move(done);
    state->pending = int(variables.size());
    if (variables.isEmpty()) {
        state->done(state->keys, state->problems);
        return;
    }
    for (const QString& variable : variables) {
        auto* job = new QKeychain::ReadPasswordJob(serviceName());
        job->setKey(variable);
        job->setAutoDelete(true);
        connect(job, &QKeychain::Job::finished, this, [state, variable](QKeychain::Job* finished) {
            auto* read = static_cast<QKeychain::ReadPasswordJob*>(finished);
            if (read->error() == QKeychain::NoError && !read->binaryData().isEmpty())
                state->keys.insert(variable, read->binaryData());
            else if (read->error() != QKeychain::EntryNotFound && read->error() != QKeychain::NoError)
                state->problems.append(tr("%1: the keychain answered: %2").arg(variable, read->errorString()));
            if (--state->pending == 0)
                state->done(state->keys, state->problems);
        });
        job->start();
    }
}

void ApiKeyStore::write(const QString& variable, const QByteArray& key, WriteDone done)
{
    auto* job = new QKeychain::WritePasswordJob(serviceName());
    job->setKey(variable);
    job->setBinaryData(key);
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this, [done](QKeychain::Job* finished) {
        done(finished->error() == QKeychain::NoError, finished->errorString());
    });
    job->start();
}

void ApiKeyStore::remove(const QString& variable, WriteDone done)
{
    auto* job = new QKeychain::DeletePasswordJob(serviceName());
    job->setKey(variable);
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this, [done](QKeychain::Job* finished) {
        const bool ok = finished->error() == QKeychain::NoError || finished->error() == QKeychain::EntryNotFound;
        done(ok, finished->errorString());
    });
    job->start();
}

} // namespace tierlens
