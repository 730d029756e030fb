#include "Prompt.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace tierlens {

QString lastUserText(const Prompt& prompt)
{
    for (qsizetype i = prompt.messages.size() - 1; i >= 0; --i) {
        const QJsonObject m = prompt.messages.at(i).toObject();
        if (m.value(u"role"_s).toString() != u"user"_s)
            continue;
        const QJsonValue content = m.value(u"content"_s);
        if (!content.isArray())
            return content.toString();
        QStringList texts;
        for (const QJsonValue& part : content.toArray()) {
            const QJsonObject o = part.toObject();
            if (o.value(u"type"_s).toString() == u"text"_s)
                texts.append(o.value(u"text"_s).toString());
        }
        return texts.join(u'\n');
    }
    return QString();
}

QStringList conversationTurns(const Prompt& prompt)
{
    QStringList turns;
    for (const QJsonValue& t : prompt.metadata.value(u"turns"_s).toArray())
        turns.append(t.toString());
    return turns;
}

Prompt conversationAt(const Prompt& prompt, int turn, const QStringList& answers)
{
    const QStringList turns = conversationTurns(prompt);
    Prompt out = prompt;
    out.messages = QJsonArray();
    for (int k = 0; k <= turn && k < turns.size(); ++k) {
        out.messages.append(QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, turns.at(k) } });
        if (k < turn)
            out.messages.append(QJsonObject { { u"role"_s, u"assistant"_s }, { u"content"_s, answers.value(k) } });
    }
    return out;
}

} // namespace tierlens
