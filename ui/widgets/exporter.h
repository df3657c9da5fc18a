#pragma once

#include <QPageLayout>
#include <QString>

class QAbstractItemModel;
class QTableView;
class QWidget;

namespace billing::ui {

// Writes a table model as CSV: the header, then every row; money cells (MoneyRole) as exact decimal
// strings ("12.34", "0.00150000"), other cells as shown. False with `error` filled on failure. Given the
// view that shows the model, the columns it hides (chart helpers, another measure's) are left out.
bool exportCsv(const QAbstractItemModel &model, const QString &path, QString *error,
               const QTableView *view = nullptr);
// The CSV text itself (for tests and the clipboard).
QString toCsv(const QAbstractItemModel &model, const QTableView *view = nullptr);
// Renders a widget (a chart view) as PNG (by its file suffix) or as one PDF page (widgetPageLayout(), the
// widget scaled to fit inside its margins).
bool exportWidget(QWidget &widget, const QString &path, QString *error);
QPageLayout widgetPageLayout();

} // namespace billing::ui
