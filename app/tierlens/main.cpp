// tierlens: the desktop application.

#include "MainWindow.h"
#include "store/Store.h"
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
    tierlens::installTranslations(); // TIERLENS_LANGUAGE, else the system's language

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Shadow-test two model tiers and route traffic."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption db(u"db"_s, QApplication::translate("main", "The workspace database."),
                                QApplication::translate("main", "FILE"),
                                QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/tierlens.db"_s);
    const QCommandLineOption run(u"run"_s, QApplication::translate("main", "The run to show first."),
                                 QApplication::translate("main", "RUN_ID"));
    parser.addOptions({db, run});
    parser.process(app);

    QDir().mkpath(QFileInfo(parser.value(db)).absolutePath());
    QString error;
    std::unique_ptr<tierlens::Store> store = tierlens::Store::open(parser.value(db), &error);
    if (!store) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Tierlens"), error);
        return 3;
    }
    tierlens::MainWindow window(*store);
    if (parser.isSet(run))
        window.selectRun(parser.value(run).toLongLong());
    window.show();
    return QApplication::exec();
}
