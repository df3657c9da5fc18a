#pragma once

#include "analysis/recommendations.h"
#include "widgets/format.h"

#include <QAbstractTableModel>

namespace billing::ui {

// Optimization advice per (API, region): the cheapest option for the observed usage, the saving, the
// break-even volume, and what the package in force will do at the current rate.
class RecommendationModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Api,
        Region,
        MonthlyCalls,
        Current,
        Best,
        CostNow,
        CostBest,
        Saving,
        BreakEven,
        Lapsing,
        RunsOut,
        AfterRunOut,
        ColumnCount
    };

    explicit RecommendationModel(QObject *parent);

    void setRecommendations(std::vector<Recommendation> list, const AccountDisplay &display);
    const Recommendation &recommendation(int row) const { return m_list[size_t(row)]; }
    static QString optionName(const QString &option);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::optional<Money> money(const Recommendation &r, int column) const;
    std::optional<CheaperRange> breakEven(const Recommendation &r) const;
    QVariant display(const Recommendation &r, int column) const;

    std::vector<Recommendation> m_list;
    AccountDisplay m_display;
};

} // namespace billing::ui
