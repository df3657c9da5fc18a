#pragma once

#include "domain/types.h"
#include "widgets/format.h"

#include <QAbstractTableModel>

#include <vector>

namespace billing::ui {

// Cash coupons: amount, remaining, expiry, scope (an API or every API) and status.
class CouponTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Id, Amount, Remaining, Expires, Scope, Status, ColumnCount };

    explicit CouponTableModel(QObject *parent);

    void setCoupons(std::vector<Coupon> coupons, Instant now, const AccountDisplay &display);
    QString statusText(const Coupon &c) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<Coupon> m_coupons;
    Instant m_now = 0;
    AccountDisplay m_display;
};

} // namespace billing::ui
