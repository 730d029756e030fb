#include "ComparePage.h"

#include "AnswerPane.h"
#include "compare/WordDiff.h"
#include "store/Store.h"
#include "util/Settings.h"
#include "workspace/Workspace.h"

#include <QAbstractListModel>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QSplitter>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tierlens {

// The pair list's rows, asked of the page when drawn: the list holds no item per pair (a run of a million
// results lists half a million).
class PairListModel : public QAbstractListModel
{
public:
    using Data = std::function<QVariant(int row, int role)>;
    PairListModel(Data data, QObject* parent)
        : QAbstractListModel(parent)
        , m_data(std::move(data))
    { }
    void reset(int rows)
    {
        beginResetModel();
        m_rows = rows;
        endResetModel();
    }
    void rowChanged(int row) { emit dataChanged(index(row), index(row)); }
    int rowCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : m_rows; }
    QVariant data(const QModelIndex& index, int role) const override
    {
        return index.isValid() && index.row() < m_rows ? m_data(index.row(), role) : QVariant();
    }

private:
    Data m_data;
    int m_rows = 0;
};

namespace {

QString raterName()
{
    const QString configured = Settings().value(Settings::Key::RaterName).toString();
    if (!configured.isEmpty())
        return configured;
    const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    return user.isEmpty() ? u"me"_s : user;
}

} // namespace

