#pragma once
// Turns a chat request into the simulated model's answer: recognises the task family, decides from the
// profile's quality whether this answer is right, and writes the content, tool calls and reasoning.

#include "ChatRequest.h"
#include "ModelProfile.h"
#include "SimRandom.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace tierlens {

struct SimToolCall
{
    QString id;
    QString name;
    QString arguments; // JSON text
};

struct SimAnswer
{
    QString family; // e.g. "capital", "arithmetic"; empty when the prompt was not recognised
    QString category = QStringLiteral("general");
    bool correct = true;
    QString content;
    QVector<SimToolCall> toolCalls;
    QString topic; // a short paraphrase of the task for the reasoning text
    // The essential answer a judge looks for ("36", "Paris"); empty: the whole content of a right answer.
    QString key;
};

// What a family needs while it answers: the request, a deterministic random stream and the quality draw.
struct AnswerContext
{
    const ChatRequest& request;
    const ModelProfile& profile;
    SimRandom rng;

    // Draws whether the answer for this category comes out right; call once per answer.
    bool decide(const QString& category) { return rng.uniform() < profile.qualityFor(category); }
};

class AnswerEngine
{
public:
    // seed already mixes the server seed, model, prompt and how often this model has seen the prompt.
    static SimAnswer answer(const ChatRequest& request, const ModelProfile& profile, quint64 seed);
    // Plausible step-by-step reasoning cut into exactly `tokens` token pieces.
    static QStringList reasoningPieces(const SimAnswer& answer, int tokens, quint64 seed);
};

} // namespace tierlens
