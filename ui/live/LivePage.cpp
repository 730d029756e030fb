#include "LivePage.h"

#include "format/ReportFormat.h"
#include "pricing/PriceBookRegistry.h"
#include "run/ModelForm.h"
#include "settings/ApiKeyStore.h"
#include "store/Store.h"
#include "util/InsecureHttp.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tierlens {

LivePage::LivePage(Store& store, const PriceBookRegistry& prices, QWidget* parent)
    : QWidget(parent)
    , m_store(store)
    , m_prices(prices)
    , m_keys(new ApiKeyStore(this))
{
    auto* intro = new QLabel(tr("Point an application at this endpoint instead of its model: each request goes to the "
                                "primary and its answer comes back unchanged, and a share is copied to the candidate. "
                                "Both answers are recorded in a live run that Compare, the Dashboard and the Policy "
                                "page read like any run."),
                             this);
    intro->setWordWrap(true);

    m_primary = new ModelForm(prices.providers(), this);
    m_primary->applyPreset(ModelForm::Preset::SimulatorFlash);
    m_candidate = new ModelForm(prices.providers(), this);
    m_candidate->applyPreset(ModelForm::Preset::SimulatorPro);
    // The request's fields (thinking, temperature, stream, ...) are the application's, forwarded as they are.
    for (ModelForm* f : { m_primary, m_candidate }) {
        f->setRemovable(false);
        f->setRequestFieldsShown(false);
    }
    m_primary->setObjectName(u"livePrimary"_s);
    m_candidate->setObjectName(u"liveCandidate"_s);

    auto* settings = new QGroupBox(tr("Session"), this);
    auto* form = new QFormLayout(settings);
    m_listen = new QLineEdit(u"127.0.0.1:8788"_s, settings);
    m_listen->setObjectName(u"liveListen"_s);
    m_listen->setToolTip(tr("ADDRESS:PORT; port 0 takes any free one. Beyond loopback a token is required."));
    m_sample = new QDoubleSpinBox(settings);
    m_sample->setObjectName(u"liveSample"_s);
    m_sample->setRange(0, 1);
    m_sample->setSingleStep(0.05);
    m_sample->setDecimals(2);
    m_sample->setValue(1);
    m_concurrency = new QSpinBox(settings);
    m_concurrency->setObjectName(u"liveConcurrency"_s);
    m_concurrency->setRange(1, 100000);
    m_concurrency->setValue(8);
    m_maxUsd = new QDoubleSpinBox(settings);
    m_maxUsd->setObjectName(u"liveMaxUsd"_s);
    m_maxUsd->setRange(0, 1e6);
    m_maxUsd->setDecimals(4);
    m_maxUsd->setPrefix(u"$"_s);
    m_maxUsd->setSpecialValueText(tr("no limit"));
    m_rules = new QPlainTextEdit(settings);
    m_rules->setObjectName(u"liveRules"_s);
    m_rules->setPlaceholderText(tr("One REGEX=CATEGORY a line, matched on the last user message; the "
                                   "X-Tierlens-Category header overrides"));
    m_rules->setMaximumHeight(70);
    m_redact = new QPlainTextEdit(settings);
    m_redact->setObjectName(u"liveRedact"_s);
    m_redact->setPlaceholderText(tr("One REGEX a line: masked before anything is stored"));
    m_redact->setMaximumHeight(70);
    m_token = new QLineEdit(settings);
    m_token->setObjectName(u"liveToken"_s);
    m_token->setPlaceholderText(tr("Required beyond loopback; clients send it as X-Tierlens-Token"));
    form->addRow(tr("Listen on:"), m_listen);
    form->addRow(tr("Share mirrored:"), m_sample);
    form->addRow(tr("Mirrors in flight per candidate, at most:"), m_concurrency);
    form->addRow(tr("Stop mirroring when candidates have cost:"), m_maxUsd);
    form->addRow(tr("Category rules:"), m_rules);
    form->addRow(tr("Redact:"), m_redact);
    form->addRow(tr("Token:"), m_token);

    m_start = new QPushButton(tr("Start"), this);
    m_start->setObjectName(u"liveStart"_s);
    connect(m_start, &QPushButton::clicked, this, &LivePage::toggle);
    m_open = new QPushButton(tr("Open in Compare"), this);
    m_open->setObjectName(u"liveOpen"_s);
    m_open->setEnabled(false);
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (m_runId != 0)
            emit openRunRequested(m_runId);
    });
    m_status = new QLabel(tr("Not running."), this);
    m_status->setObjectName(u"liveStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary = new QLabel(this);
    m_summary->setObjectName(u"liveSummary"_s);
    m_summary->setWordWrap(true);
    m_models = new QTableWidget(0, 5, this);
    m_models->setObjectName(u"liveModels"_s);
    m_models->setHorizontalHeaderLabels({ tr("Model"), tr("Sent"), tr("Answered"), tr("Errors"), tr("Cost") });
    m_models->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_models->verticalHeader()->hide();
    m_models->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_open);
    buttons->addStretch();
    auto* models = new QHBoxLayout;
    const std::pair<ModelForm*, QString> columns[]
        = { { m_primary, tr("Primary: the model the application uses today; the application's own key goes to it") },
            { m_candidate, tr("Candidate: gets a copy of the chat requests, with its own key") } };
    for (const auto& [form, caption] : columns) {
        auto* column = new QVBoxLayout;
        auto* label = new QLabel(caption, this);
        label->setWordWrap(true);
        column->addWidget(label);
        column->addWidget(form);
        models->addLayout(column);
    }
    // The form scrolls rather than make the window taller than the other pages do.
    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    layout->addWidget(intro);
    layout->addLayout(models);
    layout->addWidget(settings);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addWidget(m_summary);
    layout->addWidget(m_models, 1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    m_changed = new QTimer(this);
    m_changed->setSingleShot(true);
    m_changed->setInterval(1000);
    connect(m_changed, &QTimer::timeout, this, [this] {
        if (m_runId != 0)
            emit liveRunChanged(m_runId);
    });
}

