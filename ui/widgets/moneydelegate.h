#pragma once

#include <QStyledItemDelegate>

namespace billing::ui {

// Shows cells that carry MoneyRole as money: right-aligned, tabular digits, grouped by the locale,
// negative amounts with a minus sign and the negative accent. Cents shows amounts truncated to 2
// decimals (the exact amount is in the model's tooltip); Exact shows all 8 decimals.
class MoneyDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    enum class Precision { Cents, Exact };

    explicit MoneyDelegate(QObject *parent, Precision precision = Precision::Cents);

    Precision precision() const { return m_precision; }
    void setPrecision(Precision precision) { m_precision = precision; }
    // The text a cell shows for `index` (empty when it holds no money).
    QString displayText(const QModelIndex &index, const QLocale &locale) const;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    Precision m_precision;
};

} // namespace billing::ui
