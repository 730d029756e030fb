#include "ModelForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tierlens {

ModelForm::ModelForm(const QStringList& providers, QWidget* parent)
    : QGroupBox(parent)
    , m_preset(new QComboBox(this))
    , m_label(new QLineEdit(this))
    , m_baseUrl(new QLineEdit(this))
    , m_modelId(new QLineEdit(this))
    , m_keyVariable(new QLineEdit(this))
    , m_provider(new QComboBox(this))
    , m_thinking(new QComboBox(this))
    , m_effort(new QComboBox(this))
    , m_temperature(new QDoubleSpinBox(this))
    , m_maxTokens(new QSpinBox(this))
    , m_json(new QCheckBox(tr("JSON mode"), this))
    , m_stream(new QCheckBox(tr("Stream"), this))
    , m_concurrency(new QSpinBox(this))
    , m_http(new QComboBox(this))
    , m_remove(new QToolButton(this))
{
    m_preset->setObjectName(u"preset"_s);
    m_label->setObjectName(u"label"_s);
    m_baseUrl->setObjectName(u"baseUrl"_s);
    m_modelId->setObjectName(u"modelId"_s);
    m_keyVariable->setObjectName(u"keyVariable"_s);
    m_provider->setObjectName(u"provider"_s);
    m_http->setObjectName(u"http"_s);
    m_concurrency->setObjectName(u"concurrency"_s);
    m_remove->setObjectName(u"removeModel"_s);

    m_preset->addItem(tr("DeepSeek V4 Flash"), int(Preset::DeepSeekFlash));
    m_preset->addItem(tr("DeepSeek V4 Pro"), int(Preset::DeepSeekPro));
    m_preset->addItem(tr("Local simulator: Flash"), int(Preset::SimulatorFlash));
    m_preset->addItem(tr("Local simulator: Pro"), int(Preset::SimulatorPro));
    m_preset->addItem(tr("Any OpenAI-compatible URL"), int(Preset::Custom));
    m_baseUrl->setPlaceholderText(u"https://api.example.com/v1"_s);
    m_keyVariable->setPlaceholderText(tr("none (a local server)"));
    m_keyVariable->setToolTip(tr("The name of the environment variable (or keychain entry, see Settings) that holds "
                                 "the key; the key itself is never stored."));
    setProviders(providers);
    m_thinking->addItem(tr("default"), QString());
    m_thinking->addItem(tr("on"), u"on"_s);
    m_thinking->addItem(tr("off"), u"off"_s);
    m_effort->addItem(tr("default"), QString());
    m_effort->addItem(tr("high"), u"high"_s);
    m_effort->addItem(tr("max"), u"max"_s);
    m_temperature->setRange(-0.1, 2.0); // the bottom value stands for "not sent"
    m_temperature->setSingleStep(0.1);
    m_temperature->setDecimals(2);
    m_temperature->setSpecialValueText(tr("default"));
    m_maxTokens->setRange(0, 393216);
    m_maxTokens->setSpecialValueText(tr("default"));
    m_concurrency->setRange(0, 10000);
    m_concurrency->setSpecialValueText(tr("the price book's limit"));
    m_http->addItem(tr("auto"), QVariant::fromValue(ModelConfig::Http2::Auto));
    m_http->addItem(tr("HTTP/2 (h2c)"), QVariant::fromValue(ModelConfig::Http2::PriorKnowledge));
    m_http->setToolTip(tr("auto: HTTP/2 where https:// offers it and this machine's libcurl multiplexes reliably, "
                          "HTTP/1.1 otherwise. HTTP/2 (h2c): HTTP/2 from the first byte (prior knowledge) on an "
                          "http:// URL, for servers known to speak it, such as tierlens-sim."));
    m_remove->setText(tr("Remove"));
    m_remove->setToolTip(tr("Leave this model out of the run"));

    // Two columns of fields: where the model is, and how it is asked.
    auto* where = new QFormLayout;
    where->addRow(tr("&Preset:"), m_preset);
    where->addRow(tr("&Label:"), m_label);
    where->addRow(tr("Base &URL:"), m_baseUrl);
    where->addRow(tr("Model &id:"), m_modelId);
    where->addRow(tr("API &key variable:"), m_keyVariable);
    where->addRow(tr("Price &book:"), m_provider);
    where->addRow(QString(), m_remove);
    where->setAlignment(m_remove, Qt::AlignRight);
    auto* how = new QFormLayout;
    m_how = how;
    how->addRow(tr("&Thinking:"), m_thinking);
    how->addRow(tr("Reasoning &effort:"), m_effort);
    how->addRow(tr("Te&mperature:"), m_temperature);
    how->addRow(tr("Max &tokens:"), m_maxTokens);
    auto* boxes = new QHBoxLayout;
    boxes->addWidget(m_json);
    boxes->addWidget(m_stream);
    boxes->addStretch();
    how->addRow(QString(), boxes);
    how->addRow(tr("In &flight at most:"), m_concurrency);
    how->addRow(tr("&HTTP:"), m_http);
    auto* columns = new QHBoxLayout;
    columns->addLayout(where, 3);
    columns->addLayout(how, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns);

    connect(m_preset, &QComboBox::activated, this, [this] { applyPreset(Preset(m_preset->currentData().toInt())); });
    connect(m_remove, &QToolButton::clicked, this, [this] { emit removeRequested(this); });
    for (QLineEdit* e : { m_label, m_baseUrl, m_modelId, m_keyVariable }) {
        connect(e, &QLineEdit::textEdited, this, [this] {
            updatePresetChoice();
            emit changed();
        });
    }
    connect(m_label, &QLineEdit::textChanged, this,
            [this](const QString& label) { setTitle(label.isEmpty() ? tr("Model") : label); });
    for (QComboBox* c : { m_provider, m_thinking, m_effort, m_http })
        connect(c, &QComboBox::currentIndexChanged, this, [this] {
            if (!m_filling)
                emit changed();
        });
    for (QCheckBox* c : { m_json, m_stream })
        connect(c, &QCheckBox::toggled, this, [this] {
            if (!m_filling)
                emit changed();
        });
    connect(m_temperature, &QDoubleSpinBox::valueChanged, this, [this] {
        if (!m_filling)
            emit changed();
    });
    for (QSpinBox* s : { m_maxTokens, m_concurrency })
        connect(s, &QSpinBox::valueChanged, this, [this] {
            if (!m_filling)
                emit changed();
        });
}

