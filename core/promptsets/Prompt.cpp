#include "Prompt.h"

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

} // namespace tierlens
