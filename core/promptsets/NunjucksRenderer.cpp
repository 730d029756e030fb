#include "NunjucksRenderer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cmath>

using namespace Qt::StringLiterals;

namespace tierlens {

bool NunjucksRenderer::hasMarkup(const QString& text)
{
    return text.contains(u"{{"_s) || text.contains(u"{%"_s);
}

QString NunjucksRenderer::toText(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (std::floor(d) == d && std::fabs(d) < 9e15)
            return QString::number(qint64(d));
        return QString::number(d, 'g', 17);
    }
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Array:
    case QJsonValue::Object: {
        const QByteArray wrapped = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
        return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
    }
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return QString();
}

std::optional<QJsonValue> NunjucksRenderer::lookup(const QString& expression, const QJsonObject& vars, bool* valid)
{
    static const QRegularExpression pathRe(u"^[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*|\\[[0-9]+\\])*$"_s);
    *valid = pathRe.match(expression).hasMatch();
    if (!*valid)
        return std::nullopt;
    static const QRegularExpression partRe(u"[A-Za-z_$][\\w$]*|\\[([0-9]+)\\]"_s);
    QJsonValue current = vars;
    for (auto it = partRe.globalMatch(expression); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        if (m.captured(1).isEmpty()) {
            if (!current.isObject() || !current.toObject().contains(m.captured(0)))
                return std::nullopt;
            current = current.toObject().value(m.captured(0));
        } else {
            const qsizetype index = m.captured(1).toLongLong();
            if (!current.isArray() || index >= current.toArray().size())
                return std::nullopt;
            current = current.toArray().at(index);
        }
    }
    return current;
}

std::optional<QString> NunjucksRenderer::render(const QString& text, const QJsonObject& vars, QStringList* missing,
                                                QString* problem, int* problemLine)
{
    auto refuse = [&](qsizetype at, const QString& what) {
        *problem = what;
        *problemLine = int(text.left(at).count(u'\n')) + 1;
        return std::nullopt;
    };
    QString out;
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype open = text.indexOf(u'{', pos);
        if (open < 0 || open + 1 >= text.size()) {
            out += text.mid(pos);
            break;
        }
        const QChar kind = text.at(open + 1);
        if (kind != u'{' && kind != u'%' && kind != u'#') {
            out += text.mid(pos, open + 1 - pos);
            pos = open + 1;
            continue;
        }
        out += text.mid(pos, open - pos);
        const QString closer = kind == u'{' ? u"}}"_s : kind == u'%' ? u"%}"_s : u"#}"_s;
        const qsizetype close = text.indexOf(closer, open + 2);
        if (close < 0)
            return refuse(open, tr("\"%1\" is never closed").arg(text.mid(open, 2)));
        const QString whole = text.mid(open, close + 2 - open);
        pos = close + 2;
        if (kind == u'#')
            continue;
        if (kind == u'%') {
            return refuse(open,
                          tr("Nunjucks tag \"%1\" (loops, conditionals and other tags cannot be imported)")
                              .arg(whole.simplified()));
        }
        QString expression = text.mid(open + 2, close - open - 2);
        // {{- and -}} trim the whitespace next to the tag.
        if (expression.startsWith(u'-')) {
            expression.remove(0, 1);
            while (!out.isEmpty() && out.back().isSpace())
                out.chop(1);
        }
        const bool trimAfter = expression.endsWith(u'-');
        if (trimAfter)
            expression.chop(1);
        expression = expression.trimmed();
        bool valid = false;
        const std::optional<QJsonValue> value = lookup(expression, vars, &valid);
        if (!valid) {
            return refuse(open,
                          tr("Nunjucks expression \"%1\" (only plain variables are supported, not filters "
                             "or expressions)")
                              .arg(whole.simplified()));
        }
        if (value) {
            out += toText(*value);
        } else if (missing && !missing->contains(expression)) {
            missing->append(expression);
        }
        if (trimAfter) {
            while (pos < text.size() && text.at(pos).isSpace())
                ++pos;
        }
    }
    return out;
}

} // namespace tierlens
