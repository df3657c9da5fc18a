#pragma once

#include "analysis/anomalies.h"
#include "widgets/format.h"

#include <QAbstractTableModel>

namespace billing::ui {

// Cost anomalies (billing-rules §10): one row per anomalous day and (API, region, project), with the
// cost, its baseline, the difference from the reference day and the cause that explains most of it.
class AnomalyModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Day, Api, Region, Project, Cost, Baseline, Difference, MainCause, ColumnCount };

    explicit AnomalyModel(QObject *parent);

    void setAnomalies(std::vector<Anomaly> list, const AccountDisplay &display);
    const Anomaly &anomaly(int row) const { return m_list[size_t(row)]; }
    // Every cause of the anomaly with its amount, the dominant one first: a sentence for the detail line.
    QString explanation(int row) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::optional<Money> money(const Anomaly &a, int column) const;
    QVariant display(const Anomaly &a, int column) const;

    std::vector<Anomaly> m_list;
    AccountDisplay m_display;
};

} // namespace billing::ui
