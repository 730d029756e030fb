#pragma once
// Everything a SimServer is started with: seed, time scale, auth and the model profiles.

#include "ModelProfile.h"

#include <QMap>
#include <QString>

namespace tierlens {

struct SimConfig
{
    quint64 seed = 1;
    double timeScale = 1.0; // multiplies every delay; the demo uses ~0.05
    QString apiKey; // empty: any key or none is accepted
    double keepaliveMs = 1000; // interval of keep-alive bytes while a request is queued, before time scaling
    bool logRequests = false; // one line per request on stderr
    QMap<QString, ModelProfile> profiles = builtinModelProfiles();

    // Applies "MODEL=VALUE" to one profile field: error_rate, queue_delay_ms or concurrency_limit.
    // Returns an empty string on success, otherwise what is wrong.
    QString setModelValue(const QString& field, const QString& spec);
    // Applies "MODEL=MODE[,rate=F][,burst=N]..." (see SimFault) to one profile, or to all with MODEL "*".
    QString setModelFault(const QString& spec);
};

} // namespace tierlens