LivePage::~LivePage()
{
    if (isRunning())
        stopSession(nullptr);
}

bool LivePage::isRunning() const
{
    return m_proxy != nullptr;
}

void LivePage::setSimulatorUrl(const QString& url)
{
    m_primary->setSimulatorUrl(url);
    m_candidate->setSimulatorUrl(url);
    if (!isRunning()) {
        m_primary->applyPreset(ModelForm::Preset::SimulatorFlash);
        m_candidate->applyPreset(ModelForm::Preset::SimulatorPro);
    }
}

QString LivePage::endpoint() const
{
    if (!m_proxy)
        return {};
    return m_proxy->url();
}

std::optional<ShadowOptions> LivePage::options(QString* error) const
{
    ShadowOptions o;
    o.primary = m_primary->model();
    o.shadows = { m_candidate->model() };
    if (!o.parseListen(m_listen->text(), error)) {
        *error = tr("Listen on: %1").arg(*error);
        return std::nullopt;
    }
    o.sample = m_sample->value();
    o.shadowConcurrency = m_concurrency->value();
    if (m_maxUsd->value() > 0)
        o.maxShadowUsd = m_maxUsd->value();
    const QStringList rules = m_rules->toPlainText().split(u'\n', Qt::SkipEmptyParts);
    for (const QString& line : rules) {
        std::optional<CategoryRule> r = ShadowOptions::parseCategoryRule(line.trimmed(), error);
        if (!r)
            return std::nullopt;
        o.categoryRules.append(*r);
    }
    const QStringList masks = m_redact->toPlainText().split(u'\n', Qt::SkipEmptyParts);
    for (const QString& line : masks) {
        std::optional<QRegularExpression> re = ShadowOptions::parsePattern(line.trimmed(), tr("Redact"), error);
        if (!re)
            return std::nullopt;
        o.redactions.append(*re);
    }
    o.token = m_token->text().trimmed().toUtf8();
    if (const QString problem = o.validate(); !problem.isEmpty()) {
        *error = problem;
        return std::nullopt;
    }
    return o;
}

