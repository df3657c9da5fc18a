#include "bills/importjob.h"

#include "widgets/ownengine.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace billing::ui {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billing::ui::ImportJob)
};
} // namespace

ImportOutcome runImport(const QString &location, const Clock &clock, const QString &path,
                        const ImportOptions &options, ImportObserver *observer)
{
    ImportOutcome out;
    Status s = withOwnEngine(location, clock, [&](Engine &engine) -> Status {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return Error::badUsage(Tr::tr("cannot open %1: %2").arg(path, file.errorString()));
        ImportOptions opts = options;
        if (opts.name.isEmpty())
            opts.name = QFileInfo(path).fileName();
        // Settle while reading; a file that is not sorted by time after all is imported again the plain way.
        bool unsorted = false;
        opts.overlapSettle = !file.isSequential();
        opts.unsorted = &unsorted;
        auto run = [&] {
            return engine.runThenCatchUp(
                [&](Context &ctx) { return importCalls(ctx, file, opts, observer); });
        };
        auto summary = run();
        if (!summary && unsorted && file.seek(0)) {
            opts.overlapSettle = false;
            summary = run();
        }
        if (summary) {
            out.summary = *summary;
            return {};
        }
        out.error = summary.error();
        out.cancelled = observer && observer->isCancelled();
        if (out.cancelled)
            return {};
        // Refused: list every line the import would refuse, not only the first.
        auto ctx = engine.inspect();
        if (!ctx)
            return {};
        CallRecordCheckOptions check;
        check.notAfter = (*ctx)->now;
        if (!options.late) {
            check.settledBefore = (*ctx)->calendar.hourStart((*ctx)->account.processedUntil);
            check.accountCreated = (*ctx)->account.createdAt;
        }
        check.calendar = (*ctx)->calendar;
        check.mapping = options.mapping;
        check.cancelled = [observer] { return observer && observer->isCancelled(); };
        QFile again(path);
        if (!again.open(QIODevice::ReadOnly))
            return {};
        auto result = checkCallRecords(again, engine.catalog(), check);
        if (result) {
            out.check = std::move(*result);
            out.checked = true;
        }
        return {};
    });
    if (!s)
        out.error = s.error();
    return out;
}

} // namespace billing::ui
