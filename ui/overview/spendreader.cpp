#include "overview/spendreader.h"

#include "analysis/cashreader.h"

namespace billing::ui {

SpendReader::SpendReader()
{
    m_thisTask.onFinished([this](const Result<Money> &cash) { onCash(true, cash); });
    m_lastTask.onFinished([this](const Result<Money> &cash) { onCash(false, cash); });
}

void SpendReader::start(const QString &location, const Clock &clock, const SpendRange &range)
{
    m_thisCash.reset();
    m_lastCash.reset();
    const Clock *c = &clock;
    m_thisTask.start(
        [location, c, range](TaskControl &) { return readCashTotal(location, *c, range.from, range.to); });
    m_lastTask.start([location, c, range](TaskControl &) {
        return readCashTotal(location, *c, range.lastFrom, range.lastTo);
    });
}

void SpendReader::onCash(bool thisMonth, const Result<Money> &cash)
{
    (thisMonth ? m_thisCash : m_lastCash) = cash;
    // A task only ever hands over the result of its latest start (an older one is dropped as stale), and
    // start() forgets both figures: two figures here belong to the same, latest start.
    if (!m_thisCash || !m_lastCash)
        return;
    SpendFigures f;
    if (!*m_thisCash)
        f.error = m_thisCash->error();
    else if (!*m_lastCash)
        f.error = m_lastCash->error();
    else {
        f.monthToDate = **m_thisCash;
        f.lastMonthSameDay = **m_lastCash;
    }
    if (m_done)
        m_done(f);
}

} // namespace billing::ui
