#pragma once
// One model of a run as a form: a preset (DeepSeek Flash, DeepSeek Pro, the local simulator, any
// OpenAI-compatible URL) that fills the fields, then every field readable whole: label, base URL, model id, the
// variable holding the key, the price book, thinking, reasoning effort, temperature, max tokens, JSON mode,
// streaming, the in-flight cap and HTTP.

#include "engine/RunConfig.h"

#include <QGroupBox>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;
class QToolButton;

namespace tierlens {

class ModelForm : public QGroupBox
{
    Q_OBJECT
public:
    enum class Preset { DeepSeekFlash, DeepSeekPro, SimulatorFlash, SimulatorPro, Custom };

    // providers: the price books to offer (the empty choice picks the book by the URL's host).
    ModelForm(const QStringList& providers, QWidget* parent = nullptr);

    void setModel(const ModelConfig& model);
    ModelConfig model() const;
    // Fills the fields as the preset has them; the label is kept unless it was a preset's.
    void applyPreset(Preset preset);
    ModelConfig presetModel(Preset preset) const;
    void setProviders(const QStringList& providers);
    void setRemovable(bool removable);
    // Hides how the model is asked (thinking, temperature, ..., the cap), for where the requests come from someone
    // else: the live shadow session forwards the application's requests as they are.
    void setRequestFieldsShown(bool shown);
    // Where the local simulator listens (the one the desktop started, else tierlens-sim --port 8080's).
    void setSimulatorUrl(const QString& url) { m_simulatorUrl = url; }

signals:
    void changed();
    void removeRequested(ModelForm* form);

private:
    void updatePresetChoice();

    QComboBox* m_preset;
    QLineEdit* m_label;
    QLineEdit* m_baseUrl;
    QLineEdit* m_modelId;
    QLineEdit* m_keyVariable;
    QComboBox* m_provider;
    QFormLayout* m_how;
    QComboBox* m_thinking;
    QComboBox* m_effort;
    QDoubleSpinBox* m_temperature;
    QSpinBox* m_maxTokens;
    QCheckBox* m_json;
    QCheckBox* m_stream;
    QSpinBox* m_concurrency;
    QComboBox* m_http;
    QToolButton* m_remove;
    QString m_simulatorUrl = QStringLiteral("http://127.0.0.1:8080");
    bool m_filling = false;
};

} // namespace tierlens
