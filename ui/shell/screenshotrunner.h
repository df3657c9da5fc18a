#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <functional>
#include <vector>

class QWidget;

namespace billing {
class Engine;
}

namespace billing::ui {

class MainWindow;

// Saves the screenshots of the docs (docs/screenshots/, scripts/screenshots.sh) from a shown main window:
// every page in navigation order as DIR/NN-<page>.png, then the tasks of the user guide that open a
// dialog (a bill line's calls, a refused import, top-up, buy, the billing-mode wizard, stop billing) as
// the next numbers, then Bills › Reconciliation with last month's transaction export, one line a cent
// short, reconciled. One shot per event-loop turn, each once its page or dialog has its data; a dialog is
// closed without acting after its shot. Then reports finished().
class ScreenshotRunner : public QObject
{
    Q_OBJECT

public:
    ScreenshotRunner(MainWindow &window, Engine &engine, const QString &directory, QObject *parent);
    void start();

signals:
    void finished(bool ok, const QString &message);

private:
    struct Shot
    {
        QString name;                    // file name without the number
        std::function<QWidget *()> show; // opens what is shot and returns it
        std::function<bool()> ready;     // true once it shows its data
    };

    void addPageShots();
    void addTaskShots();
    void next();
    void capture();

    void addReconciliationShot();

    MainWindow &m_window;
    Engine &m_engine;
    QString m_directory;
    QTemporaryDir m_scratch; // the refused call-record file of the import shot
    std::vector<Shot> m_shots;
    size_t m_index = 0;
    int m_waits = 0;
    QPointer<QWidget> m_shown;
    bool m_importDone = false;
    QStringList m_saved;
};

} // namespace billing::ui
