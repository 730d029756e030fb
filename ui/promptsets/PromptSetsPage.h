#pragma once
// The prompt sets of the workspace: import (JSONL, CSV, promptfoo, OpenAI Evals) and browse their prompts.

#include <QWidget>

class QLabel;
class QPushButton;
class QListWidget;
class QTableView;

namespace tierlens {

class PromptTableModel;
class Store;

class PromptSetsPage : public QWidget
{
    Q_OBJECT
public:
    explicit PromptSetsPage(Store& store, QWidget* parent = nullptr);

    // Imports a file into the workspace and selects it. On failure returns false with the importer's words
    // (file, line and field) in error; nothing is written.
    bool importFile(const QString& path, QString* error);
    void reload();
    qint64 currentPromptSetId() const;
    PromptTableModel* promptModel() const { return m_model; }
    // Saves the edited prompts as a new version of the set (past runs keep the version they used), after the
    // importer's own checks; false with what is wrong and where.
    bool saveEdits(QString* error);

public slots:
    // Asks for a file, imports it and says what went wrong in a message box.
    void importInteractively();

signals:
    void promptSetsChanged();
    // The empty workspace's "Try it with the simulator".
    void trySimulatorRequested();

private:
    void showSelected();

    Store& m_store;
    QWidget* m_welcome; // shown while the workspace has no prompt set
    QListWidget* m_sets;
    QTableView* m_prompts;
    PromptTableModel* m_model;
    QLabel* m_summary;
    QPushButton* m_save;
    QPushButton* m_discard;
};

} // namespace tierlens
