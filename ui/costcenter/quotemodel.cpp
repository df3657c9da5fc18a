#include "costcenter/quotemodel.h"

#include "costcenter/recommendationmodel.h"
#include "widgets/itemroles.h"

#include <QLocale>

namespace billing::ui {

QuoteModel::QuoteModel(QObject *parent) : QAbstractTableModel(parent) {}

void QuoteModel::setQuotes(std::vector<Quote> quotes, const QString &currency)
{
    beginResetModel();
    m_quotes = std::move(quotes);
    m_currency = currency;
    endResetModel();
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

int QuoteModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_quotes.size());
}

int QuoteModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

std::optional<Money> QuoteModel::money(const Quote &q, int column) const
{
    const bool package = q.option != QLatin1String("pay-per-use");
    if (column == PackagePrice && package)
        return q.packagePrice;
    if (column == MonthlyCost)
        return q.monthlyCost;
    return std::nullopt;
}

QVariant QuoteModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Quote &q = m_quotes[size_t(index.row())];
    const int c = index.column();
    const bool package = q.option != QLatin1String("pay-per-use");
    const QLocale l;
    if (role == MoneyRole) {
        if (auto m = money(q, c))
            return m->units();
        return QVariant();
    }
    if (role == Qt::TextAlignmentRole)
        return c == Option ? leftAligned() : rightAligned();
    if (role == Qt::ToolTipRole) {
        if (auto m = money(q, c))
            return tr("Exact: %1").arg(m->toDisplayString(l, Money::Decimals));
        return QVariant();
    }
    if (role != Qt::DisplayRole && role != SortRole)
        return QVariant();
    switch (c) {
    case Option:
        return RecommendationModel::optionName(q.option);
    case MonthlyQuota:
        return package ? l.toString(q.monthlyQuota) : QString();
    case PayPerUseCalls:
        return l.toString(q.overflowCalls);
    case BreakEven:
        return package ? cheaperRangeText(q.cheaper, l) : QString();
    default:
        if (auto m = money(q, c))
            return m->toDisplayString(l, 2);
        return QString();
    }
}

QVariant QuoteModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case Option:
        return tr("Option");
    case PackagePrice:
        return tr("Package price, 1 year (%1)").arg(m_currency);
    case MonthlyQuota:
        return tr("Quota a month");
    case PayPerUseCalls:
        return tr("Calls pay-per-use");
    case MonthlyCost:
        return tr("Monthly cost (%1)").arg(m_currency);
    case BreakEven:
        return tr("Cheaper than pay-per-use");
    default:
        return QVariant();
    }
}

TierModel::TierModel(QObject *parent) : QAbstractTableModel(parent) {}

void TierModel::setTiers(std::vector<TierLine> tiers, const QString &currency)
{
    beginResetModel();
    m_tiers = std::move(tiers);
    m_currency = currency;
    endResetModel();
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

int TierModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_tiers.size());
}

int TierModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TierModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const TierLine &t = m_tiers[size_t(index.row())];
    const QLocale l;
    const int c = index.column();
    if (role == MoneyRole)
        return c == PricePer1000 ? QVariant(t.pricePer1000.units())
               : c == Amount     ? QVariant(t.amount.units())
                                 : QVariant();
    if (role == Qt::TextAlignmentRole)
        return rightAligned();
    if (role != Qt::DisplayRole)
        return QVariant();
    switch (c) {
    case Tier:
        return QString::number(t.tier + 1);
    case FirstCall:
        return l.toString(t.firstCall);
    case Calls:
        return l.toString(t.calls);
    case PricePer1000:
        return t.pricePer1000.toDisplayString(l, 2);
    case Amount:
        return t.amount.toDisplayString(l, 2);
    default:
        return QVariant();
    }
}

QVariant TierModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case Tier:
        return tr("Tier");
    case FirstCall:
        return tr("From call");
    case Calls:
        return tr("Calls");
    case PricePer1000:
        return tr("Price per 1,000 (%1)").arg(m_currency);
    case Amount:
        return tr("Amount (%1)").arg(m_currency);
    default:
        return QVariant();
    }
}

} // namespace billing::ui
