#pragma once

#include "catalog/catalog.h"
#include "domain/types.h"
#include "widgets/format.h"

#include <QAbstractTableModel>

#include <vector>

namespace billing::ui {

// Every API (rows, in catalog order) × every region (columns after the fixed ones): enabled or not.
class ServiceTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Api, Category, FirstRegion };

    explicit ServiceTableModel(QObject *parent);

    // The catalog decides the rows and columns; states it does not list are ignored.
    void setServices(const Catalog &catalog, const std::vector<ServiceState> &services, int utcOffsetSeconds);
    int enabledCount() const;
    int serviceCount() const;
    // The state at (row, FirstRegion + k); null for other cells.
    const ServiceState *service(const QModelIndex &index) const;

    static QString categoryName(const QString &category);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<ApiInfo> m_apis;
    std::vector<RegionInfo> m_regions;
    std::vector<ServiceState> m_states; // m_apis.size() × m_regions.size(), row-major
    int m_utcOffsetSeconds = 8 * 3600;
};

} // namespace billing::ui
