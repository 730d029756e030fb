#pragma once
// Reads the files a promptfoo config points at (prompts, tests, file:// values), remembering where each came from.

#include "ImportError.h"
#include "ImportReport.h"
#include "YamlJson.h"
#include "checks/AssertionEvaluator.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QVector>

#include <optional>

namespace tierlens {

class PromptfooSources
{
    Q_DECLARE_TR_FUNCTIONS(PromptfooSources)

public:
    // A prompt as written: text, or chat messages whose contents are templates.
    struct Template
    {
        QString label;
        QString text;
        QJsonArray messages;
        bool chat = false;
        QString file; // where the template is written, for errors
        int line = 0;
    };

    // One test object before defaultTest is merged, with the place to point at when it is wrong.
    struct Test
    {
        QJsonObject object;
        QString file;
        int line = 0;
        QString field; // "tests[2]" in the config, "[2]" in a YAML/JSON list, empty in JSONL/CSV (the line says)
    };

    PromptfooSources(const QString& configPath, ImportReport* report);

    // The config's own bytes count towards digest() too.
    std::optional<YamlJson::Document> readConfig(ImportError* error);
    std::optional<QVector<Template>> readPrompts(const YamlJson::Document& config, ImportError* error);
    // `tests` as written: a list of test objects and/or file:// paths, or one path. Paths may use * and ?.
    std::optional<QVector<Test>> readTests(const YamlJson::Document& config, ImportError* error);
    // A file:// value (a var, defaultTest, an assertion's schema or rubric): .json/.yaml/.yml parsed, else text.
    std::optional<QJsonValue> readValue(const QString& url, const QString& whereFile, int whereLine,
                                        const QString& field, ImportError* error);
    // A file:// JavaScript module (a javascript assertion or a transform; "file://check.js:name" names the
    // exported function), read into the shape a prompt set keeps it in: {"file", "source", "function"}.
    std::optional<QJsonObject> readScript(const QString& url, const QString& whereFile, int whereLine,
                                          const QString& field, ImportError* error);

    // Compiles the JavaScript the config brings (javascript assertions, transforms), so that a typo is refused at
    // import with its file and line rather than when answers are checked.
    AssertionEvaluator& scripts() { return m_scripts; }

    // Hex SHA-256 over every file read, in order, so a run notices when any of them changes.
    QString digest() const;
    QString configName() const { return m_configName; }

private:
    std::optional<QStringList> resolve(const QString& url, const QString& whereFile, int whereLine,
                                       const QString& field, ImportError* error) const;
    std::optional<QByteArray> read(const QString& path, const QString& whereFile, int whereLine, const QString& field,
                                   ImportError* error);
    std::optional<QVector<Template>> promptFile(const QString& path, const QString& label, int line,
                                                const QString& field, ImportError* error);
    std::optional<QVector<Test>> testFile(const QString& path, int line, const QString& field, ImportError* error);
    std::optional<QVector<Test>> csvTests(const QString& text, const QString& fileName, ImportError* error);
    static std::optional<QJsonArray> chatMessages(const QString& text);

    AssertionEvaluator m_scripts;
    QString m_configPath;
    QString m_configName;
    QDir m_base;
    ImportReport* m_report;
    QCryptographicHash m_hash { QCryptographicHash::Sha256 };
};

} // namespace tierlens
