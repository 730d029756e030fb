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

    // Imports a file into the workspace and selects it: parsed and saved on a worker with its own connection (a
    // large set takes seconds). importFinished says how it went: on failure the importer's words (file, line and
    // field), and nothing is written.
    void importFile(const QString& path);
    bool isImporting() const { return m_importing > 0; }
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
    // error is empty when the set was imported (and is selected).
    void importFinished(const QString& path, const QString& error);
    // The empty workspace's "Try it with the simulator".
    void trySimulatorRequested();

private:
    void showSelected();

    Store& m_store;
    int m_importing = 0;
    bool m_importAsked = false; // the person chose the file: a failure is said in a message box
    QWidget* m_welcome; // shown while the workspace has no prompt set
    QListWidget* m_sets;
    QTableView* m_prompts;
    PromptTableModel* m_model;
    QLabel* m_summary;
    QPushButton* m_save;
    QPushButton* m_discard;
};

} // namespace tierlens
