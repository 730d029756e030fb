#pragma once
// Chance-corrected agreement between two raters (a judge model and a person, or two judges) on the same items.

#include <QPair>
#include <QString>
#include <QVector>

#include <optional>

namespace tierlens {

class Agreement
{
public:
    struct KappaResult
    {
        double kappa = 0; // (observed - expected) / (1 - expected)
        double observed = 0; // share of items both raters labelled the same
        double expected = 0; // agreement two independent raters with these label frequencies reach by chance
        int n = 0; // number of items
    };

    // Cohen's kappa over one (rater 1 label, rater 2 label) pair per item. Labels are compared exactly (case
    // matters). nullopt when there are no items. When both raters used one and the same label throughout,
    // expected agreement is 1 and the formula divides by zero; since they then agree on every item, kappa is
    // defined as 1 (perfect agreement), as e.g. scikit-learn does.
    static std::optional<KappaResult> cohensKappa(const QVector<QPair<QString, QString>>& pairs);

    // Landis & Koch (1977) band of a kappa: "poor" below 0, then slight, fair, moderate, substantial and
    // almost perfect for each fifth of 0..1 (a boundary belongs to the lower band), translated.
    static QString interpretation(double kappa);
};

} // namespace tierlens