ComparePage::ComparePage(Workspace& workspace, QWidget* parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_store(workspace.store())
    , m_run(new QComboBox(this))
    , m_blind(new QCheckBox(tr("&Blind"), this))
    , m_diff(new QCheckBox(tr("Word &diff"), this))
    , m_category(new QComboBox(this))
    , m_disagreements(new QCheckBox(tr("Checks disagree"), this))
    , m_failures(new QCheckBox(tr("Failures only"), this))
    , m_unrated(new QCheckBox(tr("Unrated only"), this))
    , m_judge(new QPushButton(tr("&Judge this run..."), this))
    , m_list(new QListView(this))
    , m_listModel(new PairListModel([this](int row, int role) { return listData(row, role); }, this))
    , m_question(new QLabel(this))
    , m_left(new AnswerPane(this))
    , m_right(new AnswerPane(this))
    , m_note(new QLineEdit(this))
    , m_help(new QLabel(this))
    , m_ratedCount(new QLabel(this))
    , m_loader(
          this,
          [this]() -> std::function<Loaded()> {
              if (m_loadingRun == 0)
                  return {};
              const QString path = m_store.path();
              const qint64 runId = m_loadingRun;
              // Copied one by one: a lambda cannot capture a structured binding in C++17.
              const int first = m_models.first;
              const int second = m_models.second;
              return [path, runId, first, second]() {
                  Loaded out;
                  out.runId = runId;
                  std::unique_ptr<Store> store = Store::open(path, &out.error);
                  if (!store)
                      return out;
                  // Without the answers: a million results' answers are gigabytes; a pair's are read when it is shown.
                  out.pairs = ResultPairs::index(*store, runId, &out.error, first, second);
                  if (out.pairs) {
                      const auto ratings = store->runRatings(runId);
                      if (!ratings) {
                          out.pairs.reset();
                          out.error = store->lastError();
                      } else {
                          out.ratings = *ratings;
                      }
                  }
                  return out;
              };
          },
          [this](Loaded loaded) { showLoaded(std::move(loaded)); })
{
    setFocusPolicy(Qt::StrongFocus);
    m_run->setObjectName(u"compareRunCombo"_s);
    m_blind->setObjectName(u"blindCheck"_s);
    m_diff->setObjectName(u"diffCheck"_s);
    m_list->setObjectName(u"pairList"_s);
    m_list->setModel(m_listModel);
    m_list->setUniformItemSizes(true); // half a million rows are laid out without asking each one its size
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_left->setObjectName(u"leftAnswer"_s);
    m_right->setObjectName(u"rightAnswer"_s);
    m_note->setObjectName(u"noteEdit"_s);
    m_ratedCount->setObjectName(u"ratedCount"_s);
    m_judge->setObjectName(u"judgeButton"_s);
    m_judge->setToolTip(tr("An LLM judge compares the answers pairwise and grades llm-rubric assertions, in a "
                           "judge run of its own (its cost is shown first)."));
    for (QWidget* w : std::initializer_list<QWidget*> { m_run, m_blind, m_diff, m_category, m_disagreements, m_failures,
                                                        m_unrated, m_list })
        w->setFocusPolicy(Qt::ClickFocus);
    m_question->setWordWrap(true);
    m_question->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note->setPlaceholderText(tr("Note (N to write, Enter or Esc to go back to rating)"));
    m_help->setText(tr("Keys: J/K next/previous · \u2190/\u2192 choose a side · 1-5 score · P pass · F fail · "
                       "A left better · D right better · S tie · N note"));
    m_help->setWordWrap(true);

    auto* filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Run:"), this));
    filters->addWidget(m_run, 1);
    filters->addWidget(m_blind);
    filters->addWidget(m_diff);
    filters->addWidget(new QLabel(tr("Category:"), this));
    filters->addWidget(m_category);
    filters->addWidget(m_disagreements);
    filters->addWidget(m_failures);
    filters->addWidget(m_unrated);
    filters->addWidget(m_judge);

    auto* answers = new QSplitter(this);
    answers->addWidget(m_left);
    answers->addWidget(m_right);
    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_question);
    rightLayout->addWidget(answers, 1);
    rightLayout->addWidget(m_note);
    rightLayout->addWidget(m_help);
    auto* split = new QSplitter(this);
    auto* listColumn = new QWidget(this);
    auto* listLayout = new QVBoxLayout(listColumn);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_list, 1);
    listLayout->addWidget(m_ratedCount);
    split->addWidget(listColumn);
    split->addWidget(right);
    split->setStretchFactor(1, 5);
    // Room for a rated pair's marks ("flash 5 pass · pro 1 fail · pro better") next to its id.
    split->setSizes({ 400, 900 });

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(split, 1);

    connect(m_run, &QComboBox::currentIndexChanged, this, &ComparePage::openChoice);
    for (QCheckBox* box : { m_blind, m_diff }) {
        connect(box, &QCheckBox::toggled, this, [this] {
            commitRating(); // about the results it was given for, whichever side they show on next
            showPair(m_position);
        });
    }
    for (QCheckBox* box : { m_disagreements, m_failures, m_unrated })
        connect(box, &QCheckBox::toggled, this, &ComparePage::applyFilters);
    connect(m_category, &QComboBox::currentIndexChanged, this, &ComparePage::applyFilters);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                const int row = current.isValid() ? current.row() : -1;
                if (m_settingRow || row == m_position)
                    return;
                if (!commitRating()) {
                    setListRow(m_position); // stays on the pair whose rating is not saved
                    return;
                }
                showPair(row);
            });
    connect(m_note, &QLineEdit::textEdited, this, [this](const QString& text) {
        m_rating.note = text;
        m_rating.changed = true;
    });
    connect(m_note, &QLineEdit::returnPressed, this, [this] { setFocus(); });
    connect(m_judge, &QPushButton::clicked, this, [this] {
        if (m_runId != 0)
            emit judgeRequested(m_runId);
    });
    // Every widget of the page but the note hands the rating keys to the page: a list's type-ahead search, a
    // check box's arrow-key focus moves and a combo box's letter search would otherwise take them.
    for (QWidget* w : findChildren<QWidget*>()) {
        if (w != m_note)
            w->installEventFilter(this);
    }
    m_note->installEventFilter(this);
    connect(&m_workspace, &Workspace::listsChanged, this, &ComparePage::reloadRuns);
    reloadRuns();
}

ComparePage::~ComparePage()
{
    commitRating();
    // The list asks this page for its rows: it must not while the page's members are being destroyed.
    m_list->setModel(nullptr);
}

void ComparePage::reloadRuns()
{
    {
        const QSignalBlocker block(m_run);
        m_run->clear();
        for (const RunRow& run : m_workspace.runs()) {
            if (run.kind != u"shadow"_s)
                continue; // a judge run's answers are verdicts, shown with the run judged
            // Each pair of the run's models: a run of three compares any two of them.
            for (int a = 0; a < run.models.size(); ++a) {
                for (int b = a + 1; b < run.models.size(); ++b) {
                    m_run->addItem(tr("Run %1 · %2 · %3 vs %4")
                                       .arg(run.id)
                                       .arg(run.promptSetName, run.models.at(a).label, run.models.at(b).label),
                                   QVariantList { run.id, a, b });
                }
            }
        }
    }
    const int index = m_runId != 0 ? m_run->findData(QVariantList { m_runId, m_models.first, m_models.second }) : -1;
    if (index >= 0) {
        // The run shown stays as it is (its pairs are not read again, the pair shown stays).
        const QSignalBlocker block(m_run);
        m_run->setCurrentIndex(index);
    } else if (m_run->count() > 0) {
        openChoice(0);
    }
}

