#include "AnswerPane.h"

#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

QString count(const std::optional<qint64>& n)
{
    return n ? QLocale().toString(*n) : AnswerPane::tr("n/a");
}

} // namespace

AnswerPane::AnswerPane(QWidget* parent)
    : QGroupBox(parent)
    , m_answer(new QTextBrowser(this))
    , m_reasoningToggle(new QToolButton(this))
    , m_reasoning(new QPlainTextEdit(this))
    , m_metrics(new QLabel(this))
    , m_rating(new QLabel(this))
{
    // The page takes every key for rating; the panes are read with the mouse.
    m_answer->setFocusPolicy(Qt::NoFocus);
    m_answer->setOpenExternalLinks(false);
    m_reasoning->setFocusPolicy(Qt::NoFocus);
    m_reasoning->setReadOnly(true);
    m_reasoning->setVisible(false);
    m_reasoningToggle->setFocusPolicy(Qt::NoFocus);
    m_reasoningToggle->setCheckable(true);
    m_reasoningToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_reasoningToggle->setArrowType(Qt::RightArrow);
    connect(m_reasoningToggle, &QToolButton::toggled, this, [this](bool open) {
        m_reasoning->setVisible(open);
        m_reasoningToggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
    });
    m_metrics->setWordWrap(true);
    m_metrics->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_rating->setObjectName(u"rating"_s);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_answer, 3);
    layout->addWidget(m_reasoningToggle);
    layout->addWidget(m_reasoning, 1);
    layout->addWidget(m_metrics);
    layout->addWidget(m_rating);
}

void AnswerPane::show(const PairSide& side, const QString& title, const QString& diffHtml, Show what)
{
    setHeading(title);
    m_side = side;
    m_show = what;
    const ChatOutcome& o = side.attempt.outcome;
    QString markdown = o.ok() ? o.content : tr("**Error (%1):** %2").arg(errorClassName(o.error), o.errorMessage);
    for (const ToolCall& call : o.toolCalls)
        markdown
            += u"\n\n"_s + tr("**Tool call** `%1`").arg(call.name) + u"\n\n```json\n"_s + call.arguments + u"\n```"_s;
    if (!diffHtml.isEmpty())
        m_answer->setHtml(diffHtml);
    else
        m_answer->setMarkdown(markdown);
    m_reasoningToggle->setChecked(false);
    showDetails();
}

void AnswerPane::reveal()
{
    if (m_show == Show::Everything)
        return;
    m_show = Show::Everything;
    showDetails();
}

void AnswerPane::showDetails()
{
    const ChatOutcome& o = m_side.attempt.outcome;
    const bool reasoningShown = m_show != Show::AnswersOnly && !o.reasoning.isEmpty();
    m_reasoning->setPlainText(reasoningShown ? o.reasoning : QString());
    m_reasoningToggle->setText(!reasoningShown ? tr("No reasoning")
                                   : m_show == Show::Everything
                                   ? tr("Reasoning (%n character(s))", nullptr, int(o.reasoning.size()))
                                   : tr("Reasoning"));
    m_reasoningToggle->setEnabled(reasoningShown);
    if (!reasoningShown)
        m_reasoningToggle->setChecked(false);
    m_reasoningToggle->setVisible(m_show == Show::Everything || reasoningShown);

    if (m_show != Show::Everything) {
        m_metrics->clear();
        m_metrics->setToolTip(QString());
        m_metrics->setVisible(false);
        return;
    }
    m_metrics->setVisible(true);
    const PairSide& side = m_side;
    const AttemptRow& a = side.attempt;
    QStringList lines;
    lines << tr("Latency %1 ms · TTFT %2 ms · %n attempt(s) · cost %3", nullptr, side.attemptCount)
                 .arg(QLocale().toString(a.latencyMs, 'f', 0),
                      a.ttftMs ? QLocale().toString(*a.ttftMs, 'f', 0) : tr("n/a"),
                      side.costUsd ? u"$"_s + QLocale().toString(*side.costUsd, 'f', 6) : tr("n/a"));
    lines << tr("Tokens: prompt %1 (cache hit %2) · completion %3 (reasoning %4)")
                 .arg(count(o.usage.promptTokens), count(o.usage.cacheHitTokens), count(o.usage.completionTokens),
                      count(o.usage.reasoningTokens));
    if (side.checkPassed) {
        lines << (*side.checkPassed ? tr("Checks: pass (score %1)") : tr("Checks: FAIL (score %1)"))
                     .arg(QLocale().toString(side.checkScore, 'f', 2));
    }
    m_metrics->setText(lines.join(u'\n'));
    m_metrics->setToolTip(side.checkReasons.join(u'\n'));
}

QString AnswerPane::metricsText() const
{
    return m_metrics->text();
}

void AnswerPane::setHeading(const QString& heading)
{
    m_heading = heading;
    setTitle(m_selected ? u"\u25b6 "_s + heading : heading);
}

// A marker in the title rather than a style sheet: a style sheet would pin the pane's palette, and a dark theme
// chosen later would leave it light.
void AnswerPane::setSelected(bool selected)
{
    m_selected = selected;
    setHeading(m_heading);
}

void AnswerPane::setRatingText(const QString& text)
{
    m_rating->setText(text);
}

QString AnswerPane::renderedText() const
{
    return m_answer->toPlainText();
}

} // namespace tierlens
