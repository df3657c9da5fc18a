#include "overview/spendreader.h"

#include "analysis/cashreader.h"

namespace billing::ui {

SpendReader::SpendReader()
{
    m_task.onFinished([this](const Result<std::vector<Money>> &cash) { onCash(cash); });
}

void SpendReader::start(const QString &location, const Clock &clock, const SpendRange &range)
{
    const Clock *c = &clock;
    m_task.start([location, c, range](TaskControl &) {
        return readCashTotals(location, *c, {{range.from, range.to}, {range.lastFrom, range.lastTo}});
    });
}

void SpendReader::onCash(const Result<std::vector<Money>> &cash)
{
    // The task only ever hands over the result of its latest start (an older one is dropped as stale).
    SpendFigures f;
    if (!cash)
        f.error = cash.error();
    else if (cash->size() == 2) {
        f.monthToDate = (*cash)[0];
        f.lastMonthSameDay = (*cash)[1];
    }
    if (m_done)
        m_done(f);
}

} // namespace billing::ui
