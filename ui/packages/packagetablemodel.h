#pragma once

#include "domain/types.h"
#include "widgets/format.h"

#include <QAbstractTableModel>

#include <set>
#include <vector>

namespace billing::ui {

// Every package ever bought (billing-rules §12.10), one per row: status, term, quota and what is left,
// auto-renew, the term it renews and its place in the deduction order of its API and region (§5).
class PackageTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Id,
        Api,
        Region,
        Sku,
        Status,
        Effective,
        LastSecond,
        Quota,
        Remaining,
        AutoRenew,
        Previous,
        Order,
        Price,
        ColumnCount
    };
    enum Role { PackageIdRole = Qt::UserRole + 20 };

    explicit PackageTableModel(QObject *parent);

    // `now` decides the status; packages may come in any order.
    void setPackages(std::vector<Package> packages, Instant now, const AccountDisplay &display);
    // The packages whose term ends within the right-sizer's 30 days (highlighted).
    void setEndingSoon(std::set<qint64> ids);
    bool endingSoon(qint64 packageId) const { return m_endingSoon.count(packageId) > 0; }
    const Package &package(int row) const { return m_packages[size_t(row)]; }
    int rowOf(qint64 packageId) const; // -1 when absent
    // 1-based place in the deduction order among the usable packages of its API and region; 0: none.
    int deductionRank(int row) const { return m_rank[size_t(row)]; }

    static QString statusName(Package::Status status);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const Package &p, int row, int column) const;
    QVariant sortValue(const Package &p, int row, int column) const;

    std::vector<Package> m_packages;
    std::vector<int> m_rank;
    std::set<qint64> m_endingSoon;
    Instant m_now = 0;
    AccountDisplay m_display;
};

} // namespace billing::ui
