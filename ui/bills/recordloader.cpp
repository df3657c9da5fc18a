#include "bills/recordloader.h"

#include "engine/billview.h"
#include "widgets/ownengine.h"

namespace billing::ui {

RecordLoader::RecordLoader(const QString &location, const Clock &clock, QObject *parent)
    : QObject(parent), m_location(location), m_clock(clock)
{
    m_task.onFinished([this](const RecordPage &page) { onFinished(page); });
}

RecordPage RecordLoader::read(const QString &location, const Clock &clock, const RecordFilter &filter,
                              int offset, bool firstPage)
{
    RecordPage page;
    page.offset = offset;
    Status s = withOwnEngine(location, clock, [&](Engine &engine) -> Status {
        // Reads only: no write lock, so a running import does not hold the page up. The page's refresh
        // has caught the account up on the GUI engine before asking.
        auto ctx = engine.inspect();
        if (!ctx)
            return ctx.error();
        RecordFilter f = filter;
        f.limit = PageSize;
        f.offset = offset;
        auto records = listRecords(**ctx, f);
        if (!records)
            return records.error();
        page.records = std::move(*records);
        if (firstPage) {
            auto totals = recordTotals(**ctx, filter);
            if (!totals)
                return totals.error();
            page.totals = *totals;
            auto projects = recordProjects(**ctx);
            if (!projects)
                return projects.error();
            page.projects = *projects;
        }
        return {};
    });
    if (!s)
        page.error = s.error();
    return page;
}

void RecordLoader::load(const RecordFilter &filter)
{
    m_filter = filter;
    m_lastFetch = -1;
    const Request r{filter, 0, true, ++m_generation};
    if (m_task.isRunning()) {
        m_pending = r;
        return;
    }
    start(r);
}

void RecordLoader::fetch(int offset)
{
    if (offset == m_lastFetch)
        return; // already asked for (views may ask twice)
    m_lastFetch = offset;
    const Request r{m_filter, offset, false, m_generation};
    if (m_task.isRunning()) {
        if (!m_pending)
            m_pending = r;
        return;
    }
    start(r);
}

void RecordLoader::start(const Request &r)
{
    const bool wasBusy = isBusy();
    const QString location = m_location;
    const Clock &clock = m_clock;
    m_task.start([location, &clock, r](TaskControl &) {
        RecordPage page = read(location, clock, r.filter, r.offset, r.first);
        page.generation = r.generation;
        return page;
    });
    if (!wasBusy)
        emit busyChanged(true);
}

void RecordLoader::onFinished(const RecordPage &page)
{
    if (m_pending) {
        const Request next = *m_pending;
        m_pending.reset();
        start(next);
    }
    if (page.generation == m_generation)
        emit pageLoaded(page);
    if (!isBusy())
        emit busyChanged(false);
}

} // namespace billing::ui
