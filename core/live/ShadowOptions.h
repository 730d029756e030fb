#pragma once
// What a live shadow session is asked to do (tierlens-cli shadow, the desktop's Live page): where it listens, the
// primary model whose answers the application gets, the candidates that get a copy, and the limits on the copies.

#include "engine/RunConfig.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonObject>
#include <QRegularExpression>
#include <QString>
#include <QVector>

#include <optional>

namespace tierlens {

struct CategoryRule
{
    QRegularExpression pattern; // searched in the request's last user message
    QString category;
};

struct ShadowOptions
{
    Q_DECLARE_TR_FUNCTIONS(ShadowOptions)

public:
    QHostAddress address { QHostAddress::LocalHost };
    quint16 port = 0; // 0: any free port
    ModelConfig primary; // its key is the client's own Authorization header
    QVector<ModelConfig> shadows; // candidates, each with its own key (apiKeyEnv)
    double sample = 1.0; // share of requests mirrored, 0..1
    int shadowConcurrency = 8; // in flight to each candidate at most; a request beyond it is not mirrored
    std::optional<double> maxShadowUsd; // mirroring stops once the candidates' cost reaches it
    QVector<CategoryRule> categoryRules; // the first whose pattern matches names the category
    QVector<QRegularExpression> redactions; // matches are masked before anything is stored
    QByteArray token; // required from clients (X-Tierlens-Token) when set; needed off loopback
    qint64 timeoutMs = 15 * 60 * 1000; // per request, primary and candidates

    // Names what is wrong, or returns an empty string.
    QString validate() const;
    // What is stored with the live run: everything but the token (keys are never in here).
    QJsonObject toJson() const;
    // "ADDRESS:PORT" with an IP address ("[::1]:8788" for IPv6; port 0 takes any free one) into address and port;
    // false, with why, when it is not one.
    bool parseListen(const QString& spec, QString* error);
    // The base URL clients use for a proxy listening on address at this port.
    QString listenUrl(quint16 boundPort) const;
    // "REGEX=CATEGORY"; the last '=' splits, so the pattern may hold '='.
    static std::optional<CategoryRule> parseCategoryRule(const QString& spec, QString* error);
    static std::optional<QRegularExpression> parsePattern(const QString& pattern, const QString& what, QString* error);

    // The request's category: the header's when sent, else the first rule matching the last user message, else
    // "uncategorized".
    QString categoryFor(const QByteArray& header, const QString& lastUserText) const;
    // The text with every match of every redaction replaced by "[redacted]".
    QString redact(QString text) const;
    // The same over every string in a JSON value (messages, tool arguments).
    QJsonValue redact(const QJsonValue& value) const;
};

} // namespace tierlens
