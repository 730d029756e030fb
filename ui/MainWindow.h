#pragma once
// The main window: for now a run's summary; the full desktop comes with the desktop issue.

#include <QMainWindow>

namespace tierlens {

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

} // namespace tierlens
