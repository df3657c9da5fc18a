#include "widgets/exporter.h"
#include "widgets/tr.h"

#include "csvexport.h"
#include "money/money.h"
#include "widgets/itemroles.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QPixmap>
#include <QSaveFile>
#include <QStringList>
#include <QTableView>
#include <QWidget>

namespace billing::ui {

QString toCsv(const QAbstractItemModel &model, const QTableView *view)
{
    QList<int> columns;
    for (int c = 0; c < model.columnCount(); ++c)
        if (!view || !view->isColumnHidden(c))
            columns << c;
    QString out;
    QStringList header;
    for (int c : columns)
        header << model.headerData(c, Qt::Horizontal).toString();
    out += report::csvFields(header) + u'\n';
    for (int r = 0; r < model.rowCount(); ++r) {
        QStringList fields;
        for (int c : columns) {
            const QModelIndex index = model.index(r, c);
            const QVariant money = model.data(index, MoneyRole);
            fields << (money.isValid() ? Money::fromUnits(money.toLongLong()).toString(2)
                                       : model.data(index, Qt::DisplayRole).toString());
        }
        out += report::csvFields(fields) + u'\n';
    }
    return out;
}

bool exportCsv(const QAbstractItemModel &model, const QString &path, QString *error, const QTableView *view)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(toCsv(model, view).toUtf8()) < 0 || !file.commit()) {
        if (error)
            *error = WidgetsTr::tr("Could not write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

QPageLayout widgetPageLayout()
{
    // Printers cannot print to the paper's edge: the picture keeps the margins the bill has.
    return QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape, QMarginsF(15, 15, 15, 15),
                       QPageLayout::Millimeter);
}

bool exportWidget(QWidget &widget, const QString &path, QString *error)
{
    if (path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)) {
        QPdfWriter writer(path);
        writer.setPageLayout(widgetPageLayout());
        writer.setResolution(96);
        QPainter painter;
        if (!painter.begin(&writer)) {
            if (error)
                *error = WidgetsTr::tr("Could not write %1.").arg(path);
            return false;
        }
        // The printable area (the page minus its margins), the widget scaled to fit it, centred across.
        const QRect page = painter.viewport();
        const double scale = std::min(double(page.width()) / std::max(1, widget.width()),
                                      double(page.height()) / std::max(1, widget.height()));
        painter.translate((page.width() - widget.width() * scale) / 2, 0);
        painter.scale(scale, scale);
        widget.render(&painter);
        painter.end();
        return true;
    }
    if (!widget.grab().save(path)) {
        if (error)
            *error = WidgetsTr::tr("Could not write %1.").arg(path);
        return false;
    }
    return true;
}

} // namespace billing::ui
