#include "packages/sizechoice.h"

#include "catalog/catalog.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QLocale>
#include <QWidget>

namespace billing::ui {

namespace {
struct SizeTr
{
    Q_DECLARE_TR_FUNCTIONS(billing::ui::SizeChoice)
};
} // namespace

void fillPackageSizes(QComboBox *box, const Catalog &catalog, Instant now, const QString &current)
{
    const QLocale locale;
    box->clear();
    for (const Sku &s : catalog.priceListAt(now).skus) {
        const QString calls = locale.toString(s.calls);
        box->addItem(s.id == current ? SizeTr::tr("%1 \u2014 %2 calls (the same size)").arg(s.id, calls)
                                     : SizeTr::tr("%1 \u2014 %2 calls").arg(s.id, calls),
                     s.id);
    }
    if (const int i = box->findData(current); i >= 0)
        box->setCurrentIndex(i);
}

void fitToContents(QWidget *dialog)
{
    if (!dialog->isVisible())
        return; // opening sizes it
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    dialog->adjustSize();
}

} // namespace billing::ui
