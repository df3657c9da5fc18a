#include "engine/importer.h"
#include "engine/tr.h"

#include "auth/identity.h"
#include "engine/catchup.h"
#include "engine/context.h"
#include "storage/usagerepository.h"
#include "usage/callrecordreader.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <array>

namespace billing {

Result<ImportSummary> importCalls(Context &ctx, QIODevice &in, const ImportOptions &options,
                                  ImportObserver *observer)
{
    if (Status s = authorize(ctx, Permission::ImportCalls); !s)
        return s.error();
    CallRecordReader reader(in, ctx.catalog);
    if (options.mapping)
        reader.setMapping(options.mapping());
    ImportSummary sum;
    qint64 firstLateLine = 0;
    const Instant settledUpTo =
        ctx.calendar.hourStart(ctx.account.processedUntil); // hours before this are settled
    const Instant lateHour = ctx.calendar.hourStart(ctx.now);

    // The hour being filled and its name indexes, so that a record costs no string lookup.
    PendingCalls *target = nullptr;
    Instant targetHour = -1;
    std::vector<int> apiName, regionName;
    // The hour's last few projects: the reader hands out one shared string per project, so a call mostly
    // finds its own here by identity, without hashing the name.
    constexpr size_t kRecentProjects = 8;
    std::array<std::pair<QString, quint32>, kRecentProjects> recentProjects;
    size_t nextRecent = 0;
    auto selectHour = [&](Instant settleHour) {
        if (target && settleHour == targetHour)
            return;
        target = &ctx.pending.hour(settleHour);
        targetHour = settleHour;
        apiName.assign(ctx.catalog.apis().size(), -1);
        regionName.assign(ctx.catalog.regions().size(), -1);
        recentProjects.fill({});
    };
    auto projectName = [&](const QString &project) {
        for (const auto &[name, index] : recentProjects)
            if (!name.isNull() && project.isSharedWith(name))
                return index;
        const quint32 index = target->intern(project);
        recentProjects[nextRecent] = {project, index};
        nextRecent = (nextRecent + 1) % kRecentProjects;
        return index;
    };
    auto nameOf = [&](std::vector<int> &cache, int index, const QString &name) {
        if (cache[size_t(index)] < 0)
            cache[size_t(index)] = int(target->intern(name));
        return quint32(cache[size_t(index)]);
    };

    // Overlapped settlement: the hours that ended kOverlapLag before the newest call read so far are
    // settled while the rest is read; its error, if any, is the command's after the file was read whole,
    // as when the catch-up runs after the import.
    constexpr Instant kOverlapLag = 2 * kMicrosPerHour;
    std::shared_ptr<CatchUp> overlap;
    if (options.overlapSettle) {
        overlap = std::make_shared<CatchUp>(ctx);
        ctx.catchUpInProgress = overlap;
        ctx.heldAudit.emplace();
    }
    Instant overlapUntil = ctx.account.processedUntil; // everything due up to here is processed
    Instant newestHour = overlapUntil;
    std::optional<Error> overlapError;

    CallRecord rec;
    qint64 lastProgress = 0;
    qint64 sinceBudgetCheck = 0;
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
                return Error::refused(EngineTr::tr("the import was cancelled; nothing was imported"));
        }
        if (rec.ts > ctx.now)
            return Error::refused(
                EngineTr::tr("line %1: the call at %2 is later than now (%3); the file was not imported")
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
        if (overlap && !late) {
            if (hour + kMicrosPerHour <= overlapUntil) {
                if (options.unsorted)
                    *options.unsorted = true;
                return Error::refused(
                    EngineTr::tr("line %1: the call at %2 is earlier than calls read before it and its hour "
                                 "was settled already; nothing was imported. Import the file again")
                        .arg(rec.line)
                        .arg(ctx.calendar.format(rec.ts)));
            }
            if (hour > newestHour) {
                newestHour = hour;
                if (const Instant until = hour - kOverlapLag; until > overlapUntil && !overlapError) {
                    overlapUntil = until;
                    if (Status s = overlap->advance(until); !s)
                        overlapError = s.error();
                    target = nullptr; // settled hours left the pending store
                }
            }
        }
        selectHour(late ? lateHour : hour);
        PendingCall c;
        c.ts = rec.ts;
        c.status = quint16(rec.status);
        c.api = nameOf(apiName, rec.api, ctx.catalog.apis()[size_t(rec.api)].id);
        c.region = nameOf(regionName, rec.region, ctx.catalog.regions()[size_t(rec.region)].id);
        c.project = projectName(rec.project);
        c.late = late;
        // Identical consecutive calls are stored once with their count.
        PendingCall *prev = target->calls.empty() ? nullptr : &target->calls.back();
        if (prev && prev->ts == c.ts && prev->late == c.late && prev->status == c.status &&
            prev->api == c.api && prev->region == c.region && prev->project == c.project &&
            prev->count + quint64(rec.count) <= 0xFFFFFFFFu) {
            prev->count += quint32(rec.count);
        } else {
            c.count = quint32(rec.count);
            c.seq = ctx.account.nextSeq++;
            target->calls.push_back(c);
            if (++sinceBudgetCheck == 65536) {
                sinceBudgetCheck = 0;
                if (Status s = ctx.pending.keepWithinBudget(); !s)
                    return s.error();
                target = nullptr; // the hour may have been written out
                selectHour(late ? lateHour : hour);
            }
        }
        if (sum.records == 0 || rec.ts < sum.first)
            sum.first = rec.ts;
        sum.last = std::max(sum.last, rec.ts);
        ++sum.records;
        sum.calls += rec.count;
    }
    if (sum.records == 0 && sum.lateRecords == 0)
        return Error::badData(EngineTr::tr(
            "the file holds no call records (an empty file or a header only); nothing was imported"));
    UsageRepository usage(ctx.db);
    auto seen = usage.fileImported(reader.contentHash());
    if (!seen)
        return seen.error();
    if (*seen)
        return Error::refused(
            EngineTr::tr("this file was imported before (same content); nothing was imported"));
    if (sum.lateRecords > 0 && !options.late)
        return Error::refused(
            EngineTr::tr("%1 record(s) are late: their hours were already settled (the first is on line %2); "
                         "nothing was imported. Import with --late to bill them as late usage")
                .arg(sum.lateRecords)
                .arg(firstLateLine));
    const QString name = options.name.isEmpty() ? EngineTr::tr("(unnamed)") : options.name;
    // The import's own entry comes first, then what the settlement that overlapped the reading logged.
    std::optional<std::vector<AuditEntry>> settlementAudit = std::exchange(ctx.heldAudit, std::nullopt);
    if (Status s =
            usage.addImport(ctx.now, name, reader.contentHash(), sum.records, sum.calls, sum.lateRecords);
        !s)
        return s.error();
    if (Status s = ctx.audit(
            QStringLiteral("import-calls"), name, {},
            QJsonObject{{QStringLiteral("records"), sum.records},
                        {QStringLiteral("calls"), sum.calls},
                        {QStringLiteral("late"), sum.lateRecords},
                        {QStringLiteral("content_hash"), QString::fromLatin1(reader.contentHash())}});
        !s)
        return s.error();
    ctx.heldAudit = std::move(settlementAudit);
    if (Status s = ctx.releaseAudit(); !s)
        return s.error();
    if (overlapError)
        return *overlapError;
    if (observer)
        observer->progress(reader.bytesRead());
    return sum;
}

} // namespace billing
