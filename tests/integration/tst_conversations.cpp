// Conversations (a prompt's "turns", MT-Bench's question file as published): each model answers every turn on top
// of ITS OWN earlier answers, one request per turn, each an attempt of the item with its own tokens and cost; the
// item's result is the last turn's answer; a retry of a turn is a retry, a next turn is not; a run stopped halfway
// through a conversation resumes at the turn it reached, without sending the turns before again. The server is
// scripted (ScriptedServer): it answers "<model> says turn <k> to <the first word of the first turn>" and records
// what it was sent.

#include "../support/CliProcess.h"
#include "../support/ScriptedServer.h"
#include "../support/SqliteRows.h"
#include "compare/ResultPairs.h"
#include "engine/JudgeRunner.h"
#include "pricing/PriceBookRegistry.h"
#include "store/Store.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace tierlens;
using namespace tierlens::testing;

namespace {

QByteArray completion(const QByteArray& content, int promptTokens)
{
    return R"({"id":"x","object":"chat.completion","model":"m","choices":[{"index":0,"message":)"
           R"({"role":"assistant","content":")"
        + content + R"("},"finish_reason":"stop"}],"usage":{"prompt_tokens":)" + QByteArray::number(promptTokens)
        + R"(,"completion_tokens":5,"total_tokens":)" + QByteArray::number(promptTokens + 5) + "}}";
}

struct Sent
{
    QString model;
    QJsonArray messages;
};

Sent sent(const ScriptedRequest& r)
{
    const QJsonObject body = QJsonDocument::fromJson(r.body).object();
    return Sent { body.value(u"model"_s).toString(), body.value(u"messages"_s).toArray() };
}

// The first word of the conversation's first turn: answers name it, so an answer taken from another prompt shows.
QString topic(const QJsonArray& messages)
{
    return messages.first().toObject().value(u"content"_s).toString().section(u' ', 0, 0);
}

QByteArray answerTo(const Sent& s, int turn)
{
    return s.model.toUtf8() + " says turn " + QByteArray::number(turn) + " to " + topic(s.messages).toUtf8();
}

int userTurns(const QJsonArray& messages)
{
    int n = 0;
    for (const QJsonValue& m : messages)
        n += m.toObject().value(u"role"_s).toString() == u"user"_s ? 1 : 0;
    return n;
}

// MT-Bench's question file, as published (question_id, category, turns, reference), and a prompt of one turn.
const QByteArray kQuestions
    = R"({"question_id": 81, "category": "writing", "turns": ["Write a haiku about rain.", "Now rewrite it about snow."], "assert": [{"type": "icontains", "value": "turn 1", "turn": 1}, {"type": "not-icontains", "value": "turn 2", "turn": 1}, {"type": "icontains", "value": "turn 2"}]})"
      "\n"
      R"({"question_id": 111, "category": "math", "turns": ["What is 3 + 4?", "Now double it.", "And add one?"], "reference": ["7", "14", "15"]})"
      "\n"
      R"({"id": "plain", "category": "easy", "prompt": "Say hi."})"
      "\n";

const QByteArray kBusy = R"({"error":{"message":"busy"}})";
const QByteArray kAuthFails = R"({"error":{"message":"Authentication Fails"}})";

} // namespace

class TestConversations : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString questions()
    {
        const QString path = m_dir.filePath(u"question.jsonl"_s);
        QFile f(path);
        if (!f.exists() && f.open(QIODevice::WriteOnly))
            f.write(kQuestions);
        return path;
    }

    CliResult run(const QString& db, const QString& url, const QStringList& more = {})
    {
        return cli(QStringList { u"run"_s, u"--db"_s, db, u"--prompts"_s, questions(), u"--model"_s,
                                 u"a="_s + url + u"#deepseek-v4-flash"_s, u"--model"_s,
                                 u"b="_s + url + u"#deepseek-v4-pro"_s, u"--no-stream"_s, u"--backoff-ms"_s, u"5"_s,
                                 u"--quiet"_s }
                   + more);
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void eachModelAnswersOnTopOfItsOwnAnswers();
    void compareAndTheJudgeSeeTheWholeConversation();
    void aStoppedConversationResumesAtItsTurn();
};

