#include "CostEstimate.h"

#include "util/TextScripts.h"

#include "Cost.h"
#include "PriceBook.h"
#include "promptsets/Prompt.h"

#include <QHash>
#include <QJsonDocument>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

// Counted at the CJK rate: the CJK letters and punctuation, and the full-width forms (，：（）).
bool isCjk(char32_t u)
{
    return isCjkCharacter(u) || (u >= 0xFF00 && u <= 0xFFEF);
}

// Tokens in tenths, so that summing many texts and rounding once stays exact (0.3 is not a binary fraction).
qint64 tenths(QStringView text)
{
    qint64 sum = 0;
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        char32_t u = text[i].unicode();
        if (text[i].isHighSurrogate() && i + 1 < n && text[i + 1].isLowSurrogate()) {
            u = QChar::surrogateToUcs4(text[i], text[i + 1]);
            ++i;
        }
        sum += isCjk(u) ? CostEstimator::kCjkTenthsPerChar : CostEstimator::kOtherTenthsPerChar;
    }
    return sum;
}

qint64 tenthsOfJson(const QJsonValue& value)
{
    QByteArray json;
    if (value.isArray())
        json = QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    else if (value.isObject())
        json = QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    else
        return 0;
    return tenths(QString::fromUtf8(json));
}

qint64 tenthsOfContent(const QJsonValue& content)
{
    if (content.isString())
        return tenths(content.toString());
    qint64 sum = 0;
    if (content.isArray()) {
        // Multi-part content: the text parts are what the model reads.
        for (const QJsonValue& part : content.toArray()) {
            if (part.isString())
                sum += tenths(part.toString());
            else
                sum += tenths(part.toObject().value(u"text"_s).toString());
        }
    }
    return sum;
}

qint64 roundUpTenths(qint64 t)
{
    return (t + 9) / 10;
}

// The tokens the context cache can serve of a prompt that opens with this system prompt: the system message
// with its overhead, in whole cache units.
qint64 cacheablePrefixTokens(const QString& system)
{
    const qint64 prefix = CostEstimator::estimateTokens(system) + CostEstimator::kMessageOverheadTokens;
    return prefix / CostEstimator::kCacheBlockTokens * CostEstimator::kCacheBlockTokens;
}

std::optional<double> cost(const Prices& prices, qint64 input, qint64 cached, qint64 output)
{
    TokenUsage usage;
    usage.promptTokens = input;
    usage.cacheHitTokens = cached;
    usage.cacheMissTokens = input - cached;
    usage.completionTokens = output;
    return costUsd(prices, usage);
}

} // namespace

qint64 CostEstimator::estimateTokens(QStringView text)
{
    return roundUpTenths(tenths(text));
}

qint64 CostEstimator::estimatePromptTokens(const Prompt& prompt)
{
    qint64 sum = tenths(prompt.system);
    qint64 messages = prompt.system.isEmpty() ? 0 : 1;
    for (const QJsonValue& value : prompt.messages) {
        const QJsonObject message = value.toObject();
        sum += tenthsOfContent(message.value(u"content"_s));
        sum += tenthsOfJson(message.value(u"tool_calls"_s));
        ++messages;
    }
    sum += tenthsOfJson(prompt.options.value(u"tools"_s));
    return roundUpTenths(sum) + messages * kMessageOverheadTokens;
}

