#include "packages/modeoptionmodel.h"

#include "domain/types.h"
#include "widgets/format.h"
#include "widgets/itemroles.h"

#include <QFont>

namespace billing::ui {

ModeOptionModel::ModeOptionModel(QObject *parent) : QAbstractTableModel(parent) {}

void ModeOptionModel::setOptions(std::vector<billing::Quote> options, const QString &current,
                                 const QString &currency)
{
    beginResetModel();
    m_options = std::move(options);
    m_current = current;
    m_currency = currency;
    endResetModel();
}

int ModeOptionModel::cheapestRow() const
{
    int best = -1;
    for (size_t i = 0; i < m_options.size(); ++i)
        if (best < 0 || m_options[i].monthlyCost < m_options[size_t(best)].monthlyCost)
            best = int(i);
    return best;
}

int ModeOptionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_options.size());
}

int ModeOptionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ModeOptionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const billing::Quote &q = m_options[size_t(index.row())];
    const bool ppu = q.option == kModePayPerUse;
    const QLocale locale;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Option: {
            const QString name = ppu ? tr("Pay-per-use") : tr("Package %1").arg(q.option);
            return q.option == m_current ? tr("%1 (now)").arg(name) : name;
        }
        case MonthlyCost:
            return formatMoney(q.monthlyCost, 2, locale);
        case PackagePrice:
            return ppu ? QString() : formatMoney(q.packagePrice, 2, locale);
        case BreakEven:
            if (ppu)
                return QString();
            return cheaperRangeText(q.cheaper, locale);
        default:
            return QVariant();
        }
    case MoneyRole:
        if (index.column() == MonthlyCost)
            return q.monthlyCost.units();
        if (index.column() == PackagePrice && !ppu)
            return q.packagePrice.units();
        return QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == Option ? QVariant() : rightAligned();
    case Qt::FontRole:
        if (index.row() == cheapestRow()) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return QVariant();
    case Qt::ToolTipRole:
        if (index.column() == MonthlyCost && !ppu)
            return tr("A twelfth of the price, plus pay-per-use for %1 calls above the monthly share of "
                      "the quota")
                .arg(locale.toString(q.overflowCalls));
        return QVariant();
    default:
        return QVariant();
    }
}

QVariant ModeOptionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case Option:
        return tr("Option");
    case MonthlyCost:
        return tr("Cost a month (%1)").arg(m_currency);
    case PackagePrice:
        return tr("Package price (%1)").arg(m_currency);
    case BreakEven:
        return tr("Cheaper than pay-per-use");
    default:
        return QVariant();
    }
}

} // namespace billing::ui