void TestConversations::eachModelAnswersOnTopOfItsOwnAnswers()
{
    std::atomic<bool> failedOnce { false };
    ScriptedServer server([&](const ScriptedRequest& r) {
        const Sent s = sent(r);
        const int turn = userTurns(s.messages);
        // Model b's first try at a second turn fails once: a retry of that turn.
        if (s.model == u"deepseek-v4-pro"_s && turn == 2 && !failedOnce.exchange(true))
            return httpResponse(500, "application/json", kBusy);
        return httpResponse(200, "application/json", completion(answerTo(s, turn), int(s.messages.size()) * 10));
    });
    const QString db = m_dir.filePath(u"conversations.db"_s);
    const QString summary = m_dir.filePath(u"summary.json"_s);
    const CliResult r = run(db, server.url(), { u"--summary"_s, summary });
    QVERIFY2(r.exitCode == 0, r.err.constData());

    // 2 + 3 turns and a one-turn prompt, to two models, and b's retry.
    QCOMPARE(server.requests(), 2 * (2 + 3 + 1) + 1);
    int checkedTurns = 0;
    for (const ScriptedRequest& req : server.received()) {
        const Sent s = sent(req);
        const int turns = userTurns(s.messages);
        // Every earlier turn is followed by THIS model's own answer to it.
        for (qsizetype i = 0; i + 1 < s.messages.size(); i += 2) {
            const QJsonObject answer = s.messages.at(i + 1).toObject();
            QCOMPARE(answer.value(u"role"_s).toString(), u"assistant"_s);
            QCOMPARE(answer.value(u"content"_s).toString(), QString::fromUtf8(answerTo(s, int(i / 2 + 1))));
        }
        checkedTurns += turns > 1 ? 1 : 0;
    }
    QCOMPARE(checkedTurns, 2 * (1 + 2) + 1);

    // One result per item, the last turn's answer; every turn an attempt with its turn, tokens and cost.
    QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM results"_s), 6);
    QCOMPARE(scalar(db,
                    u"SELECT COUNT(*) FROM results r JOIN attempts a ON a.id = r.final_attempt_id "
                    "JOIN prompts p ON p.id = r.prompt_id WHERE p.ext_id = '111' AND a.turn_index = 2 AND "
                    "a.content LIKE '% says turn 3 to What'"_s),
             2);
    QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM attempts WHERE turn_index = 1"_s), 2 * 2 + 1);
    QCOMPARE(scalar(db,
                    u"SELECT COUNT(*) FROM attempts a JOIN prompts p ON p.id = a.prompt_id WHERE "
                    "p.ext_id = '111' AND a.cost_usd > 0"_s),
             6);
    // The item's cost is every turn's.
    QCOMPARE(scalar(db,
                    u"SELECT COUNT(*) FROM results r WHERE r.cost_usd = (SELECT SUM(a.cost_usd) FROM attempts "
                    "a WHERE a.run_model_id = r.run_model_id AND a.prompt_id = r.prompt_id AND "
                    "a.repeat_index = r.repeat_index)"_s),
             6);
    // A next turn is no retry; b's second try at a turn is.
    const QJsonObject models = QJsonDocument::fromJson([&] {
                                   QFile f(summary);
                                   f.open(QIODevice::ReadOnly);
                                   return f.readAll();
                               }())
                                   .object()
                                   .value(u"models"_s)
                                   .toObject();
    QCOMPARE(models.value(u"a"_s).toObject().value(u"retries"_s).toInt(), 0);
    QCOMPARE(models.value(u"b"_s).toObject().value(u"retries"_s).toInt(), 1);
    QCOMPARE(models.value(u"a"_s).toObject().value(u"attempts"_s).toInt(), 6);

    // The reference of the last turn is the expected answer; the export shows the last answer.
    const CliResult exported = cli({ u"export"_s, u"1"_s, u"--db"_s, db, u"--format"_s, u"jsonl"_s });
    QVERIFY2(exported.exitCode == 0, exported.err.constData());
    QVERIFY(exported.out.contains("\"content\":\"deepseek-v4-flash says turn 3 to What\""));
    QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM prompts WHERE ext_id = '111' AND expected = '15'"_s), 1);

    // Checks of an earlier turn read that turn's answer, as the run checked them and as `check` does again.
    const QString passedChecks = u"SELECT COUNT(*) FROM result_checks rc JOIN results r ON r.final_attempt_id = "
                                 "rc.attempt_id JOIN prompts p ON p.id = r.prompt_id WHERE p.ext_id = '81' AND "
                                 "rc.passed = 1"_s;
    QCOMPARE(scalar(db, passedChecks), 2);
    const CliResult rechecked = cli({ u"check"_s, u"1"_s, u"--db"_s, db });
    QVERIFY2(rechecked.exitCode == 0, rechecked.err.constData());
    QCOMPARE(scalar(db, passedChecks), 2);
}

