#pragma once

#include "core/result.h"
#include "time/instant.h"

class QWidget;

namespace billing::ui {

// First start: builds the demo account's history in a worker thread (its own database connection)
// behind a progress dialog that can cancel. A cancelled or failed run leaves no database behind.
Status createDemoWithProgress(QWidget *parent, const QString &location, Instant now, bool showDialog);

} // namespace billing::ui
