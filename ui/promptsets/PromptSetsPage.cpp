#include "PromptSetsPage.h"

#include "firstrun/GettingStarted.h"

#include "PromptTableModel.h"
#include "promptsets/PromptSetImporter.h"
#include "store/Store.h"
#include "util/Background.h"
#include "util/FileDialogs.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tierlens {

PromptSetsPage::PromptSetsPage(Store& store, QWidget* parent)
    : QWidget(parent)
    , m_store(store)
    , m_welcome(new QWidget(this))
    , m_sets(new QListWidget(this))
    , m_prompts(new QTableView(this))
    , m_model(new PromptTableModel(this))
    , m_summary(new QLabel(this))
    , m_save(new QPushButton(tr("&Save as new version"), this))
    , m_discard(new QPushButton(tr("Discard changes"), this))
{
    auto* importButton = new QPushButton(tr("&Import prompt set..."), this);
    importButton->setObjectName(u"importButton"_s);
    connect(importButton, &QPushButton::clicked, this, &PromptSetsPage::importInteractively);

    m_sets->setObjectName(u"promptSetList"_s);
    m_prompts->setObjectName(u"promptTable"_s);
    m_prompts->setModel(m_model);
    m_prompts->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_prompts->setWordWrap(false);
    m_prompts->horizontalHeader()->setStretchLastSection(true);
    m_prompts->verticalHeader()->hide();
    m_summary->setWordWrap(true);

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_sets);
    leftLayout->addWidget(importButton);

    m_prompts->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    auto* addPrompt = new QPushButton(tr("&Add prompt"), this);
    auto* removePrompt = new QPushButton(tr("&Remove prompt"), this);
    m_save->setObjectName(u"saveEditsButton"_s);
    connect(addPrompt, &QPushButton::clicked, this, [this] {
        if (currentPromptSetId() == 0)
            return;
        m_model->addPrompt();
        m_prompts->setCurrentIndex(m_model->index(m_model->rowCount() - 1, PromptTableModel::Question));
        m_prompts->edit(m_prompts->currentIndex());
    });
    connect(removePrompt, &QPushButton::clicked, this, [this] {
        if (m_prompts->currentIndex().isValid())
            m_model->removePrompt(m_prompts->currentIndex().row());
    });
    connect(m_save, &QPushButton::clicked, this, [this] {
        QString error;
        if (!saveEdits(&error))
            QMessageBox::warning(this, tr("Save prompt set"), tr("The edits were not saved.\n\n%1").arg(error));
    });
    connect(m_discard, &QPushButton::clicked, this, &PromptSetsPage::showSelected);
    connect(m_model, &PromptTableModel::modifiedChanged, this, [this](bool modified) {
        m_save->setEnabled(modified);
        m_discard->setEnabled(modified);
    });
    m_save->setEnabled(false);
    m_discard->setEnabled(false);
    auto* editButtons = new QHBoxLayout;
    editButtons->addWidget(addPrompt);
    editButtons->addWidget(removePrompt);
    editButtons->addStretch();
    editButtons->addWidget(m_discard);
    editButtons->addWidget(m_save);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_summary);
    rightLayout->addWidget(m_prompts);
    rightLayout->addLayout(editButtons);

    auto* splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 4);
    // An empty workspace says what to do, and offers to do it all once against the simulator.
    m_welcome->setObjectName(u"welcome"_s);
    auto* welcomeText = new QLabel(m_welcome);
    welcomeText->setWordWrap(true);
    welcomeText->setText(
        tr("<h3>From nothing to a routing decision</h3>") + GettingStarted::stepsHtml()
        + tr("<p>No key yet? <b>Try it with the simulator</b>: Tierlens starts its DeepSeek-compatible "
             "simulator on this machine, imports the sample set, runs it against simulated Flash "
             "and Pro, lets the simulated Pro judge, and opens the Dashboard. Nothing leaves the "
             "machine and nothing is billed.</p>"));
    auto* tryButton = new QPushButton(tr("&Try it with the simulator"), m_welcome);
    tryButton->setObjectName(u"trySimulatorButton"_s);
    connect(tryButton, &QPushButton::clicked, this, &PromptSetsPage::trySimulatorRequested);
    auto* welcomeImport = new QPushButton(tr("Import a prompt set..."), m_welcome);
    connect(welcomeImport, &QPushButton::clicked, this, &PromptSetsPage::importInteractively);
    auto* welcomeButtons = new QHBoxLayout;
    welcomeButtons->addWidget(tryButton);
    welcomeButtons->addWidget(welcomeImport);
    welcomeButtons->addStretch();
    auto* welcomeLayout = new QVBoxLayout(m_welcome);
    welcomeLayout->addWidget(welcomeText);
    welcomeLayout->addLayout(welcomeButtons);
    welcomeLayout->addStretch();

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_welcome);
    layout->addWidget(splitter, 1);

    connect(m_sets, &QListWidget::currentRowChanged, this, &PromptSetsPage::showSelected);
    reload();
}

