#pragma once

// The parts of the column-mapping dialog that only provider-bill profiles have (provider-bills.md §1):
// the catalog's names of the provider's products for each API (read-only: why rows of other services
// are ignored), the conventions the bill files are read with, and the preview of rows as the
// reconciliation reads them.
#include "reconcile/billpreview.h"

#include <QString>
#include <QStringList>

#include <vector>

class QTableWidget;
class QWidget;

namespace billing {
class Catalog;
class BillingCalendar;
} // namespace billing

namespace billing::ui::billmapping {

// Name or code in the provider's bill → API (name and id), one row per name; read-only.
QTableWidget *newProductTable(const Catalog &catalog, QWidget *parent);
// Which service codes count as OCR (rows of any other service are ignored).
QString servicesText(const Catalog &catalog);
// The instant and amount conventions bill files are read with (the ones provider-bills.md allows).
QString conventionsText();
QStringList previewHeaders();
// Fills the preview; returns how many rows cannot be read.
int fillPreview(QTableWidget *table, const std::vector<BillPreviewRow> &rows,
                const BillingCalendar &calendar);

} // namespace billing::ui::billmapping
