#pragma once
// The prompts of one prompt set as a table: id, category, the question, the expected answer, the checks.

#include "promptsets/Prompt.h"

#include <QAbstractTableModel>

namespace tierlens {

class PromptTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Id, Category, System, Question, Expected, Checks, Options, ColumnCount };

    explicit PromptTableModel(QObject* parent = nullptr);
    void setPromptSet(const PromptSet& set);
    const PromptSet& promptSet() const { return m_set; }
    // Edits change this copy only; the page saves it as a new version of the set, so past runs keep theirs.
    bool isModified() const { return m_modified; }
    void addPrompt();
    void removePrompt(int row);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    // Options and Checks are edited as JSON (an object and an array of assertions); a value that is neither is
    // rejected.
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    // The last user message's text, or a message count when the prompt is a longer conversation.
    static QString questionOf(const Prompt& prompt);

signals:
    void modifiedChanged(bool modified);

private:
    void setModified(bool modified);

    PromptSet m_set;
    bool m_modified = false;
};

} // namespace tierlens
