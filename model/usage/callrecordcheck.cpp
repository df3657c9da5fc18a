#include "usage/callrecordcheck.h"
#include "usage/tr.h"

#include "usage/callrecordreader.h"

#include <QCoreApplication>

namespace billing {

Result<CallRecordCheck> checkCallRecords(QIODevice &in, const Catalog &catalog,
                                         const CallRecordCheckOptions &options)
{
    CallRecordReader reader(in, catalog);
    reader.setContinueAfterBadLines(true);
    if (options.mapping)
        reader.setMapping(options.mapping());
    CallRecordCheck out;
    auto add = [&](CallRecordProblem p) {
        if (int(out.problems.size()) >= options.maxProblems) {
            out.truncated = true;
            return false;
        }
        out.problems.push_back(std::move(p));
        return true;
    };
    CallRecord rec;
    qint64 seen = 0;
    for (;;) {
        if (options.cancelled && (++seen & 0xFFF) == 0 && options.cancelled())
            return Error::refused(UsageTr::tr("the check was cancelled"));
        auto more = reader.next(rec);
        if (!more) {
            const auto &bad = reader.lastBadLine();
            const bool located = bad.line == reader.lineNumber() && bad.line > 0;
            CallRecordProblem p{located ? bad.line : reader.lineNumber(), located ? bad.column : QString(),
                                located ? bad.reason : more.error().message};
            if (!add(std::move(p)))
                break;
            if (reader.hasStopped()) {
                out.stopped = true;
                break;
            }
            continue;
        }
        if (!*more)
            break;
        ++out.records;
        if (options.notAfter && rec.ts > *options.notAfter) {
            if (!add({rec.line, QStringLiteral("timestamp"),
                      UsageTr::tr("the call at %1 is later than now (%2)")
                          .arg(options.calendar.format(rec.ts), options.calendar.format(*options.notAfter))}))
                break;
            continue;
        }
        const bool late =
            (options.settledBefore && options.calendar.hourStart(rec.ts) < *options.settledBefore) ||
            (options.accountCreated && rec.ts < *options.accountCreated);
        if (late) {
            ++out.lateRecords;
            if (!add({rec.line, QStringLiteral("timestamp"),
                      UsageTr::tr(
                          "late: the hour of %1 was already settled (import with \"bill late records\" to "
                          "bill "
                          "it as late usage)")
                          .arg(options.calendar.format(rec.ts))}))
                break;
        }
    }
    return out;
}

} // namespace billing
