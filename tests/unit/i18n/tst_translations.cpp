// The zh_CN translation: embedded in every executable, found under the contexts the code looks strings up
// with, complete in the .ts, and actually shown by tierlens-cli when TIERLENS_LANGUAGE asks for it.

#include "api/ChatResponseParser.h"
#include "api/RequestOptions.h"
#include "engine/RunConfig.h"
#include "util/Translations.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

const QString kCli = QStringLiteral(TIERLENS_BIN_DIR) + u"/tierlens-cli"_s;

bool hasChinese(const QString& s)
{
    return std::any_of(s.begin(), s.end(), [](QChar c) { return c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF; });
}

// %1..%99 and %n, sorted: a translation may reorder them but must keep every one.
QStringList placeholders(const QString& text)
{
    static const QRegularExpression re(u"%(\\d{1,2}|n)"_s);
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found << it.next().captured(0);
    found.sort();
    return found;
}

struct CliResult
{
    int exitCode = -1;
    QString err;
};

CliResult runCli(const QStringList& args, const QString& language)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"TIERLENS_LANGUAGE"_s, language);
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(kCli, args);
    CliResult r;
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void lookupByContext_data();
    void lookupByContext();
    void plural();
    void englishPlurals();
    void codePathsUseTheirContext();
    void tsFileIsComplete();
    void cliShowsChineseUsageErrors();
    void englishNeedsNoTranslator();
};

void TestTranslations::initTestCase()
{
    QVERIFY2(tierlens::installTranslations(u"zh_CN"_s), "the embedded :/i18n/tierlens_zh_CN.qm did not load");
}

void TestTranslations::lookupByContext_data()
{
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("source");
    // The contexts are the ones the code passes at run time: Q_DECLARE_TR_FUNCTIONS(X) gives "X", a QObject's
    // tr() the namespace-qualified class name, and QCoreApplication::translate its first argument.
    const char* const rows[][2] = {
        { "RunConfig", "no model to run against" },
        { "tierlens::RunEngine", "a run is already in progress" },
        { "tierlens::MainWindow", "&Settings..." },
        { "tierlens::ComparePage", "Unrated only" },
        { "TextReport", "awaiting the judge" },
        { "TextReport", "Models (the whole run, every category)" },
        { "tierlens::PolicyPage", "Cheaper unless shown worse" },
        { "RoutingPolicy", "undecided: about %1 more distinct prompts per model would settle it" },
        { "CliCommands", "--prompts FILE is required (or --resume RUN_ID)" },
        { "ChatResponseParser", "the response body is a JSON array, not an object" },
        { "ChatStreamAssembler", "the stream ended without data: [DONE] after %1 events" },
        { "RequestOptions", "expected true or false" },
        { "ModelProfile", "%1: unknown model" },
        { "PriceBookParser", "negative price" },
        { "Store", "%1: no such run" },
        { "ProgressPrinter", "ETA %1" },
        { "main", "tierlens-cli: unknown command \"%1\"" },
    };
    for (const auto& row : rows)
        QTest::newRow(row[1]) << QString::fromLatin1(row[0]) << QString::fromUtf8(row[1]);
}

void TestTranslations::lookupByContext()
{
    QFETCH(QString, context);
    QFETCH(QString, source);
    const QString translated = QCoreApplication::translate(context.toUtf8().constData(), source.toUtf8().constData());
    QVERIFY2(translated != source && hasChinese(translated), qPrintable(context + u": "_s + translated));
    QCOMPARE(placeholders(translated), placeholders(source));
}

void TestTranslations::plural()
{
    const QString translated
        = QCoreApplication::translate("tierlens::AnswerPane", "Reasoning (%n character(s))", nullptr, 3);
    QVERIFY2(hasChinese(translated) && translated.contains(u'3'), qPrintable(translated));
    const QString attempts = QCoreApplication::translate("Store", "recording %n attempts of run %1", nullptr, 5).arg(9);
    QVERIFY2(hasChinese(attempts) && attempts.contains(u'5') && attempts.contains(u'9'), qPrintable(attempts));
}

