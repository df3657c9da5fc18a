#pragma once

#include "analysis/marginalprice.h"
#include "catalog/catalog.h"
#include "domain/types.h"
#include "engine/bills.h"
#include "widgets/format.h"

#include <QAbstractTableModel>

#include <optional>
#include <vector>

namespace billing::ui {

// Every API × region, one per row in catalog order: enabled or not, billing mode (package while a
// package is in force with quota left, billing-rules §6), month-to-date calls and cost from the bill, and
// what the next 1,000 calls would cost now (billing-rules §10).
class ServiceListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Api, Region, State, Mode, Calls, Cost, Marginal, ColumnCount };
    enum Role { ApiIdRole = Qt::UserRole + 20, RegionIdRole, EnabledRole };

    struct Row
    {
        ServiceState state;
        QString apiName;
        QString regionName;
        bool packageMode = false;
        qint64 calls = 0;
        Money cost;
        std::optional<MarginalPrice> marginal;
    };

    explicit ServiceListModel(QObject *parent);

    void setServices(const Catalog &catalog, const std::vector<ServiceState> &services,
                     const std::vector<Package> &packages, Instant now, const Bill &monthToDate,
                     const AccountDisplay &display, const std::vector<MarginalPrice> &marginal = {});
    const Row &row(int r) const { return m_rows[size_t(r)]; }
    int rowOf(const QString &api, const QString &region) const;
    int enabledCount() const;
    Money totalCost() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<Row> m_rows;
    AccountDisplay m_display;
};

} // namespace billing::ui