CostEstimate CostEstimator::estimate(const CostEstimateInput& input)
{
    CostEstimate e;
    e.modelId = input.modelId;

    const std::optional<double>& measured = input.measuredOutputTokens;
    if (measured && input.measuredFrom > 0 && std::isfinite(*measured) && *measured >= 0) {
        e.outputTokensPerRequest = *measured;
        e.outputMeasured = true;
        e.measuredFrom = input.measuredFrom;
    } else {
        const double fallback = input.defaultOutputTokens;
        e.outputTokensPerRequest = std::isfinite(fallback) && fallback >= 0 ? fallback : kDefaultOutputTokens;
    }

    const qint64 repeat = qMax(0, input.repeat);
    if (input.set && repeat > 0) {
        qint64 perPass = 0;
        qint64 requestsPerPass = 0;
        QHash<QString, qint64> promptsPerSystem;
        for (const Prompt& prompt : input.set->prompts) {
            const qsizetype turns = conversationTurns(prompt).size();
            if (turns > 1) {
                // A conversation: a request per turn, each resending the turns before it and the model's answers.
                for (int k = 0; k < turns; ++k) {
                    perPass += estimatePromptTokens(conversationAt(prompt, k, {}))
                        + qRound64(double(k) * e.outputTokensPerRequest);
                }
                requestsPerPass += turns;
                if (!prompt.system.isEmpty())
                    promptsPerSystem[prompt.system] += turns;
                continue;
            }
            perPass += estimatePromptTokens(prompt);
            ++requestsPerPass;
            if (!prompt.system.isEmpty())
                ++promptsPerSystem[prompt.system];
        }
        e.requests = requestsPerPass * repeat;
        e.inputTokens = perPass * repeat;
        // The first request with a system prompt writes it to the cache; every later one may read it.
        for (auto it = promptsPerSystem.cbegin(); it != promptsPerSystem.cend(); ++it)
            e.cachedInputTokens += (it.value() * repeat - 1) * cacheablePrefixTokens(it.key());
    }
    e.outputTokens = qRound64(e.outputTokensPerRequest * double(e.requests));

    const QDateTime at = input.at.toUTC();
    if (!input.book) {
        e.problem = tr("No price book to price %1 with.").arg(input.modelId);
    } else if (!input.book->findModel(input.modelId)) {
        e.problem = tr("%1 is not in the %2 price book.").arg(input.modelId, input.book->provider());
    } else if (!at.isValid()) {
        e.problem = tr("No time to price %1 at.").arg(input.modelId);
    } else {
        e.prices = input.book->pricesAt(input.modelId, at);
        if (!e.prices) {
            e.problem = tr("The %1 price book has no price for %2 at %3.")
                            .arg(input.book->provider(), input.modelId, at.toString(Qt::ISODate));
        }
    }
    if (e.prices) {
        e.highUsd = cost(*e.prices, e.inputTokens, 0, e.outputTokens);
        e.lowUsd = cost(*e.prices, e.inputTokens, e.cachedInputTokens, e.outputTokens);
    }
    return e;
}

CostEstimate CostEstimator::total(const QVector<CostEstimate>& perModel)
{
    CostEstimate t;
    t.lowUsd = 0.0;
    t.highUsd = 0.0;
    t.outputMeasured = !perModel.isEmpty();
    QStringList problems;
    for (const CostEstimate& e : perModel) {
        t.requests += e.requests;
        t.inputTokens += e.inputTokens;
        t.cachedInputTokens += e.cachedInputTokens;
        t.outputTokens += e.outputTokens;
        t.outputMeasured = t.outputMeasured && e.outputMeasured;
        t.measuredFrom += e.outputMeasured ? e.measuredFrom : 0;
        if (t.lowUsd && e.lowUsd)
            *t.lowUsd += *e.lowUsd;
        else
            t.lowUsd.reset();
        if (t.highUsd && e.highUsd)
            *t.highUsd += *e.highUsd;
        else
            t.highUsd.reset();
        if (!e.problem.isEmpty())
            problems << e.problem;
    }
    t.outputTokensPerRequest = t.requests > 0 ? double(t.outputTokens) / double(t.requests) : 0.0;
    t.problem = problems.join(u'\n');
    return t;
}

QString CostEstimator::describeOutput(const CostEstimate& estimate)
{
    if (estimate.outputMeasured) {
        const int results = int(qMin<qint64>(estimate.measuredFrom, std::numeric_limits<int>::max()));
        return tr("measured: mean of %n earlier result(s)", nullptr, results);
    }
    if (estimate.modelId.isEmpty())
        return tr("partly a guess: some models have no earlier results");
    return tr("guess: %1 tokens per request, nothing measured yet")
        .arg(QString::number(qRound64(estimate.outputTokensPerRequest)));
}

} // namespace tierlens
