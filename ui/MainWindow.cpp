#include "MainWindow.h"

namespace tierlens {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Tierlens"));
}

} // namespace tierlens
