#include "bills/recordfilterproxy.h"

#include "bills/recordtablemodel.h"
#include "widgets/itemroles.h"

namespace billing::ui {

bool RecordPredicate::matches(const Record &r) const
{
    if (type && r.type != *type)
        return false;
    if (!billMonth.isEmpty() && r.billMonth != billMonth)
        return false;
    return true;
}

RecordFilterProxy::RecordFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(SortRole);
}

void RecordFilterProxy::setPredicate(const RecordPredicate &predicate)
{
    if (predicate == m_predicate)
        return;
    m_predicate = predicate;
    invalidateRowsFilter();
}

bool RecordFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto *records = qobject_cast<const RecordTableModel *>(sourceModel());
    if (!records || sourceParent.isValid())
        return true;
    return m_predicate.matches(records->record(sourceRow));
}

} // namespace billing::ui
