// tierlens-cli shadow: the live shadow proxy. The application's requests go to the primary model and its answers
// come back unchanged; a share is mirrored to candidate models, and both answers are recorded in a live run that
// Compare, the Dashboard and the policy read like any run.
#include "CliCommands.h"
#include "CliSupport.h"
#include "RunSession.h"

#include "format/ReportFormat.h"
#include "live/ShadowProxy.h"
#include "pricing/PriceBookRegistry.h"
#include "store/Store.h"

#include <QCommandLineParser>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace tierlens::cli {

namespace {

QString statsLine(const ShadowStats& s)
{
    QStringList models;
    for (const ShadowModelStats& m : s.models)
        models.append(CliCommands::tr("%1: %2 sent, %3 answered, %4 failed, cost %5")
                          .arg(m.label)
                          .arg(m.sent)
                          .arg(m.answered)
                          .arg(m.errors)
                          .arg(ReportFormat::usd(m.costUsd, QLocale::c())));
    return CliCommands::tr("%1 requests (%2 chat completions), %3 mirrored; %4")
        .arg(s.requests)
        .arg(s.chatRequests)
        .arg(s.mirrored)
        .arg(models.join(u"; "_s));
}

} // namespace

int shadow(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption listen(u"listen"_s,
                                    CliCommands::tr("Address and port to listen on (default 127.0.0.1:8788; port 0: "
                                                    "any free one)."),
                                    CliCommands::tr("ADDRESS:PORT"), u"127.0.0.1:8788"_s);
    const QCommandLineOption primary(u"primary"_s,
                                     CliCommands::tr("The model the application uses today: its answers go back to "
                                                     "the client, which keeps its own Authorization header for it."),
                                     CliCommands::tr("LABEL=BASE_URL#MODEL_ID"));
    const QCommandLineOption shadowModel(u"shadow"_s,
                                         CliCommands::tr("A candidate that gets a copy of the chat requests, "
                                                         "repeatable."),
                                         CliCommands::tr("LABEL=BASE_URL#MODEL_ID"));
    const QCommandLineOption keyEnv(u"api-key-env"_s,
                                    CliCommands::tr("Environment variable holding a candidate's API key (default "
                                                    "DEEPSEEK_API_KEY)."),
                                    CliCommands::tr("LABEL=VAR"));
    const QCommandLineOption sample(u"sample"_s,
                                    CliCommands::tr("Share of chat requests mirrored, 0 to 1 (default 1)."),
                                    CliCommands::tr("P"), u"1"_s);
    const QCommandLineOption concurrency(u"concurrency"_s,
                                         CliCommands::tr("Mirrors in flight to each candidate at most; a request "
                                                         "beyond it is not mirrored (default 8)."),
                                         CliCommands::tr("N"), u"8"_s);
    const QCommandLineOption maxUsd(u"max-shadow-usd"_s,
                                    CliCommands::tr("Stop mirroring once the candidates have cost this much."),
                                    CliCommands::tr("USD"));
    const QCommandLineOption rule(u"category-rule"_s,
                                  CliCommands::tr("Category of requests whose last user message matches REGEX "
                                                  "(first match wins; the X-Tierlens-Category header overrides), "
                                                  "repeatable."),
                                  CliCommands::tr("REGEX=CATEGORY"));
    const QCommandLineOption redact(u"redact"_s,
                                    CliCommands::tr("Mask what matches REGEX before anything is stored, repeatable."),
                                    CliCommands::tr("REGEX"));
    const QCommandLineOption token(u"shadow-token"_s,
                                   CliCommands::tr("Token clients must send in X-Tierlens-Token (required when "
                                                   "listening beyond loopback)."),
                                   CliCommands::tr("TOKEN"));
    const QCommandLineOption timeout(
        u"timeout-ms"_s, CliCommands::tr("Time limit of one request in milliseconds (default 900000: 15 minutes)."),
        CliCommands::tr("MS"), u"900000"_s);
    const QCommandLineOption provider(u"provider"_s,
                                      CliCommands::tr("Price book to bill a model with (default: from its base URL)."),
                                      CliCommands::tr("LABEL=NAME"));
    parser.addOptions({ listen, primary, shadowModel, keyEnv, sample, concurrency, maxUsd, rule, redact, token, timeout,
                        provider, priceBooksOption(), quietOption(), insecureHttpOption() });
    int code = ExitOk;
    if (!parse(parser, args,
               CliCommands::tr("Forward an application's requests to its model and mirror them to candidates, "
                               "recording both in a live run. Ctrl-C ends the session."),
               &code))
        return code;

    QString error;
    ShadowOptions options;
    if (!parser.isSet(primary))
        return fail(ExitUsage, CliCommands::tr("--primary LABEL=BASE_URL#MODEL_ID is required"));
    std::optional<ModelConfig> first = modelSpec(u"primary"_s, parser.value(primary), &error);
    if (!first)
        return fail(ExitUsage, error);
    options.primary = *first;
    if (parser.values(shadowModel).isEmpty())
        return fail(ExitUsage, CliCommands::tr("at least one --shadow LABEL=BASE_URL#MODEL_ID is required"));
    for (const QString& spec : parser.values(shadowModel)) {
        std::optional<ModelConfig> m = modelSpec(u"shadow"_s, spec, &error);
        if (!m)
            return fail(ExitUsage, error);
        options.shadows.append(*m);
    }
    auto perModel = [&](const QCommandLineOption& option, const std::function<void(ModelConfig&, const QString&)>& set,
                        bool primaryToo) -> bool {
        for (const QString& spec : parser.values(option)) {
            const qsizetype eq = spec.indexOf(u'=');
            const QString label = spec.left(eq);
            bool found = false;
            if (primaryToo && options.primary.label == label) {
                set(options.primary, spec.mid(eq + 1));
                found = true;
            }
            for (ModelConfig& m : options.shadows) {
                if (m.label == label) {
                    set(m, spec.mid(eq + 1));
                    found = true;
                }
            }
            if (eq <= 0 || !found) {
                error = primaryToo ? CliCommands::tr("--%1 %2: expected LABEL=VALUE, LABEL the label of --primary or "
                                                     "of a --shadow model")
                                         .arg(option.names().constFirst(), spec)
                                   : CliCommands::tr("--%1 %2: expected LABEL=VALUE, LABEL the label of a --shadow "
                                                     "model")
                                         .arg(option.names().constFirst(), spec);
                return false;
            }
        }
        return true;
    };
    if (!perModel(
            keyEnv, [](ModelConfig& m, const QString& v) { m.apiKeyEnv = v; }, false)
        || !perModel(
            provider, [](ModelConfig& m, const QString& v) { m.provider = v; }, true))
        return fail(ExitUsage, error);

    if (!options.parseListen(parser.value(listen), &error))
        return fail(ExitUsage, CliCommands::tr("--listen: %1").arg(error));
    bool ok = false;
    options.sample = parser.value(sample).toDouble(&ok);
    if (!ok)
        return fail(ExitUsage,
                    CliCommands::tr("--sample expects a share from 0 to 1, not \"%1\"").arg(parser.value(sample)));
    const std::optional<qint64> cap = positiveNumber(parser, u"concurrency"_s, 8, &error);
    if (!cap)
        return fail(ExitUsage, error);
    options.shadowConcurrency = int(std::min<qint64>(*cap, 100000));
    if (parser.isSet(maxUsd)) {
        const double usd = parser.value(maxUsd).toDouble(&ok);
        if (!ok)
            return fail(ExitUsage,
                        CliCommands::tr("--max-shadow-usd expects an amount, not \"%1\"").arg(parser.value(maxUsd)));
        options.maxShadowUsd = usd;
    }
    const std::optional<qint64> timeoutMs = positiveNumber(parser, u"timeout-ms"_s, 900000, &error);
    if (!timeoutMs)
        return fail(ExitUsage, error);
    options.timeoutMs = *timeoutMs;
    for (const QString& spec : parser.values(rule)) {
        std::optional<CategoryRule> r = ShadowOptions::parseCategoryRule(spec, &error);
        if (!r)
            return fail(ExitUsage, error);
        options.categoryRules.append(*r);
    }
    for (const QString& pattern : parser.values(redact)) {
        std::optional<QRegularExpression> re = ShadowOptions::parsePattern(pattern, u"--redact"_s, &error);
        if (!re)
            return fail(ExitUsage, error);
        options.redactions.append(*re);
    }
    options.token = parser.value(token).toUtf8();
    if (const QString problem = options.validate(); !problem.isEmpty())
        return fail(ExitUsage, problem);
    RunConfig candidates;
    candidates.models = options.shadows;
    if (!checkInsecureHttp(candidates, parser.isSet(insecureHttpOption()), &code))
        return code;

    PriceBookRegistry prices;
    if (!prices.loadBundled(&error))
        return fail(ExitInput, error);
    if (parser.isSet(priceBooksOption()) && !prices.loadOverrides(parser.value(priceBooksOption()), &error))
        return fail(ExitInput, error);
    std::unique_ptr<Store> store = openStore(parser, Store::OpenMode::Create, &error);
    if (!store)
        return fail(ExitInput, error);

    ShadowProxy proxy(*store, prices);
    if (!proxy.start(options, &error))
        return fail(ExitInput, error);
    // The first line says where to point the application (scripts read it).
    out() << u"listening on %1 (live run %2)"_s.arg(proxy.url()).arg(proxy.runId()) << Qt::endl; // not translated
    const bool quiet = parser.isSet(quietOption());
    QObject::connect(&proxy, &ShadowProxy::mirroringStopped, [](const QString& why) { err() << why << Qt::endl; });
    QTimer progress;
    QString lastLine;
    QObject::connect(&progress, &QTimer::timeout, [&] {
        const QString line = statsLine(proxy.stats());
        if (line != lastLine)
            err() << line << Qt::endl;
        lastLine = line;
    });
    if (!quiet)
        progress.start(2000);
    const Interrupts interrupts([] { QCoreApplication::quit(); });
    QCoreApplication::exec();
    progress.stop();
    const qint64 runId = proxy.runId();
    const ShadowStats stats = proxy.stats();
    if (!proxy.stop(&error))
        return fail(ExitRunFailed, CliCommands::tr("live run %1: %2").arg(runId).arg(error));
    err() << statsLine(stats) << Qt::endl;
    out() << CliCommands::tr("live run %1 ended; compare it with: tierlens-cli report %1").arg(runId) << Qt::endl;
    return ExitOk;
}

} // namespace tierlens::cli
