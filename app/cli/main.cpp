// tierlens-cli: shadow runs, history, reports and exports from the command line, for CI pipelines.

#include "CliCommands.h"
#include "util/Translations.h"

#include <QApplication>
#include <QCoreApplication>
#include <QTextStream>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// Only the HTML report draws charts, which need a QApplication; every other command stays a console program that
// runs without any display.
bool needsCharts(int argc, char* argv[])
{
    bool report = false, html = false;
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        report = report || (i == 1 && a == "report");
        html = html || a == "--format=html" || (a == "--format" && i + 1 < argc && QByteArray(argv[i + 1]) == "html");
    }
    return report && html;
}

} // namespace

int main(int argc, char* argv[])
{
    std::unique_ptr<QCoreApplication> application;
    if (needsCharts(argc, argv)) {
        // The charts are drawn into images, never shown: offscreen, whatever display there is (none in CI, a stale one
        // over ssh, a dark desktop theme the shared report should not take), unless the user chose a platform.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        application = std::make_unique<QApplication>(argc, argv);
    } else {
        application = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setApplicationName(u"tierlens"_s);
    QCoreApplication::setOrganizationName(u"tierlens"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(TIERLENS_VERSION));
    tierlens::installTranslations(); // TIERLENS_LANGUAGE, else the system's language

    QStringList args = QCoreApplication::arguments();
    const QString command = args.size() > 1 ? args.at(1) : QString();
    if (args.size() > 1) {
        args.removeAt(1); // the subcommand's own parser sees "tierlens-cli run --option ..."
        args[0] = u"tierlens-cli "_s + command;
    }
    if (const tierlens::cli::Command* c = tierlens::cli::findCommand(command))
        return c->execute(args);
    if (command == u"--version"_s) {
        QTextStream(stdout) << "tierlens-cli " << QCoreApplication::applicationVersion() << '\n';
        return 0;
    }
    // Asked for, the usage is the answer (stdout); after a mistake, it explains the error (stderr).
    const bool asked = command == u"--help"_s || command == u"-h"_s;
    QTextStream usage(asked ? stdout : stderr);
    if (!command.isEmpty() && !asked)
        usage << QCoreApplication::translate("main", "tierlens-cli: unknown command \"%1\"").arg(command) << "\n\n";
    usage << QCoreApplication::translate("main", "usage: tierlens-cli COMMAND [options]") << '\n'
          << QCoreApplication::translate("main", "commands:") << '\n';
    for (const tierlens::cli::Command& c : tierlens::cli::commands()) {
        usage << "  " << QString::fromLatin1(c.name).leftJustified(12) << ' '
              << QCoreApplication::translate("main", c.summary) << '\n';
    }
    usage << QCoreApplication::translate("main", "'tierlens-cli COMMAND --help' lists a command's options.") << '\n';
    return asked ? 0 : tierlens::cli::ExitUsage;
}
