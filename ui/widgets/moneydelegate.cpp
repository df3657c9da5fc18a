#include "widgets/moneydelegate.h"

#include "money/money.h"
#include "widgets/format.h"
#include "widgets/itemroles.h"

namespace billing::ui {

MoneyDelegate::MoneyDelegate(QObject *parent, Precision precision)
    : QStyledItemDelegate(parent), m_precision(precision)
{
}

QString MoneyDelegate::displayText(const QModelIndex &index, const QLocale &locale) const
{
    const QVariant units = index.data(MoneyRole);
    if (!units.isValid())
        return QString();
    return formatMoney(Money::fromUnits(units.toLongLong()),
                       m_precision == Precision::Cents ? 2 : Money::Decimals, locale);
}

void MoneyDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QVariant units = index.data(MoneyRole);
    if (!units.isValid())
        return;
    const Money shown = m_precision == Precision::Cents
                            ? Money::fromUnits(units.toLongLong()).truncatedToCents()
                            : Money::fromUnits(units.toLongLong());
    // QStyledItemDelegate sets OmitGroupSeparator on the option's locale; money is grouped (ui-guidelines).
    QLocale locale = option->locale;
    locale.setNumberOptions(QLocale::DefaultNumberOptions);
    option->text = displayText(index, locale);
    option->displayAlignment = Qt::AlignRight | Qt::AlignVCenter;
    option->font = tabularFont(option->font);
    if (shown.isNegative())
        option->palette.setColor(QPalette::Text, negativeMoneyColor(option->palette));
}

} // namespace billing::ui
