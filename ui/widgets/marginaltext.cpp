#include "widgets/marginaltext.h"

#include "widgets/format.h"
#include "widgets/tr.h"

#include <QStringList>

namespace billing::ui {

QString marginalPriceText(const MarginalPrice &m, const QString &currency, const QLocale &locale)
{
    QStringList lines{
        WidgetsTr::tr("Next 1,000 calls: %1 %2").arg(formatMoney(m.per1000, 8, locale), currency)};
    for (const MarginalPart &p : m.parts)
        lines << (p.packageId != 0 ? WidgetsTr::tr("%1 from package %2 (%3)")
                                         .arg(locale.toString(p.calls), QString::number(p.packageId), p.sku)
                                   : WidgetsTr::tr("%1 at tier %2, %3 %4 per 1,000")
                                         .arg(locale.toString(p.calls), locale.toString(p.tier + 1),
                                              formatMoney(p.pricePer1000, 8, locale), currency));
    return lines.join(u'\n');
}

} // namespace billing::ui
