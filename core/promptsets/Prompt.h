#pragma once
// One prompt of a prompt set, as imported from JSONL or CSV and as stored.

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QVector>

namespace tierlens {

struct Prompt
{
    qint64 dbId = 0; // row id once stored; 0 before
    QString id; // the file's own id, unique within the set
    QString category; // "general" when the file gives none
    QString system; // optional system prompt, sent first
    QJsonArray messages; // OpenAI-style messages, without the system prompt; a plain prompt is one user message
    QJsonObject options; // per-prompt request fields in wire format (thinking, response_format, tools, ...)
    QString expected; // optional reference answer; never sent to the model
    QJsonObject metadata; // anything else the line carried that a later feature may use (assert, vars, ...)
};

struct PromptSet
{
    qint64 dbId = 0;
    QString name;
    QString sourcePath;
    QString sourceSha256;
    QJsonObject defaults; // what applies to every prompt unless it says otherwise: {"assert": [...]}
    QVector<Prompt> prompts;
};

// The text of the prompt's last user message (the question, in a conversation); array content has its text parts
// joined by newlines. Empty when the prompt has no user message.
QString lastUserText(const Prompt& prompt);

// A conversation's user turns (the prompt's "turns", MT-Bench's shape): each model answers turn k+1 on top of ITS OWN
// answers to the turns before, one request per turn. Empty for a prompt of one turn or of fixed messages. Such a
// prompt's `messages` are its user turns, one message each, for what reads the question (the estimate, Compare).
QStringList conversationTurns(const Prompt& prompt);
// What is sent for turn `turn` (from 0): the user turns up to it, each earlier one followed by the model's own
// answer to it (`answers`, one per earlier turn).
Prompt conversationAt(const Prompt& prompt, int turn, const QStringList& answers);

} // namespace tierlens
