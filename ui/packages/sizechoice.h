#pragma once

#include "time/instant.h"

#include <QString>

class QComboBox;
class QWidget;

namespace billing {
class Catalog;
}

namespace billing::ui {

// The package sizes of the price list in force at `now` as a combo box's items ("1m — 1,000,000 calls",
// the size id as item data); `current` is marked as the same size and chosen.
void fillPackageSizes(QComboBox *box, const Catalog &catalog, Instant now, const QString &current);

// Resizes an open dialog to what its contents need now (a preview that follows the size choice may
// grow: a refusal, a longer button text); the layout requests still queued are handled first.
void fitToContents(QWidget *dialog);

} // namespace billing::ui
