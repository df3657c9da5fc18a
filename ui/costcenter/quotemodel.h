#pragma once

#include "analysis/pricecalculator.h"

#include <QAbstractTableModel>

namespace billing::ui {

// The price calculator's options for one monthly volume: pay-per-use first, then each package.
class QuoteModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Option, PackagePrice, MonthlyQuota, PayPerUseCalls, MonthlyCost, BreakEven, ColumnCount };

    explicit QuoteModel(QObject *parent);
    void setQuotes(std::vector<Quote> quotes, const QString &currency);
    const Quote &quote(int row) const { return m_quotes[size_t(row)]; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::optional<Money> money(const Quote &q, int column) const;

    std::vector<Quote> m_quotes;
    QString m_currency;
};

// The tier breakdown of one quote's pay-per-use part.
class TierModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Tier, FirstCall, Calls, PricePer1000, Amount, ColumnCount };

    explicit TierModel(QObject *parent);
    void setTiers(std::vector<TierLine> tiers, const QString &currency);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<TierLine> m_tiers;
    QString m_currency;
};

} // namespace billing::ui