void ComparePage::openChoice(int index)
{
    const QVariantList choice = m_run->itemData(index).toList();
    if (choice.size() == 3)
        openRun(choice.at(0).toLongLong(), choice.at(1).toInt(), choice.at(2).toInt());
}

bool ComparePage::openRun(qint64 runId, int firstModel, int secondModel)
{
    const std::optional<RunRow> run = m_workspace.run(runId);
    if (!run || firstModel == secondModel || std::min(firstModel, secondModel) < 0
        || std::max(firstModel, secondModel) >= run->models.size())
        return false;
    commitRating();
    m_runId = runId;
    m_loadingRun = runId;
    m_models = { firstModel, secondModel };
    m_pendingPrompt.clear();
    m_judge->setEnabled(true);
    const int index = m_run->findData(QVariantList { runId, firstModel, secondModel });
    if (index >= 0 && index != m_run->currentIndex()) {
        const QSignalBlocker block(m_run);
        m_run->setCurrentIndex(index);
    }
    // Nothing of the run shown before stays while the new one is read.
    m_index = PairIndex();
    m_visible.clear();
    m_ratings.clear();
    m_rated = 0;
    m_listModel->reset(0);
    m_position = -1;
    m_shown.reset();
    m_rating = PairRating();
    m_left->show(PairSide(), QString(), QString(), AnswerPane::Show::AnswersOnly);
    m_right->show(PairSide(), QString(), QString(), AnswerPane::Show::AnswersOnly);
    m_question->setText(tr("Reading the answers of run %1…").arg(runId));
    m_loader.request();
    return true;
}

void ComparePage::showLoaded(Loaded loaded)
{
    if (loaded.runId != m_loadingRun)
        return; // another run was asked for meanwhile
    m_loadingRun = 0;
    if (!loaded.pairs) {
        m_question->setText(loaded.error.toHtmlEscaped());
        return;
    }
    m_index = std::move(*loaded.pairs);
    m_ratings.clear();
    for (const RatingRow& r : loaded.ratings)
        m_ratings[r.resultId].append(r);
    m_rated = int(
        std::count_if(m_index.pairs.cbegin(), m_index.pairs.cend(), [this](const PairKey& k) { return isRated(k); }));
    QStringList categories; // of the prompts that have pairs, in the set's order
    qint32 lastPrompt = -1;
    for (const PairKey& k : std::as_const(m_index.pairs)) {
        if (k.promptIndex == lastPrompt)
            continue; // a repeat
        lastPrompt = k.promptIndex;
        if (const QString& c = m_index.prompt(k).category; !categories.contains(c))
            categories.append(c);
    }
    {
        const QSignalBlocker block(m_category);
        m_category->clear();
        m_category->addItem(tr("all"), QString());
        for (const QString& c : categories)
            m_category->addItem(c, c);
    }
    applyFilters();
    if (!m_pendingPrompt.isEmpty())
        showPrompt(std::exchange(m_pendingPrompt, QString()));
}

bool ComparePage::showPrompt(const QString& promptExtId)
{
    if (isLoading()) {
        m_pendingPrompt = promptExtId;
        return true;
    }
    auto find = [&] {
        for (int position = 0; position < m_visible.size(); ++position) {
            if (m_index.prompt(m_index.pairs.at(m_visible.at(position))).id == promptExtId)
                return position;
        }
        return -1;
    };
    int position = find();
    if (position < 0) {
        for (QCheckBox* box : { m_disagreements, m_failures, m_unrated }) {
            const QSignalBlocker block(box);
            box->setChecked(false);
        }
        const QSignalBlocker block(m_category);
        m_category->setCurrentIndex(0);
        applyFilters();
        position = find();
    }
    if (position < 0)
        return false;
    commitRating();
    showPair(position);
    return true;
}

void ComparePage::setBlind(bool blind)
{
    m_blind->setChecked(blind);
}

