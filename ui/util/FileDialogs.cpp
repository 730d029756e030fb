#include "FileDialogs.h"

#include "util/GuardedFiles.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QFileIconProvider>
#include <QMessageBox>
#include <QMimeDatabase>

namespace tierlens::FileDialogs {

namespace {

// Icons and type names from the name alone: QFileIconProvider's own look into files whose name does not say.
class NameOnlyIcons : public QFileIconProvider
{
public:
    QIcon icon(const QFileInfo& info) const override
    {
        return QFileIconProvider::icon(info.isDir() ? QFileIconProvider::Folder : QFileIconProvider::File);
    }
    QString type(const QFileInfo& info) const override
    {
        if (info.isDir())
            return QCoreApplication::translate("FileDialogs", "Folder");
        return m_mimes.mimeTypeForFile(info, QMimeDatabase::MatchExtension).comment();
    }

private:
    QMimeDatabase m_mimes;
};

QString run(QFileDialog& dialog, Purpose purpose)
{
    static NameOnlyIcons icons;
    dialog.setOption(QFileDialog::DontUseNativeDialog);
    dialog.setIconProvider(&icons);
    while (dialog.exec() == QDialog::Accepted) {
        const QString path = dialog.selectedFiles().value(0);
        const QString refusal = purpose == Purpose::Other ? GuardedFiles::refusal(path) : QString();
        if (refusal.isEmpty())
            return path;
        QMessageBox::warning(dialog.parentWidget(), dialog.windowTitle(), refusal);
    }
    return QString();
}

} // namespace

QString openFile(QWidget* parent, const QString& caption, const QString& filter, Purpose purpose)
{
    QFileDialog dialog(parent, caption, QString(), filter);
    dialog.setObjectName(QStringLiteral("openFileDialog"));
    dialog.setAcceptMode(QFileDialog::AcceptOpen);
    dialog.setFileMode(QFileDialog::ExistingFile);
    return run(dialog, purpose);
}

QString saveFile(QWidget* parent, const QString& caption, const QString& suggestedName, const QString& filter,
                 Purpose purpose)
{
    QFileDialog dialog(parent, caption, QString(), filter);
    dialog.setObjectName(QStringLiteral("saveFileDialog"));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setFileMode(QFileDialog::AnyFile);
    if (!suggestedName.isEmpty())
        dialog.selectFile(suggestedName);
    return run(dialog, purpose);
}

} // namespace tierlens::FileDialogs
