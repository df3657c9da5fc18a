#pragma once

#include "analysis/costmeasure.h"
#include "analysis/costseries.h"

#include <QAbstractTableModel>
#include <QStringList>

namespace billing::ui {

// The table a time chart is drawn from: one row per period, one column per series, and the period's
// total. Cost columns carry MoneyRole (exact); call columns carry counts; unit-cost columns carry the
// unit cost as MoneyRole where it is defined ("—" where there are no calls) and what it is made of.
class SeriesTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Period = 0 }; // then one column per series, then the total
    explicit SeriesTableModel(QObject *parent);

    // `unitCosts` are seriesUnitCosts(set), needed for the measure UnitCost only.
    void setSeries(CostSeriesSet set, QStringList names, CostMeasure measure,
                   CostQuery::Granularity granularity, int utcOffsetSeconds, const QString &currency,
                   SeriesUnitCosts unitCosts = {});
    const CostSeriesSet &series() const { return m_set; }
    CostMeasure measure() const { return m_measure; }
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
    std::optional<Money> unitCost(int row, int column) const;
    QString valueText(int row, int column) const;

    CostSeriesSet m_set;
    QStringList m_names;
    CostMeasure m_measure = CostMeasure::Cost;
    SeriesUnitCosts m_unitCosts;
    CostQuery::Granularity m_granularity = CostQuery::Day;
    int m_offset = 8 * 3600;
    QString m_currency;
};

} // namespace billing::ui
