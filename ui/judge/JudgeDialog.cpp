#include "JudgeDialog.h"

#include "format/ReportFormat.h"
#include "pricing/PriceBookRegistry.h"
#include "store/Store.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

constexpr int kOtherModel = -1; // the judge combo's entry for a model outside the run

} // namespace

JudgeDialog::JudgeDialog(Store& store, const RunRow& run, const JudgePlan& plan, const PriceBookRegistry& prices,
                         QWidget* parent)
    : QDialog(parent)
    , m_store(store)
    , m_run(run)
    , m_plan(plan)
    , m_prices(prices)
    , m_earlier(new QLabel(this))
    , m_again(new QCheckBox(this))
    , m_judge(new QComboBox(this))
    , m_baseUrl(new QLineEdit(this))
    , m_modelId(new QLineEdit(this))
    , m_keyEnv(new QLineEdit(u"DEEPSEEK_API_KEY"_s, this))
    , m_provider(new QComboBox(this))
    , m_pairwise(new QCheckBox(tr("Compare the answers pairwise (both orders)"), this))
    , m_rubric(new QCheckBox(tr("Grade answers against llm-rubric assertions"), this))
    , m_concurrency(new QSpinBox(this))
    , m_attempts(new QSpinBox(this))
    , m_estimate(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_estimating(
          this, [this] { return prepareEstimate(); }, [this](const Estimated& e) { showEstimate(e); },
          PageTask<Estimated>::OnDestroy::Drop)
{
    setWindowTitle(tr("Judge run %1").arg(run.id));
    setObjectName(u"judgeDialog"_s);
    m_again->setObjectName(u"judgeAgain"_s);
    m_judge->setObjectName(u"judgeModel"_s);
    m_estimate->setObjectName(u"judgeEstimate"_s);
    m_earlier->setObjectName(u"judgeEarlier"_s);
    m_earlier->setWordWrap(true);
    m_estimate->setWordWrap(true);
    m_estimate->setTextFormat(Qt::RichText);

    // The run's own models, the default first as `tierlens-cli judge` picks it; or any other.
    const std::optional<ModelConfig> byDefault = JudgeRunner::judgeFromRun(run, QString(), nullptr);
    for (int i = 0; i < run.models.size(); ++i) {
        const RunModelRow& m = run.models.at(i);
        m_judge->addItem(tr("%1 (%2), of the run").arg(m.label, m.modelId), i);
        if (byDefault && byDefault->modelId == m.modelId && byDefault->baseUrl == m.baseUrl)
            m_judge->setCurrentIndex(i);
    }
    m_judge->addItem(tr("Another model..."), kOtherModel);
    m_baseUrl->setPlaceholderText(u"https://api.deepseek.com"_s);
    m_modelId->setPlaceholderText(u"deepseek-v4-pro"_s);
    m_provider->addItem(tr("by the base URL"), QString());
    for (const QString& p : prices.providers())
        m_provider->addItem(p, p);
    m_pairwise->setChecked(true);
    m_pairwise->setEnabled(run.models.size() >= 2);
    m_rubric->setChecked(true);
    m_concurrency->setRange(0, 10000);
    m_concurrency->setSpecialValueText(tr("the price book's limit"));
    m_attempts->setRange(1, 20);
    m_attempts->setValue(RetrySettings().maxAttempts);

    if (plan.finished) {
        const RunRow& done = *plan.finished;
        m_earlier->setText(tr("Run %1 was judged already (judge run %2: %n call(s), %3). Judging it again sends "
                              "them all again and costs about as much.",
                              nullptr, int(done.resultCount))
                               .arg(run.id)
                               .arg(done.id)
                               .arg(done.costUsd ? ReportFormat::usd(*done.costUsd) : tr("no cost reported")));
        m_again->setText(tr("Judge it again"));
    } else if (plan.continueRunId != 0) {
        m_earlier->setText(tr("Judge run %1 of this run was interrupted: it is continued as it was set up, and only "
                              "the calls it lacks are sent.")
                               .arg(plan.continueRunId));
        m_again->setText(tr("Start a new judge run instead (pays for every call again)"));
    }
    m_earlier->setVisible(plan.finished || plan.continueRunId != 0);
    m_again->setVisible(m_earlier->isVisible());

    auto* form = new QFormLayout;
    form->addRow(tr("&Judge:"), m_judge);
    form->addRow(tr("Base &URL:"), m_baseUrl);
    form->addRow(tr("Model &id:"), m_modelId);
    form->addRow(tr("API &key variable:"), m_keyEnv);
    form->addRow(tr("&Price book:"), m_provider);
    form->addRow(QString(), m_pairwise);
    form->addRow(QString(), m_rubric);
    form->addRow(tr("In &flight at most:"), m_concurrency);
    form->addRow(tr("&Attempts per call:"), m_attempts);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_earlier);
    layout->addWidget(m_again);
    layout->addLayout(form);
    layout->addWidget(m_estimate);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        QString error;
        if (continueRunId() == 0 && !settings(&error)) {
            m_estimate->setText(error.toHtmlEscaped());
            return;
        }
        accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_again, &QCheckBox::toggled, this, &JudgeDialog::updateForm);
    connect(m_judge, &QComboBox::currentIndexChanged, this, &JudgeDialog::updateForm);
    connect(m_provider, &QComboBox::currentIndexChanged, this, [this] { m_estimating.request(); });
    connect(m_pairwise, &QCheckBox::toggled, this, [this] { m_estimating.request(); });
    connect(m_rubric, &QCheckBox::toggled, this, [this] { m_estimating.request(); });
    for (QLineEdit* e : { m_baseUrl, m_modelId })
        connect(e, &QLineEdit::editingFinished, this, [this] { m_estimating.request(); });
    updateForm();
}

