#pragma once
// Side-by-side comparison of two models' answers, prompt by prompt, and keyboard-driven rating: blind mode
// hides which model is which and shuffles the sides per pair until the pair is rated.

#include "compare/ResultPairs.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace tierlens {

class AnswerPane;
class Store;

class ComparePage : public QWidget
{
    Q_OBJECT
public:
    explicit ComparePage(Store& store, QWidget* parent = nullptr);
    ~ComparePage() override;

    void reloadRuns();
    bool openRun(qint64 runId);
    void setBlind(bool blind);
    // Writes the rating of the shown pair, if it changed; navigation does this by itself.
    void commitRating();
    int visibleCount() const { return int(m_visible.size()); }
    int currentPosition() const { return m_position; }
    // Whether the side on the left is the run's first model (what blind mode hides).
    bool leftIsFirst() const;

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    struct SideRating
    {
        std::optional<bool> passed;
        std::optional<int> score;
    };
    struct PairRating
    {
        SideRating left;
        SideRating right;
        QString preference; // left | right | tie
        QString note;
        bool changed = false;
        // What the rating is about, as shown when it began: toggling blind mode later swaps the panes, not this.
        qint64 leftResult = 0;
        qint64 rightResult = 0;
        bool blind = false;
        bool rated() const { return !preference.isEmpty() || left.score || right.score || left.passed || right.passed; }
    };

    void applyFilters();
    void showPair(int position);
    void refreshRatingTexts();
    QString sideRatingText(const SideRating& r) const;
    void move(int delta);
    const ResultPair* currentPair() const;

    Store& m_store;
    QComboBox* m_run;
    QCheckBox* m_blind;
    QCheckBox* m_diff;
    QComboBox* m_category;
    QCheckBox* m_disagreements;
    QCheckBox* m_failures;
    QCheckBox* m_unrated;
    QListWidget* m_list;
    QLabel* m_question;
    AnswerPane* m_left;
    AnswerPane* m_right;
    QLineEdit* m_note;
    QLabel* m_help;

    qint64 m_runId = 0;
    QVector<ResultPair> m_pairs;
    QVector<int> m_visible; // indexes into m_pairs that pass the filters
    QSet<qint64> m_ratedResults;
    int m_position = -1;
    bool m_selectedRight = false;
    PairRating m_rating;
};

} // namespace tierlens
