#pragma once
// Settings: language and rater name, API keys in the system keychain, and the price books with their effective
// dates, viewed and edited as the user's own books.

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTableWidget;

namespace tierlens {

class ApiKeyStore;
class PriceBookRegistry;

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    // keyVariables: the environment variable names the run page's models read their keys from.
    explicit SettingsDialog(const QStringList& keyVariables, QWidget* parent = nullptr);
    ~SettingsDialog() override;

    void accept() override;
    // Validates the edited book and saves it as the user's book of its provider; false with the reason.
    bool savePriceBook(QString* error);
    void showProvider(const QString& provider);
    QTableWidget* periodTable() const { return m_periods; }
    QPlainTextEdit* bookEditor() const { return m_bookText; }

private:
    QWidget* generalTab();
    QWidget* keysTab(const QStringList& keyVariables);
    QWidget* priceBookTab();
    void refreshKeyStatus();
    void reloadBooks();

    ApiKeyStore* m_keys;
    std::unique_ptr<PriceBookRegistry> m_books;
    QComboBox* m_language = nullptr;
    QLineEdit* m_rater = nullptr;
    QTableWidget* m_keyTable = nullptr;
    QLineEdit* m_keyEdit = nullptr;
    QLabel* m_keyMessage = nullptr;
    QComboBox* m_provider = nullptr;
    QTableWidget* m_periods = nullptr;
    QPlainTextEdit* m_bookText = nullptr;
    QLabel* m_bookMessage = nullptr;
    QStringList m_variables;
};

} // namespace tierlens
