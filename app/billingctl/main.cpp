#include "cli.h"
#include "translations.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>

namespace {
QtMessageHandler g_defaultHandler = nullptr;
// Outside a desktop session (cron, CI) QtGui's start-up warns that XDG_RUNTIME_DIR is not set and uses a
// private default; billingctl needs no runtime folder, and its contract is one stderr line per failure.
void quietRuntimeDirWarning(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtWarningMsg && message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR")))
        return;
    g_defaultHandler(type, context, message);
}
} // namespace

int main(int argc, char *argv[])
{
    // Only export-bill paints (PDF text needs QtGui's fonts): the other commands keep the fast QtCore start,
    // and no command ever needs a display.
    const bool gui =
        std::any_of(argv + 1, argv + argc, [](const char *a) { return std::strcmp(a, "export-bill") == 0; });
    if (gui && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> app;
    if (gui) {
        g_defaultHandler = qInstallMessageHandler(quietRuntimeDirWarning);
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setOrganizationName(QStringLiteral("OcrBilling"));
    QCoreApplication::setApplicationName(QStringLiteral("OCR Billing Console"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
    // Messages for people follow LC_ALL / LANG; JSON field names and ids never change.
    billing::applyLocale(QLocale::system());
    QTextStream out(stdout);
    QTextStream err(stderr);
    billing::cli::Cli cli(out, err);
    const int code = cli.run(QCoreApplication::arguments().mid(1));
    out.flush();
    err.flush();
    return code;
}
