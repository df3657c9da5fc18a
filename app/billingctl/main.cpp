#include "cli.h"
#include "pdfmodule.h"
#include "translations.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>
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
    // Only a PDF needs QtGui (its fonts): the module that paints it also makes the QGuiApplication, and
    // every other command starts as a QtCore program. No command ever needs a display.
    std::unique_ptr<QCoreApplication> app;
    if (billing::cli::mayWantPdf(argc, argv)) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        g_defaultHandler = qInstallMessageHandler(quietRuntimeDirWarning);
        // When the module cannot be loaded, export-bill reports it (pdfModule() keeps the reason).
        if (auto module = billing::cli::pdfModule())
            app.reset((*module)->makeApplication(argc, argv));
    }
    if (!app)
        app = std::make_unique<QCoreApplication>(argc, argv);
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
