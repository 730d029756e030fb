#pragma once
// The choices the Dashboard and the Policy page offer for where an item's pass/fail comes from and for the
// confidence level, so that both say and mean the same thing.

#include <QComboBox>
#include <QCoreApplication>
#include <QStringList>

namespace tierlens {

class QualityChoices
{
    Q_DECLARE_TR_FUNCTIONS(QualityChoices)
public:
    // Items carry the sources in order, comma separated ("human,assertions,judge"); see precedence().
    static void fillPrecedence(QComboBox* box)
    {
        box->addItem(tr("people, then assertions, then judge"), QStringLiteral("human,assertions,judge"));
        box->addItem(tr("assertions, then people, then judge"), QStringLiteral("assertions,human,judge"));
        box->addItem(tr("judge, then people, then assertions"), QStringLiteral("judge,human,assertions"));
        box->addItem(tr("people only"), QStringLiteral("human"));
        box->addItem(tr("assertions only"), QStringLiteral("assertions"));
        box->addItem(tr("judge only"), QStringLiteral("judge"));
    }
    static QStringList precedence(const QComboBox* box) { return box->currentData().toString().split(u','); }

    // 90, 95 (selected) and 99 percent; the item data is the level as a fraction.
    static void fillConfidence(QComboBox* box)
    {
        for (double c : { 0.90, 0.95, 0.99 })
            box->addItem(tr("%1%").arg(c * 100), c);
        box->setCurrentIndex(1);
    }
};

} // namespace tierlens
