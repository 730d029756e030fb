#pragma once
// Side-by-side comparison of two models' answers, prompt by prompt, and keyboard-driven rating: blind mode
// hides which model is which (names and every measurement that would tell) and shuffles the sides per pair until
// the pair is rated. The rating keys work wherever the focus is on the page, except in the note while it is
// being written (Enter or Esc leaves it).

#include "compare/ResultPairs.h"
#include "util/PageTask.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;

namespace tierlens {

class AnswerPane;
class PairListModel;
class Store;
class Workspace;

class ComparePage : public QWidget
{
    Q_OBJECT
public:
    explicit ComparePage(Workspace& workspace, QWidget* parent = nullptr);
    ~ComparePage() override;

    void reloadRuns();
    // Starts reading the pairs of two of the run's models (by their place in the run; the run list offers each
    // pair of models) on a worker with a connection of its own, and shows them when read; false when the run does
    // not have the two models in this workspace.
    bool openRun(qint64 runId, int firstModel = 0, int secondModel = 1);
    // True until the run's pairs are shown.
    bool isLoading() const { return m_loader.isBusy() || m_loadingRun != 0; }
    // Shows the prompt's first pair (the filters are cleared when they hide it); false when the run has no such
    // prompt.
    bool showPrompt(const QString& promptExtId);
    void setBlind(bool blind);
    // Writes the rating of the shown pair, if it changed; navigation does this by itself.
    // False (after saying so) when it could not be written: the rating is kept and the page stays on the pair.
    bool commitRating();
    int visibleCount() const { return int(m_visible.size()); }
    int currentPosition() const { return m_position; }
    QString currentPromptId() const { return m_shown ? m_shown->promptExtId : QString(); }
    // The models compared, by their place in the run.
    std::pair<int, int> models() const { return m_models; }
    // Whether the side on the left is the run's first model (what blind mode hides).
    bool leftIsFirst() const;
    // Pairs of the run with a rating, and all of them ("rated 12 of 90").
    int ratedCount() const;
    // The results on the left and on the right of the pair shown (0, 0 when none is).
    std::pair<qint64, qint64> shownResults() const { return { m_rating.leftResult, m_rating.rightResult }; }

signals:
    // People's ratings of the run changed (the figures that count them are stale).
    void ratingsChanged(qint64 runId);
    void judgeRequested(qint64 runId);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void showEvent(QShowEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;
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
    // Acts on a rating or navigation key; false for any other key, which then goes where it was sent.
    bool handleKey(QKeyEvent* event);
    void openChoice(int index); // of the run list: a run and two of its models
    QVariant listData(int position, int role) const;
    void setListRow(int position); // without showing the pair: the page shows it
    void updateRatedCount();
    void showPair(int position);
    void refreshRatingTexts();
    QString sideRatingText(const SideRating& r) const;
    void move(int delta);
    const ResultPair* currentPair() const { return m_shown ? &*m_shown : nullptr; }
    const PairKey* currentKey() const;
    bool isRated(const PairKey& key) const;

    Workspace& m_workspace;
    Store& m_store; // the workspace's
    QComboBox* m_run;
    QCheckBox* m_blind;
    QCheckBox* m_diff;
    QComboBox* m_category;
    QCheckBox* m_disagreements;
    QCheckBox* m_failures;
    QCheckBox* m_unrated;
    QPushButton* m_judge;
    QListView* m_list;
    PairListModel* m_listModel;
    QLabel* m_question;
    AnswerPane* m_left;
    AnswerPane* m_right;
    QLineEdit* m_note;
    QLabel* m_help;
    QLabel* m_ratedCount;

    qint64 m_runId = 0;
    std::pair<int, int> m_models { 0, 1 }; // chosen with the run, whether its pairs could be read or not
    PairIndex m_index; // the run's pairs without their texts
    QVector<int> m_visible; // indexes into m_index.pairs that pass the filters
    int m_rated = 0; // pairs of m_index with a rating
    QHash<qint64, QVector<RatingRow>> m_ratings; // the run's, by result, oldest first: what the list marks
    // The rows of the pair's two results, oldest first (what ResultPairs::rating reads).
    QVector<RatingRow> ratingsOf(const PairKey& key) const;
    PairRatingState ratingOf(const PairKey& key) const;
    int m_position = -1;
    std::optional<ResultPair> m_shown; // the pair at m_position, read whole
    bool m_settingRow = false; // the page moves the list's current row: no pair to show for it
    bool m_selectedRight = false;
    PairRating m_rating;
    QString m_pendingPrompt; // shown once the run being read is there

    struct Loaded
    {
        qint64 runId = 0;
        std::optional<PairIndex> pairs;
        QVector<RatingRow> ratings;
        QString error;
    };
    void showLoaded(Loaded loaded);
    qint64 m_loadingRun = 0; // the run being read, 0 when none
    PageTask<Loaded> m_loader; // last: it waits for its worker before the widgets go
};

} // namespace tierlens
