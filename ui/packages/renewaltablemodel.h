#pragma once

#include "engine/renewalcalendar.h"
#include "widgets/format.h"

#include <QAbstractTableModel>

#include <vector>

namespace billing::ui {

// The renewal calendar as a table by date: expiries and auto-renew attempts in the coming days.
class RenewalTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Date, Event, Package, Api, Region, ColumnCount };
    enum Role { PackageIdRole = Qt::UserRole + 20 };

    explicit RenewalTableModel(QObject *parent);

    void setEvents(std::vector<RenewalEvent> events, const AccountDisplay &display);
    const RenewalEvent &event(int row) const { return m_events[size_t(row)]; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<RenewalEvent> m_events;
    AccountDisplay m_display;
};

} // namespace billing::ui
