#include "shell/screenshotrunner.h"

#include "shell/mainwindow.h"

#include <QDir>
#include <QPixmap>
#include <QTimer>

namespace billing::ui {

namespace {
constexpr int kSettleMs = 150; // lets the window be exposed and laid out before each grab
}

ScreenshotRunner::ScreenshotRunner(MainWindow &window, const QString &directory, QObject *parent)
    : QObject(parent), m_window(window), m_directory(directory)
{
}

void ScreenshotRunner::start()
{
    if (!QDir().mkpath(m_directory)) {
        emit finished(false,
                      tr("Could not create the folder %1.").arg(QDir::toNativeSeparators(m_directory)));
        return;
    }
    m_index = 0;
    QTimer::singleShot(kSettleMs, this, &ScreenshotRunner::next);
}

void ScreenshotRunner::next()
{
    const QList<PageId> pages = m_window.pages();
    if (m_index >= pages.size()) {
        emit finished(true, tr("Saved %1.").arg(m_saved.join(QStringLiteral(", "))));
        return;
    }
    m_window.showPage(pages.at(m_index));
    QTimer::singleShot(kSettleMs, this, &ScreenshotRunner::capture);
}

void ScreenshotRunner::capture()
{
    const PageId page = m_window.pages().at(m_index);
    // A page that loads in the background is shot once it has its data (at most about 10 s).
    if (const Page *p = m_window.page(page); p && p->isBusy() && ++m_waits < 200) {
        QTimer::singleShot(50, this, &ScreenshotRunner::capture);
        return;
    }
    m_waits = 0;
    const QString name =
        QStringLiteral("%1-%2.png").arg(m_index + 1, 2, 10, QLatin1Char('0')).arg(MainWindow::pageKey(page));
    const QString path = QDir(m_directory).filePath(name);
    if (!m_window.grab().save(path)) {
        emit finished(false, tr("Could not write %1.").arg(QDir::toNativeSeparators(path)));
        return;
    }
    m_saved << name;
    ++m_index;
    next();
}

} // namespace billing::ui