// Compare pairs the earlier turns with each model's own answers; the judge's prompts carry the conversation whole,
// both models' answers to each earlier turn in the prompt's A/B order.
void TestConversations::compareAndTheJudgeSeeTheWholeConversation()
{
    QString error;
    std::unique_ptr<Store> store = Store::open(m_dir.filePath(u"conversations.db"_s), &error, Store::OpenMode::Write);
    QVERIFY2(store, qPrintable(error));
    const std::optional<QVector<ResultPair>> pairs = ResultPairs::load(*store, 1, &error);
    QVERIFY2(pairs, qPrintable(error));
    int conversations = 0;
    for (const ResultPair& p : *pairs) {
        if (p.promptExtId != u"111"_s)
            continue;
        ++conversations;
        QCOMPARE(p.earlierTurns, (QStringList { u"What is 3 + 4?"_s, u"Now double it."_s }));
        QCOMPARE(p.question, u"And add one?"_s);
        QCOMPARE(
            p.first.earlierAnswers,
            (QStringList { u"deepseek-v4-flash says turn 1 to What"_s, u"deepseek-v4-flash says turn 2 to What"_s }));
        QCOMPARE(p.second.earlierAnswers,
                 (QStringList { u"deepseek-v4-pro says turn 1 to What"_s, u"deepseek-v4-pro says turn 2 to What"_s }));
    }
    QCOMPARE(conversations, 1);

    PriceBookRegistry prices;
    QVERIFY2(prices.loadBundled(&error), qPrintable(error));
    JudgeSettings settings;
    settings.judge.label = u"judge"_s;
    settings.judge.baseUrl = u"http://127.0.0.1:9"_s;
    settings.judge.modelId = u"deepseek-v4-pro"_s;
    settings.judge.provider = u"deepseek"_s;
    const std::optional<qint64> judgeRun = JudgeRunner::createJudgeRun(*store, 1, settings, prices, &error);
    QVERIFY2(judgeRun, qPrintable(error));
    const std::optional<RunRow> run = store->loadRun(*judgeRun);
    QVERIFY(run);
    const std::optional<PromptSet> set = store->requirePromptSet(*run, &error);
    QVERIFY2(set, qPrintable(error));
    int judged = 0;
    for (const Prompt& p : set->prompts) {
        if (!p.id.startsWith(u"111#pair-ab"_s))
            continue;
        ++judged;
        const QString text = p.messages.last().toObject().value(u"content"_s).toString();
        QVERIFY2(text.startsWith(u"[Conversation so far]\nTurn 1, user: What is 3 + 4?\nTurn 1, reference answer: 7\n"
                                 u"Turn 1, Answer A: deepseek-v4-flash says turn 1 to What\n"
                                 u"Turn 1, Answer B: deepseek-v4-pro says turn 1 to What\n"
                                 u"Turn 2, user: Now double it.\n"_s),
                 qPrintable(text));
        QVERIFY2(text.contains(u"[Question]\nAnd add one?"_s) && text.contains(u"[Reference answer]\n15"_s)
                     && text.contains(u"[Answer A]\ndeepseek-v4-flash says turn 3 to What"_s),
                 qPrintable(text));
    }
    QCOMPARE(judged, 1);
}

void TestConversations::aStoppedConversationResumesAtItsTurn()
{
    // The key is refused at every second turn: the run stops with the first turns answered.
    std::atomic<bool> refuse { true };
    ScriptedServer server([&](const ScriptedRequest& r) {
        const Sent s = sent(r);
        const int turn = userTurns(s.messages);
        if (turn >= 2 && refuse.load())
            return httpResponse(401, "application/json", kAuthFails);
        return httpResponse(200, "application/json", completion(answerTo(s, turn), 10));
    });
    const QString db = m_dir.filePath(u"resume.db"_s);
    CliResult r = run(db, server.url());
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("auth"), r.err.constData());
    const qint64 firstTurns = scalar(db,
                                     u"SELECT COUNT(*) FROM attempts a JOIN prompts p ON p.id = a.prompt_id "
                                     "WHERE a.turn_index = 0 AND a.error_class = 'none' AND p.ext_id <> "
                                     "'plain'"_s);
    QVERIFY(firstTurns >= 1);

    refuse = false;
    const int before = server.requests();
    r = cli({ u"run"_s, u"--db"_s, db, u"--resume"_s, u"1"_s, u"--backoff-ms"_s, u"5"_s, u"--quiet"_s });
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM results"_s), 6);
    // No first turn that was answered is asked again: turn-1 requests after the resume are only those never
    // answered before.
    int firstAgain = 0;
    const QList<ScriptedRequest> all = server.received();
    for (qsizetype i = before; i < all.size(); ++i) {
        const Sent s = sent(all.at(i));
        if (userTurns(s.messages) == 1 && s.messages.size() == 1
            && s.messages.first().toObject().value(u"content"_s).toString() != u"Say hi."_s)
            ++firstAgain;
        for (qsizetype k = 0; k + 1 < s.messages.size(); k += 2) {
            QCOMPARE(s.messages.at(k + 1).toObject().value(u"content"_s).toString(),
                     QString::fromUtf8(answerTo(s, int(k / 2 + 1))));
        }
    }
    QCOMPARE(qint64(firstAgain) + firstTurns, qint64(2 * 2));
    QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM attempts WHERE turn_index = 0 AND error_class = 'none'"_s),
             qint64(2 * 2 + 2)); // two conversations and the plain prompt, two models: each first turn once
}

QTEST_GUILESS_MAIN(TestConversations)
#include "tst_conversations.moc"
