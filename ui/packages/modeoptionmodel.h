#pragma once

#include "analysis/pricecalculator.h"

#include <QAbstractTableModel>

#include <vector>

namespace billing::ui {

// The options of one API at a monthly volume (costanalysis priceCalculator): pay-per-use and each
// package size, with the monthly cost, the package price and the break-even volume. The cheapest is bold.
class ModeOptionModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Option, MonthlyCost, PackagePrice, BreakEven, ColumnCount };

    explicit ModeOptionModel(QObject *parent);

    void setOptions(std::vector<billing::Quote> options, const QString &current, const QString &currency);
    const billing::Quote &option(int row) const { return m_options[size_t(row)]; }
    int cheapestRow() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<billing::Quote> m_options;
    QString m_current;
    QString m_currency;
};

} // namespace billing::ui
