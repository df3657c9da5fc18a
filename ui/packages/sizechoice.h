#pragma once

#include "time/instant.h"

#include <QString>

class QComboBox;

namespace billing {
class Catalog;
}

namespace billing::ui {

// The package sizes of the price list in force at `now` as a combo box's items ("1m — 1,000,000 calls",
// the size id as item data); `current` is marked as the same size and chosen.
void fillPackageSizes(QComboBox *box, const Catalog &catalog, Instant now, const QString &current);

} // namespace billing::ui
