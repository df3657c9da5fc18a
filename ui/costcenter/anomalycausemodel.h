#pragma once

#include "analysis/anomalies.h"
#include "widgets/format.h"

#include <QAbstractTableModel>

namespace billing::ui {

// The steps of one anomaly's waterfall (billing-rules §10, Anomalies) as a table, for reading and for
// the keyboard: the reference day's cost, each cause that carries money (volume, package coverage, tier,
// late usage, price, in that order, zero ones included), the day's cost. Each row names the transaction
// records its drill-down lists (anomalyRecords).
class AnomalyCauseModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Step, Amount, Records, ColumnCount };

    explicit AnomalyCauseModel(QObject *parent);

    // The causes a waterfall shows, in its order (failed share carries no money and is left out).
    static const QStringList &causeIds();

    void setAnomaly(const std::optional<Anomaly> &anomaly, const AccountDisplay &display);
    const std::optional<Anomaly> &anomaly() const { return m_anomaly; }
    // Row 0 is the reference day, rows 1 … causeIds().size() the causes, the last row the day.
    bool isReference(int row) const { return row == 0; }
    bool isDay(int row) const { return row == int(causeIds().size()) + 1; }
    QString causeId(int row) const; // empty for the two days
    Money amount(int row) const;
    QString stepName(int row) const;
    // The records the row's drill-down lists (reference and day: all of that day's cost).
    std::optional<RecordFilter> records(int row) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString recordsText(int row) const;

    std::optional<Anomaly> m_anomaly;
    AccountDisplay m_display;
};

} // namespace billing::ui
