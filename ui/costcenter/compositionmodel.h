#pragma once

#include "analysis/costseries.h"
#include "widgets/format.h"

#include <QAbstractTableModel>

namespace billing::ui {

// Cost per value of one dimension over a period, with the period before it: the table of the
// Composition page, and the source its donut and bar charts map (ChartCost/ChartPrevious columns carry
// doubles for the charts and are hidden in the table).
class CompositionModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Calls, Cost, Share, Previous, Change, ChartCost, ChartPrevious, ColumnCount };
    enum Role { KeyRole = Qt::UserRole + 20 };

    explicit CompositionModel(QObject *parent);

    void setComposition(Composition composition, const AccountDisplay &display);
    const Composition &composition() const { return m_c; }
    QString key(int row) const;
    // The exact figures of a row in one line (chart tooltips).
    QString describe(int row) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::optional<Money> money(const CostShare &s, int column) const;
    QString shareText(const CostShare &s) const;

    Composition m_c;
    AccountDisplay m_display;
};

} // namespace billing::ui