bool LivePage::startSession(QString* error)
{
    if (isRunning() || m_starting) {
        *error = tr("a live session is running already");
        return false;
    }
    std::optional<ShadowOptions> o = options(error);
    if (!o)
        return false;
    RunConfig candidates;
    candidates.models = o->shadows;
    if (!confirmInsecureHttp(this, candidates)) {
        *error = tr("the candidate's key would go unencrypted");
        return false;
    }
    // The candidate's key: the system keychain first, else its environment variable (ShadowProxy reads that).
    const ModelConfig& candidate = o->shadows.constFirst();
    m_starting = true;
    m_status->setText(tr("Starting..."));
    m_keys->read({ candidate.apiKeyEnv },
                 [this, o = *o, candidate](const QHash<QString, QByteArray>& keys, const QStringList&) {
                     m_starting = false;
                     auto proxy = std::make_unique<ShadowProxy>(m_store, m_prices);
                     if (keys.contains(candidate.apiKeyEnv))
                         proxy->setShadowKey(candidate.label, keys.value(candidate.apiKeyEnv));
                     QString why;
                     if (!proxy->start(o, &why)) {
                         m_status->setText(tr("Not started: %1").arg(why));
                         return;
                     }
                     connect(proxy.get(), &ShadowProxy::statsChanged, this, [this] {
                         showStats();
                         if (!m_changed->isActive())
                             m_changed->start();
                     });
                     connect(proxy.get(), &ShadowProxy::mirroringStopped, this, [this] { showStats(); });
                     m_proxy = std::move(proxy);
                     m_runId = m_proxy->runId();
                     setRunning(true);
                     m_status->setText(tr("Listening on %1 (live run %2): use it as the application's base URL.")
                                           .arg(endpoint())
                                           .arg(m_runId));
                     showStats();
                     emit liveRunChanged(m_runId);
                 });
    return true;
}

bool LivePage::stopSession(QString* error)
{
    if (!m_proxy)
        return true;
    QString why;
    const bool ok = m_proxy->stop(&why);
    showStats();
    m_proxy.reset();
    setRunning(false);
    m_status->setText(ok ? tr("Live run %1 ended.").arg(m_runId) : tr("Live run %1 ended: %2").arg(m_runId).arg(why));
    if (error)
        *error = why;
    emit liveRunChanged(m_runId);
    return ok;
}

void LivePage::toggle()
{
    QString why;
    if (isRunning()) {
        stopSession(&why);
        return;
    }
    if (!startSession(&why))
        m_status->setText(tr("Not started: %1").arg(why));
}

void LivePage::setRunning(bool running)
{
    m_start->setText(running ? tr("Stop") : tr("Start"));
    m_open->setEnabled(m_runId != 0);
    for (QWidget* w : std::initializer_list<QWidget*> { m_primary, m_candidate, m_listen, m_sample, m_concurrency,
                                                        m_maxUsd, m_rules, m_redact, m_token })
        w->setEnabled(!running);
}

void LivePage::showStats()
{
    if (!m_proxy)
        return;
    const ShadowStats s = m_proxy->stats();
    const QLocale locale;
    QString text = tr("%1 requests, %2 chat requests, %3 mirrored (%4); candidates' spend %5")
                       .arg(s.requests)
                       .arg(s.chatRequests)
                       .arg(s.mirrored)
                       .arg(ReportFormat::percent(s.chatRequests > 0 ? double(s.mirrored) / double(s.chatRequests) : 0))
                       .arg(ReportFormat::usd(s.shadowSpendUsd, locale));
    if (s.skippedCap > 0 || s.skippedSample > 0)
        text += tr("; not mirrored: %1 by the sample, %2 over the cap").arg(s.skippedSample).arg(s.skippedCap);
    if (!s.mirroring)
        text += u"\n"_s + s.mirroringStoppedBecause;
    m_summary->setText(text);
    m_models->setRowCount(int(s.models.size()));
    for (int i = 0; i < s.models.size(); ++i) {
        const ShadowModelStats& m = s.models.at(i);
        const QStringList cells { i == 0 ? tr("%1 (primary)").arg(m.label) : m.label, locale.toString(m.sent),
                                  locale.toString(m.answered), locale.toString(m.errors),
                                  ReportFormat::usd(m.costUsd, locale) };
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = m_models->item(i, c);
            if (!item) {
                item = new QTableWidgetItem;
                m_models->setItem(i, c, item);
            }
            item->setText(cells.at(c));
        }
    }
}

} // namespace tierlens
