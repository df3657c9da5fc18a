#pragma once

#include "analysis/budgets.h"

#include <QAbstractTableModel>

namespace billing {
class Catalog;
}

namespace billing::ui {

// The budgets and where this month stands against each: spent so far and the month-end forecast.
class BudgetModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Name,
        Scope,
        Amount,
        ActualThresholds,
        ForecastThresholds,
        Spent,
        SpentPercent,
        Forecast,
        ForecastPercent,
        ColumnCount
    };

    explicit BudgetModel(QObject *parent);
    void setStatuses(std::vector<BudgetStatus> statuses, const QString &currency);
    const BudgetStatus &status(int row) const { return m_list[size_t(row)]; }
    // Names the scope's APIs and regions by the catalog's display names.
    void setCatalog(const Catalog *catalog) { m_catalog = catalog; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString scopeText(const BudgetScope &scope) const;
    std::optional<Money> money(const BudgetStatus &s, int column) const;

    std::vector<BudgetStatus> m_list;
    QString m_currency;
    const Catalog *m_catalog = nullptr;
};

} // namespace billing::ui