int ComparePage::ratedCount() const
{
    return m_rated;
}

bool ComparePage::isRated(const PairKey& key) const
{
    // Most pairs have no rating: two lookups, nothing built.
    if (!m_ratings.contains(key.firstResult) && !m_ratings.contains(key.secondResult))
        return false;
    return ratingOf(key).rated();
}

void ComparePage::applyFilters()
{
    commitRating();
    const QString category = m_category->currentData().toString();
    m_visible.clear();
    for (int i = 0; i < m_index.pairs.size(); ++i) {
        const PairKey& p = m_index.pairs.at(i);
        if (!category.isEmpty() && m_index.prompt(p).category != category)
            continue;
        if (m_disagreements->isChecked() && !p.checksDisagree())
            continue;
        if (m_failures->isChecked() && !p.hasError() && !p.anyCheckFailed())
            continue;
        if (m_unrated->isChecked() && isRated(p))
            continue;
        m_visible.append(i);
    }
    {
        const QScopedValueRollback setting(m_settingRow, true);
        m_listModel->reset(int(m_visible.size()));
    }
    updateRatedCount();
    m_position = -1;
    showPair(m_visible.isEmpty() ? -1 : 0);
}

// A rated pair is ticked and says how; the models are named only once rated, as on the panes.
QVariant ComparePage::listData(int position, int role) const
{
    if (position < 0 || position >= m_visible.size() || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    const PairKey& p = m_index.pairs.at(m_visible.at(position));
    const QString id = m_index.prompt(p).id;
    const QString name = p.repeatIndex > 0 ? u"%1 #%2"_s.arg(id).arg(p.repeatIndex + 1) : id;
    const PairRatingState rating = isRated(p) ? ratingOf(p) : PairRatingState();
    if (!rating.rated())
        return role == Qt::DisplayRole ? u"   "_s + name : tr("Not rated");
    const QString how = ResultPairs::ratingText(m_index.firstLabel(), m_index.secondLabel(), rating);
    if (role == Qt::ToolTipRole)
        return tr("Rated: %1").arg(how.isEmpty() ? tr("a note") : how);
    return QString(u"\u2713 "_s + name + (how.isEmpty() ? QString() : u" \u2014 "_s + how));
}

void ComparePage::updateRatedCount()
{
    m_ratedCount->setText(tr("rated %1 of %2").arg(m_rated).arg(m_index.pairs.size()));
}

const PairKey* ComparePage::currentKey() const
{
    return m_position >= 0 && m_position < m_visible.size() ? &m_index.pairs.at(m_visible.at(m_position)) : nullptr;
}

void ComparePage::setListRow(int position)
{
    const QScopedValueRollback setting(m_settingRow, true);
    m_list->setCurrentIndex(position >= 0 ? m_listModel->index(position) : QModelIndex());
}

bool ComparePage::leftIsFirst() const
{
    const ResultPair* p = currentPair();
    return !p || !m_blind->isChecked() || !ResultPairs::firstOnRight(m_runId, *p);
}

void ComparePage::showPair(int position)
{
    m_position = position;
    m_shown.reset();
    QString unreadable;
    if (const PairKey* key = currentKey()) {
        // The pair whole: a few reads by primary key, the only ones a shown pair needs.
        m_shown = ResultPairs::read(m_store, m_index, *key, &unreadable);
        if (!m_shown)
            m_position = -1;
    }
    const ResultPair* p = currentPair();
    if (!p) {
        m_rating = PairRating();
        m_question->setText(!unreadable.isEmpty()         ? tr("The answers cannot be read: %1").arg(unreadable)
                                : m_index.pairs.isEmpty() ? tr("No run with two models' answers to compare yet.")
                                                          : tr("No pair matches the filters."));
        m_left->show(PairSide(), QString(), QString(), AnswerPane::Show::AnswersOnly);
        m_right->show(PairSide(), QString(), QString(), AnswerPane::Show::AnswersOnly);
        return;
    }
    setListRow(position);
    m_rating = PairRating();
    m_note->clear();
    const bool firstLeft = leftIsFirst();
    const PairSide& left = firstLeft ? p->first : p->second;
    const PairSide& right = firstLeft ? p->second : p->first;
    m_rating.leftResult = left.resultId;
    m_rating.rightResult = right.resultId;
    m_rating.blind = m_blind->isChecked();
    // What was said before about these two answers, whichever side it was written from.
    const PairRatingState said = ratingOf(*currentKey());
    const PairRatingState::Side& saidLeft = firstLeft ? said.first : said.second;
    const PairRatingState::Side& saidRight = firstLeft ? said.second : said.first;
    m_rating.left = SideRating { saidLeft.passed, saidLeft.score };
    m_rating.right = SideRating { saidRight.passed, saidRight.score };
    if (said.preferred == u"tie"_s)
        m_rating.preference = u"tie"_s;
    else if (!said.preferred.isEmpty())
        m_rating.preference = (said.preferred == u"first"_s) == firstLeft ? u"left"_s : u"right"_s;
    m_rating.note = said.note;
    m_note->setText(m_rating.note);

    QString question = tr("<b>%1</b> · %2 · pair %3 of %4")
                           .arg(p->promptExtId.toHtmlEscaped(), p->category.toHtmlEscaped())
                           .arg(m_position + 1)
                           .arg(m_visible.size());
    // A conversation, turn by turn: each turn before the last with both models' own answers, on their sides.
    for (qsizetype k = 0; k < p->earlierTurns.size(); ++k) {
        auto html = [](const QString& text) { return text.toHtmlEscaped().replace(u"\n"_s, u"<br>"_s); };
        question += tr("<p><i>Turn %1:</i> %2</p>").arg(k + 1).arg(html(p->earlierTurns.at(k)));
        question += tr("<p style=\"margin-left: 1em\"><i>Left:</i> %1<br><i>Right:</i> %2</p>")
                        .arg(html(left.earlierAnswers.value(k)), html(right.earlierAnswers.value(k)));
    }
    if (!p->earlierTurns.isEmpty())
        question += tr("<p><i>Turn %1 (the answers below):</i></p>").arg(p->earlierTurns.size() + 1);
    question += u"<p>"_s + p->question.toHtmlEscaped().replace(u"\n"_s, u"<br>"_s) + u"</p>"_s;
    if (!p->expected.isEmpty())
        question += tr("<i>Expected:</i> %1").arg(p->expected.toHtmlEscaped());
    m_question->setText(question);

    QString leftDiff, rightDiff;
    if (m_diff->isChecked()) {
        const bool dark = palette().color(QPalette::Base).lightness() < 128;
        const auto spans = WordDiff::diff(left.attempt.outcome.content, right.attempt.outcome.content);
        leftDiff = WordDiff::toHtml(spans, WordDiff::Side::Left, dark);
        rightDiff = WordDiff::toHtml(spans, WordDiff::Side::Right, dark);
    }
    // Blind until rated: no name, and nothing measured that tells the models apart (latency, cost, tokens,
    // attempts, checks, the reasoning's length); the reasoning only when both sides have one.
    const bool hidden = m_blind->isChecked() && !m_rating.rated();
    const bool bothReason = !left.attempt.outcome.reasoning.isEmpty() && !right.attempt.outcome.reasoning.isEmpty();
    const AnswerPane::Show show = hidden
        ? (bothReason ? AnswerPane::Show::AnswersAndReasoning : AnswerPane::Show::AnswersOnly)
        : AnswerPane::Show::Everything;
    m_left->show(left, hidden ? tr("Answer A") : tr("Answer A: %1").arg(left.label), leftDiff, show);
    m_right->show(right, hidden ? tr("Answer B") : tr("Answer B: %1").arg(right.label), rightDiff, show);
    m_selectedRight = false;
    refreshRatingTexts();
}

QString ComparePage::sideRatingText(const SideRating& r) const
{
    QStringList parts;
    if (r.passed)
        parts << (*r.passed ? tr("pass") : tr("fail"));
    if (r.score)
        parts << tr("score %1/5").arg(*r.score);
    return parts.isEmpty() ? tr("not rated") : parts.join(u" · "_s);
}

void ComparePage::refreshRatingTexts()
{
    auto preferenceText = [this](bool leftSide) {
        const QString mine = leftSide ? u"left"_s : u"right"_s;
        if (m_rating.preference == mine)
            return tr(" · preferred");
        if (m_rating.preference == u"tie"_s)
            return tr(" · tie");
        return QString();
    };
    m_left->setRatingText(sideRatingText(m_rating.left) + preferenceText(true));
    m_right->setRatingText(sideRatingText(m_rating.right) + preferenceText(false));
    m_left->setSelected(!m_selectedRight);
    m_right->setSelected(m_selectedRight);
}

bool ComparePage::commitRating()
{
    if (m_rating.leftResult == 0 || !m_rating.changed)
        return true;
    const QString rater = raterName();
    QString error;
    // The left answer's row carries the pair's preference; the right one only its own verdict.
    RatingRow l;
    l.ratedAt = QDateTime::currentDateTimeUtc();
    l.resultId = m_rating.leftResult;
    l.comparedResultId = m_rating.rightResult;
    l.rater = rater;
    l.passed = m_rating.left.passed;
    l.score = m_rating.left.score;
    l.preference = m_rating.preference;
    l.blind = m_rating.blind;
    l.note = m_rating.note;
    RatingRow r = l;
    r.resultId = m_rating.rightResult;
    r.comparedResultId = m_rating.leftResult;
    r.passed = m_rating.right.passed;
    r.score = m_rating.right.score;
    r.preference.clear();
    r.note.clear();
    QVector<RatingRow> rows { l };
    if (m_rating.right.passed || m_rating.right.score)
        rows.append(r);
    for (RatingRow& row : rows) {
        const std::optional<qint64> id = m_store.addRating(row, &error);
        if (!id) {
            // Kept in m_rating: the page stays on the pair, and the next move tries again (a row written twice
            // is harmless: the newest word counts).
            QMessageBox::warning(
                this, tr("Rating not saved"),
                tr("The rating could not be saved: %1\n\nIt is kept; moving on tries again.").arg(error));
            return false;
        }
        row.id = *id;
    }
    // The pair the rows are about (a result is in one pair of the models shown), rated before or not: the one
    // shown, unless the page moved on meanwhile.
    QVector<int> about;
    auto isAbout = [&](const PairKey& k) {
        return k.firstResult == l.resultId || k.secondResult == l.resultId || k.firstResult == r.resultId
            || k.secondResult == r.resultId;
    };
    if (const PairKey* shown = currentKey(); shown && isAbout(*shown)) {
        about.append(m_visible.at(m_position));
    } else {
        for (int i = 0; i < m_index.pairs.size(); ++i) {
            if (isAbout(m_index.pairs.at(i)))
                about.append(i);
        }
    }
    for (int i : std::as_const(about))
        m_rated -= isRated(m_index.pairs.at(i)) ? 1 : 0;
    for (const RatingRow& row : std::as_const(rows))
        m_ratings[row.resultId].append(row);
    for (int i : std::as_const(about))
        m_rated += isRated(m_index.pairs.at(i)) ? 1 : 0;
    m_rating.changed = false;
    emit ratingsChanged(m_runId);
    for (int position = 0; position < m_visible.size(); ++position) {
        if (about.contains(m_visible.at(position)))
            m_listModel->rowChanged(position);
    }
    updateRatedCount();
    return true;
}

PairRatingState ComparePage::ratingOf(const PairKey& key) const
{
    return ResultPairs::rating(key.firstResult, key.secondResult, ratingsOf(key));
}

QVector<RatingRow> ComparePage::ratingsOf(const PairKey& key) const
{
    QVector<RatingRow> rows = m_ratings.value(key.firstResult) + m_ratings.value(key.secondResult);
    std::sort(rows.begin(), rows.end(), [](const RatingRow& a, const RatingRow& b) {
        return a.ratedAt != b.ratedAt ? a.ratedAt < b.ratedAt : a.id < b.id;
    });
    return rows;
}

void ComparePage::move(int delta)
{
    if (m_visible.isEmpty() || !commitRating())
        return;
    showPair(std::clamp(m_position + delta, 0, int(m_visible.size()) - 1));
}

void ComparePage::keyPressEvent(QKeyEvent* event)
{
    // Keys the note did not take reach the page too: while the note is written, only Esc means anything.
    if (m_note->hasFocus()) {
        if (event->key() == Qt::Key_Escape)
            setFocus();
        else
            QWidget::keyPressEvent(event);
        return;
    }
    if (!handleKey(event))
        QWidget::keyPressEvent(event);
}

bool ComparePage::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::KeyPress && event->type() != QEvent::ShortcutOverride)
        return QWidget::eventFilter(watched, event);
    auto* key = static_cast<QKeyEvent*>(event);
    // While the note is written, keys it does not take (Up, Down, Page Up/Down) travel up through the page's
    // widgets: they mean nothing then, and must not move to another pair.
    if (m_note->hasFocus() && watched != m_note)
        return QWidget::eventFilter(watched, event);
    if (watched == m_note) {
        // Esc leaves the note; QLineEdit would otherwise let it through to a dialog or nothing.
        if (event->type() == QEvent::KeyPress && key->key() == Qt::Key_Escape) {
            setFocus();
            return true;
        }
        return QWidget::eventFilter(watched, event);
    }
    // A combo box's open list and other pop-ups keep their keys; so do keys with Ctrl, Alt or Meta (shortcuts,
    // mnemonics, copying from an answer).
    auto* widget = qobject_cast<QWidget*>(watched);
    if (!widget || widget->isWindow()
        || (key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)))
        return QWidget::eventFilter(watched, event);
    if (event->type() == QEvent::ShortcutOverride) {
        // Claim the rating keys before a shortcut of the window could: the KeyPress that follows comes here.
        switch (key->key()) {
        case Qt::Key_J:
        case Qt::Key_K:
        case Qt::Key_Up:
        case Qt::Key_Down:
        case Qt::Key_PageUp:
        case Qt::Key_PageDown:
        case Qt::Key_Left:
        case Qt::Key_Right:
        case Qt::Key_1:
        case Qt::Key_2:
        case Qt::Key_3:
        case Qt::Key_4:
        case Qt::Key_5:
        case Qt::Key_P:
        case Qt::Key_F:
        case Qt::Key_A:
        case Qt::Key_D:
        case Qt::Key_S:
        case Qt::Key_N:
            event->accept();
            return true;
        default:
            return QWidget::eventFilter(watched, event);
        }
    }
    return handleKey(key) || QWidget::eventFilter(watched, event);
}

