#include "SimFault.h"

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

struct ModeName
{
    SimFault::Mode mode;
    const char16_t* name;
};

constexpr ModeName kModes[] = {
    { SimFault::Mode::None, u"none" },
    { SimFault::Mode::RateLimit, u"rate-limit" },
    { SimFault::Mode::RateLimitBare, u"rate-limit-bare" },
    { SimFault::Mode::ServerError, u"server-error" },
    { SimFault::Mode::Reset, u"reset" },
    { SimFault::Mode::Cut, u"cut" },
    { SimFault::Mode::BadSse, u"bad-sse" },
    { SimFault::Mode::BadJson, u"bad-json" },
    { SimFault::Mode::KeepaliveWait, u"keepalive-wait" },
    { SimFault::Mode::SlowDrip, u"slow-drip" },
    { SimFault::Mode::Oversized, u"oversized" },
};

QString number(double v)
{
    return QString::number(v, 'g', 10);
}

} // namespace

QString SimFault::name() const
{
    for (const ModeName& m : kModes) {
        if (m.mode == mode)
            return QString::fromUtf16(m.name);
    }
    return u"none"_s;
}

QStringList SimFault::modeNames()
{
    QStringList names;
    for (const ModeName& m : kModes)
        names.append(QString::fromUtf16(m.name));
    return names;
}

QString SimFault::toSpec() const
{
    const SimFault defaults;
    QString spec = name();
    if (rate != defaults.rate)
        spec += u",rate="_s + number(rate);
    if (burst != defaults.burst)
        spec += u",burst="_s + QString::number(burst);
    if (retryAfterMs != defaults.retryAfterMs)
        spec += u",retry_after_ms="_s + number(retryAfterMs);
    if (waitMs != defaults.waitMs)
        spec += u",wait_ms="_s + number(waitMs);
    if (dripMs != defaults.dripMs)
        spec += u",drip_ms="_s + number(dripMs);
    if (tokens != defaults.tokens)
        spec += u",tokens="_s + QString::number(tokens);
    return spec;
}

QString SimFault::parse(const QString& spec, SimFault* out)
{
    const QStringList parts = spec.split(u',');
    SimFault fault;
    bool known = false;
    for (const ModeName& m : kModes) {
        if (parts.constFirst().trimmed() == QStringView(m.name)) {
            fault.mode = m.mode;
            known = true;
        }
    }
    if (!known)
        return tr("\"%1\": unknown fault mode; one of %2").arg(parts.constFirst(), modeNames().join(u", "_s));
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QString part = parts.at(i).trimmed();
        const qsizetype eq = part.indexOf(u'=');
        const QString key = part.left(eq);
        bool ok = false;
        const double value = eq > 0 ? part.mid(eq + 1).toDouble(&ok) : 0;
        if (!ok)
            return tr("\"%1\": expected KEY=NUMBER").arg(part);
        if (key == "rate"_L1 && value >= 0 && value <= 1)
            fault.rate = value;
        else if (key == "burst"_L1 && value >= 1 && value <= 1e6)
            fault.burst = int(value);
        else if (key == "retry_after_ms"_L1 && value >= 0)
            fault.retryAfterMs = value;
        else if (key == "wait_ms"_L1 && value >= 0)
            fault.waitMs = value;
        else if (key == "drip_ms"_L1 && value >= 0)
            fault.dripMs = value;
        else if (key == "tokens"_L1 && value >= 1 && value <= 10'000'000)
            fault.tokens = int(value);
        else if (key == "rate"_L1 || key == "burst"_L1 || key == "retry_after_ms"_L1 || key == "wait_ms"_L1
                 || key == "drip_ms"_L1 || key == "tokens"_L1)
            return tr("\"%1\": value out of range").arg(part);
        else
            return tr("\"%1\": unknown fault parameter; one of rate, burst, retry_after_ms, wait_ms, drip_ms, tokens")
                .arg(part);
    }
    *out = fault;
    return {};
}

} // namespace tierlens
