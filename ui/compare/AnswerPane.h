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

    // diffHtml, when not empty, replaces the Markdown rendering.
    void show(const PairSide& side, const QString& title, const QString& diffHtml);
    // The pane's title without the marker of the side the rating keys act on.
    void setHeading(const QString& heading);
    QString heading() const { return m_heading; }
    void setSelected(bool selected);
    void setRatingText(const QString& text);
    QString renderedText() const;

private:
    QString m_heading;
    bool m_selected = false;
    QTextBrowser* m_answer;
    QToolButton* m_reasoningToggle;
    QPlainTextEdit* m_reasoning;
    QLabel* m_metrics;
    QLabel* m_rating;
};

} // namespace tierlens
