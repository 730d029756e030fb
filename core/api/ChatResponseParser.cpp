#include "ChatResponseParser.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <limits>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {
bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

qsizetype leadingSpace(QByteArrayView body)
{
    qsizetype i = 0;
    while (i < body.size() && isJsonSpace(body[i]))
        ++i;
    return i;
}

std::optional<qint64> count(const QJsonObject& o, QLatin1StringView key)
{
    const QJsonValue v = o.value(key);
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (d < 0 || d > 9.0e15 || d != double(qint64(d)))
        return std::nullopt; // not a token count; unknown rather than a wrong number
    return qint64(d);
}

// The first `limit` bytes as text, cut back to a UTF-8 character boundary.
QString textPrefix(QByteArrayView bytes, qsizetype limit)
{
    if (bytes.size() > limit) {
        qsizetype cut = limit;
        while (cut > 0 && (uchar(bytes[cut]) & 0xC0) == 0x80)
            --cut;
        bytes = bytes.first(cut);
    }
    return QString::fromUtf8(bytes).trimmed();
}

const char* const kMonths[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

// IMF-fixdate, RFC 850 and asctime, the three forms RFC 9110 says a recipient must accept.
QDateTime parseHttpDate(const QString& text)
{
    QString s = text;
    s.replace(u',', u' ').replace(u'-', u' ');
    const QStringList t = s.simplified().split(u' ');
    QString day, month, year, time;
    if (t.size() == 6 && t[5] == "GMT"_L1) {
        day = t[1], month = t[2], year = t[3], time = t[4];
    } else if (t.size() == 5) {
        month = t[1], day = t[2], time = t[3], year = t[4];
    } else {
        return {};
    }
    int m = 0;
    for (int i = 0; i < 12; ++i) {
        if (month == QLatin1StringView(kMonths[i]))
            m = i + 1;
    }
    bool okDay = false, okYear = false;
    const int d = day.toInt(&okDay);
    int y = year.toInt(&okYear);
    if (!okDay || !okYear || m == 0)
        return {};
    if (year.size() == 2)
        y += y < 70 ? 2000 : 1900;
    const QDate date(y, m, d);
    const QTime clock = QTime::fromString(time, u"HH:mm:ss"_s);
    if (!date.isValid() || !clock.isValid())
        return {};
    return QDateTime(date, clock, Qt::UTC);
}
} // namespace

TokenUsage ChatResponseParser::usageFromJson(const QJsonObject& usage)
{
    TokenUsage u;
    u.promptTokens = count(usage, "prompt_tokens"_L1);
    u.completionTokens = count(usage, "completion_tokens"_L1);
    u.totalTokens = count(usage, "total_tokens"_L1);
    u.cacheHitTokens = count(usage, "prompt_cache_hit_tokens"_L1);
    u.cacheMissTokens = count(usage, "prompt_cache_miss_tokens"_L1);
    u.reasoningTokens = count(usage.value("completion_tokens_details"_L1).toObject(), "reasoning_tokens"_L1);
    if (!u.cacheHitTokens) {
        const auto cached = count(usage.value("prompt_tokens_details"_L1).toObject(), "cached_tokens"_L1);
        if (cached) {
            u.cacheHitTokens = cached;
            if (!u.cacheMissTokens && u.promptTokens && *u.promptTokens >= *cached)
                u.cacheMissTokens = *u.promptTokens - *cached;
        }
    }
    return u;
}

QString ChatResponseParser::errorMessageFromJson(const QJsonObject& error)
{
    QString message = error.value("message"_L1).toString();
    if (message.isEmpty())
        message = tr("(no message)");
    QStringList details;
    const QString type = error.value("type"_L1).toString();
    if (!type.isEmpty())
        details << u"type: "_s + type;
    const QJsonValue code = error.value("code"_L1);
    if (code.isString() && !code.toString().isEmpty())
        details << u"code: "_s + code.toString();
    else if (code.isDouble())
        details << u"code: "_s + QString::number(code.toInteger());
    if (!details.isEmpty())
        message += u" ("_s + details.join(u", "_s) + u')';
    return message;
}

ErrorClass ChatResponseParser::errorClassForCode(const QJsonValue& code, ErrorClass fallback)
{
    int status = 0;
    if (code.isDouble())
        status = code.toInt();
    else if (code.isString())
        status = code.toString().toInt();
    if (status >= 400 && status < 600)
        return errorClassForHttpStatus(status);
    const QString c = code.toString().toLower();
    if (c.isEmpty())
        return fallback;
    if (c.contains("rate_limit"_L1) || c.contains("too_many"_L1) || c.contains("concurrency"_L1))
        return ErrorClass::RateLimited;
    if (c.contains("overload"_L1) || c.contains("busy"_L1) || c.contains("unavailable"_L1))
        return ErrorClass::Overloaded;
    if (c.contains("insufficient_balance"_L1) || c.contains("insufficient_quota"_L1))
        return ErrorClass::InsufficientBalance;
    if (c.contains("api_key"_L1) || c.contains("auth"_L1))
        return ErrorClass::Auth;
    if (c.contains("timeout"_L1))
        return ErrorClass::Timeout;
    return fallback;
}

