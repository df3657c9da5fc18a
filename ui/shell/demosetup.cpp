#include "shell/demosetup.h"

#include "demo/demogenerator.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QProgressDialog>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>

namespace billing::ui {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billing::ui::DemoSetup)
};
} // namespace

Status createDemoWithProgress(QWidget *parent, const QString &location, Instant now, bool showDialog)
{
    std::atomic<bool> cancelled{false};
    std::atomic<int> done{0};
    std::atomic<int> total{1};
    QFutureWatcher<Result<DemoSummary>> watcher;
    QProgressDialog dialog(Tr::tr("Creating a demo account with a year of billing history…"),
                           Tr::tr("Cancel"), 0, 100, parent);
    dialog.setWindowTitle(Tr::tr("First start"));
    dialog.setMinimumDuration(0);
    dialog.setAutoClose(false);
    dialog.setAutoReset(false);
    QObject::connect(&dialog, &QProgressDialog::canceled, &dialog, [&] { cancelled = true; });
    QObject::connect(&watcher, &QFutureWatcher<Result<DemoSummary>>::progressValueChanged, &dialog,
                     [&](int) { dialog.setValue(done * 100 / std::max(1, total.load())); });
    QObject::connect(&watcher, &QFutureWatcher<Result<DemoSummary>>::finished, &dialog,
                     [&] { dialog.done(0); });
    auto future = QtConcurrent::run([&, location, now](QPromise<Result<DemoSummary>> &promise) {
        DemoOptions opts;
        opts.name = Tr::tr("Demo account");
        promise.addResult(createDemoAccount(location, now, opts, [&](int d, int t) {
            done = d;
            total = t;
            promise.setProgressValue(d);
            return !cancelled.load();
        }));
    });
    watcher.setFuture(future);
    if (showDialog)
        dialog.exec();
    future.waitForFinished();
    const Result<DemoSummary> r = future.result();
    if (!r)
        return r.error();
    return {};
}

} // namespace billing::ui
