#include "costcenter/compositionmodel.h"

#include "costcenter/costlabels.h"
#include "widgets/itemroles.h"

#include <QLocale>

namespace billing::ui {

CompositionModel::CompositionModel(QObject *parent) : QAbstractTableModel(parent) {}

void CompositionModel::setComposition(Composition composition, const AccountDisplay &display)
{
    beginResetModel();
    m_c = std::move(composition);
    m_display = display;
    endResetModel(); // headers follow the reset (no headerDataChanged: Qt Charts' bar mapper crashes on it)
}

QString CompositionModel::key(int row) const
{
    return row >= 0 && size_t(row) < m_c.shares.size() ? m_c.shares[size_t(row)].key : QString();
}

int CompositionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_c.shares.size());
}

int CompositionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

std::optional<Money> CompositionModel::money(const CostShare &s, int column) const
{
    switch (column) {
    case Cost:
        return s.cost;
    case Previous:
        return s.previousCost;
    case Change:
        return s.change();
    default:
        return std::nullopt;
    }
}

QString CompositionModel::shareText(const CostShare &s) const
{
    if (m_c.total.units() <= 0)
        return QString();
    const double percent = double(s.cost.units()) * 100.0 / double(m_c.total.units()); // display only
    return tr("%1 %").arg(QLocale().toString(percent, 'f', 1));
}

QString CompositionModel::describe(int row) const
{
    if (row < 0 || size_t(row) >= m_c.shares.size())
        return QString();
    const CostShare &s = m_c.shares[size_t(row)];
    return tr("%1: %2 %3 (%4 of the total), %5 calls; previous period %6, change %7")
        .arg(keyName(m_display, m_c.dimension, s.key), s.cost.toDisplayString(QLocale(), 2),
             m_display.currency, shareText(s), QLocale().toString(s.calls),
             s.previousCost.toDisplayString(QLocale(), 2), s.change().toDisplayString(QLocale(), 2));
}

QVariant CompositionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const CostShare &s = m_c.shares[size_t(index.row())];
    const int c = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (c) {
        case Name:
            return keyName(m_display, m_c.dimension, s.key);
        case Calls:
            return QLocale().toString(s.calls);
        case Share:
            return shareText(s);
        case ChartCost:
            return double(s.cost.units()) / double(Money::Scale); // chart-drawing boundary
        case ChartPrevious:
            return double(s.previousCost.units()) / double(Money::Scale);
        default:
            if (auto m = money(s, c))
                return m->toDisplayString(QLocale(), 2);
            return QVariant();
        }
    case MoneyRole:
        if (auto m = money(s, c))
            return m->units();
        return QVariant();
    case SortRole:
        if (c == Name)
            return keyName(m_display, m_c.dimension, s.key);
        if (c == Calls)
            return s.calls;
        if (c == Share || c == ChartCost)
            return s.cost.units();
        if (c == ChartPrevious)
            return s.previousCost.units();
        if (auto m = money(s, c))
            return m->units();
        return QVariant();
    case KeyRole:
        return s.key;
    case Qt::TextAlignmentRole:
        return c == Name ? leftAligned() : rightAligned();
    case Qt::ToolTipRole:
        if (auto m = money(s, c))
            return tr("Exact: %1").arg(m->toDisplayString(QLocale(), Money::Decimals));
        return describe(index.row());
    default:
        return QVariant();
    }
}

QVariant CompositionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QVariant();
    if (role == Qt::TextAlignmentRole)
        return section == Name ? leftAligned() : rightAligned();
    if (role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case Name:
        return dimensionName(m_c.dimension.isEmpty() ? QStringLiteral("api") : m_c.dimension);
    case Calls:
        return tr("Calls");
    case Cost:
        return tr("Cost (%1)").arg(m_display.currency);
    case Share:
        return tr("Share");
    case Previous:
        return tr("Previous period (%1)").arg(m_display.currency);
    case Change:
        return tr("Change (%1)").arg(m_display.currency);
    case ChartCost:
        return tr("Cost");
    case ChartPrevious:
        return tr("Previous period");
    default:
        return QVariant();
    }
}

} // namespace billing::ui
