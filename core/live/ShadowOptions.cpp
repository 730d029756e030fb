#include "ShadowOptions.h"

#include <QJsonArray>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace tierlens {

QString ShadowOptions::validate() const
{
    if (primary.label.isEmpty() || primary.baseUrl.isEmpty() || primary.modelId.isEmpty())
        return tr("the primary model needs a label, a base URL and a model id (LABEL=BASE_URL#MODEL_ID)");
    if (shadows.isEmpty())
        return tr("at least one shadow model is needed: what would the requests be compared with?");
    RunConfig all;
    all.models = { primary };
    all.models += shadows;
    if (const QString problem = all.validate(); !problem.isEmpty())
        return problem;
    if (!(sample >= 0 && sample <= 1))
        return tr("the sample is a share of requests, from 0 to 1, not %1").arg(sample);
    if (shadowConcurrency < 1)
        return tr("the shadow concurrency must be at least 1, not %1").arg(shadowConcurrency);
    if (maxShadowUsd && !(*maxShadowUsd >= 0))
        return tr("the shadow spend limit must be a non-negative amount, not %1").arg(*maxShadowUsd);
    if (!address.isLoopback() && token.isEmpty())
        return tr("listening on %1, which is not this machine's loopback, needs a shadow token that clients send "
                  "(X-Tierlens-Token): anyone who reaches the port could otherwise spend the candidates' keys")
            .arg(address.toString());
    if (timeoutMs <= 0)
        return tr("the timeout must be positive");
    return {};
}

QJsonObject ShadowOptions::toJson() const
{
    QJsonArray rules;
    for (const CategoryRule& r : categoryRules)
        rules.append(QJsonObject { { u"pattern"_s, r.pattern.pattern() }, { u"category"_s, r.category } });
    QJsonObject json { { u"listen"_s, u"%1:%2"_s.arg(address.toString()).arg(port) },
                       { u"primary"_s, primary.label },
                       { u"sample"_s, sample },
                       { u"shadow_concurrency"_s, shadowConcurrency },
                       { u"category_rules"_s, rules },
                       // How many, not which: a pattern may be the very secret it masks.
                       { u"redactions"_s, int(redactions.size()) },
                       { u"token_required"_s, !token.isEmpty() } };
    if (maxShadowUsd)
        json.insert(u"max_shadow_usd"_s, *maxShadowUsd);
    return json;
}

std::optional<QRegularExpression> ShadowOptions::parsePattern(const QString& pattern, const QString& what,
                                                              QString* error)
{
    QRegularExpression re(pattern);
    if (pattern.isEmpty() || !re.isValid()) {
        if (error)
            *error = tr("%1: \"%2\" is not a regular expression: %3")
                         .arg(what, pattern, pattern.isEmpty() ? tr("it is empty") : re.errorString());
        return std::nullopt;
    }
    re.optimize();
    return re;
}

bool ShadowOptions::parseListen(const QString& spec, QString* error)
{
    const QString s = spec.trimmed();
    const qsizetype colon = s.lastIndexOf(u':');
    bool portOk = false;
    const uint p = s.mid(colon + 1).toUInt(&portOk);
    QString host = s.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    QHostAddress parsed;
    if (colon <= 0 || !portOk || p > 65535 || !parsed.setAddress(host)) {
        if (error)
            *error = tr("expected ADDRESS:PORT, such as 127.0.0.1:8788 or [::1]:8788 (an IP address, not a host "
                        "name), not \"%1\"")
                         .arg(s);
        return false;
    }
    address = parsed;
    port = quint16(p);
    return true;
}

QString ShadowOptions::listenUrl(quint16 boundPort) const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(address.toString());
    url.setPort(boundPort);
    return url.toString();
}

std::optional<CategoryRule> ShadowOptions::parseCategoryRule(const QString& spec, QString* error)
{
    const qsizetype eq = spec.lastIndexOf(u'=');
    if (eq <= 0 || eq == spec.size() - 1) {
        if (error)
            *error = tr("category rule \"%1\": expected REGEX=CATEGORY").arg(spec);
        return std::nullopt;
    }
    auto re = parsePattern(spec.left(eq), tr("category rule \"%1\"").arg(spec), error);
    if (!re)
        return std::nullopt;
    return CategoryRule { *re, spec.mid(eq + 1).trimmed() };
}

QString ShadowOptions::categoryFor(const QByteArray& header, const QString& lastUserText) const
{
    const QString named = QString::fromUtf8(header).trimmed();
    if (!named.isEmpty())
        return named.left(100);
    for (const CategoryRule& r : categoryRules) {
        if (r.pattern.match(lastUserText).hasMatch())
            return r.category;
    }
    return u"uncategorized"_s;
}

QString ShadowOptions::redact(QString text) const
{
    for (const QRegularExpression& r : redactions)
        text.replace(r, u"[redacted]"_s);
    return text;
}

QJsonValue ShadowOptions::redact(const QJsonValue& value) const
{
    if (redactions.isEmpty())
        return value;
    if (value.isString())
        return redact(value.toString());
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue& v : value.toArray())
            out.append(redact(v));
        return out;
    }
    if (value.isObject()) {
        QJsonObject out = value.toObject();
        for (auto it = out.begin(); it != out.end(); ++it)
            it.value() = redact(it.value());
        return out;
    }
    return value;
}

} // namespace tierlens