void PromptSetsPage::reload()
{
    const qint64 keep = currentPromptSetId();
    m_sets->clear();
    for (const PromptSetInfo& info : m_store.promptSets().value_or(QVector<PromptSetInfo>())) {
        if (info.isJudgeSet())
            continue; // a judge run's own prompts: shown with the run in History
        auto* item = new QListWidgetItem(
            tr("%1\n%n prompt(s) · %2", nullptr, info.promptCount)
                .arg(info.name, QLocale().toString(info.createdAt.toLocalTime(), QLocale::ShortFormat)),
            m_sets);
        item->setData(Qt::UserRole, info.id);
        item->setToolTip(info.sourcePath);
        if (info.id == keep)
            m_sets->setCurrentItem(item);
    }
    if (!m_sets->currentItem() && m_sets->count() > 0)
        m_sets->setCurrentRow(0);
    m_welcome->setVisible(m_sets->count() == 0);
    showSelected();
}

qint64 PromptSetsPage::currentPromptSetId() const
{
    const QListWidgetItem* item = m_sets->currentItem();
    return item ? item->data(Qt::UserRole).toLongLong() : 0;
}

void PromptSetsPage::showSelected()
{
    const qint64 id = currentPromptSetId();
    std::optional<PromptSet> set = id ? m_store.loadPromptSet(id) : std::nullopt;
    m_model->setPromptSet(set ? *set : PromptSet());
    m_prompts->resizeColumnsToContents();
    for (int c = 0; c < m_model->columnCount(); ++c) // long texts are read in the tooltip or the editor
        m_prompts->setColumnWidth(c, std::min(m_prompts->columnWidth(c), 320));
    if (!set) {
        m_summary->setText(tr("No prompt set yet: import a JSONL, CSV, promptfoo or OpenAI Evals file."));
        return;
    }
    QStringList categories;
    for (const Prompt& p : set->prompts) {
        if (!categories.contains(p.category))
            categories.append(p.category);
    }
    m_summary->setText(
        tr("<b>%1</b> · %2 · categories: %3")
            .arg(set->name.toHtmlEscaped(), set->sourcePath.toHtmlEscaped(), categories.join(u", "_s).toHtmlEscaped()));
}

void PromptSetsPage::importFile(const QString& path)
{
    struct Imported
    {
        qint64 setId = 0;
        ImportReport report;
        QString error;
    };
    ++m_importing;
    const QString before = m_summary->text();
    m_summary->setText(tr("Importing %1…").arg(QFileInfo(path).fileName().toHtmlEscaped()));
    runInBackground(
        this,
        [path, store = m_store.path()] {
            Imported out;
            ImportError importError;
            std::optional<PromptSet> set = PromptSetImporter::loadAny(path, &out.report, &importError);
            if (!set) {
                out.error = importError.toString();
                return out;
            }
            std::unique_ptr<Store> s = Store::open(store, &out.error, Store::OpenMode::Write);
            if (s && s->savePromptSet(*set, &out.error))
                out.setId = set->dbId;
            return out;
        },
        [this, path, before](const Imported& imported) {
            --m_importing;
            if (imported.setId == 0) {
                m_summary->setText(before); // nothing changed: the selected set and any edits of it stay
                if (std::exchange(m_importAsked, false))
                    QMessageBox::warning(this, tr("Import prompt set"),
                                         tr("Nothing was imported.\n\n%1").arg(imported.error));
                emit importFinished(path, imported.error);
                return;
            }
            m_importAsked = false;
            reload();
            for (int i = 0; i < m_sets->count(); ++i) {
                if (m_sets->item(i)->data(Qt::UserRole).toLongLong() == imported.setId)
                    m_sets->setCurrentRow(i);
            }
            const QMap<QString, int>& unmapped = imported.report.unmappedAssertions;
            if (!unmapped.isEmpty()) {
                QStringList parts;
                for (auto it = unmapped.cbegin(); it != unmapped.cend(); ++it)
                    parts.append(u"%1 \u00d7%2"_s.arg(it.key()).arg(it.value()));
                m_summary->setText(
                    m_summary->text() + u"<br>"_s
                    + tr("Left out, Tierlens cannot check them: %1").arg(parts.join(u", "_s).toHtmlEscaped()));
            }
            emit promptSetsChanged();
            emit importFinished(path, QString());
        });
}

bool PromptSetsPage::saveEdits(QString* error)
{
    PromptSet edited = m_model->promptSet();
    // Through the importer, so an edited set meets the same rules as a file: unique ids, valid options and checks.
    const QString name = edited.name;
    ImportError importError;
    std::optional<PromptSet> checked = PromptSetImporter::parse(PromptSetImporter::toJsonl(edited),
                                                                PromptSetImporter::Format::Jsonl, name, &importError);
    if (!checked) {
        *error = importError.toString();
        return false;
    }
    checked->name = name;
    checked->sourcePath = tr("edited from %1").arg(edited.sourcePath);
    if (!m_store.savePromptSet(*checked, error))
        return false;
    m_model->setPromptSet(*checked); // clears the modified state before the list moves
    reload();
    for (int i = 0; i < m_sets->count(); ++i) {
        if (m_sets->item(i)->data(Qt::UserRole).toLongLong() == checked->dbId)
            m_sets->setCurrentRow(i);
    }
    emit promptSetsChanged();
    return true;
}

void PromptSetsPage::importInteractively()
{
    const QString path = FileDialogs::openFile(this, tr("Import prompt set"),
                                               tr("Prompt sets (*.jsonl *.csv *.yaml *.yml);;All files (*)"));
    if (path.isEmpty())
        return;
    m_importAsked = true;
    importFile(path);
}

} // namespace tierlens