void ModelForm::setProviders(const QStringList& providers)
{
    const QString keep = m_provider->currentData().toString();
    const QSignalBlocker block(m_provider);
    m_provider->clear();
    m_provider->addItem(tr("from the URL"), QString());
    for (const QString& name : providers)
        m_provider->addItem(name, name);
    if (!keep.isEmpty() && m_provider->findData(keep) < 0)
        m_provider->addItem(keep, keep);
    m_provider->setCurrentIndex(std::max(0, m_provider->findData(keep)));
}

void ModelForm::setRequestFieldsShown(bool shown)
{
    for (QWidget* w :
         std::initializer_list<QWidget*> { m_thinking, m_effort, m_temperature, m_maxTokens, m_concurrency })
        m_how->setRowVisible(w, shown);
    m_json->setVisible(shown);
    m_stream->setVisible(shown);
}

void ModelForm::setRemovable(bool removable)
{
    m_remove->setEnabled(removable);
}

ModelConfig ModelForm::presetModel(Preset preset) const
{
    ModelConfig m;
    switch (preset) {
    case Preset::DeepSeekFlash:
    case Preset::DeepSeekPro:
        m.label = preset == Preset::DeepSeekFlash ? u"flash"_s : u"pro"_s;
        m.baseUrl = u"https://api.deepseek.com"_s;
        m.modelId = preset == Preset::DeepSeekFlash ? u"deepseek-v4-flash"_s : u"deepseek-v4-pro"_s;
        m.apiKeyEnv = u"DEEPSEEK_API_KEY"_s;
        break;
    case Preset::SimulatorFlash:
    case Preset::SimulatorPro:
        // tierlens-sim answers as DeepSeek's models would, billed with DeepSeek's book; it speaks HTTP/2 without
        // TLS.
        m.label = preset == Preset::SimulatorFlash ? u"sim-flash"_s : u"sim-pro"_s;
        m.baseUrl = m_simulatorUrl;
        m.modelId = preset == Preset::SimulatorFlash ? u"deepseek-v4-flash"_s : u"deepseek-v4-pro"_s;
        m.apiKeyEnv.clear();
        m.provider = u"deepseek"_s;
        m.http2 = ModelConfig::Http2::PriorKnowledge;
        break;
    case Preset::Custom:
        m.label = u"model"_s;
        m.apiKeyEnv = u"OPENAI_API_KEY"_s;
        break;
    }
    return m;
}