// English shows the source texts, but "%n ...(s)" gets its singular and plural from tierlens_en.qm.
void TestTranslations::englishPlurals()
{
    QTranslator english;
    QVERIFY(english.load(u":/i18n/tierlens_en.qm"_s));
    QCoreApplication::installTranslator(&english); // the newest translator is asked first
    const QString one = QCoreApplication::translate("tierlens::AnswerPane", "Reasoning (%n character(s))", nullptr, 1);
    const QString three
        = QCoreApplication::translate("tierlens::AnswerPane", "Reasoning (%n character(s))", nullptr, 3);
    QCoreApplication::removeTranslator(&english);
    QCOMPARE(one, u"Reasoning (1 character)"_s);
    QCOMPARE(three, u"Reasoning (3 characters)"_s);
}

// The real code, not a hand-written context: what lupdate filed must be what the code asks for.
void TestTranslations::codePathsUseTheirContext()
{
    const QString noModels = tierlens::RunConfig().validate();
    QVERIFY2(hasChinese(noModels), qPrintable(noModels));

    QString error;
    tierlens::RequestOptions::fromJson(QJsonObject { { u"thinking"_s, 1 } }, &error);
    QVERIFY2(hasChinese(error) && error.contains(u"thinking"_s), qPrintable(error));
    // The reason is marked with QT_TRANSLATE_NOOP and translated later: both halves must come out Chinese.
    QVERIFY2(error.contains(QCoreApplication::translate("RequestOptions", "expected true or false")),
             qPrintable(error));

    const tierlens::ChatOutcome outcome = tierlens::ChatResponseParser::parseCompletion("[]");
    QVERIFY2(hasChinese(outcome.errorMessage), qPrintable(outcome.errorMessage));
}

void TestTranslations::tsFileIsComplete()
{
    QFile file(QStringLiteral(TIERLENS_TS_FILE));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    QXmlStreamReader xml(&file);
    QString context;
    QString source;
    QStringList problems;
    int messages = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        const auto where = [&] { return u"line %1, %2 \"%3\": "_s.arg(xml.lineNumber()).arg(context, source); };
        if (name == "name"_L1) {
            context = xml.readElementText();
        } else if (name == "source"_L1) {
            source = xml.readElementText();
            ++messages;
        } else if (name == "translation"_L1) {
            const QStringView type = xml.attributes().value(u"type"_s);
            if (!type.isEmpty())
                problems << where() + u"translation type=\""_s + type.toString() + u'"';
            // A numerus translation holds <numerusform> children; a plain one holds the text itself.
            QStringList forms;
            QString text;
            while (xml.readNext() != QXmlStreamReader::EndElement || xml.name() != "translation"_L1) {
                if (xml.isCharacters())
                    text += xml.text();
                else if (xml.isStartElement() && xml.name() == "numerusform"_L1)
                    forms << xml.readElementText();
                if (xml.hasError())
                    break;
            }
            if (forms.isEmpty())
                forms << text;
            for (const QString& form : forms) {
                if (form.trimmed().isEmpty())
                    problems << where() + u"empty translation"_s;
                else if (placeholders(form) != placeholders(source))
                    problems << where() + u"placeholders differ in \""_s + form + u'"';
            }
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY2(messages > 300, qPrintable(u"only %1 messages in the .ts"_s.arg(messages)));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void TestTranslations::cliShowsChineseUsageErrors()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const CliResult missingPrompts = runCli({ u"run"_s, u"--db"_s, dir.filePath(u"t.db"_s) }, u"zh_CN"_s);
    QCOMPARE(missingPrompts.exitCode, 2);
    const QString expected
        = QCoreApplication::translate("CliCommands", "--prompts FILE is required (or --resume RUN_ID)");
    QVERIFY(hasChinese(expected));
    QVERIFY2(missingPrompts.err.contains(expected), qPrintable(missingPrompts.err));

    const CliResult unknown = runCli({ u"frobnicate"_s }, u"zh_CN"_s);
    QCOMPARE(unknown.exitCode, 2);
    const QString unknownText
        = QCoreApplication::translate("main", "tierlens-cli: unknown command \"%1\"").arg(u"frobnicate"_s);
    QVERIFY2(unknown.err.contains(unknownText), qPrintable(unknown.err));
}

// TIERLENS_LANGUAGE=en overrides a Chinese system locale too: the source texts come out.
void TestTranslations::englishNeedsNoTranslator()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const CliResult r = runCli({ u"run"_s, u"--db"_s, dir.filePath(u"t.db"_s) }, u"en"_s);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(u"--prompts FILE is required (or --resume RUN_ID)"_s), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
