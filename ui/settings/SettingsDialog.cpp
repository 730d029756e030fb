#include "SettingsDialog.h"

#include "ApiKeyStore.h"
#include "pricing/PriceBook.h"
#include "pricing/PriceBookRegistry.h"
#include "util/Settings.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tierlens {

SettingsDialog::SettingsDialog(const QStringList& keyVariables, QWidget* parent)
    : QDialog(parent)
    , m_keys(new ApiKeyStore(this))
    , m_books(std::make_unique<PriceBookRegistry>())
    , m_variables(keyVariables)
{
    setWindowTitle(tr("Settings"));
    auto* tabs = new QTabWidget(this);
    tabs->addTab(generalTab(), tr("General"));
    tabs->addTab(keysTab(keyVariables), tr("API keys"));
    tabs->addTab(priceBookTab(), tr("Price books"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(buttons);
    resize(900, 600);
}

SettingsDialog::~SettingsDialog() = default;

QWidget* SettingsDialog::generalTab()
{
    auto* page = new QWidget(this);
    Settings settings;
    m_language = new QComboBox(page);
    m_language->addItem(tr("System language"), QString());
    m_language->addItem(u"English"_s, u"en"_s);
    m_language->addItem(u"简体中文"_s, u"zh_CN"_s);
    m_language->setCurrentIndex(std::max(0, m_language->findData(settings.value(Settings::Key::Language).toString())));
    m_rater = new QLineEdit(settings.value(Settings::Key::RaterName).toString(), page);
    m_rater->setPlaceholderText(tr("your login name"));
    auto* form = new QFormLayout(page);
    form->addRow(tr("Language:"), m_language);
    form->addRow(QString(), new QLabel(tr("A new language applies the next time Tierlens starts."), page));
    form->addRow(tr("Rate answers as:"), m_rater);
    return page;
}

QWidget* SettingsDialog::keysTab(const QStringList& keyVariables)
{
    auto* page = new QWidget(this);
    m_keyTable = new QTableWidget(int(keyVariables.size()), 2, page);
    m_keyTable->setHorizontalHeaderLabels({ tr("Variable"), tr("Key") });
    m_keyTable->horizontalHeader()->setStretchLastSection(true);
    m_keyTable->verticalHeader()->hide();
    m_keyTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_keyTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (int row = 0; row < keyVariables.size(); ++row)
        m_keyTable->setItem(row, 0, new QTableWidgetItem(keyVariables.at(row)));
    if (!keyVariables.isEmpty())
        m_keyTable->selectRow(0);
    m_keyEdit = new QLineEdit(page);
    m_keyEdit->setEchoMode(QLineEdit::Password);
    m_keyEdit->setPlaceholderText(tr("paste the key for the selected variable"));
    m_keyMessage = new QLabel(page);
    m_keyMessage->setWordWrap(true);
    auto* save = new QPushButton(tr("Save in keychain"), page);
    auto* remove = new QPushButton(tr("Remove from keychain"), page);
    auto selected = [this] {
        const int row = m_keyTable->currentRow();
        return row >= 0 ? m_keyTable->item(row, 0)->text() : QString();
    };
    connect(save, &QPushButton::clicked, this, [this, selected] {
        const QString variable = selected();
        if (variable.isEmpty() || m_keyEdit->text().isEmpty())
            return;
        m_keys->write(variable, m_keyEdit->text().toUtf8(), [this, variable](bool ok, const QString& error) {
            m_keyMessage->setText(ok ? tr("Saved the key for %1 in the system keychain.").arg(variable)
                                     : tr("The keychain did not take the key: %1. Set the environment variable %2 "
                                          "instead.")
                                           .arg(error, variable));
            refreshKeyStatus();
        });
        m_keyEdit->clear();
    });
    connect(remove, &QPushButton::clicked, this, [this, selected] {
        const QString variable = selected();
        if (variable.isEmpty())
            return;
        m_keys->remove(variable, [this, variable](bool ok, const QString& error) {
            m_keyMessage->setText(ok ? tr("Removed the key for %1 from the keychain.").arg(variable) : error);
            refreshKeyStatus();
        });
    });
    auto* row = new QHBoxLayout;
    row->addWidget(m_keyEdit, 1);
    row->addWidget(save);
    row->addWidget(remove);
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(new QLabel(tr("Each model reads its key from the system keychain, else from its environment "
                                    "variable. Keys are never written to the workspace or the settings file."),
                                 page));
    layout->addWidget(m_keyTable, 1);
    layout->addLayout(row);
    layout->addWidget(m_keyMessage);
    refreshKeyStatus();
    return page;
}

void SettingsDialog::refreshKeyStatus()
{
    m_keys->read(m_variables, [this](const QHash<QString, QByteArray>& keys, const QStringList& problems) {
        for (int row = 0; row < m_keyTable->rowCount(); ++row) {
            const QString variable = m_keyTable->item(row, 0)->text();
            QString status = keys.contains(variable)                            ? tr("in the keychain")
                : qEnvironmentVariableIsSet(variable.toLocal8Bit().constData()) ? tr("from the environment")
                                                                                : tr("not set");
            m_keyTable->setItem(row, 1, new QTableWidgetItem(status));
        }
        if (!problems.isEmpty())
            m_keyMessage->setText(problems.join(u'\n'));
    });
}

QWidget* SettingsDialog::priceBookTab()
{
    auto* page = new QWidget(this);
    m_provider = new QComboBox(page);
    m_periods = new QTableWidget(0, 7, page);
    m_periods->setHorizontalHeaderLabels({ tr("Model"), tr("From (UTC)"), tr("Until (UTC)"), tr("Input, cache miss"),
                                           tr("Input, cache hit"), tr("Output"), tr("Off-peak") });
    m_periods->verticalHeader()->hide();
    m_periods->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_periods->horizontalHeader()->setStretchLastSection(true);
    m_bookText = new QPlainTextEdit(page);
    m_bookText->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_bookMessage = new QLabel(page);
    m_bookMessage->setWordWrap(true);
    auto* save = new QPushButton(tr("Save as my price book"), page);
    auto* revert = new QPushButton(tr("Back to the bundled book"), page);
    connect(m_provider, &QComboBox::currentTextChanged, this, &SettingsDialog::showProvider);
    connect(save, &QPushButton::clicked, this, [this] {
        QString error;
        if (!savePriceBook(&error))
            m_bookMessage->setText(error);
    });
    connect(revert, &QPushButton::clicked, this, [this] {
        const QString provider = m_provider->currentText();
        const QString path = Settings::userPriceBookFolder() + u'/' + provider + u".json"_s;
        if (QFile::exists(path) && !QFile::remove(path)) {
            m_bookMessage->setText(tr("Could not remove %1.").arg(path));
            return;
        }
        reloadBooks();
        showProvider(provider);
    });
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Provider:"), page));
    top->addWidget(m_provider, 1);
    top->addWidget(save);
    top->addWidget(revert);
    auto* layout = new QVBoxLayout(page);
    layout->addLayout(top);
    layout->addWidget(m_periods, 1);
    layout->addWidget(m_bookText, 1);
    layout->addWidget(m_bookMessage);
    reloadBooks();
    return page;
}

void SettingsDialog::reloadBooks()
{
    m_books = std::make_unique<PriceBookRegistry>();
    const QStringList problems = m_books->load(Settings::userPriceBookFolder());
    const QString keep = m_provider->currentText();
    const QSignalBlocker block(m_provider);
    m_provider->clear();
    m_provider->addItems(m_books->providers());
    m_provider->setCurrentIndex(std::max(0, m_provider->findText(keep)));
    showProvider(m_provider->currentText());
    if (!problems.isEmpty())
        m_bookMessage->setText(problems.join(u'\n'));
}

namespace {

// "~/.local/share/tierlens/pricebooks", as the README writes it.
QString homeRelative(const QString& path)
{
    const QString home = QDir::homePath();
    return QDir::toNativeSeparators(path.startsWith(home + u'/') ? u"~"_s + path.mid(home.size()) : path);
}

} // namespace

void SettingsDialog::showProvider(const QString& provider)
{
    const PriceBook* book = m_books->forProvider(provider);
    m_periods->setRowCount(0);
    m_bookText->clear();
    if (!book)
        return;
    auto when = [](const QDateTime& t, const QString& open) {
        return t.isValid() ? t.toUTC().toString(u"yyyy-MM-dd HH:mm"_s) : open;
    };
    // Every digit the book has: 0.0028 is not 0.003.
    auto price = [](double usd) { return QLocale().toString(usd, 'g', QLocale::FloatingPointShortest); };
    for (const PriceBook::Model& model : book->models()) {
        for (const PriceBook::Period& period : model.periods) {
            const int row = m_periods->rowCount();
            m_periods->insertRow(row);
            const QStringList cells = {
                model.id,
                when(period.from, tr("always")),
                when(period.until, tr("until further notice")),
                price(period.base.inputCacheMiss),
                price(period.base.inputCacheHit),
                price(period.base.output),
                period.offPeak ? tr("%1 / %2 / %3")
                                     .arg(price(period.offPeak->inputCacheMiss), price(period.offPeak->inputCacheHit),
                                          price(period.offPeak->output))
                               : QString(),
            };
            for (int c = 0; c < cells.size(); ++c)
                m_periods->setItem(row, c, new QTableWidgetItem(cells.at(c)));
        }
    }
    m_periods->resizeColumnsToContents();
    const QString origin = m_books->originOf(provider);
    QFile file(origin);
    if (file.open(QIODevice::ReadOnly))
        m_bookText->setPlainText(QString::fromUtf8(file.readAll()));
    m_bookMessage->setText(
        (m_books->isUserBook(provider) ? tr("Your own book, from %1 (USD per million tokens).")
                                       : tr("The bundled book (USD per million tokens); saving makes "
                                            "it your own, in %1."))
            .arg(homeRelative(m_books->isUserBook(provider) ? origin : Settings::userPriceBookFolder())));
}

bool SettingsDialog::savePriceBook(QString* error)
{
    const QByteArray json = m_bookText->toPlainText().toUtf8();
    const auto book = PriceBook::fromJson(json, tr("the edited price book"), error);
    if (!book)
        return false;
    QDir().mkpath(Settings::userPriceBookFolder());
    QSaveFile file(Settings::userPriceBookFolder() + u'/' + book->provider() + u".json"_s);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
        *error = tr("Could not write %1: %2").arg(file.fileName(), file.errorString());
        return false;
    }
    reloadBooks();
    showProvider(book->provider());
    m_bookMessage->setText(
        tr("Saved. New runs bill %1 with this book; runs already made keep the book they used.").arg(book->provider()));
    return true;
}

void SettingsDialog::accept()
{
    Settings settings;
    settings.setValue(Settings::Key::Language, m_language->currentData().toString());
    settings.setValue(Settings::Key::RaterName, m_rater->text().trimmed());
    QDialog::accept();
}

} // namespace tierlens