bool ComparePage::handleKey(QKeyEvent* event)
{
    if (event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))
        return false;
    SideRating& side = m_selectedRight ? m_rating.right : m_rating.left;
    bool rated = true;
    switch (event->key()) {
    case Qt::Key_J:
    case Qt::Key_PageDown:
    case Qt::Key_Down:
        move(1);
        return true;
    case Qt::Key_K:
    case Qt::Key_PageUp:
    case Qt::Key_Up:
        move(-1);
        return true;
    case Qt::Key_Left:
        m_selectedRight = false;
        rated = false;
        break;
    case Qt::Key_Right:
        m_selectedRight = true;
        rated = false;
        break;
    case Qt::Key_1:
    case Qt::Key_2:
    case Qt::Key_3:
    case Qt::Key_4:
    case Qt::Key_5:
        side.score = event->key() - Qt::Key_0;
        break;
    case Qt::Key_P:
        side.passed = true;
        break;
    case Qt::Key_F:
        side.passed = false;
        break;
    case Qt::Key_A:
        m_rating.preference = u"left"_s;
        break;
    case Qt::Key_D:
        m_rating.preference = u"right"_s;
        break;
    case Qt::Key_S:
        m_rating.preference = u"tie"_s;
        break;
    case Qt::Key_N:
        m_note->setFocus();
        return true;
    default:
        return false;
    }
    if (!currentPair())
        return true;
    if (rated) {
        m_rating.changed = true;
        // Blind mode reveals the models once the pair has a rating.
        if (m_blind->isChecked() && (m_left->heading() == tr("Answer A"))) {
            const ResultPair* p = currentPair();
            const bool firstLeft = leftIsFirst();
            m_left->setHeading(tr("Answer A: %1").arg((firstLeft ? p->first : p->second).label));
            m_right->setHeading(tr("Answer B: %1").arg((firstLeft ? p->second : p->first).label));
            m_left->reveal();
            m_right->reveal();
        }
    }
    refreshRatingTexts();
    return true;
}

// Switching to the page puts the keys on it, unless a widget of the page already has them.
void ComparePage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_loader.pageShown();
    QWidget* focused = QApplication::focusWidget();
    if (!focused || !isAncestorOf(focused))
        setFocus(Qt::OtherFocusReason);
}

void ComparePage::hideEvent(QHideEvent* event)
{
    commitRating();
    QWidget::hideEvent(event);
}

} // namespace tierlens
