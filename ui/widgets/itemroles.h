#pragma once

#include <QVariant>
#include <Qt>

namespace billing::ui {

// Custom roles shared by the console's item models and delegates.
enum ItemRole {
    // qint64 units of billing::Money on money cells (the delegate formats them); invalid elsewhere.
    MoneyRole = Qt::UserRole + 1,
    // A raw value to sort by (qint64 instants, counts and money units, plain strings).
    SortRole,
    // On unit-cost cells (cost per 1,000 billable calls, billing-rules §10): what the unit cost is made
    // of, a QVariantList {cost units, calls}, or {cost units, calls, previous cost units, previous calls}
    // for a change between two periods; so a totals row takes the unit cost of the sums.
    UnitCostBasisRole,
};

// Qt::TextAlignmentRole values, as the int every view understands.
inline QVariant alignmentValue(Qt::Alignment alignment)
{
    return QVariant(alignment.toInt());
}
inline QVariant rightAligned()
{
    return alignmentValue(Qt::AlignRight | Qt::AlignVCenter);
}
inline QVariant leftAligned()
{
    return alignmentValue(Qt::AlignLeft | Qt::AlignVCenter);
}

} // namespace billing::ui
