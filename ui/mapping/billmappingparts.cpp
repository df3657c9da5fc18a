#include "mapping/billmappingparts.h"

#include "catalog/catalog.h"
#include "time/billingcalendar.h"
#include "widgets/format.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QLocale>
#include <QTableWidget>

namespace billing::ui::billmapping {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billing::ui::BillMapping)
};

QTableWidgetItem *cell(const QString &text, bool right = false)
{
    auto *item = new QTableWidgetItem(text);
    if (right)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}
} // namespace

QTableWidget *newProductTable(const Catalog &catalog, QWidget *parent)
{
    auto *t = new QTableWidget(0, 3, parent);
    t->setObjectName(QStringLiteral("billProductNames"));
    t->setAccessibleName(Tr::tr("Provider product names of the catalog's APIs"));
    t->setHorizontalHeaderLabels(
        {Tr::tr("Name or code in the provider's bill"), Tr::tr("API"), Tr::tr("API id")});
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
    for (const ApiInfo &a : catalog.apis())
        for (const QString &name : a.providerNames) {
            const int r = t->rowCount();
            t->insertRow(r);
            t->setItem(r, 0, cell(name));
            t->setItem(r, 1, cell(catalogName(a.name)));
            t->setItem(r, 2, cell(a.id));
        }
    t->resizeColumnsToContents();
    return t;
}

QString servicesText(const Catalog &catalog)
{
    return Tr::tr("A row is read when its product is one of these names, the catalog's API id or name, or a "
                  "value mapped above; rows of any other product, or whose service type is not %1, are "
                  "ignored and counted, not refused.")
        .arg(catalog.providerServices().join(QLatin1String(", ")));
}

QString conventionsText()
{
    return Tr::tr("Times as the provider writes them: 2020-08-23 22:00:00 GMT+08:00, a period "
                  "start-end (its start counts), 2020/07/02 08:36 (UTC+8, the provider's cycles) or ISO "
                  "8601 with an offset. Amounts are exact decimals with a point, with or without thousands "
                  "separators (1,234.50), at most 8 decimals. Billing cycles as YYYY-MM.");
}

QStringList previewHeaders()
{
    return {Tr::tr("Line"),   Tr::tr("Month"),   Tr::tr("Hour"),        Tr::tr("API"),
            Tr::tr("Region"), Tr::tr("Mode"),    Tr::tr("Project"),     Tr::tr("Calls"),
            Tr::tr("Fee"),    Tr::tr("Charged"), Tr::tr("Rounded off"), Tr::tr("Ignored or problem")};
}

int fillPreview(QTableWidget *table, const std::vector<BillPreviewRow> &rows, const BillingCalendar &calendar)
{
    const QLocale locale;
    table->setRowCount(int(rows.size()));
    int refused = 0;
    for (int r = 0; r < int(rows.size()); ++r) {
        const BillPreviewRow &row = rows[size_t(r)];
        QStringList cells{locale.toString(row.line)};
        if (row.key) {
            const BillLineKey &k = *row.key;
            const LineFigures &f = row.figures;
            cells << k.month << (k.hour == kNoHour ? QString() : calendar.format(k.hour)) << k.api << k.region
                  << k.mode << k.project.value_or(QString())
                  << (f.callsKnown ? locale.toString(f.calls) : QString()) << formatMoney(f.fee, 8)
                  << formatMoney(f.charged) << formatMoney(f.roundedOff, 8) << QString();
        } else {
            refused += row.problem.isEmpty() ? 0 : 1;
            for (int i = 0; i < 10; ++i)
                cells << QString();
            cells << (row.problem.isEmpty() ? Tr::tr("ignored: %1").arg(row.ignored) : row.problem);
        }
        for (int c = 0; c < cells.size(); ++c) {
            QTableWidgetItem *item = cell(cells[c], c == 0 || (c >= 7 && c <= 10));
            if (c == 11)
                item->setToolTip(cells[c]);
            table->setItem(r, c, item);
        }
    }
    for (int c = 0; c + 1 < table->columnCount(); ++c)
        table->resizeColumnToContents(c);
    return refused;
}

} // namespace billing::ui::billmapping
