#pragma once
// The prompts of one prompt set as a table: id, category, the question, the expected answer, the checks.

#include "promptsets/Prompt.h"

#include <QAbstractTableModel>

namespace tierlens {

class PromptTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Id, Category, Question, Expected, Checks, Options, ColumnCount };

    explicit PromptTableModel(QObject* parent = nullptr);
    void setPromptSet(const PromptSet& set);
    const PromptSet& promptSet() const { return m_set; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The last user message's text, or a message count when the prompt is a longer conversation.
    static QString questionOf(const Prompt& prompt);

private:
    PromptSet m_set;
};

} // namespace tierlens
