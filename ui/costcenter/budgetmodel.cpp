#include "costcenter/budgetmodel.h"
#include "costcenter/scopeeditor.h"

#include "widgets/itemroles.h"

#include <QLocale>

namespace billing::ui {

BudgetModel::BudgetModel(QObject *parent) : QAbstractTableModel(parent) {}

QString BudgetModel::scopeText(const BudgetScope &scope) const
{
    return scope.describe([this](const QString &dimension, const QString &value) {
        return scopeValueName(m_catalog, dimension, value);
    });
}

void BudgetModel::setStatuses(std::vector<BudgetStatus> statuses, const QString &currency)
{
    beginResetModel();
    m_list = std::move(statuses);
    m_currency = currency;
    endResetModel();
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

int BudgetModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_list.size());
}

int BudgetModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

std::optional<Money> BudgetModel::money(const BudgetStatus &s, int column) const
{
    switch (column) {
    case Amount:
        return s.budget.amount;
    case Spent:
        return s.actual;
    case Forecast:
        return s.forecast.projected;
    default:
        return std::nullopt;
    }
}

QVariant BudgetModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const BudgetStatus &s = m_list[size_t(index.row())];
    const int c = index.column();
    const auto thresholds = [](const QList<int> &list) {
        QStringList parts;
        for (int t : list)
            parts << tr("%1 %").arg(t);
        return parts.join(QStringLiteral(", "));
    };
    switch (role) {
    case Qt::DisplayRole:
        switch (c) {
        case Name:
            return s.budget.name;
        case Scope:
            return scopeText(s.budget.scope);
        case ActualThresholds:
            return thresholds(s.budget.actualThresholds);
        case ForecastThresholds:
            return thresholds(s.budget.forecastThresholds);
        case SpentPercent:
            return tr("%1 %").arg(s.actualPercent);
        case ForecastPercent:
            return tr("%1 %").arg(s.forecastPercent);
        default:
            if (auto m = money(s, c))
                return m->truncatedToCents().toDisplayString(QLocale(), 2);
            return QVariant();
        }
    case MoneyRole:
        if (auto m = money(s, c))
            return m->units();
        return QVariant();
    case Qt::TextAlignmentRole:
        return c == Name || c == Scope || c == ActualThresholds || c == ForecastThresholds ? leftAligned()
                                                                                           : rightAligned();
    case Qt::ToolTipRole:
        if (c == Scope)
            return s.budget.scope.isEmpty() ? tr("Every charge of the account")
                                            : tr("Only the charges of %1").arg(scopeText(s.budget.scope));
        if (c == Forecast)
            return s.forecast.intervalKnown ? tr("Likely between %1 and %2")
                                                  .arg(s.forecast.low.toDisplayString(QLocale(), 2),
                                                       s.forecast.high.toDisplayString(QLocale(), 2))
                                            : tr("An interval needs 3 complete days of the month");
        return QVariant();
    default:
        return QVariant();
    }
}

QVariant BudgetModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case Name:
        return tr("Budget");
    case Scope:
        return tr("Scope");
    case Amount:
        return tr("Monthly amount (%1)").arg(m_currency);
    case ActualThresholds:
        return tr("Alerts on spend");
    case ForecastThresholds:
        return tr("Alerts on forecast");
    case Spent:
        return tr("Spent this month (%1)").arg(m_currency);
    case SpentPercent:
        return tr("Used");
    case Forecast:
        return tr("Month-end forecast (%1)").arg(m_currency);
    case ForecastPercent:
        return tr("Forecast used");
    default:
        return QVariant();
    }
}

} // namespace billing::ui
