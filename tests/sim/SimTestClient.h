#pragma once
// Test helper: blocking HTTP calls against an in-process SimServer through QNetworkAccessManager.

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace tierlens {

// A chat request for deepseek-v4-flash with one user message; streamed ones ask for the usage chunk.
inline QByteArray chatBody(bool stream, const QString& prompt = QStringLiteral("What is the capital of France?"))
{
    QJsonObject body { { QStringLiteral("model"), QStringLiteral("deepseek-v4-flash") },
                       { QStringLiteral("messages"),
                         QJsonArray { QJsonObject { { QStringLiteral("role"), QStringLiteral("user") },
                                                    { QStringLiteral("content"), prompt } } } },
                       { QStringLiteral("stream"), stream } };
    if (stream)
        body.insert(QStringLiteral("stream_options"), QJsonObject { { QStringLiteral("include_usage"), true } });
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

struct SimReply
{
    int status = 0;
    QByteArray body;
    QMap<QByteArray, QByteArray> headers; // names lower-cased
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

class SimTestClient
{
public:
    explicit SimTestClient(QUrl base)
        : m_base(std::move(base))
    { }

    QNetworkReply* start(const QByteArray& method, const QString& path, const QByteArray& body = QByteArray(),
                         const QByteArray& apiKey = QByteArray())
    {
        QUrl url = m_base;
        url.setPath(path);
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        if (!apiKey.isEmpty())
            request.setRawHeader(QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + apiKey);
        return m_nam.sendCustomRequest(request, method, body);
    }

    static SimReply wait(QNetworkReply* reply, int timeoutMs = 20000)
    {
        if (!reply->isFinished()) {
            QEventLoop loop;
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
            loop.exec();
        }
        SimReply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        for (const auto& pair : reply->rawHeaderPairs())
            r.headers.insert(pair.first.toLower(), pair.second);
        reply->deleteLater();
        return r;
    }

    SimReply post(const QString& path, const QJsonObject& body, const QByteArray& apiKey = QByteArray())
    {
        return wait(start(QByteArrayLiteral("POST"), path, QJsonDocument(body).toJson(QJsonDocument::Compact), apiKey));
    }

    SimReply get(const QString& path) { return wait(start(QByteArrayLiteral("GET"), path)); }

private:
    QUrl m_base;
    QNetworkAccessManager m_nam;
};

} // namespace tierlens
