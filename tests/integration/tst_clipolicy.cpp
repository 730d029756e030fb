// End to end for the routing policy's files and replay: a run against tierlens-sim, then tierlens-cli policy with
// overrides and the LiteLLM format, policy-diff between two files, and whatif recounted from the database.

#include "../support/CliProcess.h"
#include "../support/SimProcess.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <yaml-cpp/yaml.h>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace tierlens::testing;

namespace {

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The answers of model %1 in categories LIKE %2 a router would see fail: an error, or a failed assertion that is not
// the judge's.
const QString kTripped
    = u"SELECT r.prompt_id, r.repeat_index FROM results r JOIN run_models m ON m.id = r.run_model_id "
      "JOIN prompts p ON p.id = r.prompt_id "
      "WHERE r.run_id = 1 AND m.label = '%1' AND p.category LIKE '%2' AND (r.status <> 'ok' OR "
      "EXISTS (SELECT 1 FROM result_checks rc JOIN assertion_checks ac ON ac.result_check_id = "
      "rc.id WHERE rc.attempt_id = r.final_attempt_id AND ac.type <> 'llm-rubric' "
      "AND ac.passed = 0))"_s;

} // namespace

class TestCliPolicy : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SimProcess m_sim { kBin };
    QString m_db;

    QString file(const QString& name) const { return m_dir.filePath(name); }

    // category -> route of a policy file
    QHash<QString, QJsonObject> routesOf(const QString& name) const
    {
        QHash<QString, QJsonObject> out;
        for (const auto& v : readJson(file(name)).value(u"routes"_s).toArray())
            out.insert(v.toObject().value(u"category"_s).toString(), v.toObject());
        return out;
    }

    // Sum of one model's result costs in run 1 in the categories matching `like`, for the slots `within` selects.
    double costOf(const QString& label, const QString& like, const QString& within = QString()) const
    {
        QString sql = u"SELECT COALESCE(SUM(r.cost_usd), 0) FROM results r JOIN run_models m ON m.id = r.run_model_id "
                      "JOIN prompts p ON p.id = r.prompt_id WHERE r.run_id = 1 AND m.label = '%1' "
                      "AND p.category LIKE '%2'"_s.arg(label, like);
        if (!within.isEmpty())
            sql += u" AND (r.prompt_id, r.repeat_index) IN (%1)"_s.arg(within);
        return rows(m_db, sql).value(0).value(0).toDouble();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCOMPARE(m_sim.start({ u"--time-scale"_s, u"0.02"_s, u"--seed"_s, u"23"_s }), QString());
        m_db = m_dir.filePath(u"policy.db"_s);
        qputenv("DEEPSEEK_API_KEY", "sk-policy-test-secret");
        const CliResult r = cli({ u"run"_s, u"--db"_s, m_db, u"--prompts"_s, kSample, u"--model"_s,
                                  u"flash="_s + m_sim.url() + u"#"_s + kFlash, u"--model"_s,
                                  u"pro="_s + m_sim.url() + u"#"_s + kPro, u"--backoff-ms"_s, u"20"_s, u"--quiet"_s });
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void overrideIsKeptAndMarked()
    {
        CliResult r = cli({ u"policy"_s, u"1"_s, u"--db"_s, m_db, u"--tolerance"_s, u"1"_s, u"--min-prompts"_s, u"1"_s,
                            u"-o"_s, file(u"derived.json"_s) });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = cli({ u"policy"_s, u"1"_s, u"--db"_s, m_db, u"--tolerance"_s, u"1"_s, u"--min-prompts"_s, u"1"_s,
                  u"--override"_s, u"coding=pro"_s, u"--override"_s, u"easy=pro"_s, u"-o"_s, file(u"by-hand.json"_s) });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject policy = readJson(file(u"by-hand.json"_s));
        const auto derived = routesOf(u"derived.json"_s);
        QCOMPARE(derived.size(), 8); // the sample's categories
        int overridden = 0;
        for (const auto& v : policy.value(u"routes"_s).toArray()) {
            const QJsonObject route = v.toObject();
            const QString category = route.value(u"category"_s).toString();
            const bool byHand = category == u"coding"_s || category == u"easy"_s;
            // The others are as derived; the two by hand go to pro, marked.
            const QJsonObject was = derived.value(category);
            QCOMPARE(route.value(u"model"_s).toString(), byHand ? u"pro"_s : was.value(u"model"_s).toString());
            QCOMPARE(route.value(u"model_id"_s).toString(), byHand ? kPro : was.value(u"model_id"_s).toString());
            QCOMPARE(route.value(u"override"_s).toBool(), byHand);
            QCOMPARE(route.value(u"decision"_s).toString(),
                     byHand ? u"override"_s : was.value(u"decision"_s).toString());
            QCOMPARE(route.value(u"evidence"_s), was.value(u"evidence"_s)); // kept
            overridden += byHand ? 1 : 0;
        }
        QCOMPARE(overridden, 2);
        // The key's variable is in the file, the key never is.
        QCOMPARE(policy.value(u"models"_s).toObject().value(u"pro"_s).toObject().value(u"api_key_env"_s).toString(),
                 u"DEEPSEEK_API_KEY"_s);
        QVERIFY(!readFile(file(u"by-hand.json"_s)).contains("sk-policy-test-secret"));

        QCOMPARE(cli({ u"policy"_s, u"1"_s, u"--db"_s, m_db, u"--override"_s, u"poetry=pro"_s }).exitCode, 2);
        QCOMPARE(cli({ u"policy"_s, u"1"_s, u"--db"_s, m_db, u"--override"_s, u"coding=gpt"_s }).exitCode, 2);
        QCOMPARE(cli({ u"policy"_s, u"1"_s, u"--db"_s, m_db, u"--override"_s, u"coding"_s }).exitCode, 2);
        QCOMPARE(cli({ u"policy"_s, u"1"_s, u"--db"_s, m_db, u"--format"_s, u"yaml"_s }).exitCode, 2);
    }

    void policyDiffBetweenFiles()
    {
        CliResult r = cli({ u"policy-diff"_s, file(u"derived.json"_s), file(u"by-hand.json"_s) });
        QCOMPARE(r.exitCode, 1); // they differ
        const QString text = QString::fromUtf8(r.out);
        const auto derived = routesOf(u"derived.json"_s);
        for (const QString& category : { u"coding"_s, u"easy"_s }) {
            const QJsonObject was = derived.value(category);
            const QString line = u"route %1: %2 (%3) -> pro (override, by hand)"_s.arg(
                category, was.value(u"model"_s).toString(), was.value(u"decision"_s).toString());
            QVERIFY2(text.contains(line), qPrintable(line + u" not in:\n"_s + text));
        }
        QVERIFY2(text.contains(u"routes unchanged: 6"_s), r.out.constData()); // 8 categories in the sample

        r = cli({ u"policy-diff"_s, file(u"derived.json"_s), file(u"derived.json"_s) });
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("the policies route the same way"));

        // A broken file: which file, and where in it.
        QJsonObject broken = readJson(file(u"derived.json"_s));
        QJsonArray routes = broken.value(u"routes"_s).toArray();
        QJsonObject first = routes.at(0).toObject();
        first.insert(u"model"_s, u"gpt"_s);
        routes.replace(0, first);
        broken.insert(u"routes"_s, routes);
        QVERIFY(writeFile(file(u"broken.json"_s), QJsonDocument(broken).toJson()));
        r = cli({ u"policy-diff"_s, file(u"derived.json"_s), file(u"broken.json"_s) });
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(QByteArray(file(u"broken.json"_s).toUtf8() + ": /routes/0/model:")), r.err.constData());
        QVERIFY(writeFile(file(u"noise.json"_s), QByteArray("\x00\xff{\"schema_version\":", 20)));
        r = cli({ u"policy-diff"_s, file(u"noise.json"_s), file(u"derived.json"_s) });
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(file(u"noise.json"_s).toUtf8()), r.err.constData());
        QCOMPARE(cli({ u"policy-diff"_s, file(u"derived.json"_s) }).exitCode, 2);
    }

    void liteLlmConfig()
    {
        const CliResult r
            = cli({ u"policy"_s, u"1"_s, u"--db"_s, m_db, u"--tolerance"_s, u"1"_s, u"--min-prompts"_s, u"1"_s,
                    u"--override"_s, u"coding=pro"_s, u"--format"_s, u"litellm"_s, u"-o"_s, file(u"litellm.yaml"_s) });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QByteArray bytes = readFile(file(u"litellm.yaml"_s));
        QVERIFY(!bytes.contains("sk-policy-test-secret"));
        const YAML::Node root = YAML::Load(bytes.toStdString());
        QHash<QString, QString> groupModel;
        for (const YAML::Node& m : root["model_list"]) {
            const YAML::Node p = m["litellm_params"];
            QCOMPARE(QString::fromStdString(p["api_key"].as<std::string>()), u"os.environ/DEEPSEEK_API_KEY"_s);
            // The simulator is an OpenAI-compatible server on loopback, reached through api_base.
            QCOMPARE(QString::fromStdString(p["api_base"].as<std::string>()), m_sim.url());
            groupModel.insert(QString::fromStdString(m["model_name"].as<std::string>()),
                              QString::fromStdString(p["model"].as<std::string>()));
        }
        QCOMPARE(groupModel.size(), 2 + 8 + 1);
        QCOMPARE(groupModel.value(u"flash"_s), u"openai/"_s + kFlash);
        QCOMPARE(groupModel.value(u"pro"_s), u"openai/"_s + kPro);
        QCOMPARE(groupModel.value(u"tierlens/coding"_s), u"openai/"_s + kPro);
        const auto derived = routesOf(u"derived.json"_s);
        for (auto it = derived.cbegin(); it != derived.cend(); ++it) {
            if (it.key() != u"coding"_s) {
                QCOMPARE(groupModel.value(u"tierlens/"_s + it.key()),
                         u"openai/"_s + it.value().value(u"model_id"_s).toString());
            }
        }
        const QJsonObject all = readJson(file(u"derived.json"_s));
        const QString defaultId = all.value(u"models"_s)
                                      .toObject()
                                      .value(all.value(u"default_model"_s).toString())
                                      .toObject()
                                      .value(u"model_id"_s)
                                      .toString();
        QCOMPARE(groupModel.value(u"tierlens"_s), u"openai/"_s + defaultId);
        const YAML::Node settings = root["router_settings"];
        QVERIFY(settings["num_retries"].IsScalar());
        QVERIFY(settings["timeout"].IsScalar());
        QHash<QString, QString> fallback;
        for (const YAML::Node& f : settings["fallbacks"]) {
            for (const auto& kv : f)
                fallback.insert(QString::fromStdString(kv.first.as<std::string>()),
                                QString::fromStdString(kv.second[0].as<std::string>()));
        }
        // coding goes to pro by hand, the top of the ladder: nothing to fall back on; a flash route falls back on
        // pro, the next one up.
        QVERIFY(!fallback.contains(u"tierlens/coding"_s));
        QVERIFY(!fallback.contains(u"pro"_s));
        QCOMPARE(fallback.value(u"flash"_s), u"pro"_s);
        for (auto it = derived.cbegin(); it != derived.cend(); ++it) {
            if (it.key() != u"coding"_s && it.value().value(u"model"_s).toString() == u"flash"_s)
                QCOMPARE(fallback.value(u"tierlens/"_s + it.key()), u"pro"_s);
        }
    }

    void whatIfRecountedFromTheDatabase()
    {
        // Each category to its route; escalation on every trigger sends a route's tripped answers to the next model
        // up the ladder (flash's to pro; pro is the top), paying both.
        CliResult r = cli({ u"whatif"_s, u"1"_s, u"--db"_s, m_db, u"--policy"_s, file(u"derived.json"_s),
                            u"--traffic"_s, u"easy=1000"_s, u"--traffic"_s, u"coding=10"_s, u"--format"_s, u"json"_s });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject result = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(result.value(u"skipped_requests"_s).toInt(), 0);
        const QJsonObject policy = result.value(u"policy"_s).toObject();
        QCOMPARE(policy.value(u"requests"_s).toInt(), sampleSize());

        const auto routes = routesOf(u"derived.json"_s);
        QHash<QString, double> costPerRequest;
        int escalated = 0;
        double expected = 0;
        for (auto it = routes.cbegin(); it != routes.cend(); ++it) {
            const QString routed = it.value().value(u"model"_s).toString();
            const QString tripped = kTripped.arg(routed, it.key());
            double cost = costOf(routed, it.key());
            if (routed == u"flash"_s) {
                escalated += int(rows(m_db, tripped).size());
                cost += costOf(u"pro"_s, it.key(), tripped);
            }
            expected += cost;
            const double requests = rows(m_db,
                                         u"SELECT COUNT(*) FROM results r JOIN prompts p ON p.id = r.prompt_id "
                                         "JOIN run_models m ON m.id = r.run_model_id WHERE r.run_id = 1 "
                                         "AND m.label = 'flash' AND p.category = '%1'"_s.arg(it.key()))
                                        .value(0)
                                        .value(0)
                                        .toDouble();
            costPerRequest.insert(it.key(), cost / requests);
        }
        QVERIFY2(escalated > 0, "the simulator's weaker answers should fail some checks");
        QCOMPARE(policy.value(u"escalated"_s).toInt(), escalated);
        QVERIFY2(std::abs(policy.value(u"cost_usd"_s).toDouble() - expected) < 1e-9,
                 qPrintable(u"%1 vs %2"_s.arg(policy.value(u"cost_usd"_s).toDouble()).arg(expected)));
        const QJsonObject alone = result.value(u"alone"_s).toObject();
        QVERIFY(
            std::abs(alone.value(u"flash"_s).toObject().value(u"cost_usd"_s).toDouble() - costOf(u"flash"_s, u"%"_s))
            < 1e-9);
        QVERIFY(std::abs(alone.value(u"pro"_s).toObject().value(u"cost_usd"_s).toDouble() - costOf(u"pro"_s, u"%"_s))
                < 1e-9);
        QCOMPARE(alone.value(u"pro"_s).toObject().value(u"escalated"_s).toInt(), 0);

        // Monthly: 1000 easy requests a day at easy's replayed cost per request, 10 coding ones, 30.4 days.
        const double monthly = 30.4 * (1000 * costPerRequest.value(u"easy"_s) + 10 * costPerRequest.value(u"coding"_s));
        QVERIFY(monthly > 0);
        QVERIFY2(std::abs(policy.value(u"monthly_cost_usd"_s).toDouble() - monthly) < 1e-9,
                 qPrintable(u"%1 vs %2"_s.arg(policy.value(u"monthly_cost_usd"_s).toDouble()).arg(monthly)));

        // The table: a row per way of serving, a row per category.
        r = cli({ u"whatif"_s, u"1"_s, u"--db"_s, m_db, u"--policy"_s, file(u"by-hand.json"_s), u"--traffic"_s,
                  u"easy=1000"_s });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString text = QString::fromUtf8(r.out);
        QVERIFY2(text.contains(u"policy"_s) && text.contains(u"all flash"_s) && text.contains(u"all pro"_s)
                     && text.contains(u"per month"_s) && text.contains(u"A month is 30.4 days."_s),
                 r.out.constData());
        for (const QString& category : { u"easy"_s, u"coding"_s, u"tool-use"_s })
            QVERIFY2(text.contains(category), r.out.constData());

        QCOMPARE(cli({ u"whatif"_s, u"1"_s, u"--db"_s, m_db, u"--policy"_s, file(u"derived.json"_s), u"--traffic"_s,
                       u"poetry=5"_s })
                     .exitCode,
                 3);
        QCOMPARE(cli({ u"whatif"_s, u"1"_s, u"--db"_s, m_db, u"--policy"_s, file(u"derived.json"_s), u"--traffic"_s,
                       u"easy=lots"_s })
                     .exitCode,
                 2);
        QCOMPARE(cli({ u"whatif"_s, u"1"_s, u"--db"_s, m_db }).exitCode, 2);
        QCOMPARE(cli({ u"whatif"_s, u"1"_s, u"--db"_s, m_db, u"--policy"_s, file(u"broken.json"_s) }).exitCode, 3);

        // A run that is not there is named, with the database, by every command about one run.
        for (const QStringList& args : { QStringList { u"policy"_s, u"9"_s },
                                         QStringList { u"whatif"_s, u"9"_s, u"--policy"_s, file(u"derived.json"_s) },
                                         QStringList { u"report"_s, u"9"_s }, QStringList { u"export"_s, u"9"_s },
                                         QStringList { u"check"_s, u"9"_s } }) {
            const CliResult missing = cli(args + QStringList { u"--db"_s, m_db });
            QCOMPARE(missing.exitCode, 3);
            QVERIFY2(missing.err.contains(QByteArray("there is no run 9 in "_ba + m_db.toUtf8())),
                     missing.err.constData());
        }
    }

    void settleSendsNewPromptsOfUndecidedCategoriesOnly()
    {
        // 10 prompts per category: every category of the sample is undecided.
        const QString policy = file(u"settle.json"_s);
        CliResult r = cli({ u"policy"_s, u"1"_s, u"--db"_s, m_db, u"--min-prompts"_s, u"10"_s, u"-o"_s, policy });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject before = readJson(policy);
        const QString beforePath = file(u"settle-before.json"_s);
        QVERIFY(QFile::copy(policy, beforePath));
        auto factualOf = [](const QJsonObject& doc) {
            for (const auto& v : doc.value(u"routes"_s).toArray()) {
                if (v.toObject().value(u"category"_s).toString() == u"factual"_s)
                    return v.toObject();
            }
            return QJsonObject();
        };
        const qint64 factualBefore = factualOf(before)
                                         .value(u"evidence"_s)
                                         .toObject()
                                         .value(u"flash"_s)
                                         .toObject()
                                         .value(u"prompts"_s)
                                         .toInteger();
        QVERIFY(factualBefore > 0);
        QCOMPARE(factualOf(before).value(u"decided"_s).toBool(), false);

        // Three new factual prompts, one the sample already asked (sent again it would add nothing).
        QFile sample(kSample);
        QVERIFY(sample.open(QIODevice::ReadOnly));
        QByteArray old;
        for (const QByteArray& line : sample.readAll().split('\n')) {
            if (line.contains("\"factual-pride\""))
                old = line;
        }
        QVERIFY(!old.isEmpty());
        QByteArray more = old + '\n';
        for (const auto& [id, q, a] : { std::tuple { "f-peru", "What is the capital of Peru?", "Lima" },
                                        { "f-h2o", "What is the chemical formula of water?", "H2O" },
                                        { "f-moon", "In what year did people first land on the Moon?", "1969" } }) {
            more += QJsonDocument(
                        QJsonObject { { u"id"_s, QString::fromLatin1(id) },
                                      { u"category"_s, u"factual"_s },
                                      { u"prompt"_s, QString::fromLatin1(q) },
                                      { u"assert"_s,
                                        QJsonArray { QJsonObject { { u"type"_s, u"icontains"_s },
                                                                   { u"value"_s, QString::fromLatin1(a) } } } } })
                        .toJson(QJsonDocument::Compact)
                + '\n';
        }
        const QString morePath = file(u"more.jsonl"_s);
        QVERIFY(writeFile(morePath, more));
        const qint64 runsBefore = scalar(m_db, u"SELECT COUNT(*) FROM runs"_s);
        m_sim.resetStats();
        r = cli({ u"settle"_s, policy, u"--prompts"_s, morePath, u"--db"_s, m_db, u"--quiet"_s });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("look 2") && r.err.contains("3 prompt"), r.err.constData());

        // One new run, the three new prompts once each to both models, as the simulator counted them.
        QCOMPARE(scalar(m_db, u"SELECT COUNT(*) FROM runs"_s), runsBefore + 1);
        const qint64 settleRun = scalar(m_db, u"SELECT MAX(id) FROM runs"_s);
        QCOMPARE(scalar(m_db, u"SELECT COUNT(*) FROM results WHERE run_id = %1"_s.arg(settleRun)), 6);
        const QJsonObject served = m_sim.stats().value(u"models"_s).toObject();
        QCOMPARE(served.value(kFlash).toObject().value(u"requests"_s).toInt(), 3);
        QCOMPARE(served.value(kPro).toObject().value(u"requests"_s).toInt(), 3);

        // The policy, derived again from both runs at the next look: three more factual prompts.
        const QJsonObject after = readJson(policy);
        QCOMPARE(after.value(u"settings"_s).toObject().value(u"look"_s).toInt(), 2);
        QVERIFY(std::abs(after.value(u"settings"_s).toObject().value(u"confidence_at_this_look"_s).toDouble()
                         - (1 - 0.05 / 4))
                < 1e-12);
        QCOMPARE(after.value(u"source_runs"_s).toArray().size(), 2);
        QCOMPARE(factualOf(after)
                     .value(u"evidence"_s)
                     .toObject()
                     .value(u"flash"_s)
                     .toObject()
                     .value(u"prompts"_s)
                     .toInteger(),
                 factualBefore + 3);

        // Nothing new left to send: refused, saying so, and nothing is run.
        r = cli({ u"settle"_s, policy, u"--prompts"_s, morePath, u"--db"_s, m_db, u"--quiet"_s });
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("sent before"), r.err.constData());
        QCOMPARE(scalar(m_db, u"SELECT COUNT(*) FROM runs"_s), runsBefore + 1);
        QCOMPARE(cli({ u"settle"_s, policy, u"--db"_s, m_db }).exitCode, 2);
        QCOMPARE(cli({ u"settle"_s, policy, u"--prompts"_s, morePath, u"--run"_s, u"1"_s, u"--db"_s, m_db }).exitCode,
                 2);

        // Settling with the run already sent (as after an interrupted settle completed by run --resume) gives the
        // same policy, and sends nothing.
        m_sim.resetStats();
        const QString again = file(u"settle-again.json"_s);
        r = cli({ u"settle"_s, beforePath, u"--run"_s, QString::number(settleRun), u"--db"_s, m_db, u"-o"_s, again });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(m_sim.stats().value(u"models"_s).toObject().value(kFlash).toObject().value(u"requests"_s).toInt(), 0);
        const QJsonObject settledAgain = readJson(again);
        QCOMPARE(settledAgain.value(u"routes"_s), after.value(u"routes"_s));
        QCOMPARE(settledAgain.value(u"source_runs"_s), after.value(u"source_runs"_s));
        QCOMPARE(settledAgain.value(u"settings"_s), after.value(u"settings"_s));

        r = cli({ u"settle"_s, beforePath, u"--run"_s, u"99"_s, u"--db"_s, m_db, u"-o"_s, again });
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("there is no run 99"), r.err.constData());
        QCOMPARE(cli({ u"settle"_s, beforePath, u"--run"_s, u"x"_s, u"--db"_s, m_db }).exitCode, 2);
        // A run the policy was derived from is no new evidence.
        r = cli({ u"settle"_s, beforePath, u"--run"_s, u"1"_s, u"--db"_s, m_db, u"-o"_s, again });
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("one of the policy's runs"), r.err.constData());
    }

    void cleanupTestCase() { m_sim.stop(); }
};

QTEST_GUILESS_MAIN(TestCliPolicy)
#include "tst_clipolicy.moc"
