#include "engine/importer.h"

#include "auth/identity.h"
#include "engine/context.h"
#include "storage/usagerepository.h"
#include "usage/callrecordreader.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace billing {

namespace {
// lupdate reads the context from Q_DECLARE_TR_FUNCTIONS; a free tr() would be filed under the namespace.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billing::importer)
};
} // namespace

Result<ImportSummary> importCalls(Context &ctx, QIODevice &in, const ImportOptions &options, ImportObserver *observer)
{
    if (Status s = authorize(ctx, Permission::ImportCalls); !s)
        return s.error();
    CallRecordReader reader(in, ctx.catalog);
    UsageRepository usage(ctx.db);
    ImportSummary sum;
    qint64 firstLateLine = 0;
    const Instant settledUpTo = ctx.calendar.hourStart(ctx.account.processedUntil); // hours before this are settled
    const Instant lateHour = ctx.calendar.hourStart(ctx.now);
    PendingCall run; // identical consecutive calls are stored once with their count
    bool haveRun = false;
    auto flush = [&]() -> Status {
        if (!haveRun)
            return {};
        haveRun = false;
        return usage.addPending(run);
    };
    CallRecord rec;
    qint64 lastProgress = 0;
    for (;;) {
        auto more = reader.next(rec);
        if (!more)
            return more.error();
        if (!*more)
            break;
        if (observer && reader.bytesRead() - lastProgress >= (1 << 20)) {
            lastProgress = reader.bytesRead();
            observer->progress(lastProgress);
            if (observer->isCancelled())
                return Error::refused(Tr::tr("the import was cancelled; nothing was imported"));
        }
        if (rec.ts > ctx.now)
            return Error::refused(Tr::tr("line %1: the call at %2 is later than now (%3); the file was not imported")
                                      .arg(rec.line)
                                      .arg(ctx.calendar.format(rec.ts), ctx.calendar.format(ctx.now)));
        const Instant hour = ctx.calendar.hourStart(rec.ts);
        const bool late = hour < settledUpTo || rec.ts < ctx.account.createdAt;
        if (late) {
            ++sum.lateRecords;
            if (firstLateLine == 0)
                firstLateLine = rec.line;
            if (!options.late)
                continue; // counted, refused below with the total
        }
        const QString &api = ctx.catalog.apis()[size_t(rec.api)].id;
        const QString &region = ctx.catalog.regions()[size_t(rec.region)].id;
        if (haveRun && run.ts == rec.ts && run.late == late && run.status == rec.status && run.api == api
            && run.region == region && run.project == rec.project) {
            run.count += rec.count;
        } else {
            if (Status s = flush(); !s)
                return s.error();
            run = {rec.ts, late ? lateHour : hour, ctx.account.nextSeq++, api, region, rec.project, rec.status, rec.count, late};
            haveRun = true;
        }
        if (sum.records == 0 || rec.ts < sum.first)
            sum.first = rec.ts;
        sum.last = std::max(sum.last, rec.ts);
        ++sum.records;
        sum.calls += rec.count;
    }
    if (Status s = flush(); !s)
        return s.error();
    if (sum.records == 0 && sum.lateRecords == 0)
        return Error::badData(Tr::tr("the file holds no call records (an empty file or a header only); nothing was imported"));
    auto seen = usage.fileImported(reader.contentHash());
    if (!seen)
        return seen.error();
    if (*seen)
        return Error::refused(Tr::tr("this file was imported before (same content); nothing was imported"));
    if (sum.lateRecords > 0 && !options.late)
        return Error::refused(Tr::tr("%1 record(s) are late: their hours were already settled (the first is on line %2); "
                                 "nothing was imported. Import with --late to bill them as late usage")
                                  .arg(sum.lateRecords)
                                  .arg(firstLateLine));
    const QString name = options.name.isEmpty() ? Tr::tr("(unnamed)") : options.name;
    if (Status s = usage.addImport(ctx.now, name, reader.contentHash(), sum.records, sum.calls, sum.lateRecords); !s)
        return s.error();
    if (Status s = ctx.audit(QStringLiteral("import-calls"), name, {},
                             QJsonObject{{QStringLiteral("records"), sum.records},
                                         {QStringLiteral("calls"), sum.calls},
                                         {QStringLiteral("late"), sum.lateRecords},
                                         {QStringLiteral("content_hash"), QString::fromLatin1(reader.contentHash())}});
        !s)
        return s.error();
    if (observer)
        observer->progress(reader.bytesRead());
    return sum;
}

} // namespace billing
