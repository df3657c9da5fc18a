#pragma once

#include <QObject>
#include <QString>

namespace billing::ui {

class MainWindow;

// Visits every page of a shown main window in order and saves DIR/NN-<page>.png of each
// (QWidget::grab), one page per event-loop turn; then reports finished().
class ScreenshotRunner : public QObject
{
    Q_OBJECT

public:
    ScreenshotRunner(MainWindow &window, const QString &directory, QObject *parent);
    void start();

signals:
    void finished(bool ok, const QString &message);

private:
    void next();
    void capture();

    MainWindow &m_window;
    QString m_directory;
    int m_index = 0;
    int m_waits = 0;
    QStringList m_saved;
};

} // namespace billing::ui
