// P4 (docs/performance.md): cold start to the first painted overview, against a bare Qt Widgets window
// that paints once and quits. Both are whole processes timed by hyperfine (scripts/bench.sh):
//   bench_startup --bare
//   bench_startup --db FILE --now TIME
// The console path does what billing-console does: open the engine (which catches up), build the
// main window with every page, show it; it quits as soon as the overview page has painted.
#include "engine/engine.h"
#include "shell/mainwindow.h"
#include "shell/settings.h"
#include "time/billingcalendar.h"
#include "time/clock.h"
#include "widgets/page.h"

#include <QApplication>
#include <QEvent>
#include <QLabel>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

namespace {
// Quits the application right after the watched widget's first paint.
class QuitOnPaint : public QObject
{
public:
    using QObject::QObject;
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_done) {
            m_done = true;
            QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_done = false;
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
        std::fprintf(stderr, "usage: bench_startup --bare | --db FILE --now TIME\n");
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
    QTemporaryDir scratch;
    billing::ui::ConsoleSettings settings(scratch.filePath(QStringLiteral("console.ini")));
    billing::ui::MainWindow window(**engine, settings);
    window.resize(1280, 800);
    window.page(billing::ui::PageId::Overview)->installEventFilter(&quitter);
    window.show();
    return app.exec();
}