ChatOutcome ChatResponseParser::parseCompletion(QByteArrayView body)
{
    ChatOutcome out;
    auto malformed = [&out](const QString& message) {
        out.error = ErrorClass::Malformed;
        out.errorMessage = message;
        return out;
    };
    const qsizetype skip = leadingSpace(body);
    if (skip == body.size())
        return malformed(tr("the response body is empty (%1 bytes of whitespace)").arg(body.size()));

    QJsonParseError err;
    QJsonDocument doc = QJsonDocument::fromJson(body.sliced(skip).toByteArray(), &err);
    if (err.error == QJsonParseError::IllegalUTF8String) {
        // Kept with the bad bytes replaced and flagged, not retried: the answer was billed (ChatStreamAssembler
        // does the same for streams).
        out.flags |= AttemptFlag::InvalidUtf8;
        doc = QJsonDocument::fromJson(QString::fromUtf8(body.sliced(skip)).toUtf8(), &err);
    }
    if (err.error != QJsonParseError::NoError)
        return malformed(
            tr("invalid JSON near byte %1 of the response body: %2").arg(skip + err.offset).arg(err.errorString()));
    if (!doc.isObject())
        return malformed(tr("the response body is a JSON array, not an object"));
    const QJsonObject root = doc.object();

    const QJsonValue error = root.value("error"_L1);
    if (error.isObject()) {
        out.error = errorClassForCode(error.toObject().value("code"_L1), ErrorClass::ServerError);
        out.errorMessage = errorMessageFromJson(error.toObject());
        return out;
    }
    if (root.value("usage"_L1).isObject())
        out.usage = usageFromJson(root.value("usage"_L1).toObject());

    const QJsonValue choices = root.value("choices"_L1);
    if (!choices.isArray())
        return malformed(tr("the response body has no \"choices\" array"));
    if (choices.toArray().isEmpty())
        return malformed(tr("the response body's \"choices\" array is empty"));
    const QJsonObject choice = choices.toArray().first().toObject();
    const QJsonValue message = choice.value("message"_L1);
    if (!message.isObject())
        return malformed(tr("choices[0] of the response body has no \"message\" object"));
    const QJsonObject msg = message.toObject();
    for (const auto key : { "content"_L1, "reasoning_content"_L1 }) {
        const QJsonValue v = msg.value(key);
        if (!v.isString() && !v.isNull() && !v.isUndefined())
            return malformed(tr("choices[0].message.%1 is not a string").arg(key));
    }
    out.content = msg.value("content"_L1).toString();
    out.reasoning = msg.value("reasoning_content"_L1).toString();
    const QJsonValue calls = msg.value("tool_calls"_L1);
    if (calls.isArray())
        out.toolCalls = toolCallsFromJson(calls.toArray());
    else if (!calls.isNull() && !calls.isUndefined())
        return malformed(tr("choices[0].message.tool_calls is not an array"));
    out.finishReason = choice.value("finish_reason"_L1).toString();
    return out;
}

ChatOutcome ChatResponseParser::parseError(int httpStatus, QByteArrayView body)
{
    ChatOutcome out;
    out.error = errorClassForHttpStatus(httpStatus);
    if (out.error == ErrorClass::None)
        out.error = ErrorClass::HttpOther; // called for a status the caller already judged a failure
    const QString prefix = u"HTTP "_s + QString::number(httpStatus) + u": "_s;

    const QByteArrayView trimmed = body.sliced(leadingSpace(body));
    if (trimmed.isEmpty()) {
        out.errorMessage = tr("HTTP %1 with an empty body").arg(httpStatus);
        return out;
    }
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(trimmed.toByteArray(), &err);
    if (err.error == QJsonParseError::NoError && doc.isObject()) {
        const QJsonObject root = doc.object();
        const QJsonValue error = root.value("error"_L1);
        if (error.isObject()) {
            out.errorMessage = prefix + errorMessageFromJson(error.toObject());
            return out;
        }
        if (error.isString() || root.value("message"_L1).isString()) {
            out.errorMessage = prefix + (error.isString() ? error : root.value("message"_L1)).toString();
            return out;
        }
    }
    out.errorMessage = prefix + textPrefix(trimmed, 300);
    return out;
}

std::optional<qint64> ChatResponseParser::parseRetryAfterMs(QByteArrayView headerValue, const QDateTime& nowUtc)
{
    const QByteArrayView v = headerValue.trimmed();
    if (v.isEmpty())
        return std::nullopt;
    if (v.front() >= '0' && v.front() <= '9') {
        qint64 seconds = 0;
        qsizetype i = 0;
        for (; i < v.size() && v[i] >= '0' && v[i] <= '9'; ++i) {
            if (seconds > 1000000000000LL)
                return std::nullopt; // beyond any sane pause; the caller's own limit is the better guide
            seconds = seconds * 10 + (v[i] - '0');
        }
        qint64 fractionMs = 0;
        if (i < v.size() && v[i] == '.') {
            ++i;
            const qsizetype digitsStart = i;
            qint64 scale = 100;
            bool rest = false;
            for (; i < v.size() && v[i] >= '0' && v[i] <= '9'; ++i) {
                if (scale > 0)
                    fractionMs += (v[i] - '0') * scale;
                else if (v[i] != '0')
                    rest = true;
                scale /= 10;
            }
            if (i == digitsStart)
                return std::nullopt;
            if (rest)
                ++fractionMs; // round up: waiting slightly longer is harmless, retrying early is not
        }
        if (i != v.size())
            return std::nullopt;
        return seconds * 1000 + fractionMs;
    }
    const QDateTime when = parseHttpDate(QString::fromLatin1(v));
    if (!when.isValid() || !nowUtc.isValid())
        return std::nullopt;
    return std::max<qint64>(0, nowUtc.msecsTo(when));
}

} // namespace tierlens
