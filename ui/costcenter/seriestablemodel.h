#pragma once

#include "analysis/costseries.h"

#include <QAbstractTableModel>
#include <QStringList>

namespace billing::ui {

// The table a time chart is drawn from: one row per period, one column per series, and the period's
// total. Cost columns carry MoneyRole (exact); call columns carry counts.
class SeriesTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Period = 0 }; // then one column per series, then the total
    enum class Measure { Cost, Calls };

    explicit SeriesTableModel(QObject *parent);

    void setSeries(CostSeriesSet set, QStringList names, Measure measure, CostQuery::Granularity granularity,
                   int utcOffsetSeconds, const QString &currency);
    const CostSeriesSet &series() const { return m_set; }
    Measure measure() const { return m_measure; }
    int totalColumn() const { return int(m_set.series.size()) + 1; }
    QString periodLabel(int row) const;
    // Every series' exact value in one period, for the chart's tooltip.
    QString describe(int row) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    Money cost(int row, int column) const;
    qint64 calls(int row, int column) const;

    CostSeriesSet m_set;
    QStringList m_names;
    Measure m_measure = Measure::Cost;
    CostQuery::Granularity m_granularity = CostQuery::Day;
    int m_offset = 8 * 3600;
    QString m_currency;
};

} // namespace billing::ui
