#pragma once
// The Live page: a live shadow session from the desktop (what tierlens-cli shadow does), started and stopped here
// and watched while it runs: requests, the share mirrored, spend and errors per model. Its live run opens in
// Compare, the Dashboard and the Policy page like any run, and grows while it is watched.

#include "live/ShadowProxy.h"

#include <QWidget>

#include <memory>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTimer;

namespace tierlens {

class ApiKeyStore;
class ModelForm;
class PriceBookRegistry;
class Store;

class LivePage : public QWidget
{
    Q_OBJECT
public:
    LivePage(Store& store, const PriceBookRegistry& prices, QWidget* parent = nullptr);
    ~LivePage() override;

    bool isRunning() const;
    qint64 runId() const { return m_runId; }
    // Starts a session with the fields as they are; false with the reason when it cannot (a field, the port).
    bool startSession(QString* error);
    bool stopSession(QString* error);
    // The simulator the desktop started, for the models' presets.
    void setSimulatorUrl(const QString& url);
    // The address the session listens on ("http://127.0.0.1:8788"), empty while stopped.
    QString endpoint() const;

signals:
    // The live run has new results (at most once a second while it runs) or ended: lists should be read again.
    void liveRunChanged(qint64 runId);
    void openRunRequested(qint64 runId);

private:
    void toggle();
    std::optional<ShadowOptions> options(QString* error) const;
    void showStats();
    void setRunning(bool running);

    Store& m_store;
    const PriceBookRegistry& m_prices;
    std::unique_ptr<ShadowProxy> m_proxy;
    ApiKeyStore* m_keys;
    ModelForm* m_primary;
    ModelForm* m_candidate;
    QLineEdit* m_listen;
    QDoubleSpinBox* m_sample;
    QSpinBox* m_concurrency;
    QDoubleSpinBox* m_maxUsd;
    QPlainTextEdit* m_rules;
    QPlainTextEdit* m_redact;
    QLineEdit* m_token;
    QPushButton* m_start;
    QPushButton* m_open;
    QLabel* m_status;
    QLabel* m_summary;
    QTableWidget* m_models;
    QTimer* m_changed; // throttles liveRunChanged
    qint64 m_runId = 0;
    bool m_starting = false;
};

} // namespace tierlens
