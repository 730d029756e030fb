#include "JudgePrompt.h"

#include <QStringList>
#include <QVector>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

struct Section
{
    QLatin1StringView header;
    bool optional;
    QString* target;
};

// Whatever follows the last section; the core asks its closing question there, not part of the answer.
void dropTrailer(QString* text, QLatin1StringView trailer)
{
    QStringList lines = text->split(u'\n');
    while (!lines.isEmpty() && lines.last().trimmed().isEmpty())
        lines.removeLast();
    if (!lines.isEmpty() && lines.last().trimmed() == trailer)
        lines.removeLast();
    *text = lines.join(u'\n').trimmed();
}

} // namespace

QString JudgePrompt::pairwiseSystemLine()
{
    return u"You are an impartial judge comparing two answers to the same question."_s;
}

QString JudgePrompt::rubricSystemLine()
{
    return u"You are a strict grader scoring an answer against a rubric."_s;
}

JudgePrompt JudgePrompt::parse(const QString& systemText, const QString& userText)
{
    JudgePrompt p;
    const qsizetype newline = systemText.indexOf(u'\n');
    const QString firstLine = newline < 0 ? systemText : systemText.left(newline);
    if (firstLine == pairwiseSystemLine())
        p.m_kind = Kind::Pairwise;
    else if (firstLine == rubricSystemLine())
        p.m_kind = Kind::Rubric;
    else
        return p;

    QString reference;
    QVector<Section> sections;
    if (p.m_kind == Kind::Pairwise) {
        sections = { { "[Question]"_L1, false, &p.m_question },
                     { "[Reference answer]"_L1, true, &reference },
                     { "[Answer A]"_L1, false, &p.m_answerA },
                     { "[Answer B]"_L1, false, &p.m_answerB } };
    } else {
        sections = { { "[Rubric]"_L1, false, &p.m_rubric },
                     { "[Question]"_L1, false, &p.m_question },
                     { "[Reference answer]"_L1, true, &reference },
                     { "[Answer]"_L1, false, &p.m_answerA } };
    }
    // Headers are only taken in the contract's order, so an answer that quotes "[Question]" stays answer text.
    QVector<bool> seen(sections.size(), false);
    int current = -1;
    for (const QString& line : userText.split(u'\n')) {
        const QString trimmed = line.trimmed();
        int next = -1;
        for (int j = current + 1; j < sections.size(); ++j) {
            if (trimmed == sections.at(j).header) {
                next = j;
                break;
            }
            if (!sections.at(j).optional)
                break;
        }
        if (next >= 0) {
            current = next;
            seen[next] = true;
            continue;
        }
        if (current >= 0) {
            QString* target = sections.at(current).target;
            *target += (target->isEmpty() ? QString() : u"\n"_s) + line;
        }
    }
    for (const Section& s : sections)
        *s.target = s.target->trimmed();
    dropTrailer(sections.last().target,
                p.m_kind == Kind::Pairwise ? "Which answer is better? Reply in JSON."_L1
                                           : "Score the answer in JSON."_L1);
    p.m_readable = true;
    for (int j = 0; j < sections.size(); ++j)
        p.m_readable = p.m_readable && (seen.at(j) || sections.at(j).optional);
    p.m_hasReference = seen.at(p.m_kind == Kind::Pairwise ? 1 : 2);
    p.m_reference = reference;
    return p;
}

} // namespace tierlens
