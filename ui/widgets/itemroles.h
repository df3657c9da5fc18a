#pragma once

#include <Qt>

namespace billing::ui {

// Custom roles shared by the console's item models and delegates.
enum ItemRole {
    // qint64 units of billing::Money on money cells (the delegate formats them); invalid elsewhere.
    MoneyRole = Qt::UserRole + 1,
    // A raw value to sort by (qint64 instants, counts and money units, plain strings).
    SortRole,
};

} // namespace billing::ui
