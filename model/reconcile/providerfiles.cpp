// The provider's files read into lines, two files at a time (performance.md P7).
#include "reconcile/linetable.h"
#include "reconcile/tr.h"

#include <QCoreApplication>

#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <climits>
#include <optional>

namespace billing::linetable {

void ProviderLines::merge(const ProviderLines &other)
{
    std::vector<qint32> ids(other.m_names.size(), -1); // other's id → ours
    const auto map = [&](qint32 id) {
        if (id < 0)
            return id;
        if (ids[size_t(id)] < 0)
            ids[size_t(id)] = m_names.id(other.m_names.name(id));
        return ids[size_t(id)];
    };
    for (const auto &[month, theirs] : other.m_months) {
        MonthLines &mine = m_months[month];
        mine.allHours = mine.allHours && theirs.allHours;
        mine.allProjects = mine.allProjects && theirs.allProjects;
        theirs.lines.forEach([&](const LineId &k, const LineFigures &f) {
            LineId c = k;
            c.api = map(k.api);
            c.region = map(k.region);
            c.mode = map(k.mode);
            c.project = map(k.project);
            mine.lines[c] += f;
        });
    }
    m_last = nullptr;
}

Result<std::vector<BillFileSummary>>
readProviderFiles(const QStringList &files, const BillFileOptions &options, const ReadLimits &limits,
                  ProviderLines &out, const std::function<bool(int, qint64, qint64)> &progress,
                  const std::function<bool()> &cancelled)
{
    const int n = int(files.size());
    std::vector<std::optional<Result<BillFileSummary>>> results(size_t(n), std::nullopt);
    std::atomic_int next{0};
    std::atomic_int failedAt{INT_MAX}; // the first file that failed: later ones need not be read
    std::atomic_bool stop{false};      // cancelled
    const auto lane = [&](ProviderLines &lines, bool reports) {
        for (int i = next++; i < n && i < failedAt && !stop; i = next++) {
            auto r = readBillFile(
                files[i], options,
                [&](const BillLineKey &k, const LineFigures &f) -> Status {
                    lines.add(k, f);
                    return {};
                },
                limits,
                [&](qint64 done, qint64 total) {
                    if (stop || i > failedAt || cancelled() ||
                        (reports && progress && !progress(i, done, total))) {
                        stop = true;
                        return false;
                    }
                    return true;
                });
            if (!r) {
                int was = failedAt;
                while (i < was && !failedAt.compare_exchange_weak(was, i)) {
                }
            }
            results[size_t(i)] = std::move(r);
        }
    };
    Names helperNames;
    ProviderLines helper(helperNames);
    if (n > 1 && QThread::idealThreadCount() > 1) {
        QThreadPool pool;
        pool.setMaxThreadCount(1);
        QFuture<void> other = QtConcurrent::run(&pool, [&] { lane(helper, false); });
        lane(out, true);
        other.waitForFinished();
        out.merge(helper);
    } else {
        lane(out, true);
    }
    for (auto &r : results)
        if (r && !*r)
            return r->error();
    std::vector<BillFileSummary> summaries;
    for (auto &r : results) {
        if (!r) // not read: cancelled between two files
            return Error::refused(ReconcileTr::tr("The reconciliation was cancelled."));
        summaries.push_back(std::move(**r));
    }
    return summaries;
}

} // namespace billing::linetable
