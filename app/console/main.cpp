// billing-console: opens (or on first start creates) the account database and shows the shell.
#include "engine/engine.h"
#include "shell/demosetup.h"
#include "shell/mainwindow.h"
#include "shell/screenshotrunner.h"
#include "shell/settings.h"
#include "storage/database.h"
#include "time/billingcalendar.h"
#include "time/clock.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>
#include <memory>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("billing-console", text);
}

int fail(const QString &message, bool interactive)
{
    QTextStream(stderr) << QCoreApplication::applicationName() << ": " << message << Qt::endl;
    if (interactive)
        QMessageBox::critical(nullptr, QCoreApplication::applicationName(), message);
    return 1;
}

bool isLocalFile(const QString &location)
{
    return !location.startsWith(QLatin1String("postgresql://"));
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("OcrBilling"));
    QCoreApplication::setApplicationName(QStringLiteral("OCR Billing Console"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
    // The installed billing-console.desktop names this program (Wayland app id, taskbar grouping).
    QGuiApplication::setDesktopFileName(QStringLiteral("billing-console"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/billing-console.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Usage-based billing of OCR APIs: the desktop console."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(
        QStringLiteral("db"),
        tr("The account database (default: %1).").arg(billing::Database::defaultLocation()), tr("PATH"));
    const QCommandLineOption nowOption(
        QStringLiteral("now"), tr("Run at a fixed time, ISO 8601 with offset (default: the system clock)."),
        tr("TIME"));
    const QCommandLineOption screenshotsOption(
        QStringLiteral("screenshots"),
        tr("Save a screenshot of every page and of the user guide's dialogs into DIR, then quit."),
        tr("DIR"));
    parser.addOptions({dbOption, nowOption, screenshotsOption});
    parser.process(app);

    const bool screenshots = parser.isSet(screenshotsOption);
    const bool interactive = !screenshots;

    std::unique_ptr<billing::Clock> clock;
    if (parser.isSet(nowOption)) {
        auto now = billing::BillingCalendar::parseTimestamp(parser.value(nowOption));
        if (!now)
            return fail(now.error().message, interactive);
        clock = std::make_unique<billing::FixedClock>(*now);
    } else {
        clock = std::make_unique<billing::SystemClock>();
    }

    const QString location =
        parser.isSet(dbOption) ? parser.value(dbOption) : billing::Database::defaultLocation();
    const bool exists = !isLocalFile(location) || QFileInfo::exists(location);
    if (isLocalFile(location) && !QDir().mkpath(QFileInfo(location).absolutePath()))
        return fail(tr("Could not create the folder %1.")
                        .arg(QDir::toNativeSeparators(QFileInfo(location).absolutePath())),
                    interactive);
    // First start: a demo account with a year of history, built through the engine's own services.
    if (!exists)
        if (billing::Status s =
                billing::ui::createDemoWithProgress(nullptr, location, clock->now(), interactive);
            !s)
            return fail(tr("Could not create the demo account in %1: %2")
                            .arg(QDir::toNativeSeparators(location), s.error().message),
                        interactive);
    auto engine = billing::Engine::open(location, *clock);
    if (!engine)
        return fail(tr("Could not open the account database %1: %2")
                        .arg(QDir::toNativeSeparators(location), engine.error().message),
                    interactive);

    // Screenshots leave the user's own window settings alone.
    QTemporaryDir scratch;
    std::unique_ptr<billing::ui::ConsoleSettings> settings =
        screenshots
            ? std::make_unique<billing::ui::ConsoleSettings>(scratch.filePath(QStringLiteral("console.ini")))
            : std::make_unique<billing::ui::ConsoleSettings>();

    billing::ui::MainWindow window(**engine, *settings);
    if (!screenshots) {
        window.show();
        return app.exec();
    }

    window.resize(1280, 800);
    window.show();
    billing::ui::ScreenshotRunner runner(window, parser.value(screenshotsOption), &app);
    int code = 0;
    QObject::connect(&runner, &billing::ui::ScreenshotRunner::finished, &app,
                     [&](bool ok, const QString &message) {
                         QTextStream(ok ? stdout : stderr) << message << Qt::endl;
                         code = ok ? 0 : 1;
                         window.close();
                         app.quit();
                     });
    runner.start();
    app.exec();
    return code;
}
