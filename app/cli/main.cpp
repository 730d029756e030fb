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
    if (command == u"run"_s)
        return tierlens::cli::run(args);
    if (command == u"runs"_s)
        return tierlens::cli::runs(args);
    if (command == u"report"_s)
        return tierlens::cli::report(args);
    if (command == u"export"_s)
        return tierlens::cli::exportRun(args);
    if (command == u"check"_s)
        return tierlens::cli::check(args);
    if (command == u"judge"_s)
        return tierlens::cli::judge(args);
    if (command == u"policy"_s)
        return tierlens::cli::policy(args);
    if (command == u"policy-diff"_s)
        return tierlens::cli::policyDiff(args);
    if (command == u"settle"_s)
        return tierlens::cli::settle(args);
    if (command == u"whatif"_s)
        return tierlens::cli::whatIf(args);
    if (command == u"migrate"_s)
        return tierlens::cli::migrate(args);
    if (command == u"--version"_s) {
        QTextStream(stdout) << "tierlens-cli " << QCoreApplication::applicationVersion() << '\n';
        return 0;
    }
    // Asked for, the usage is the answer (stdout); after a mistake, it explains the error (stderr).
    const bool asked = command == u"--help"_s || command == u"-h"_s;
    QTextStream err(asked ? stdout : stderr);
    if (!command.isEmpty() && !asked)
        err << QCoreApplication::translate("main", "tierlens-cli: unknown command \"%1\"").arg(command) << "\n\n";
    err << QCoreApplication::translate(
        "main",
        "usage: tierlens-cli COMMAND [options]\n"
        "commands:\n"
        "  run          send a prompt set to two or more models and record every attempt\n"
        "  runs         list the runs in a database, newest first\n"
        "  report       a run's report: text, JSON or HTML with charts\n"
        "  export       write a run's results as CSV or JSONL\n"
        "  check        check a run's stored results again (after the assertions changed)\n"
        "  judge        have a judge model compare and grade a run's answers\n"
        "  policy       derive a routing policy from a run (JSON or LiteLLM YAML)\n"
        "  policy-diff  show what changed between two policy files\n"
        "  settle       send more prompts for a policy's undecided categories and derive it again\n"
        "  whatif       replay a run under a policy: quality, cost, monthly cost\n"
        "  migrate      copy the runs of one history into another (SQLite file to team PostgreSQL)\n"
        "'tierlens-cli COMMAND --help' lists a command's options.\n");
    return asked ? 0 : tierlens::cli::ExitUsage;
}