void ModelForm::applyPreset(Preset preset)
{
    ModelConfig m = presetModel(preset);
    // A label the person chose stays; one a preset gave follows the new preset.
    const QString label = m_label->text().trimmed();
    bool presetLabel = label.isEmpty();
    for (int i = 0; i < m_preset->count(); ++i)
        presetLabel = presetLabel || presetModel(Preset(m_preset->itemData(i).toInt())).label == label;
    if (!presetLabel)
        m.label = label;
    // How it is asked stays as it was.
    const ModelConfig was = model();
    m.options = was.options;
    m.concurrency = was.concurrency;
    setModel(m);
    m_preset->setCurrentIndex(m_preset->findData(int(preset)));
    emit changed();
}

// The preset whose fields these are, else "any OpenAI-compatible URL".
void ModelForm::updatePresetChoice()
{
    const ModelConfig m = model();
    Preset matching = Preset::Custom;
    for (const Preset p :
         { Preset::DeepSeekFlash, Preset::DeepSeekPro, Preset::SimulatorFlash, Preset::SimulatorPro }) {
        const ModelConfig preset = presetModel(p);
        if (preset.baseUrl == m.baseUrl && preset.modelId == m.modelId)
            matching = p;
    }
    const QSignalBlocker block(m_preset);
    m_preset->setCurrentIndex(m_preset->findData(int(matching)));
}

void ModelForm::setModel(const ModelConfig& m)
{
    m_filling = true;
    m_label->setText(m.label);
    m_baseUrl->setText(m.baseUrl);
    m_modelId->setText(m.modelId);
    m_keyVariable->setText(m.apiKeyEnv);
    if (!m.provider.isEmpty() && m_provider->findData(m.provider) < 0)
        m_provider->addItem(m.provider, m.provider);
    m_provider->setCurrentIndex(std::max(0, m_provider->findData(m.provider)));
    m_thinking->setCurrentIndex(!m.options.thinking ? 0 : (*m.options.thinking ? 1 : 2));
    m_effort->setCurrentIndex(std::max(0, m_effort->findData(m.options.reasoningEffort)));
    m_temperature->setValue(m.options.temperature.value_or(-0.1));
    m_maxTokens->setValue(m.options.maxTokens.value_or(0));
    m_json->setChecked(m.options.jsonMode);
    m_stream->setChecked(m.options.stream);
    m_concurrency->setValue(m.concurrency);
    m_http->setCurrentIndex(m.http2 == ModelConfig::Http2::PriorKnowledge ? 1 : 0);
    m_filling = false;
    updatePresetChoice();
}

ModelConfig ModelForm::model() const
{
    ModelConfig m;
    m.label = m_label->text().trimmed();
    m.provider = m_provider->currentData().toString();
    m.baseUrl = m_baseUrl->text().trimmed();
    m.modelId = m_modelId->text().trimmed();
    m.apiKeyEnv = m_keyVariable->text().trimmed();
    if (const QString v = m_thinking->currentData().toString(); !v.isEmpty())
        m.options.thinking = v == u"on"_s;
    m.options.reasoningEffort = m_effort->currentData().toString();
    if (m_temperature->value() >= 0)
        m.options.temperature = m_temperature->value();
    if (m_maxTokens->value() > 0)
        m.options.maxTokens = m_maxTokens->value();
    m.options.jsonMode = m_json->isChecked();
    m.options.stream = m_stream->isChecked();
    m.concurrency = m_concurrency->value();
    m.http2 = m_http->currentData().value<ModelConfig::Http2>();
    return m;
}

} // namespace tierlens
