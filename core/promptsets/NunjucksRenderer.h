#pragma once
// Fills promptfoo's Nunjucks templates when they only use plain {{ variables }}; refuses anything richer.

#include <QCoreApplication>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace tierlens {

class NunjucksRenderer
{
    Q_DECLARE_TR_FUNCTIONS(NunjucksRenderer)

public:
    // {{ name }}, {{name}}, {{ a.b }}, {{ a[0] }} and the {{- -}} whitespace trims are filled from vars;
    // {# comments #} are dropped. Tags ({% for %}, {% if %}, ...), filters and expressions return nothing with
    // the offending text in *problem and its 1-based line within the template in *problemLine. Variables that
    // vars lacks render empty, as Nunjucks does, and are listed in *missing so the caller can warn.
    static std::optional<QString> render(const QString& text, const QJsonObject& vars, QStringList* missing,
                                         QString* problem, int* problemLine);

    // How a var's value reads inside a prompt: strings as they are, numbers without a trailing ".0", others JSON.
    static QString toText(const QJsonValue& value);

    // True when text holds any {{ }} or {% %} markup at all.
    static bool hasMarkup(const QString& text);

private:
    static std::optional<QJsonValue> lookup(const QString& expression, const QJsonObject& vars, bool* valid);
};

} // namespace tierlens
