// tierlens: the desktop application.

#include "MainWindow.h"
#include "store/Store.h"
#include "util/Settings.h"
#include "util/Translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QMessageBox>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"tierlens"_s);
    QApplication::setOrganizationName(u"tierlens"_s);
    QApplication::setApplicationVersion(QStringLiteral(TIERLENS_VERSION));
    // The language chosen in Settings, else TIERLENS_LANGUAGE, else the system's language.
    tierlens::installTranslations(tierlens::Settings().value(tierlens::Settings::Key::Language).toString());

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Shadow-test two model tiers and route traffic."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption db(
        u"db"_s,
        QApplication::translate("main",
                                "The workspace database: a file, or a team database "
                                "postgresql://USER@HOST:PORT/DATABASE (default: the last one)."),
        QApplication::translate("main", "FILE|URL"));
    const QCommandLineOption run(u"run"_s, QApplication::translate("main", "The run to show first."),
                                 QApplication::translate("main", "RUN_ID"));
    parser.addOptions({ db, run });
    parser.process(app);

    QString path = parser.value(db);
    if (path.isEmpty())
        path = tierlens::Settings().value(tierlens::Settings::Key::LastWorkspace).toString();
    if (path.isEmpty())
        path = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/tierlens.db"_s;
    tierlens::MainWindow window;
    QString error;
    if (!window.openWorkspace(path, &error)) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Tierlens"), error);
        return 3;
    }
    if (parser.isSet(run))
        window.selectRun(parser.value(run).toLongLong());
    window.show();
    return QApplication::exec();
}
