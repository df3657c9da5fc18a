#include "bills/billtablemodel.h"

#include "bills/recordtablemodel.h"
#include "widgets/itemroles.h"

#include <QFont>
#include <QLocale>

#include <algorithm>
#include <iterator>
#include <limits>

namespace billing::ui {

BillTableModel::BillTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void BillTableModel::setComparison(BillComparison comparison, const AccountDisplay &display)
{
    const bool currencyChanged = display.currency != m_display.currency;
    beginResetModel();
    m_comparison = std::move(comparison);
    m_display = display;
    endResetModel();
    if (currencyChanged)
        emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

bool BillTableModel::isMoneyColumn(int column)
{
    return std::find(std::begin(MoneyColumns), std::end(MoneyColumns), column) != std::end(MoneyColumns);
}

Money BillTableModel::amount(const ComparedLine &l, int column)
{
    switch (column) {
    case Fee:
        return l.line.fee;
    case RoundedOff:
        return l.line.roundedOff;
    case Charged:
        return l.line.charged;
    case PaidCoupon:
        return l.line.paidCoupon;
    case PaidCash:
        return l.line.paidCash;
    case Arrears:
        return l.line.arrears;
    case PreviousCharged:
        return l.previousCharged;
    case Change:
        return l.change;
    default:
        return Money();
    }
}

QString BillTableModel::percentText(const std::optional<qint64> &basisPoints, const QLocale &locale)
{
    if (!basisPoints)
        return QStringLiteral("\u2014");
    const qint64 bp = *basisPoints;
    const qint64 magnitude = bp < 0 ? -bp : bp;
    const QString number = locale.toString(magnitude / 100) + locale.decimalPoint() +
                           QStringLiteral("%1").arg(magnitude % 100, 2, 10, QLatin1Char('0'));
    const QString sign = bp < 0 ? locale.negativeSign() : (bp > 0 ? locale.positiveSign() : QString());
    return tr("%1%2 %", "sign, number, percent").arg(sign, number);
}

int BillTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_comparison.lines.size());
}

int BillTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BillTableModel::display(const ComparedLine &l, int column) const
{
    const QLocale locale;
    switch (column) {
    case Api:
        return apiName(m_display, l.line.api);
    case Region:
        return regionName(m_display, l.line.region);
    case Mode:
        return l.inThisMonth ? RecordTableModel::modeName(l.line.mode)
                             : tr("%1 (previous month only)").arg(RecordTableModel::modeName(l.line.mode));
    case Calls:
        return locale.toString(l.line.calls);
    case ChangePercent:
        return percentText(l.changeBasisPoints, locale);
    default:
        return isMoneyColumn(column) ? QVariant(amount(l, column).toDisplayString(locale, 2)) : QVariant();
    }
}

QVariant BillTableModel::tooltip(const ComparedLine &l, int column) const
{
    const QLocale locale;
    if (isMoneyColumn(column))
        return tr("Exact: %1 %2")
            .arg(amount(l, column).toDisplayString(locale, Money::Decimals), m_display.currency);
    if (!l.inThisMonth)
        return tr("Only the previous month had this line");
    if (column == Api || column == Region)
        return column == Api ? l.line.api : l.line.region;
    return tr("Double-click or press Enter to list the transactions of this line");
}

QVariant BillTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const ComparedLine &l = m_comparison.lines[size_t(index.row())];
    const int c = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(l, c);
    case Qt::ToolTipRole:
        return tooltip(l, c);
    case MoneyRole:
        return isMoneyColumn(c) ? QVariant(amount(l, c).units()) : QVariant();
    case SortRole:
        if (isMoneyColumn(c))
            return amount(l, c).units();
        if (c == Calls)
            return l.line.calls;
        if (c == ChangePercent)
            return l.changeBasisPoints ? QVariant(*l.changeBasisPoints)
                                       : QVariant(std::numeric_limits<qint64>::max());
        return display(l, c);
    case Qt::TextAlignmentRole:
        return isMoneyColumn(c) || c == Calls || c == ChangePercent ? rightAligned() : leftAligned();
    case Qt::FontRole:
        if (!l.inThisMonth) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        if (c == Charged) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return QVariant();
    default:
        return QVariant();
    }
}

QVariant BillTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QVariant();
    if (role == Qt::TextAlignmentRole)
        return isMoneyColumn(section) || section == Calls || section == ChangePercent ? rightAligned()
                                                                                      : leftAligned();
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Fee:
            return tr("List amount: the exact fee, before truncation to the cent");
        case RoundedOff:
            return tr("Fee minus amount due: what truncation to the cent took off (not charged)");
        case Charged:
            return tr("Amount due: the fee truncated to the cent");
        case PreviousCharged:
            return tr("Amount due of the same API, region and mode in the previous month");
        default:
            return QVariant();
        }
    }
    if (role != Qt::DisplayRole)
        return QVariant();
    const QString &cur = m_display.currency;
    switch (section) {
    case Api:
        return tr("API");
    case Region:
        return tr("Region");
    case Mode:
        return tr("Billing\nmode");
    case Calls:
        return tr("Calls");
    case Fee:
        return tr("List amount\n(%1)").arg(cur);
    case RoundedOff:
        return tr("Rounded off\n(%1)").arg(cur);
    case Charged:
        return tr("Amount due\n(%1)").arg(cur);
    case PaidCoupon:
        return tr("Paid by coupon\n(%1)").arg(cur);
    case PaidCash:
        return tr("Paid by cash\n(%1)").arg(cur);
    case Arrears:
        return tr("Arrears\n(%1)").arg(cur);
    case PreviousCharged:
        return tr("Previous month\n(%1)").arg(cur);
    case Change:
        return tr("Change\n(%1)").arg(cur);
    case ChangePercent:
        return tr("Change\n%");
    default:
        return QVariant();
    }
}

} // namespace billing::ui
