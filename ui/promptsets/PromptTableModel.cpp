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
    setModified(false);
}

void PromptTableModel::setModified(bool modified)
{
    if (modified == m_modified)
        return;
    m_modified = modified;
    emit modifiedChanged(modified);
}

void PromptTableModel::addPrompt()
{
    QStringList ids;
    for (const Prompt& p : m_set.prompts)
        ids.append(p.id);
    int n = int(m_set.prompts.size()) + 1;
    while (ids.contains(u"prompt-%1"_s.arg(n)))
        ++n;
    Prompt p;
    p.id = u"prompt-%1"_s.arg(n);
    p.category = u"general"_s;
    p.messages.append(QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, QString() } });
    beginInsertRows({}, rowCount(), rowCount());
    m_set.prompts.append(p);
    endInsertRows();
    setModified(true);
}

void PromptTableModel::removePrompt(int row)
{
    if (row < 0 || row >= rowCount())
        return;
    beginRemoveRows({}, row, row);
    m_set.prompts.removeAt(row);
    endRemoveRows();
    setModified(true);
}

Qt::ItemFlags PromptTableModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return QAbstractTableModel::flags(index) | Qt::ItemIsEditable;
}

bool PromptTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || role != Qt::EditRole)
        return false;
    Prompt& p = m_set.prompts[index.row()];
    const QString text = value.toString();
    switch (index.column()) {
    case Id:
        if (text.trimmed().isEmpty())
            return false;
        p.id = text.trimmed();
        break;
    case Category:
        p.category = text.trimmed().isEmpty() ? u"general"_s : text.trimmed();
        break;
    case System:
        p.system = text;
        break;
    case Question: {
        // The last user message takes the new text; a prompt without one gets it.
        for (qsizetype i = p.messages.size() - 1; i >= 0; --i) {
            QJsonObject m = p.messages.at(i).toObject();
            if (m.value(u"role"_s).toString() == u"user"_s) {
                m.insert(u"content"_s, text);
                p.messages[i] = m;
                break;
            }
            if (i == 0)
                p.messages.append(QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, text } });
        }
        if (p.messages.isEmpty())
            p.messages.append(QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, text } });
        break;
    }
    case Expected:
        p.expected = text;
        break;
    case Checks: {
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
        if (!text.trimmed().isEmpty() && !doc.isArray())
            return false;
        if (doc.array().isEmpty())
            p.metadata.remove(u"assert"_s);
        else
            p.metadata.insert(u"assert"_s, doc.array());
        break;
    }
    case Options: {
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
        if (!text.trimmed().isEmpty() && !doc.isObject())
            return false;
        p.options = doc.object();
        break;
    }
    default:
        return false;
    }
    emit dataChanged(index, index);
    setModified(true);
    return true;
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
    const QString text = lastUserText(prompt);
    // A conversation whose user turns carry no text is shown by its length.
    return text.isEmpty() && prompt.messages.size() > 1 ? tr("(%n message(s))", nullptr, int(prompt.messages.size()))
                                                        : text;
}

QVariant PromptTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return QVariant();
    const Prompt& p = m_set.prompts.at(index.row());
    if (role == Qt::EditRole) {
        switch (index.column()) {
        case Question:
            return questionOf(p);
        case Expected:
            return p.expected;
        case System:
            return p.system;
        case Checks:
            return p.metadata.contains(u"assert"_s) ? QString::fromUtf8(
                       QJsonDocument(p.metadata.value(u"assert"_s).toArray()).toJson(QJsonDocument::Compact))
                                                    : QString();
        case Options:
            return p.options.isEmpty() ? QString()
                                       : QString::fromUtf8(QJsonDocument(p.options).toJson(QJsonDocument::Compact));
        default:
            break;
        }
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::EditRole)
        return QVariant();
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
    case System:
        return shortened(p.system);
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
    case System:
        return tr("System prompt");
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
