#include "PromptTableModel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace tierlens {

PromptTableModel::PromptTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void PromptTableModel::setPromptSet(const PromptSet& set)
{
    beginResetModel();
    m_set = set;
    endResetModel();
}

int PromptTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_set.prompts.size());
}

int PromptTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString PromptTableModel::questionOf(const Prompt& prompt)
{
    for (qsizetype i = prompt.messages.size() - 1; i >= 0; --i) {
        const QJsonObject m = prompt.messages.at(i).toObject();
        if (m.value(u"role"_s).toString() != u"user"_s)
            continue;
        const QJsonValue content = m.value(u"content"_s);
        if (content.isString())
            return content.toString();
        QStringList parts;
        for (const auto& part : content.toArray())
            parts.append(part.toObject().value(u"text"_s).toString());
        return parts.join(u'\n');
    }
    return tr("(%n message(s))", nullptr, int(prompt.messages.size()));
}

QVariant PromptTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return QVariant();
    const Prompt& p = m_set.prompts.at(index.row());
    auto shortened = [role](QString text) {
        if (role == Qt::DisplayRole) {
            text.replace(u'\n', u' ');
            if (text.size() > 160)
                text = text.left(157) + u"..."_s;
        }
        return text;
    };
    switch (index.column()) {
    case Id:
        return p.id;
    case Category:
        return p.category;
    case Question:
        return shortened(questionOf(p));
    case Expected:
        return shortened(p.expected);
    case Checks: {
        QStringList types;
        for (const QJsonObject& owner : { m_set.defaults, p.metadata }) {
            for (const auto& a : owner.value(u"assert"_s).toArray())
                types.append(a.toObject().value(u"type"_s).toString());
        }
        return types.join(u", "_s);
    }
    case Options:
        return p.options.isEmpty()
            ? QString()
            : shortened(QString::fromUtf8(QJsonDocument(p.options).toJson(QJsonDocument::Compact)));
    }
    return QVariant();
}

QVariant PromptTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Id:
        return tr("Id");
    case Category:
        return tr("Category");
    case Question:
        return tr("Prompt");
    case Expected:
        return tr("Expected");
    case Checks:
        return tr("Checks");
    case Options:
        return tr("Request options");
    }
    return QVariant();
}

} // namespace tierlens