qint64 JudgeDialog::continueRunId() const
{
    return m_plan.continueRunId != 0 && !m_again->isChecked() ? m_plan.continueRunId : 0;
}

std::optional<JudgeSettings> JudgeDialog::settings(QString* error) const
{
    JudgeSettings s;
    const int choice = m_judge->currentData().toInt();
    if (choice == kOtherModel) {
        if (m_baseUrl->text().trimmed().isEmpty() || m_modelId->text().trimmed().isEmpty()) {
            *error = tr("Give the judge's base URL and model id.");
            return std::nullopt;
        }
        s.judge.baseUrl = m_baseUrl->text().trimmed();
        s.judge.modelId = m_modelId->text().trimmed();
        s.judge.apiKeyEnv = m_keyEnv->text().trimmed();
    } else {
        const std::optional<ModelConfig> fromRun
            = JudgeRunner::judgeFromRun(m_run, m_run.models.at(choice).label, error);
        if (!fromRun)
            return std::nullopt;
        s.judge = *fromRun;
    }
    s.judge.label = u"judge"_s;
    if (const QString provider = m_provider->currentData().toString(); !provider.isEmpty())
        s.judge.provider = provider;
    s.judge.concurrency = m_concurrency->value();
    s.pairwise = m_pairwise->isChecked() && m_pairwise->isEnabled();
    s.rubric = m_rubric->isChecked();
    s.retry.maxAttempts = m_attempts->value();
    if (!s.pairwise && !s.rubric) {
        *error = tr("Choose pairwise comparisons, rubric grading or both.");
        return std::nullopt;
    }
    return s;
}

QString JudgeDialog::estimateText() const
{
    return m_estimate->text();
}

void JudgeDialog::updateForm()
{
    const bool fresh = continueRunId() == 0;
    const bool other = m_judge->currentData().toInt() == kOtherModel;
    for (QWidget* w :
         std::initializer_list<QWidget*> { m_judge, m_provider, m_pairwise, m_rubric, m_concurrency, m_attempts })
        w->setEnabled(fresh);
    m_pairwise->setEnabled(fresh && m_run.models.size() >= 2);
    for (QLineEdit* e : { m_baseUrl, m_modelId, m_keyEnv })
        e->setEnabled(fresh && other);
    if (!other && m_judge->currentIndex() >= 0) {
        const RunModelRow& m = m_run.models.at(m_judge->currentData().toInt());
        m_baseUrl->setText(m.baseUrl);
        m_modelId->setText(m.modelId);
        m_keyEnv->setText(m.apiKeyEnv);
    }
    QPushButton* ok = m_buttons->button(QDialogButtonBox::Ok);
    // A run judged already is judged again only when asked.
    ok->setEnabled(!m_plan.finished || m_again->isChecked());
    ok->setText(!fresh                ? tr("Continue judge run %1").arg(m_plan.continueRunId)
                    : m_plan.finished ? tr("Judge again")
                                      : tr("Judge"));
    m_estimating.request();
}

void JudgeDialog::showEvent(QShowEvent* event)
{
    QDialog::showEvent(event);
    m_estimating.pageShown();
}

std::function<JudgeDialog::Estimated()> JudgeDialog::prepareEstimate()
{
    if (continueRunId() != 0) {
        m_estimate->setText(tr("The judge run continues with the settings it was created with."));
        return {};
    }
    QString error;
    const std::optional<JudgeSettings> s = settings(&error);
    if (!s) {
        m_estimate->setText(error.toHtmlEscaped());
        return {};
    }
    // The judge prompts are read once per choice of pairwise and rubric: the other fields change only the price.
    const int key = (s->pairwise ? 1 : 0) + (s->rubric ? 2 : 0);
    std::optional<PromptSet> known;
    if (m_sets.contains(key))
        known = m_sets.value(key);
    else
        m_estimate->setText(tr("Estimating: reading the run's answers…"));
    return [path = m_store.path(), runId = m_run.id, s = *s, key, known, prices = m_prices]() {
        Estimated out;
        out.key = key;
        std::unique_ptr<Store> store = Store::open(path, &out.error, Store::OpenMode::Read);
        if (!store)
            return out;
        out.set = known ? known : JudgeRunner::judgeSet(*store, runId, s, &out.error);
        if (out.set)
            out.estimate = JudgeRunner::estimate(*store, *out.set, s.judge, prices);
        return out;
    };
}

void JudgeDialog::showEstimate(const Estimated& r)
{
    if (r.set)
        m_sets.insert(r.key, *r.set);
    if (!r.estimate) {
        m_estimate->setText(r.error.toHtmlEscaped());
        return;
    }
    const CostEstimate& e = *r.estimate;
    m_estimate->setText(tr("Estimate, nothing sent yet: <b>%1 judge calls</b> · ~%2 input and ~%3 output tokens "
                           "(%4) · %5 to %6 before retries%7")
                            .arg(QLocale().toString(e.requests), QLocale().toString(e.inputTokens),
                                 QLocale().toString(e.outputTokens), CostEstimator::describeOutput(e).toHtmlEscaped(),
                                 ReportFormat::usd(e.lowUsd), ReportFormat::usd(e.highUsd))
                            .arg(e.problem.isEmpty() ? QString() : u" · "_s + e.problem.toHtmlEscaped()));
}

} // namespace tierlens
