#pragma once
// One answer of a pair: rendered Markdown (or its word diff against the other answer), the reasoning folded
// away, tool calls, and the measurements under it.

#include "compare/ResultPairs.h"

#include <QGroupBox>

class QLabel;
class QPlainTextEdit;
class QTextBrowser;
class QToolButton;

namespace tierlens {

class AnswerPane : public QGroupBox
{
    Q_OBJECT
public:
    explicit AnswerPane(QWidget* parent = nullptr);

    // What a pane shows: blind mode keeps to the answers (and the reasoning when both sides have one, without its
    // length) until the pair is rated.
    enum class Show {
        AnswersOnly,
        AnswersAndReasoning,
        Everything,
    };
    // diffHtml, when not empty, replaces the Markdown rendering.
    void show(const PairSide& side, const QString& title, const QString& diffHtml, Show what);
    // Shows what blind mode held back: the measurements, checks and reasoning.
    void reveal();
    QString metricsText() const;
    // The pane's title without the marker of the side the rating keys act on.
    void setHeading(const QString& heading);
    QString heading() const { return m_heading; }
    void setSelected(bool selected);
    void setRatingText(const QString& text);
    QString renderedText() const;

private:
    void showDetails();

    PairSide m_side;
    Show m_show = Show::Everything;
    QString m_heading;
    bool m_selected = false;
    QTextBrowser* m_answer;
    QToolButton* m_reasoningToggle;
    QPlainTextEdit* m_reasoning;
    QLabel* m_metrics;
    QLabel* m_rating;
};

} // namespace tierlens
