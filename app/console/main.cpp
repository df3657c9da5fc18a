// billing-console: opens (or on first start creates) the account database and shows the shell.
#include "engine/engine.h"
#include "shell/demosetup.h"
#include "shell/mainwindow.h"
#include "shell/screenshotrunner.h"
#include "shell/settings.h"
#include "storage/database.h"
#include "time/billingcalendar.h"
#include "time/clock.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QMessageBox>
#include <QPalette>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>
#include <memory>

namespace {

// lupdate reads the context from Q_DECLARE_TR_FUNCTIONS; a free tr() would be filed under the namespace.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billing::console)
};

int fail(const QString &message, bool interactive)
{
    QTextStream(stderr) << QCoreApplication::applicationName() << ": " << message << Qt::endl;
    if (interactive)
        QMessageBox::critical(nullptr, QCoreApplication::applicationName(), message);
    return 1;
}

// A dark palette on the Fusion style: lets anyone (and the screenshots) check that every page reads well
// on dark without changing the desktop's theme.
void useDarkPalette(QApplication &app)
{
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30), base(0x1e, 0x1f, 0x22), text(0xe8, 0xea, 0xed);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0xa0, 0xa6));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x8a, 0x80));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x7e, 0xd6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
    p.setColor(QPalette::Light, QColor(0x45, 0x48, 0x4c));
    p.setColor(QPalette::Midlight, QColor(0x38, 0x3a, 0x3e));
    p.setColor(QPalette::Mid, QColor(0x24, 0x26, 0x29));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, Qt::black);
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x7f, 0x84, 0x89));
    app.setPalette(p);
}

bool isLocalFile(const QString &location)
{
    return !billing::Database::isPostgresUrl(location);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("OcrBilling"));
    QCoreApplication::setApplicationName(QStringLiteral("OCR Billing Console"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
    // The language chosen in Settings (else the system's), before the first translated text.
    billing::applyLocale(billing::ui::ConsoleSettings::localeFor(billing::ui::ConsoleSettings().language()));
    // The installed billing-console.desktop names this program (Wayland app id, taskbar grouping).
    QGuiApplication::setDesktopFileName(QStringLiteral("billing-console"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/billing-console.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr("Usage-based billing of OCR APIs: the desktop console."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(
        QStringLiteral("db"),
        Tr::tr("The account database: a file, or postgresql://USER:PASSWORD@HOST:PORT/DBNAME for an account "
               "shared on a PostgreSQL server (default: %1).")
            .arg(billing::Database::defaultLocation()),
        Tr::tr("PATH|URL"));
    const QCommandLineOption nowOption(
        QStringLiteral("now"),
        Tr::tr("Run at a fixed time, ISO 8601 with offset (default: the system clock)."), Tr::tr("TIME"));
    const QCommandLineOption screenshotsOption(
        QStringLiteral("screenshots"),
        Tr::tr("Save a screenshot of every page and of the user guide's dialogs into DIR, then quit."),
        Tr::tr("DIR"));
    const QCommandLineOption languageOption(QStringLiteral("language"),
                                            Tr::tr("Show the console in LANGUAGE: en or zh_CN (default: the "
                                                   "choice in Settings, else the system's)."),
                                            Tr::tr("LANGUAGE"));
    const QCommandLineOption darkOption(
        QStringLiteral("dark"), Tr::tr("Use a dark palette, e.g. to check that every page reads well."));
    parser.addOptions({dbOption, nowOption, screenshotsOption, languageOption, darkOption});
    parser.process(app);

    const bool screenshots = parser.isSet(screenshotsOption);
    const bool interactive = !screenshots;
    // Screenshots follow the environment's language, not the user's choice, unless told otherwise.
    if (parser.isSet(languageOption)) {
        const QString language = parser.value(languageOption);
        if (language != QLatin1String("en") && !billing::translatedLocales().contains(QLocale(language)))
            return fail(Tr::tr("There is no translation into “%1”; choose en or zh_CN.").arg(language),
                        interactive);
        billing::applyLocale(billing::ui::ConsoleSettings::localeFor(language));
    } else if (screenshots) {
        billing::applyLocale(QLocale::system());
    }
    if (parser.isSet(darkOption))
        useDarkPalette(app);
    // The name people read (title bar, About); applicationName keeps naming the settings and data folders.
    QGuiApplication::setApplicationDisplayName(Tr::tr("OCR Billing Console"));

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
        return fail(Tr::tr("Could not create the folder %1.")
                        .arg(QDir::toNativeSeparators(QFileInfo(location).absolutePath())),
                    interactive);
    // First start: a demo account with a year of history, built through the engine's own services.
    if (!exists)
        if (billing::Status s =
                billing::ui::createDemoWithProgress(nullptr, location, clock->now(), interactive);
            !s)
            return fail(Tr::tr("Could not create the demo account in %1: %2")
                            .arg(billing::Database::displayLocation(location), s.error().message),
                        interactive);
    auto engine = billing::Engine::open(location, *clock);
    if (!engine)
        return fail(Tr::tr("Could not open the account database %1: %2")
                        .arg(billing::Database::displayLocation(location), engine.error().message),
                    interactive);

    // Screenshots leave the user's own window settings alone. The scratch folder is made for them only:
    // making a folder costs about a millisecond of the start (performance.md P4).
    std::unique_ptr<QTemporaryDir> scratch = screenshots ? std::make_unique<QTemporaryDir>() : nullptr;
    std::unique_ptr<billing::ui::ConsoleSettings> settings =
        screenshots
            ? std::make_unique<billing::ui::ConsoleSettings>(scratch->filePath(QStringLiteral("console.ini")))
            : std::make_unique<billing::ui::ConsoleSettings>();

    billing::ui::MainWindow window(**engine, *settings);
    if (!screenshots) {
        window.show();
        return app.exec();
    }

    window.resize(1280, 800);
    window.show();
    billing::ui::ScreenshotRunner runner(window, **engine, parser.value(screenshotsOption), &app);
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
