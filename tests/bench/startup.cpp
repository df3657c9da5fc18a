// P4 (docs/performance.md): cold start to the first painted overview, against a bare Qt Widgets window
// that paints once and quits. Both are whole processes timed by hyperfine (scripts/bench.sh):
//   bench_startup --bare
//   bench_startup --db FILE --now TIME [--until-loaded] [--grab FILE.png]
// The console path does what billing-console does: open the engine (which catches up), build the
// main window with every page, show it; it quits as soon as the overview page has painted. With
// --until-loaded it waits instead until the overview's spending figures, read in worker threads,
// have been painted: the time at which the person sees every number of the overview.
#include "engine/engine.h"
#include "overview/overviewpage.h"
#include "shell/mainwindow.h"
#include "shell/settings.h"
#include "time/billingcalendar.h"
#include "time/clock.h"
#include "widgets/page.h"

#include <QApplication>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QLabel>
#include <QTimer>

#include <cstdio>
#include <cstdlib>

namespace {
void removeSettings(const QString &file)
{
    if (file.isEmpty())
        return;
    QFile::remove(file);
    QFile::remove(file + QStringLiteral(".lock"));
}

// Ends the process right after the watched widget's first paint. It exits at once rather than tearing
// the window down: the figure is the time to the first paint, and the console's teardown would wait for
// the overview's worker thread, which the person does not wait for. No destructor runs then, so the
// scratch settings file is removed here, if the start wrote one (a QTemporaryDir was left behind in /tmp
// at every run; making one also cost a millisecond of CPU, which the console's start does not spend).
class QuitOnPaint : public QObject
{
public:
    using QObject::QObject;
    void removeOnExit(const QString &file) { m_scratch = file; }
    // --grab FILE: saves the window as it is when the process exits (to compare the start's picture
    // before and after a change).
    void grabOnExit(QWidget *window, const QString &file)
    {
        m_window = window;
        m_grab = file;
    }
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_done) {
            m_done = true;
            QTimer::singleShot(0, qApp, [file = m_scratch, window = m_window, grab = m_grab] {
                if (window && !grab.isEmpty())
                    window->grab().save(grab);
                removeSettings(file);
                std::_Exit(0);
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_done = false;
    QString m_scratch;
    QWidget *m_window = nullptr;
    QString m_grab;
};
} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    QuitOnPaint quitter;
    if (args.contains(QLatin1String("--bare"))) {
        QLabel label(QStringLiteral("OCR Billing Console"));
        label.resize(1280, 800);
        label.installEventFilter(&quitter);
        label.show();
        return app.exec();
    }
    const qsizetype db = args.indexOf(QLatin1String("--db"));
    const qsizetype now = args.indexOf(QLatin1String("--now"));
    if (db < 0 || now < 0 || db + 1 >= args.size() || now + 1 >= args.size()) {
        std::fprintf(stderr,
                     "usage: bench_startup --bare | --db FILE --now TIME [--until-loaded] [--grab FILE]\n");
        return 2;
    }
    auto at = billing::BillingCalendar::parseTimestamp(args[now + 1]);
    if (!at) {
        std::fprintf(stderr, "%s\n", qPrintable(at.error().message));
        return 2;
    }
    billing::FixedClock clock(*at);
    auto engine = billing::Engine::open(args[db + 1], clock);
    if (!engine) {
        std::fprintf(stderr, "%s\n", qPrintable(engine.error().message));
        return 1;
    }
    // A settings file of its own, as at a first start; the console's start only reads it.
    const QString ini =
        QDir::temp().filePath(QStringLiteral("bench_startup-%1.ini").arg(QCoreApplication::applicationPid()));
    removeSettings(ini); // a crashed run's, under the same process id
    quitter.removeOnExit(ini);
    struct RemoveAtReturn // declared before the settings: removes what their destructor may write
    {
        QString file;
        ~RemoveAtReturn() { removeSettings(file); }
    } removeAtReturn{ini};
    billing::ui::ConsoleSettings settings(ini);
    billing::ui::MainWindow window(**engine, settings);
    window.resize(1280, 800);
    if (const qsizetype grab = args.indexOf(QLatin1String("--grab")); grab >= 0 && grab + 1 < args.size())
        quitter.grabOnExit(&window, args[grab + 1]);
    auto *overview = qobject_cast<billing::ui::OverviewPage *>(window.page(billing::ui::PageId::Overview));
    if (!overview) {
        std::fprintf(stderr, "the main window has no overview page\n");
        return 1;
    }
    // The page's content scrolls inside it: the content paints, the page around it need not.
    auto *content = overview->findChild<QWidget *>(QStringLiteral("overviewContent"));
    if (!args.contains(QLatin1String("--until-loaded")))
        (content ? content : overview)->installEventFilter(&quitter);
    else if (auto *spend = overview->findChild<QWidget *>(QStringLiteral("spendTile")))
        // The figures are painted in the tile after figuresLoaded; the window was shown before.
        QObject::connect(overview, &billing::ui::OverviewPage::figuresLoaded, spend,
                         [spend, &quitter] { spend->installEventFilter(&quitter); });
    window.show();
    return app.exec();
}
