#pragma once
// Asking before an API key goes over plain http:// to a host that is not this machine (the Run and Live pages).

#include "engine/RunConfig.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QWidget>

namespace tierlens {

// True when nothing would go unencrypted, or the person said to send it anyway.
inline bool confirmInsecureHttp(QWidget* parent, const RunConfig& config)
{
    const QString warning = config.insecureHttpWarning();
    if (warning.isEmpty())
        return true;
    const auto answer = QMessageBox::warning(
        parent, QCoreApplication::translate("tierlens::RunPage", "Unencrypted connection"),
        QCoreApplication::translate(
            "tierlens::RunPage",
            "%1\n\nAnyone on the network between here and that host can read the key. Send it anyway?")
            .arg(warning),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    return answer == QMessageBox::Yes;
}

} // namespace tierlens
